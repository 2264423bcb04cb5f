// npm run bench:sweep [-- --db pglite|postgres|both --pairs 100000 --programs 20 --dms 1600]
// Generates a large workspace (the pairs spread over `--programs` programs with their own cadences,
// working hours and survey settings), times one full sweep's decide phase against the floor (one
// indexed SELECT of the due rows) beside the same pairs in one program, checks how the time grows
// when the pairs double with the same number of due items, and delivers DMs to the fake Slack
// counting Web API calls per DM.
import { PGlite } from '@electric-sql/pglite';
import { WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { allPrograms, insertNudges } from '../src/db/repositories/scheduler-repository.ts';
import { createLogger } from '../src/logger.ts';
import { bundleProgram } from '../src/scheduler/bundle.ts';
import { decideProgram, workspaceFacts } from '../src/scheduler/decide.ts';
import { sendDeliveries } from '../src/scheduler/send.ts';
import { createServices } from '../src/services/index.ts';
import { MemberDirectory } from '../src/services/member-directory.ts';
import { slackOutbox } from '../src/slack/delivery-port.ts';
import { nudgeComposer } from '../src/slack/nudge-composer.ts';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { Cleanup, createDatabase, tempDir } from './lib/databases.ts';
import { counted, QueryCounter } from './lib/probe.ts';
import { secs, table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    pairs: { type: 'string', default: '100000' },
    programs: { type: 'string', default: '20' },
    dms: { type: 'string', default: '1600' },
    runs: { type: 'string', default: '3' },
    'admin-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const PAIRS = Number(args.pairs);
const PROGRAMS = Math.max(1, Number(args.programs));
const DMS = Number(args.dms);
const RUNS = Math.max(1, Number(args.runs));
const NOW = new Date('2026-11-25T12:00:00Z'); // a Wednesday, inside 09:00–17:00 UTC
const TODAY = '2026-11-25';
const logger = createLogger('silent');
const load = () => loadavg().map((l) => l.toFixed(2)).join(' ');

/**
 * The programs' settings, taken in turn: the first is the defaults (the one-program run), the
 * others differ in cadence, grace, working hours and days (a few closed at NOW, so their nudges
 * wait for a later window) and survey settings, so every per-program query does its own work.
 */
const VARIANTS = [
  { cadence: 14, grace: 3, start: 540, end: 1020, days: '{1,2,3,4,5}', pulse: true, pulseDays: '{30,90}', exit: true, stick: true, impact: true },
  { cadence: 7, grace: 2, start: 480, end: 960, days: '{1,2,3,4,5}', pulse: true, pulseDays: '{14,60}', exit: true, stick: false, impact: true },
  { cadence: 21, grace: 5, start: 600, end: 1080, days: '{1,2,3,4}', pulse: false, pulseDays: '{30,90}', exit: true, stick: true, impact: false },
  { cadence: 28, grace: 3, start: 780, end: 1260, days: '{1,2,3,4,5}', pulse: true, pulseDays: '{7,30,90,180}', exit: false, stick: true, impact: true },
  { cadence: 14, grace: 4, start: 420, end: 900, days: '{1,2,4,5}', pulse: true, pulseDays: '{30}', exit: true, stick: true, impact: false },
];

/**
 * Seeds `pairs` pairs over `programs` programs of one workspace, with 10 sessions and 5 advice
 * items each; `dueAdvice` advice items and `stalledPairs` pairs are due whatever the size. One pair
 * in 100 started recently (pulse checks), one in 200 ended in the last four months (exit surveys,
 * "did it stick"), one in 50 was given its advice last month (the monthly advice impact).
 */
async function seed(handle: DatabaseHandle, pairs: number, programs: number, dueAdvice: number, stalledPairs: number): Promise<void> {
  // One transaction without the bot's statement timeout: on a busy machine a million sessions take longer than a bot's statement may.
  await handle.db.transaction().execute(async (db) => {
  await sql`set local statement_timeout = 0`.execute(db);
  for (let k = 0; k < programs; k++) {
    const v = VARIANTS[k % VARIANTS.length]!;
    await sql`
      insert into programs (team_id, name, is_default, cadence_days, grace_days, work_start_minute, work_end_minute, work_days,
        pulse_enabled, pulse_days, exit_survey_enabled, did_it_stick_enabled, advice_impact_enabled)
      values ('T1', ${`Bench ${k + 1}`}, ${k === 0}, ${v.cadence}, ${v.grace}, ${v.start}, ${v.end}, ${v.days}::smallint[],
        ${v.pulse}, ${v.pulseDays}::int[], ${v.exit}, ${v.stick}, ${v.impact})`.execute(db);
  }
  await sql`
    insert into members (team_id, user_id, tz, real_name, profile_refreshed_at)
    select 'T1', 'U' || lpad(i::text, 8, '0'), 'UTC', 'Person ' || i, ${NOW}::timestamptz from generate_series(1, ${pairs * 2}::int) i`.execute(db);
  // Every pair met recently, except `stalledPairs` of them; pair i is in program i mod `programs`, and
  // what is due is chosen by i / `programs`, so each program gets its share.
  const stallEvery = Math.max(1, Math.floor(pairs / Math.max(1, stalledPairs)));
  await sql`
    with pr as (select id, cadence_days, (row_number() over (order by id) - 1)::int as k from programs)
    insert into pairs (team_id, program_id, mentor_id, mentee_id, cadence_days, started_at, rhythm_anchor_on, last_session_on, review_on, status, ended_at, created_by)
    select 'T1', pr.id, 'U' || lpad((2 * i - 1)::text, 8, '0'), 'U' || lpad((2 * i)::text, 8, '0'), pr.cadence_days,
      case when (i / ${programs}::int) % 100 = 7 then ${NOW}::timestamptz - make_interval(days => 5 + i % 190) else timestamptz '2026-06-01T10:00:00Z' end,
      case when (i / ${programs}::int) % ${stallEvery}::int = 0 then date '2026-10-01' else date '2026-11-20' end,
      case when (i / ${programs}::int) % ${stallEvery}::int = 0 then date '2026-10-01' else date '2026-11-20' end,
      date '2027-06-01',
      case when (i / ${programs}::int) % 200 = 11 then 'ended' else 'active' end,
      case when (i / ${programs}::int) % 200 = 11 then ${NOW}::timestamptz - make_interval(days => 1 + i % 120) end,
      'UADMIN'
    from generate_series(1, ${pairs}::int) i join pr on pr.k = i % ${programs}::int`.execute(db);
  await sql`
    insert into sessions (team_id, pair_id, held_on, minutes, topics, notes, usefulness, logged_by)
    select 'T1', p.id, date '2026-11-20' - (s * 14), 60, 'topics', 'private notes', 4, p.mentee_id
    from pairs p, generate_series(0, 9) s`.execute(db);
  // Five advice items per pair on a recent session (October's for one pair in 50); `dueAdvice` of them are open and past follow-up.
  await sql`
    insert into advice_items (team_id, pair_id, session_id, text, follow_up_on, outcome, closed_at, created_at)
    select 'T1', s.pair_id, s.id, 'advice ' || a,
      case when ((s.pair_id / ${programs}::int) * 5 + a) % ${Math.max(1, Math.floor((pairs * 5) / dueAdvice))}::int = 0 then date '2026-11-24' else date '2026-12-20' end,
      'open', null, s.held_on + time '10:00'
    from sessions s, generate_series(0, 4) a
    where s.held_on = case when (s.pair_id / ${programs}::int) % 50 = 3 then date '2026-10-23' else date '2026-11-20' end`.execute(db);
  });
  await handle.db.transaction().execute(async (db) => {
    await sql`set local statement_timeout = 0`.execute(db);
    await sql`analyze`.execute(db);
  });
}

/** The floor: one indexed SELECT of every due row (stalled pairs, due advice, overdue goals, reviews). */
async function floor(handle: DatabaseHandle): Promise<{ ms: number; rows: number }> {
  const started = performance.now();
  const result = await sql<{ id: number }>`
    select id from pairs where status = 'active' and rhythm_anchor_on + cadence_days <= ${TODAY}::date - 3
    union all select id from advice_items where outcome = 'open' and follow_up_on <= ${TODAY}::date
    union all select id from goals where status = 'open' and target_date < ${TODAY}::date
    union all select id from pairs where status = 'active' and review_on <= ${TODAY}::date`.execute(handle.db);
  return { ms: performance.now() - started, rows: result.rows.length };
}

interface Decided {
  /** The decide phase of one sweep: every program decided and its nudges written. */
  ms: number;
  decided: number;
  /** Per program, deciding and writing. */
  perProgramMs: number[];
  statements: number;
}

async function decide(handle: DatabaseHandle): Promise<Decided> {
  const counter = new QueryCounter();
  const db = counted(handle, counter).db;
  const started = performance.now();
  let decided = 0;
  const perProgramMs: number[] = [];
  const programs = await allPrograms(db);
  counter.enabled = true;
  // As runSweep does: what the workspace's programs share is read once.
  const facts = await workspaceFacts(db, 'T1', NOW);
  for (const program of programs) {
    const at = performance.now();
    const decisions = await decideProgram(db, program, NOW, facts);
    decided += await insertNudges(db, decisions.map(({ why: _why, detail, ...n }) => ({ ...n, detail: JSON.stringify(detail) })));
    perProgramMs.push(performance.now() - at);
  }
  return { ms: performance.now() - started, decided, perProgramMs, statements: counter.count + 1 };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length % 2 ? sorted[(sorted.length - 1) / 2]! : (sorted[sorted.length / 2 - 1]! + sorted[sorted.length / 2]!) / 2;
};
const perProgram = (d: Decided) => `${median(d.perProgramMs).toFixed(0)} / ${Math.max(...d.perProgramMs).toFixed(0)} ms`;

async function measure(open: () => Promise<DatabaseHandle>, pairs: number, programs: number) {
  const handle = await open();
  try {
    await migrateToLatest(handle);
    const seeding = performance.now();
    // The same due items at every size: 5,000 advice items and PAIRS/200 stalled pairs.
    await seed(handle, pairs, programs, 5_000, Math.round(PAIRS / 200));
    const seedMs = performance.now() - seeding;
    await floor(handle); // warm the cache the same way for both
    const floors = [await floor(handle), await floor(handle), await floor(handle)];
    const floorMs = Math.min(...floors.map((f) => f.ms));
    // The first sweep decides everything; the time that matters is a sweep deciding from scratch.
    // On a shared machine it is taken `--runs` times (the nudges deleted in between): the fastest and the median.
    const loadBefore = load();
    const firsts: Decided[] = [];
    let second: Decided | undefined;
    for (let run = 0; run < RUNS; run++) {
      if (run > 0) await handle.db.deleteFrom('nudges').execute();
      firsts.push(await decide(handle));
      second ??= await decide(handle); // nothing new: the steady state every 15 minutes
    }
    const first = firsts.reduce((best, d) => (d.ms < best.ms ? d : best));
    const firstMedianMs = median(firsts.map((d) => d.ms));
    return { seedMs, floorMs, floorRows: floors[0]!.rows, first, firstMedianMs, second: second!, load: `${loadBefore} → ${load()}`, handle };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/** DMs to `--dms` people, their nudges spread over the programs; each program bundles its own, then the outbox sends. */
async function deliver(handle: DatabaseHandle, fake: FakeSlack): Promise<{ ms: number; sent: number; deferred: number; calls: number }> {
  const db = handle.db;
  await db.deleteFrom('nudges').execute();
  await db.deleteFrom('deliveries').execute();
  const programs = await allPrograms(db);
  const recipients = await db.selectFrom('members').select('user_id').orderBy('user_id').limit(DMS).execute();
  await insertNudges(
    db,
    recipients.map((r, i) => ({
      team_id: 'T1', program_id: programs[i % programs.length]!.id, rule: 'close_loop' as const, subject: `bench:${i}`, period: '1', recipient_id: r.user_id, pair_id: null,
      detail: JSON.stringify({ adviceId: i + 1, text: 'Try the thing', mentorId: 'UMENTOR', reminder: false }), due_at: NOW, deliver_after: NOW,
    })),
  );
  const clock = { now: () => NOW };
  const directory = new MemberDirectory(db, clock, async () => undefined);
  const services = createServices(db, clock, directory);
  const composer = nudgeComposer(services.digest, services.nudgeMessages, services.cohortEnd);
  const client = new WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  fake.reset();
  const started = performance.now();
  let deferred = 0;
  for (const program of programs) deferred += (await bundleProgram(db, program, NOW, directory, composer)).deferred;
  const result = await sendDeliveries(db, slackOutbox(client), NOW, logger, { teamId: 'T1' });
  const ms = performance.now() - started;
  const calls = fake.calls.filter((c) => c.method !== 'auth.test').length;
  return { ms, sent: result.sent, deferred, calls };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const fake = await FakeSlack.start();
  cleanup.add('fake Slack', () => fake.close());
  const kinds = args.db === 'both' ? ['postgres', 'pglite'] : [args.db!];
  const rows: string[][] = [];
  const verdicts: string[] = [];
  console.log(`${cpus().length} cores, load average ${load()}`);
  try {
    for (const kind of kinds) {
      const open = async (label: string): Promise<DatabaseHandle> => {
        if (kind === 'postgres') return openPostgres(await createDatabase(args['admin-url']!, `mentor_bench_sweep_${process.pid}_${label}`, cleanup));
        const dir = await tempDir(`mentor-bench-${label}-`, cleanup);
        return openPglite(await PGlite.create(dir));
      };
      const row = (label: string, programs: number, m: Awaited<ReturnType<typeof measure>>) => [
        kind, label, `${programs}`, secs(m.seedMs), `${m.floorRows}`, `${m.floorMs.toFixed(0)} ms`, `${m.first.decided}`, `${secs(m.first.ms)} / ${secs(m.firstMedianMs)}`, perProgram(m.first),
        `${m.first.statements}`, `${(m.first.ms / m.floorMs).toFixed(1)}×`, secs(m.second.ms), `${m.second.statements}`, m.load,
      ];
      // The same pairs in one program, for comparison.
      if (PROGRAMS > 1) {
        console.log(`\n${kind}: seeding ${PAIRS.toLocaleString()} pairs in 1 program…`);
        const single = await measure(() => open('one'), PAIRS, 1);
        await single.handle.close();
        rows.push(row(`${PAIRS / 1000}k pairs`, 1, single));
      }
      console.log(`\n${kind}: seeding ${PAIRS.toLocaleString()} pairs in ${PROGRAMS} programs, ${(PAIRS * 10).toLocaleString()} sessions, ${(PAIRS * 5).toLocaleString()} advice items (5,000 due)…`);
      const base = await measure(() => open('base'), PAIRS, PROGRAMS);
      rows.push(row(`${PAIRS / 1000}k pairs`, PROGRAMS, base));
      const dms = await deliver(base.handle, fake);
      await base.handle.close();
      console.log(`${kind}: seeding ${(PAIRS * 2).toLocaleString()} pairs in ${PROGRAMS} programs (same due items)…`);
      const doubled = await measure(() => open('double'), PAIRS * 2, PROGRAMS);
      await doubled.handle.close();
      rows.push(row(`${(PAIRS * 2) / 1000}k pairs`, PROGRAMS, doubled));
      const growth = doubled.first.ms / base.first.ms;
      verdicts.push(
        `${kind}: sweep of ${PROGRAMS} programs ${secs(base.first.ms)} (target < 2 s on PostgreSQL): ${kind === 'postgres' ? (base.first.ms < 2000 ? 'met' : 'NOT met') : 'n/a'}`,
        `${kind}: sweep / floor ${(base.first.ms / base.floorMs).toFixed(1)}× (target ≤ 3×): ${base.first.ms <= 3 * base.floorMs ? 'met' : 'NOT met'}`,
        `${kind}: doubling the pairs costs ${growth.toFixed(2)}× (target < 1.5×): ${growth < 1.5 ? 'met' : 'NOT met'}`,
        `${kind}: ${dms.sent} DMs delivered in ${secs(dms.ms)} (${(dms.sent / (dms.ms / 1000)).toFixed(0)} DMs/s; ${dms.deferred} nudges wait for their program's working hours), ${(dms.calls / Math.max(1, dms.sent)).toFixed(2)} Web API calls per DM (target 1): ${dms.calls === dms.sent ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`\n${table(['db', 'size', 'programs', 'seed', 'due rows', 'floor', 'decided', `sweep (decide): best / median of ${RUNS}`, 'per program median / max', 'statements', 'vs floor', 'steady sweep', 'steady statements', 'load average before → after'], rows)}`);
    console.log(`\n${verdicts.join('\n')}`);
  } finally {
    await cleanup.runAll();
  }
}

await main();
process.exit(0);
