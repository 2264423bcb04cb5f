// npm run soak [-- --short] [--strict] [--pairs N] [--days N] [--seed N]
//
// Three bot replicas (processes) on one fresh PostgreSQL database against one fake Slack, for a
// simulated quarter: sweeps at instants moving forward, pairs logging sessions, pausing, ending
// and closing loops, while Slack and the processes misbehave. Prints one table of figures; with
// --strict exits 1 when a target is missed (0 duplicates outside the crash window, 0 lost, 0
// outside working hours). See bench/README.md, "soak".
import { parseArgs } from 'node:util';
import pg from 'pg';
import { openPostgres } from '../src/db/database.ts';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { Cleanup, createDatabase } from './lib/databases.ts';
import { computeFigures, formatDuration, SimTimeline, type Figures } from './lib/soak/figures.ts';
import { buildReplica, Replica } from './lib/soak/replicas.ts';
import { BOT_TOKEN, SIGNING_SECRET, World } from './lib/soak/world.ts';

const { values: args } = parseArgs({
  options: {
    short: { type: 'boolean', default: false },
    strict: { type: 'boolean', default: false },
    pairs: { type: 'string' },
    days: { type: 'string' },
    seed: { type: 'string', default: '7' },
    verbose: { type: 'boolean', default: false },
  },
});
const ADMIN_URL = process.env.SOAK_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PAIRS = Number(args.pairs ?? (args.short ? 40 : 300));
const DAYS = Number(args.days ?? (args.short ? 7 : 91));
/** The cron's step; the short run sweeps every 30 simulated minutes instead of 15. */
const STEP_MS = (args.short ? 30 : 15) * 60_000;
const DRAIN_DAYS = 2;
/**
 * A tick waits for its sweep to finish (sweeps fit in their cron slot), except while Slack is
 * made slow on purpose: then the simulated clock moves on after this much real time, and later
 * slots overlap the hanging sweep. While any sweep hangs, a slot lasts at least this long: one
 * real second stands for one slot of simulated time.
 */
const SLOW_TICK_MS = 1000;
/** Every this many ticks a second replica sweeps at the same instant (an operator's `npm run sweep`). */
const OVERLAP_EVERY = 8;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const START = new Date('2026-12-07T00:00:00Z'); // a Monday
const QUARTER_END = new Date(START.getTime() + DAYS * DAY);
const END = new Date(QUARTER_END.getTime() + DRAIN_DAYS * DAY);

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const iso = (d: Date) => d.toISOString().replace(':00.000Z', 'Z');

/** The weekday `fraction` of the way through the quarter's weekdays, at `hour` UTC. */
function weekdayAt(fraction: number, hour: number): Date {
  const weekdays: Date[] = [];
  for (let d = new Date(START); d.getTime() < QUARTER_END.getTime() - DAY; d = new Date(d.getTime() + DAY)) if (![0, 6].includes(d.getUTCDay())) weekdays.push(d);
  return new Date(weekdays[Math.min(weekdays.length - 1, Math.floor(fraction * weekdays.length))]!.getTime() + hour * HOUR);
}

interface Fault {
  what: string;
  from: Date;
  /** Fires at the first tick from `from` with a delivery ready to go, or a day later regardless. */
  needsWork: boolean;
  /** What it did; undefined when it could not happen at this tick (it is tried at the next one). */
  run: (t: Date) => Promise<string | undefined>;
  done?: string;
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const started = performance.now();
  try {
    const url = new URL(await createDatabase(ADMIN_URL, `mentor_soak_${process.pid}`, cleanup));
    const fake = await FakeSlack.start();
    cleanup.add('close the fake Slack', () => fake.close());
    const script = await buildReplica();
    const replicas = ['a', 'b', 'c'].map((name) => {
      const dbUrl = new URL(url);
      dbUrl.searchParams.set('application_name', `soak-${name}`);
      return new Replica(name, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, DATABASE_URL: dbUrl.toString(), LOG_LEVEL: 'warn' }, cleanup, script);
    });
    const observer = openPostgres(url.toString(), 2);
    cleanup.add('close the observer pool', () => observer.close());
    const setupAt = new Date(START.getTime() - 12 * DAY + 14 * HOUR);
    // The first replica migrates the fresh database; the other two then start side by side.
    await replicas[0]!.start(setupAt);
    await Promise.all(replicas.slice(1).map((r) => r.start(setupAt)));
    const world = new World(fake, observer.db, replicas, Number(args.seed));
    const replicasReadyS = (performance.now() - started) / 1000;
    await world.createPairs(PAIRS);
    console.log(`soak: ${PAIRS} pairs, ${DAYS} simulated days from ${iso(START)} (+${DRAIN_DAYS} to drain), a sweep every ${STEP_MS / 60_000} simulated min, 3 replicas; replicas up in ${replicasReadyS.toFixed(1)} s, pairs made in ${((performance.now() - started) / 1000 - replicasReadyS).toFixed(1)} s`);

    const timeline = new SimTimeline();
    const kills: number[] = [];
    const sweeps = new Map<Replica, Promise<unknown>>();
    let sweepCount = 0;
    const sweepOn = (r: Replica, t: Date) => {
      sweepCount += 1;
      const p = r.sweep(t).finally(() => sweeps.delete(r));
      sweeps.set(r, p);
      return p;
    };
    const readyWork = async (t: Date) =>
      Number(
        (await observer.db.selectFrom('nudges').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('deliver_after', '<=', t).executeTakeFirstOrThrow()).n,
      ) +
      Number(
        (await observer.db.selectFrom('deliveries').select((eb) => eb.fn.countAll<number>().as('n')).where('status', '=', 'pending').where('next_attempt_at', '<=', t).executeTakeFirstOrThrow()).n,
      );
    const postsInFlight = () => fake.calls.filter((c) => c.method === 'chat.postMessage' && c.answeredAt === undefined && !c.failed).length;
    const idleReplica = () => replicas.find((r) => r.alive && !sweeps.has(r)) ?? replicas.find((r) => r.alive)!;

    /**
     * Starts a sweep on an idle replica with Slack's answers slowed, and once one of its posts is
     * in flight, runs `act` on it. Without a post in flight by the end of the sweep, nothing happens.
     */
    const midSend = async (t: Date, act: (target: Replica, inFlight: number) => Promise<string>) => {
      const target = idleReplica();
      const slow = fake.faults.set({ method: 'chat.postMessage', delayMs: 800, count: 12 });
      const sweep = sweepOn(target, t);
      let swept = false;
      void sweep.finally(() => (swept = true));
      let inFlight = 0;
      while (!swept && (inFlight = postsInFlight()) === 0) await sleep(10);
      try {
        return inFlight === 0 ? undefined : await act(target, inFlight);
      } finally {
        slow();
      }
    };
    /** Stops (or kills) a replica while its sweep is posting, then starts it again. */
    const crash = (signal: 'SIGTERM' | 'SIGKILL') => (t: Date) =>
      midSend(t, async (target, inFlight) => {
        await sleep(100);
        if (signal === 'SIGKILL') kills.push(Date.now());
        const exit = await target.signal(signal);
        await target.start(t);
        return `replica ${target.name} ${signal === 'SIGTERM' ? 'stopped' : 'killed'} with ${inFlight} post(s) in flight (exit ${exit.code ?? exit.signal} after ${Math.round(exit.ms)} ms), started again`;
      });

    /** Faults that pass: whatever is left of them is removed after three simulated hours. */
    const transient = (t: Date, ...removers: Array<() => void>) =>
      faults.push({ what: 'passing faults cleared', from: new Date(t.getTime() + 3 * HOUR), needsWork: false, run: async () => (removers.forEach((r) => r()), 'what was left of them removed') });

    const faults: Fault[] = [
      {
        what: 'chat.postMessage slowed past the lease',
        from: weekdayAt(0, 0),
        needsWork: true,
        run: async (t) => {
          const remove = fake.faults.set({ method: 'chat.postMessage', delayMs: 1200, count: 16 });
          slowUntil = new Date(t.getTime() + 2 * HOUR);
          faults.push({ what: 'chat.postMessage fast again', from: slowUntil, needsWork: false, run: async () => (remove(), 'posts answered at once again') });
          return `posts answered after 1.2 s each (16 at most) until ${iso(slowUntil)}; ticks stop waiting for sweeps meanwhile`;
        },
      },
      {
        what: 'bursts of 429 with Retry-After',
        from: weekdayAt(0.2, 0),
        needsWork: true,
        run: async (t) => {
          transient(t, fake.faults.set({ method: 'chat.postMessage', status: 429, retryAfter: 60, count: 8 }), fake.faults.set({ method: 'users.info', status: 429, retryAfter: 3, count: 4 }));
          return '8 × 429 (Retry-After 60 s) on chat.postMessage, 4 × 429 (Retry-After 3 s) on users.info, for 3 h at most';
        },
      },
      {
        what: '5xx and timeouts',
        from: weekdayAt(0.4, 0),
        needsWork: true,
        run: async (t) => {
          transient(t, fake.faults.set({ method: 'chat.postMessage', status: 503, count: 10 }), fake.faults.set({ method: 'chat.postMessage', drop: true, delayMs: 300, count: 10 }));
          return '10 × 503, then 10 connections dropped without an answer, for 3 h at most';
        },
      },
      { what: 'SIGTERM mid-sweep', from: weekdayAt(0.6, 0), needsWork: true, run: crash('SIGTERM') },
      { what: 'SIGKILL mid-send', from: weekdayAt(0.6, 12), needsWork: true, run: crash('SIGKILL') },
      {
        what: 'database connections dropped',
        from: weekdayAt(0.8, 0),
        needsWork: true,
        run: (t) =>
          midSend(t, async (target) => {
            const admin = new pg.Client({ connectionString: url.toString() });
            await admin.connect();
            const killed = await admin.query('select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and application_name = $1', [`soak-${target.name}`]);
            await admin.end();
            return `${killed.rowCount} connection(s) of replica ${target.name} terminated mid-sweep`;
          }),
      },
      {
        what: 'Slack down for 6 hours',
        from: weekdayAt(0.8, 8),
        needsWork: false,
        run: async (t) => {
          const down = fake.faults.set({ method: '*', status: 503 });
          const back = new Date(t.getTime() + 6 * HOUR);
          faults.push({ what: 'Slack back', from: back, needsWork: false, run: async () => (down(), 'every method answers again') });
          return `every Web API method answers 503 until ${iso(back)}`;
        },
      },
    ];

    let slowUntil = new Date(0);
    let tick = 0;
    let lastActivityDay = '';
    for (let t = new Date(START); t.getTime() <= END.getTime(); t = new Date(t.getTime() + STEP_MS), tick++) {
      timeline.mark(t);
      for (const f of faults) {
        if (f.done || t.getTime() < f.from.getTime()) continue;
        if (f.needsWork && t.getTime() < f.from.getTime() + DAY && (await readyWork(t)) < 1) continue;
        const did = await f.run(t);
        if (did !== undefined) f.done = `${iso(t)}  ${f.what}: ${did}`;
      }
      const today = t.toISOString().slice(0, 10);
      if (t.getTime() % (7 * DAY) === START.getTime() % (7 * DAY) && t > START && !args.verbose) {
        console.log(`  ${today}: ${sweepCount} sweeps, ${fake.callsTo('chat.postMessage').filter((c) => c.answeredAt && !c.failed).length} posts accepted, ${Math.round((performance.now() - started) / 1000)} s`);
      }
      if (t.getTime() < QUARTER_END.getTime() && t.getUTCHours() >= 13 && lastActivityDay !== today) {
        lastActivityDay = today;
        await Promise.all(replicas.map((r) => r.setClock(t)));
        await world.dayOfActivity(t);
      }
      // One replica per cron slot (the run coordinator's pick), in turn; one still sweeping is skipped.
      const free = [0, 1, 2].map((i) => replicas[(tick + i) % 3]!).filter((r) => r.alive && !sweeps.has(r));
      const targets = free.slice(0, tick % OVERLAP_EVERY === 0 ? 2 : 1);
      if (targets.length > 0) {
        const t0 = performance.now();
        const hanging = sweeps.size > 0;
        const running = Promise.all(targets.map((r) => sweepOn(r, t)));
        const outcome = await (t.getTime() < slowUntil.getTime() ? Promise.race([running, sleep(SLOW_TICK_MS)]) : running);
        // While a sweep from an earlier slot still hangs, a slot lasts at least SLOW_TICK_MS.
        if (hanging) await sleep(SLOW_TICK_MS - (performance.now() - t0));
        if (args.verbose) console.log(`${iso(t)} ${targets.map((r) => r.name).join('+')} ${Math.round(performance.now() - t0)} ms ${JSON.stringify(outcome ?? 'still running').slice(0, 200)}`);
      } else if (args.verbose) console.log(`${iso(t)} every replica is still sweeping`);
    }
    await Promise.all(sweeps.values());
    for (let i = 0; i < 100 && postsInFlight() > 0; i++) await sleep(100);

    const figures = await computeFigures({ db: observer.db, calls: fake.calls, timeline, tz: world.tz, stops: world.stops, decidedBy: QUARTER_END, kills });
    const wallS = (performance.now() - started) / 1000;
    if (args.verbose) {
      const gone = fake.calls.filter((c) => c.callerGone);
      console.log(`posts answered after their caller hung up: ${gone.map((c) => `${c.method} ${c.args.channel} ${timeline.simAt(c.answeredAt!).toISOString()}`).join(', ')}`);
      for (const c of gone) console.log(`  later posts to ${c.args.channel}: ${fake.calls.filter((d) => d.method === 'chat.postMessage' && d.at > c.at && d.args.channel === c.args.channel).map((d) => `${timeline.simAt(d.at).toISOString()} ${d.error ?? 'ok'}`).join(', ')}`);
    }
    if (args.verbose) for (const r of replicas) console.log(`--- replica ${r.name}\n${r.tail(40)}`);
    printReport(figures, { faults, world, replicas, sweepCount, wallS });
    const missed = figures.duplicates - figures.duplicatesInWindow > 0 || figures.lost > 0 || figures.outsideHours > 0;
    for (const r of replicas) if (r.alive) await r.signal('SIGTERM');
    if (args.strict && missed) process.exitCode = 1;
  } finally {
    await cleanup.runAll();
  }
}

function printReport(f: Figures, o: { faults: Fault[]; world: World; replicas: Replica[]; sweepCount: number; wallS: number }): void {
  const a = o.world.activity;
  if (o.world.rejections.length) console.log(`interactions not taken, e.g.: ${o.world.rejections.slice(0, 3).join(' | ')}`);
  console.log(`activity: ${a.sessions} sessions logged (${a.advice} with advice), ${a.loopsClosed} loops closed, ${a.paused} pauses, ${a.ended} pairs ended${a.rejected ? `, ${a.rejected} interactions not taken` : ''}; ${o.sweepCount} sweeps`);
  console.log('faults (simulated time):');
  for (const fault of o.faults) console.log(`  ${fault.done ?? `-  ${fault.what}: never fired`}`);
  const errors = o.replicas.flatMap((r) => r.sweepErrors.map((e) => `${r.name}: ${e}`));
  if (errors.length) console.log(`sweeps that ended in an error: ${errors.length} (${[...new Set(errors.map((e) => e.slice(0, 90)))].slice(0, 4).join('; ')})`);
  const dupOutside = f.duplicates - f.duplicatesInWindow;
  const rows: Array<[string, string, string]> = [
    ['nudges due (decided, pair not paused or ended before Slack had them)', String(f.nudgesDue), ''],
    ['DMs due (the one message per person and day they went into)', String(f.dmsDue), ''],
    ['nudges delivered', String(f.delivered), ''],
    ['DMs Slack accepted', String(f.dmsPosted), ''],
    ['duplicate DMs outside the crash window', String(dupOutside), dupOutside === 0 ? 'ok' : 'MISSED (target 0)'],
    ['duplicate DMs in the crash window (SIGKILL after Slack accepted)', String(f.duplicatesInWindow), 'documented'],
    ['nudges lost', String(f.lost), f.lost === 0 ? 'ok' : 'MISSED (target 0)'],
    ['DMs delivered outside the recipient’s working hours', String(f.outsideHours), f.outsideHours === 0 ? 'ok' : 'MISSED (target 0)'],
    ['longest delay (decided → accepted, from the first working-hours moment)', formatDuration(f.longestDelayMs), ''],
  ];
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`\n| ${'figure'.padEnd(width)} | ${'value'.padStart(7)} | target |`);
  console.log(`|${'-'.repeat(width + 2)}|${'-'.repeat(9)}|--------|`);
  for (const [what, value, note] of rows) console.log(`| ${what.padEnd(width)} | ${value.padStart(7)} | ${note} |`);
  console.log('');
  if (f.lost) console.log(`lost, by what became of them: ${Object.entries(f.lostWhy).map(([k, v]) => `${v} ${k}`).join(', ')}`);
  if (f.longestDelayWhat) console.log(`longest delay: ${f.longestDelayWhat}`);
  if (args.verbose) for (const [kind, list] of Object.entries(f.examples)) console.log(`${kind}:\n  ${list.join('\n  ')}`);
  console.log(`${f.excused} nudge(s) excused (pair paused or ended before delivery); run took ${o.wallS.toFixed(0)} s`);
}

await main();
