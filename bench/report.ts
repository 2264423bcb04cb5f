// npm run bench:report [-- --pairs 100000 --runs 5 --admin-url postgres://postgres@127.0.0.1:5432/postgres]
// Seeds one program of 100,000 pairs on PostgreSQL (a quarter of sessions, advice, goals and
// survey answers), starts the real bot against the fake Slack and times an admin's `/mentor
// report`: the ack (today's figures), and the full report (outcome figures and the charts)
// replacing it, first while the day's charts are rendered and uploaded, then with them cached.
import { sql } from 'kysely';
import { Writable } from 'node:stream';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { startBot } from '../src/bot.ts';
import { loadConfig } from '../src/config/config.ts';
import { openPostgres, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultProgram } from '../src/db/repositories/programs-repository.ts';
import { outcomeInputs } from '../src/db/repositories/surveys-repository.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { createLogger } from '../src/logger.ts';
import { FakeSlack } from '../test/helpers/fake-slack.ts';
import { slackRequester } from '../test/helpers/slack-requests.ts';
import { Cleanup, createDatabase, serverVersion } from './lib/databases.ts';
import { ms, table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    pairs: { type: 'string', default: '100000' },
    runs: { type: 'string', default: '5' },
    /** Keep the seeded database (its URL is printed) and reuse it with --database-url. */
    keep: { type: 'boolean', default: false },
    'database-url': { type: 'string' },
    'admin-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const PAIRS = Number(args.pairs);
const RUNS = Math.max(1, Number(args.runs));
const NOW = '2026-11-25T12:00:00Z';
const SECRET = '0123456789abcdef0123456789abcdef';
const ADMIN = { team_id: 'T1', id: 'UADMIN', real_name: 'Bench Admin', is_admin: true, tz: 'UTC' };
const TARGETS = { cached: 2000, rendering: 5000 };

/** A program that grew over the quarter, with answers to every survey. */
async function seed(handle: DatabaseHandle, pairs: number): Promise<void> {
  const db = handle.db;
  const program = await defaultProgram(db, 'T1');
  await sql`
    insert into members (team_id, user_id, tz, real_name, profile_refreshed_at)
    select 'T1', 'U' || lpad(i::text, 8, '0'), 'UTC', 'Person ' || i, ${NOW}::timestamptz from generate_series(1, ${pairs * 2}::int) i`.execute(db);
  // One pair in ten has ended (exit surveys), the rest are active.
  await sql`
    insert into pairs (team_id, program_id, mentor_id, mentee_id, cadence_days, started_at, rhythm_anchor_on, last_session_on, review_on, created_by, status, ended_at)
    select 'T1', ${program.id}::int, 'U' || lpad((2 * i - 1)::text, 8, '0'), 'U' || lpad((2 * i)::text, 8, '0'), 14, '2026-06-01T10:00:00Z',
      date '2026-11-25' - (i % 30), date '2026-11-25' - (i % 30), date '2027-02-01', 'UADMIN',
      case when i % 10 = 0 then 'ended' else 'active' end, case when i % 10 = 0 then timestamptz '2026-08-01T10:00:00Z' + (i % 100) * interval '1 day' end
    from generate_series(1, ${pairs}::int) i`.execute(db);
  await sql`
    insert into sessions (team_id, pair_id, held_on, minutes, topics, notes, usefulness, logged_by)
    select 'T1', p.id, date '2026-11-25' - (k * 6 + p.id % 6), 45, 'topics', 'notes', 1 + (p.id + k) % 5, p.mentee_id
    from pairs p, generate_series(0, 13) k
    where (p.id * 7 + k * 3) % 10 < 10 - k / 2`.execute(db);
  await sql`
    insert into advice_items (team_id, pair_id, session_id, text, follow_up_on, outcome, closed_at)
    select 'T1', s.pair_id, s.id, 'advice', s.held_on + 14,
      case when s.held_on + 10 > date '2026-11-25' or s.id % 10 >= 7 then 'open' when s.id % 10 < 4 then 'tried_worked' when s.id % 10 < 6 then 'tried_didnt' else 'not_applicable' end,
      case when s.held_on + 10 <= date '2026-11-25' and s.id % 10 < 7 then (s.held_on + 10)::timestamptz + interval '12 hours' end
    from sessions s where s.id % 2 = 0`.execute(db);
  await sql`
    insert into goals (team_id, pair_id, title, status, created_by, achieved_at)
    select 'T1', p.id, 'goal', case when p.id % 4 = 0 then 'achieved' else 'open' end, p.mentee_id, case when p.id % 4 = 0 then ${NOW}::timestamptz end
    from pairs p`.execute(db);
  // Pulse checks on day 30 and 90 from both members; answered over the months since.
  await sql`
    insert into pulse_answers (team_id, pair_id, respondent_id, day, answer, note, answered_at)
    select 'T1', p.id, case when r = 0 then p.mentor_id else p.mentee_id end, d,
      case when (p.id + r + d) % 10 < 6 then 'going_well' when (p.id + r + d) % 10 < 9 then 'could_be_better' else 'not_working' end,
      'private note', timestamptz '2026-07-01T10:00:00Z' + ((p.id * 7 + d) % 140) * interval '1 day'
    from pairs p, generate_series(0, 1) r, unnest(array[30, 90]) d
    where (p.id + r) % 3 <> 0`.execute(db);
  await sql`
    insert into exit_survey_answers (team_id, pair_id, respondent_id, objective_reached, satisfaction, what_changed, recommend, answered_at)
    select 'T1', p.id, case when r = 0 then p.mentor_id else p.mentee_id end,
      case when (p.id + r) % 5 < 3 then 'yes' when (p.id + r) % 5 < 4 then 'partly' else 'no' end,
      1 + (p.id + r) % 5, 'private words', (p.id + r * 3) % 11, p.ended_at + interval '2 days'
    from pairs p, generate_series(0, 1) r where p.status = 'ended'`.execute(db);
  await sql`
    insert into did_it_stick_answers (team_id, pair_id, mentee_id, answer, answered_at)
    select 'T1', p.id, p.mentee_id, case when p.id % 3 = 0 then 'yes' when p.id % 3 = 1 then 'partly' else 'no' end, p.ended_at + interval '92 days'
    from pairs p where p.status = 'ended' and p.ended_at + interval '92 days' <= ${NOW}::timestamptz`.execute(db);
  await sql`
    insert into confidence_ratings (team_id, goal_id, moment, rating, rated_by, rated_at)
    select g.team_id, g.id, m.moment, case when m.moment = 'set' then 1 + g.id % 3 else 2 + g.id % 4 end, g.created_by,
      case when m.moment = 'set' then timestamptz '2026-06-05T10:00:00Z' else ${NOW}::timestamptz - (g.id % 60) * interval '1 day' end
    from goals g, (values ('set'), ('achieved')) m(moment) where g.status = 'achieved'`.execute(db);
  await sql`analyze`.execute(db);
}

async function counts(db: DatabaseHandle['db']): Promise<string> {
  const rows = await sql<{ t: string; n: number }>`
    select 'pairs' t, count(*)::int n from pairs union all select 'sessions', count(*)::int from sessions union all
    select 'advice', count(*)::int from advice_items union all select 'pulse answers', count(*)::int from pulse_answers union all
    select 'exit answers', count(*)::int from exit_survey_answers union all select 'did-it-stick', count(*)::int from did_it_stick_answers union all
    select 'confidence ratings', count(*)::int from confidence_ratings`.execute(db);
  return rows.rows.map((r) => `${r.n.toLocaleString('en')} ${r.t}`).join(', ');
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

async function main(): Promise<void> {
  const cleanup = new Cleanup();
  try {
    console.log(`bench:report on ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(2)).join(' ')}; Node ${process.version}; PostgreSQL ${await serverVersion(args['admin-url'])}.`);
    let url = args['database-url'];
    if (!url) {
      url = await createDatabase(args['admin-url'], `bench_report_${process.pid}`, args.keep ? new Cleanup() : cleanup);
      // Seeding a large program takes longer than the bot's 15 s statement timeout allows.
      const seeder = openPostgres(`${url}?statement_timeout=900000`);
      await migrateToLatest(seeder);
      const seedStarted = performance.now();
      await seed(seeder, PAIRS);
      await seeder.close();
      console.log(`Seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s.${args.keep ? ` Kept: --database-url ${url}` : ''}`);
    }
    const handle = openPostgres(url);
    cleanup.add('close database', () => handle.close());
    console.log(`The program: ${await counts(handle.db)}.\n`);

    const fake = await FakeSlack.start();
    cleanup.add('stop fake Slack', () => fake.close());
    fake.addUser(ADMIN);
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-bench', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', LOG_LEVEL: 'warn', NUDGE_CRON: 'off' });
    const quiet = new Writable({ write: (_c, _e, done) => done() });
    const bot = await startBot(config, { database: handle, clock: fixedClock(NOW), logger: createLogger('warn', quiet) });
    cleanup.add('stop bot', () => bot.stop());
    const slack = slackRequester(`http://127.0.0.1:${bot.port}`, SECRET);

    /** One `/mentor report`: ms to the ack, ms to the full report replacing it, and its uploads. */
    const report = async () => {
      const responseUrl = fake.responseUrl();
      const uploadsBefore = fake.callsTo('file_upload').length;
      const started = performance.now();
      const res = await slack.command({ text: 'report', user_id: ADMIN.id, team_id: 'T1', response_url: responseUrl });
      const ack = performance.now() - started;
      if (res.status !== 200 || !String(res.json?.text).startsWith('Program report')) throw new Error(`bad ack after ${ms(ack)} ms: HTTP ${res.status} ${String(JSON.stringify(res.json)).slice(0, 200)}`);
      while (!fake.callsTo('response_url').some((c) => c.args._url === responseUrl)) await new Promise((resolve) => setTimeout(resolve, 2));
      const full = performance.now() - started;
      const message = fake.callsTo('response_url').find((c) => c.args._url === responseUrl)!.args;
      const images = (message.blocks as Array<{ type: string }>).filter((b) => b.type === 'image').length;
      await bot.idle();
      return { ack, full, images, uploads: fake.callsTo('file_upload').length - uploadsBefore };
    };

    // The service calls alone, without HTTP and Slack: where the time goes.
    const actor = { teamId: 'T1', userId: ADMIN.id };
    const program = await defaultProgram(handle.db, 'T1');
    const timed = async (fn: () => Promise<unknown>): Promise<string> => {
      const started = performance.now();
      try {
        await fn();
        return ms(performance.now() - started);
      } catch (error) {
        return `failed after ${ms(performance.now() - started)} (${(error as Error).message})`;
      }
    };
    const health = [];
    const full = [];
    for (let i = 0; i < 3; i++) health.push(await timed(() => bot.services.reports.forAdmin(actor)));
    for (let i = 0; i < 3; i++) full.push(await timed(() => bot.services.reports.full(actor)));
    console.log(`Reads alone (ms, three runs): program health (the ack's) ${health.join(' / ')}; health + outcome figures ${full.join(' / ')}.\n`);
    const outcomesAlone = [];
    for (let i = 0; i < 3; i++) outcomesAlone.push(await timed(() => outcomeInputs(handle.db, program.id)));
    console.log(`Outcome tallies alone (ms): ${outcomesAlone.join(' / ')}.\n`);

    const rssBefore = process.memoryUsage().rss;
    let first;
    try {
      first = await report();
    } catch (error) {
      console.log(`/mentor report failed: ${(error as Error).message}`);
      return;
    }
    const cached = [];
    const failures: string[] = [];
    for (let i = 0; i < RUNS; i++) {
      try {
        cached.push(await report());
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    if (failures.length > 0) console.log(`${failures.length} of ${RUNS} reports with cached charts failed: ${failures.join('; ')}`);
    if (cached.length === 0) {
      console.log(`The first report (charts rendered): ack ${ms(first.ack)} ms, full report ${ms(first.full)} ms.`);
      return;
    }
    const rows = [
      ['first of the day (charts rendered and uploaded)', ms(first.ack), ms(first.full), String(first.images), String(first.uploads)],
      [`cached charts, median of ${cached.length}`, ms(median(cached.map((r) => r.ack))), ms(median(cached.map((r) => r.full))), String(cached[0]!.images), String(cached.reduce((n, r) => n + r.uploads, 0))],
      [`cached charts, slowest of ${cached.length}`, ms(Math.max(...cached.map((r) => r.ack))), ms(Math.max(...cached.map((r) => r.full))), '-', '-'],
    ];
    console.log(`/mentor report by an admin, ${PAIRS.toLocaleString('en')} pairs on PostgreSQL (ms):`);
    console.log(table(['', 'ack', 'full report', 'charts', 'uploads'], rows));
    // A failed report (its ack later than Slack waits) misses the target.
    const worstCached = failures.length > 0 ? Infinity : Math.max(...cached.map((r) => r.full));
    console.log(
      `\nTargets: with charts cached under ${TARGETS.cached} ms: ${worstCached < TARGETS.cached ? 'met' : 'MISSED'} (${failures.length > 0 ? 'a report failed' : `${ms(worstCached)} ms`}); rendering under ${TARGETS.rendering} ms: ${first.full < TARGETS.rendering ? 'met' : 'MISSED'} (${ms(first.full)} ms).`,
    );
    console.log(`RSS ${(rssBefore / 1048576).toFixed(0)} MB before the reports, ${(process.memoryUsage().rss / 1048576).toFixed(0)} MB after; load average now ${loadavg().map((l) => l.toFixed(2)).join(' ')}.`);
  } finally {
    await cleanup.runAll();
  }
}

await main();
process.exit(0);
