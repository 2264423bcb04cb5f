// npm run bench:sweep [-- --db pglite|postgres|both --pairs 100000 --dms 1600]
// Generates a large program, times one full sweep's decide phase against the floor (one indexed
// SELECT of the due rows), checks how the time grows when the pairs double with the same number of
// due items, and delivers DMs to the fake Slack counting Web API calls per DM.
import { PGlite } from '@electric-sql/pglite';
import { WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { parseArgs } from 'node:util';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { allPrograms, insertNudges } from '../src/db/repositories/scheduler-repository.ts';
import { createLogger } from '../src/logger.ts';
import { bundleProgram } from '../src/scheduler/bundle.ts';
import { decideProgram } from '../src/scheduler/decide.ts';
import { sendDeliveries } from '../src/scheduler/send.ts';
import { createServices } from '../src/services/index.ts';
import { MemberDirectory } from '../src/services/member-directory.ts';
import { slackOutbox } from '../src/slack/delivery-port.ts';
import { nudgeComposer } from '../src/slack/nudge-composer.ts';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { Cleanup, createDatabase, tempDir } from './lib/databases.ts';
import { secs, table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'both' },
    pairs: { type: 'string', default: '100000' },
    dms: { type: 'string', default: '1600' },
    'admin-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const PAIRS = Number(args.pairs);
const DMS = Number(args.dms);
const NOW = new Date('2026-11-25T12:00:00Z'); // a Wednesday, inside 09:00–17:00 UTC
const TODAY = '2026-11-25';
const logger = createLogger('silent');

/** Seeds `pairs` pairs with 10 sessions and 5 advice items each; about 5,000 advice items and 500 pairs are due. */
async function seed(handle: DatabaseHandle, pairs: number, dueAdvice: number, stalledPairs: number): Promise<void> {
  const db = handle.db;
  await sql`insert into programs (team_id, name, is_default) values ('T1', 'Bench', true)`.execute(db);
  await sql`
    insert into members (team_id, user_id, tz, real_name, profile_refreshed_at)
    select 'T1', 'U' || lpad(i::text, 8, '0'), 'UTC', 'Person ' || i, ${NOW}::timestamptz from generate_series(1, ${pairs * 2}::int) i`.execute(db);
  // Every pair met recently, except `stalledPairs` of them, spread evenly.
  await sql`
    insert into pairs (team_id, program_id, mentor_id, mentee_id, cadence_days, started_at, rhythm_anchor_on, last_session_on, review_on, created_by)
    select 'T1', p.id, 'U' || lpad((2 * i - 1)::text, 8, '0'), 'U' || lpad((2 * i)::text, 8, '0'), 14, '2026-06-01T10:00:00Z',
      case when i % ${Math.max(1, Math.floor(pairs / Math.max(1, stalledPairs)))}::int = 0 then date '2026-10-01' else date '2026-11-20' end,
      case when i % ${Math.max(1, Math.floor(pairs / Math.max(1, stalledPairs)))}::int = 0 then date '2026-10-01' else date '2026-11-20' end,
      date '2027-06-01', 'UADMIN'
    from generate_series(1, ${pairs}::int) i, programs p`.execute(db);
  await sql`
    insert into sessions (team_id, pair_id, held_on, minutes, topics, notes, usefulness, logged_by)
    select 'T1', p.id, date '2026-11-20' - (s * 14), 60, 'topics', 'private notes', 4, p.mentee_id
    from pairs p, generate_series(0, 9) s`.execute(db);
  // Five advice items per pair on its latest session; `dueAdvice` of them are open and past follow-up.
  await sql`
    insert into advice_items (team_id, pair_id, session_id, text, follow_up_on, outcome, closed_at)
    select 'T1', s.pair_id, s.id, 'advice ' || a,
      case when (s.pair_id * 5 + a) % ${Math.max(1, Math.floor((pairs * 5) / dueAdvice))}::int = 0 then date '2026-11-24' else date '2026-12-20' end,
      'open', null
    from sessions s, generate_series(0, 4) a
    where s.held_on = date '2026-11-20'`.execute(db);
  await sql`analyze`.execute(db);
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

async function decide(handle: DatabaseHandle): Promise<{ ms: number; decided: number }> {
  const started = performance.now();
  let decided = 0;
  for (const program of await allPrograms(handle.db)) {
    const decisions = await decideProgram(handle.db, program, NOW);
    decided += await insertNudges(handle.db, decisions.map(({ why: _why, detail, ...n }) => ({ ...n, detail: JSON.stringify(detail) })));
  }
  return { ms: performance.now() - started, decided };
}

async function measure(open: () => Promise<DatabaseHandle>, pairs: number) {
  const handle = await open();
  try {
    await migrateToLatest(handle);
    const seeding = performance.now();
    // The same due items at every size: 5,000 advice items and PAIRS/200 stalled pairs.
    await seed(handle, pairs, 5_000, Math.round(PAIRS / 200));
    const seedMs = performance.now() - seeding;
    await floor(handle); // warm the cache the same way for both
    const floors = [await floor(handle), await floor(handle), await floor(handle)];
    const floorMs = Math.min(...floors.map((f) => f.ms));
    // The first sweep decides everything; the time that matters is a sweep deciding from scratch.
    const first = await decide(handle);
    const second = await decide(handle); // nothing new: the steady state every 15 minutes
    return { seedMs, floorMs, floorRows: floors[0]!.rows, first, second, handle };
  } catch (error) {
    await handle.close();
    throw error;
  }
}

async function deliver(handle: DatabaseHandle, fake: FakeSlack): Promise<{ ms: number; sent: number; calls: number }> {
  const db = handle.db;
  await db.deleteFrom('nudges').execute();
  await db.deleteFrom('deliveries').execute();
  const program = (await allPrograms(db))[0]!;
  const recipients = await db.selectFrom('members').select('user_id').orderBy('user_id').limit(DMS).execute();
  await insertNudges(
    db,
    recipients.map((r, i) => ({
      team_id: 'T1', program_id: program.id, rule: 'close_loop' as const, subject: `bench:${i}`, period: '1', recipient_id: r.user_id, pair_id: null,
      detail: JSON.stringify({ adviceId: i + 1, text: 'Try the thing', mentorId: 'UMENTOR', reminder: false }), due_at: NOW, deliver_after: NOW,
    })),
  );
  const clock = { now: () => NOW };
  const directory = new MemberDirectory(db, clock, async () => undefined);
  const services = createServices(db, clock, directory);
  const client = new WebClient('xoxb-bench', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
  fake.reset();
  const started = performance.now();
  await bundleProgram(db, program, NOW, directory, nudgeComposer(services.digest, services.nudgeMessages, services.cohortEnd));
  const result = await sendDeliveries(db, slackOutbox(client), NOW, logger, { teamId: 'T1' });
  const ms = performance.now() - started;
  const calls = fake.calls.filter((c) => c.method !== 'auth.test').length;
  return { ms, sent: result.sent, calls };
}

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  const fake = await FakeSlack.start();
  cleanup.add('fake Slack', () => fake.close());
  const kinds = args.db === 'both' ? ['postgres', 'pglite'] : [args.db!];
  const rows: string[][] = [];
  const verdicts: string[] = [];
  try {
    for (const kind of kinds) {
      const open = async (label: string): Promise<DatabaseHandle> => {
        if (kind === 'postgres') return openPostgres(await createDatabase(args['admin-url']!, `mentor_bench_sweep_${process.pid}_${label}`, cleanup));
        const dir = await tempDir(`mentor-bench-${label}-`, cleanup);
        return openPglite(await PGlite.create(dir));
      };
      console.log(`\n${kind}: seeding ${PAIRS.toLocaleString()} pairs, ${(PAIRS * 10).toLocaleString()} sessions, ${(PAIRS * 5).toLocaleString()} advice items (5,000 due)…`);
      const base = await measure(() => open('base'), PAIRS);
      const dms = await deliver(base.handle, fake);
      await base.handle.close();
      console.log(`${kind}: seeding ${(PAIRS * 2).toLocaleString()} pairs (same due items)…`);
      const doubled = await measure(() => open('double'), PAIRS * 2);
      await doubled.handle.close();
      const growth = doubled.first.ms / base.first.ms;
      rows.push(
        [kind, `${PAIRS / 1000}k pairs`, secs(base.seedMs), `${base.floorRows}`, `${base.floorMs.toFixed(0)} ms`, `${base.first.decided}`, secs(base.first.ms), `${(base.first.ms / base.floorMs).toFixed(1)}×`, secs(base.second.ms)],
        [kind, `${(PAIRS * 2) / 1000}k pairs`, secs(doubled.seedMs), `${doubled.floorRows}`, `${doubled.floorMs.toFixed(0)} ms`, `${doubled.first.decided}`, secs(doubled.first.ms), `${(doubled.first.ms / doubled.floorMs).toFixed(1)}×`, secs(doubled.second.ms)],
      );
      verdicts.push(
        `${kind}: sweep ${secs(base.first.ms)} (target < 2 s on PostgreSQL): ${kind === 'postgres' ? (base.first.ms < 2000 ? 'met' : 'NOT met') : 'n/a'}`,
        `${kind}: sweep / floor ${(base.first.ms / base.floorMs).toFixed(1)}× (target ≤ 3×): ${base.first.ms <= 3 * base.floorMs ? 'met' : 'NOT met'}`,
        `${kind}: doubling the pairs costs ${growth.toFixed(2)}× (target < 1.5×): ${growth < 1.5 ? 'met' : 'NOT met'}`,
        `${kind}: ${dms.sent} DMs delivered in ${secs(dms.ms)} (${(dms.sent / (dms.ms / 1000)).toFixed(0)} DMs/s), ${(dms.calls / Math.max(1, dms.sent)).toFixed(2)} Web API calls per DM (target 1): ${dms.calls === dms.sent ? 'met' : 'NOT met'}`,
      );
    }
    console.log(`\n${table(['db', 'size', 'seed', 'due rows', 'floor', 'decided', 'sweep (decide)', 'vs floor', 'steady sweep'], rows)}`);
    console.log(`\n${verdicts.join('\n')}`);
  } finally {
    await cleanup.runAll();
  }
}

await main();
process.exit(0);
