// `npm run bench:ack`: ack latency and throughput of the real bot against a bare Bolt app, cold
// start to ready, RSS after 1,000 logged sessions, and an admin's `/mentor status` at 1, 4 and 50
// in flight, on PostgreSQL and on PGlite. It prints figures and which targets were met; it
// asserts nothing.
//
//   --seconds N              measured window per load (default 20)
//   --warmup N               warm-up before each window, not measured (default 2)
//   --concurrency N          requests in flight (default 50)
//   --db pglite|postgres|both                      (default both)
//   --sessions N             sessions logged for the RSS figure (default 1000)
//   --session-concurrency N  (default 10)
//   --parts 1,2,3,4          which parts to run (3 needs the reopened process of 2)
//   --status-in-flight 1,4,50  part 4: admin `/mentor status` requests in flight, one load each
//   --status-seconds N       part 4: measured window per load (default 10)
//   --status-sessions N      part 4: sessions logged before measuring (default 200)
//   --pg-url URL             server to create the bench databases on
//   --profile DIR            CPU-profile the bot's thread over each window: save it in DIR, print a breakdown
import { execFileSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { Cleanup, createDatabase, serverVersion, tempDir } from './lib/databases.ts';
import { ROOT } from './lib/child.ts';
import { FakeSlackThread } from './lib/fake-host.ts';
import { breakdown, saveProfile } from './lib/profile.ts';
import { runAdminStatusLoads, runBareLoad, runBotLoad, type AckRun, type AdminStatusRun } from './lib/scenario.ts';
import { runChild, startFloors, type ChildFigures } from './lib/startup.ts';
import { LOAD_HEADER, loadRows, mb, ms, pct, secs, summarize, table } from './lib/stats.ts';
import type { InteractionCost } from './lib/probe.ts';
import { KIND_LABEL, KINDS, PEOPLE } from './lib/workload.ts';

const { values: flags } = parseArgs({
  options: {
    seconds: { type: 'string', default: '20' },
    warmup: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '50' },
    db: { type: 'string', default: 'both' },
    sessions: { type: 'string', default: '1000' },
    'session-concurrency': { type: 'string', default: '10' },
    parts: { type: 'string', default: '1,2,3,4' },
    'status-in-flight': { type: 'string', default: '1,4,50' },
    'status-seconds': { type: 'string', default: '10' },
    'status-sessions': { type: 'string', default: '200' },
    'pg-url': { type: 'string', default: 'postgres://postgres@127.0.0.1:5432/test' },
    profile: { type: 'string' },
  },
});
const num = (name: keyof typeof flags) => {
  const n = Number(flags[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return n;
};
const load = { seconds: num('seconds'), warmupSeconds: num('warmup'), concurrency: num('concurrency') };
const sessions = { count: num('sessions'), concurrency: num('session-concurrency') };
const parts = new Set(String(flags.parts).split(',').map((p) => p.trim()));
const statusLoad = {
  seconds: num('status-seconds'),
  warmupSeconds: num('warmup'),
  sessions: num('status-sessions'),
  concurrencies: String(flags['status-in-flight']).split(',').map((n) => {
    const c = Number(n);
    if (!Number.isInteger(c) || c < 1) throw new Error('--status-in-flight must list whole numbers, e.g. 1,4,50');
    return c;
  }),
};
type DbKind = 'postgres' | 'pglite';
if (!['both', 'postgres', 'pglite'].includes(String(flags.db))) throw new Error('--db must be pglite, postgres or both');
const dbs: DbKind[] = flags.db === 'both' ? ['postgres', 'pglite'] : [flags.db as DbKind];
const pgUrl = String(flags['pg-url']);
const DB_NAME = { postgres: 'PostgreSQL', pglite: 'PGlite' } as const;

interface Target {
  what: string;
  met: boolean;
  figure: string;
}
const targets: Target[] = [];
const target = (what: string, met: boolean, figure: string) => {
  targets.push({ what, met, figure });
  return `${figure}  (target ${what.replace(/^\S+ /, '')}: ${met ? 'met' : 'NOT MET'})`;
};

function printCosts(fresh: InteractionCost[], after: InteractionCost[], sessions: number): void {
  console.log(`  one interaction at a time (median ack of 5; queries and Web API calls per interaction), fresh and after the load's ${sessions} sessions:`);
  const pairs = fresh.flatMap((c, i) => [{ c, when: 'fresh' }, ...(after[i] ? [{ c: after[i]!, when: `after ${sessions}` }] : [])]);
  const rows = pairs.map(({ c, when }) => [
    `  ${KIND_LABEL[c.kind]}, ${when}`,
    ms(c.ackMs),
    c.queriesBeforeAck.toFixed(0),
    c.queriesAfterAck.toFixed(0),
    Object.entries(c.webApi).map(([m, n]) => `${m} ×${n}`).join(', ') || '-',
  ]);
  console.log(table(['', 'ack ms', 'queries before ack', 'after ack', 'Web API calls'], rows));
}

function printQueries(queries: Map<string, { n: number; ms: number }>, flows: number, per = 'per log flow'): void {
  const rows = [...queries].sort((a, b) => b[1].ms - a[1].ms).slice(0, 12).map(([k, v]) => [`  ${k}`, String(v.n), (v.n / flows).toFixed(1), ms(v.ms / v.n)]);
  console.log('  queries under load (time = queued for a pool connection + run + read):');
  console.log(table(['', 'count', per, 'avg ms'], rows));
}

function printAck(db: DbKind, bot: AckRun & { costs: InteractionCost[]; costsAfter: InteractionCost[]; sessionsLogged: number }, bare: AckRun): void {
  const name = DB_NAME[db];
  console.log(`\n1. Acks: ${load.concurrency} in flight, ${load.seconds} s window after ${load.warmupSeconds} s warm-up; same signed requests, same fake Slack`);
  printCosts(bot.costs, bot.costsAfter, bot.sessionsLogged);
  console.log(table(LOAD_HEADER, [...loadRows('bot', bot.result), ...loadRows('bare Bolt', bare.result)]));
  const botAll = summarize(bot.result);
  const bareAll = summarize(bare.result);
  const ratio = botAll.rps / bareAll.rps;
  console.log(`  throughput bot/bare: ${target(`${name} throughput ≥ 70% of bare Bolt`, ratio >= 0.7, pct(ratio))}`);
  const p99Met = botAll.p99 < 200;
  if (db === 'postgres') console.log(`  bot p99: ${target(`${name} p99 ack < 200 ms`, p99Met, `${ms(botAll.p99)} ms`)}`);
  else console.log(`  bot p99: ${ms(botAll.p99)} ms  (the 200 ms target is for PostgreSQL; ${p99Met ? 'under' : 'over'} it here)`);
  const perLog = bot.result.kinds.log_command.ok || 1;
  const calls = Object.entries(bot.fake.byMethod).sort((a, b) => b[1] - a[1]).map(([m, n]) => `${m} ${n}`).join(', ');
  console.log(`  Web API calls by the bot in the window: ${calls || 'none'} (${(bot.fake.total / perLog).toFixed(1)} per log flow; failed ${bot.fake.failed}, payload-limit violations ${bot.fake.violations})`);
  const cpu = (r: AckRun) =>
    `machine ${pct(r.cpu.machine)} of ${r.cpu.cores} cores = bench process ${r.cpu.self.toFixed(2)} + postgres ${r.cpu.postgres.toFixed(2)} + other processes ${Math.max(0, r.cpu.machine * r.cpu.cores - r.cpu.self - r.cpu.postgres).toFixed(2)} cores; event loops: server ${pct(r.serverElu)}, load generator ${pct(r.result.elu)}, fake Slack ${pct(r.fake.elu)}`;
  console.log(`  CPU, bot:  ${cpu(bot)}`);
  console.log(`  CPU, bare: ${cpu(bare)}`);
  const perRequest = (r: AckRun) => (1000 * r.cpu.mainThreadSeconds) / Math.max(1, summarize(r.result).requests);
  const [botCpu, bareCpu] = [perRequest(bot), perRequest(bare)];
  console.log(
    `  server thread CPU per request: bot ${ms(botCpu)} ms, bare ${ms(bareCpu)} ms (server thread busy ${bot.cpu.mainThread.toFixed(2)} / ${bare.cpu.mainThread.toFixed(2)} cores);` +
      ` on a core of its own that allows ≈ ${(1000 / botCpu).toFixed(0)} vs ${(1000 / bareCpu).toFixed(0)} req/s (${pct(bareCpu / botCpu)})`,
  );
  console.log(`  after the load: after-ack work reached Slack for another ${secs(bot.drainMs ?? NaN)}; bot.stop() took ${secs(bot.stopMs ?? NaN)}`);
  if (bot.queries) printQueries(bot.queries, perLog);
  const bad = KINDS.map((k) => bot.result.kinds[k]).find((k) => k.badBodySample);
  if (bad) console.log(`  an unexpected ack body: ${bad.badBodySample}`);
}

function printAdminStatus(db: DbKind, run: AdminStatusRun): void {
  const name = DB_NAME[db];
  const c = run.cost;
  console.log(`\n4. Admin /mentor status only (pair cards and program health; ${run.sessionsLogged} sessions logged), ${statusLoad.seconds} s window after ${statusLoad.warmupSeconds} s warm-up per load, bare Bolt measured just before each`);
  console.log(`  one at a time: ack ${ms(c.ackMs)} ms (median of 5), ${c.queriesBeforeAck.toFixed(0)} queries before the ack, ${c.queriesAfterAck.toFixed(0)} after`);
  // CPU time of the server's thread per request: less at the mercy of other processes than req/s.
  const cpuPerRequest = (r: AckRun) => (1000 * r.cpu.mainThreadSeconds) / Math.max(1, summarize(r.result).requests);
  const rows = run.loads.flatMap((l) => {
    const [bot, bare] = [summarize(l.bot.result), summarize(l.bare.result)];
    const failures = (s: typeof bot) => (s.failures === 0 ? '0' : `${s.failures} (${Object.entries(s.failureKinds).map(([k, n]) => `${k}: ${n}`).join(', ')})`);
    const [botCpu, bareCpu] = [cpuPerRequest(l.bot), cpuPerRequest(l.bare)];
    return [
      [`  ${l.concurrency} in flight: bot`, String(bot.requests), bot.rps.toFixed(0), ms(bot.p50), ms(bot.p90), ms(bot.p99), ms(bot.max), failures(bot), String(bot.badBodies), pct(bot.rps / bare.rps), ms(botCpu), pct(bareCpu / botCpu)],
      [`  ${l.concurrency} in flight: bare Bolt`, String(bare.requests), bare.rps.toFixed(0), ms(bare.p50), ms(bare.p90), ms(bare.p99), ms(bare.max), failures(bare), '-', '', ms(bareCpu), ''],
    ];
  });
  console.log(table([...LOAD_HEADER, 'bot/bare', 'CPU ms/req', 'bare/bot CPU'], rows));
  console.log(`  (CPU ms/req: the server thread's CPU time per request; bare/bot CPU: the throughput share the bot would reach on a core of its own)`);
  for (const l of run.loads) {
    const [bot, bare] = [summarize(l.bot.result), summarize(l.bare.result)];
    const ratio = bot.rps / bare.rps;
    if (l.concurrency === 50) {
      console.log(`  50 in flight, throughput bot/bare: ${target(`${name} admin status at 50 in flight ≥ 30% of bare Bolt's throughput`, ratio >= 0.3, pct(ratio))}`);
      console.log(`  50 in flight, bot p99: ${target(`${name} admin status at 50 in flight p99 < 250 ms`, bot.p99 < 250, `${ms(bot.p99)} ms`)}`);
    }
    if (l.concurrency === 1) console.log(`  1 in flight, bot p99: ${target(`${name} admin status at 1 in flight p99 < 10 ms`, bot.p99 < 10, `${ms(bot.p99)} ms`)}`);
    const bad = l.bot.result.kinds.admin_status.badBodySample;
    if (bad) console.log(`  an unexpected ack body at ${l.concurrency} in flight: ${bad}`);
  }
}

function printChild(db: DbKind, c: ChildFigures): void {
  const name = DB_NAME[db];
  const exit = (e: ChildFigures['first']['exit']) => `SIGTERM → exit ${e.code ?? e.signal} in ${ms(e.ms)} ms`;
  const ready = (s: ChildFigures['first']) => `${secs(s.readyMs)} to /healthz 200 (ready log line at ${s.readyLogMs === undefined ? '?' : secs(s.readyLogMs)})`;
  console.log(`\n2. Cold start, node dist/main.js as npm start runs it (LOG_LEVEL=info)`);
  console.log(`  first start (create + migrate): ${ready(c.first)}; ${exit(c.first.exit)}`);
  console.log(`  reopen (already migrated):      ${target(`${name} reopen to ready < 2 s`, c.reopen.readyMs < 2000, ready(c.reopen))}`);
  targets.push({ what: `${name} exits 0 on SIGTERM`, met: c.first.exit.code === 0 && c.reopen.exit.code === 0, figure: `first: ${c.first.exit.code ?? c.first.exit.signal}, reopened: ${c.reopen.exit.code ?? c.reopen.exit.signal}` });
  console.log(`  reopened process: ${exit(c.reopen.exit)}`);
  const s = c.sessions;
  if (!s) return;
  const all = summarize(s.result);
  console.log(`\n3. Memory after ${s.count} sessions (reopened process, ${s.concurrency} in flight)`);
  console.log(`  ${all.requests} submissions in ${secs(s.wallMs)} (${(all.requests / (s.wallMs / 1000)).toFixed(0)}/s), p50 ${ms(all.p50)} ms, p99 ${ms(all.p99)} ms, failures ${all.failures}, bad acks ${all.badBodies}; after-ack work for another ${secs(s.drainMs)}`);
  const limitMb = db === 'pglite' ? 450 : 150;
  console.log(`  RSS idle after reopen ${mb(s.idle.rssKb)}; after the sessions ${target(`${name} RSS after ${s.count} sessions < ${limitMb} MB`, s.after.rssKb / 1024 < limitMb, mb(s.after.rssKb))}`);
  console.log(`  along the way (sessions: RSS, submissions/s): ${s.series.map((p) => `${p.sessions}: ${mb(p.rssKb)}, ${p.perSecond.toFixed(0)}/s`).join(' · ')}; peak RSS (VmHWM) ${mb(s.after.peakKb)}`);
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  let interrupted = false;
  const onSignal = () => {
    interrupted = true;
    console.error('\ninterrupted: cleaning up…');
    void cleanup.runAll().finally(() => process.exit(130));
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    console.log(`mentor bot ack bench · node ${process.version} · ${cpus().length} × ${cpus()[0]?.model.trim()} · load average ${loadavg()[0]!.toFixed(1)} · parts ${[...parts].join(',')}`);
    console.log('part 1: the server under test on the main thread; the fake Slack and the load generator on worker threads');
    const fake = await FakeSlackThread.start();
    cleanup.add('close the fake Slack', () => fake.close());
    for (const person of Object.values(PEOPLE)) await fake.addUser(person);
    if (dbs.includes('postgres')) console.log(`PostgreSQL ${await serverVersion(pgUrl)} at ${pgUrl.replace(/\/\/[^@]*@/, '//')}`);

    let bare: AckRun | undefined;
    if (parts.has('1')) {
      console.log(`\nbare Bolt app: ${load.seconds + load.warmupSeconds} s of load…`);
      bare = await runBareLoad(fake, load);
    }
    if (parts.has('2') || parts.has('3')) {
      // What `npm start` runs: build the bundle first, then time node dist/main.js.
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, stdio: 'inherit' });
      console.log('start-up and memory floors (spawn → exit; RSS at the end):');
      console.log(table(['', 'time', 'RSS'], (await startFloors()).map((f) => [`  ${f.what}`, secs(f.ms), mb(f.rssKb)])));
    }

    for (const db of dbs) {
      const tag = `${process.pid}`;
      const where = async (suffix: string) =>
        db === 'postgres' ? { url: await createDatabase(pgUrl, `mentor_bench_${tag}${suffix}`, cleanup) } : { dataDir: await tempDir(`mentor-bench-${suffix ? suffix.slice(1) : 'ack'}-`, cleanup) };
      console.log(`\n== ${DB_NAME[db]} ${'='.repeat(60)}`);
      if (parts.has('1')) {
        const bot = await runBotLoad(await where(''), fake, { ...load, profile: flags.profile !== undefined });
        printAck(db, bot, bare!);
        if (bot.profile && flags.profile) {
          console.log(`  CPU profile of the bot's thread: ${await saveProfile(flags.profile, `bot-${db}`, bot.profile)}`);
          console.log(breakdown(bot.profile));
        }
      }
      if (parts.has('4')) {
        const run = await runAdminStatusLoads(await where('_status'), fake, { ...statusLoad, profile: flags.profile !== undefined });
        printAdminStatus(db, run);
        const busiest = run.loads.find((l) => l.bot.profile);
        if (busiest?.bot.profile && flags.profile) {
          if (busiest.bot.queries) printQueries(busiest.bot.queries, summarize(busiest.bot.result).requests, 'per request');
          console.log(`  CPU profile of the bot's thread at ${busiest.concurrency} in flight: ${await saveProfile(flags.profile, `admin-status-${db}`, busiest.bot.profile)}`);
          console.log(breakdown(busiest.bot.profile));
        }
      }
      if (parts.has('2') || parts.has('3')) {
        const child = await runChild(await where('_start'), fake, cleanup, parts.has('3') ? sessions : undefined);
        printChild(db, child);
      }
    }

    console.log(`\n== Targets ${'='.repeat(60)}`);
    for (const t of targets) console.log(`  ${t.met ? '[met]    ' : '[NOT MET]'} ${t.what}: ${t.figure}`);
    console.log(`  ${targets.filter((t) => t.met).length} of ${targets.length} met`);
  } catch (error) {
    if (!interrupted) throw error;
  } finally {
    await cleanup.runAll();
  }
}

await main();
