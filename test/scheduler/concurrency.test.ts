import { ErrorCode, WebClient } from '@slack/web-api';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/database.ts';
import { allPrograms, insertNudges } from '../../src/db/repositories/scheduler-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { bundleProgram } from '../../src/scheduler/bundle.ts';
import { decideProgram } from '../../src/scheduler/decide.ts';
import type { OutboundMessage } from '../../src/scheduler/ports.ts';
import { runSweep, SweepRunner, type SweepDeps } from '../../src/scheduler/sweep.ts';
import { createServices } from '../../src/services/index.ts';
import { MemberDirectory } from '../../src/services/member-directory.ts';
import { slackOutbox } from '../../src/slack/delivery-port.ts';
import { nudgeComposer } from '../../src/slack/nudge-composer.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { createTestDatabase, testDatabaseKind } from '../helpers/test-database.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';

// Several processes sweeping one PostgreSQL database: each "replica" here has its own pool.
describe.runIf(testDatabaseKind() === 'postgres')('sweeps on PostgreSQL', () => {
  const PAIRS = 40;
  const NOW = new Date('2026-12-07T15:00:00Z'); // Monday; 09:00–17:00 holds for UTC recipients
  let fake: FakeSlack;
  let database: DatabaseHandle & { url?: string };
  const replicas: DatabaseHandle[] = [];
  const logger = createLogger(process.env.TEST_LOG === '1' ? 'debug' : 'silent');

  const replica = (): { handle: DatabaseHandle; deps: SweepDeps } => {
    const handle = openPostgres(database.url!, 4);
    replicas.push(handle);
    const clock = { now: () => NOW };
    const directory = new MemberDirectory(handle.db, clock, async () => undefined);
    const services = createServices(handle.db, clock, directory);
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    return { handle, deps: { db: handle.db, teamId: 'T1', directory, composer: nudgeComposer(services.digest, services.nudgeMessages, services.cohortEnd), outbox: slackOutbox(client), logger } };
  };

  beforeAll(async () => {
    fake = await FakeSlack.start();
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of replicas) await r.close().catch(() => undefined);
    await database?.close();
    await fake?.close();
  });

  beforeEach(async () => {
    const db = database.db;
    for (const table of ['nudges', 'deliveries', 'pairs', 'members'] as const) await db.deleteFrom(table).execute();
    await db.deleteFrom('programs').where('team_id', '=', 'T2').execute();
    fake.reset();
    const program = await defaultProgram(db, 'T1');
    const people = Array.from({ length: PAIRS * 2 }, (_, i) => ({
      team_id: 'T1',
      user_id: `U${String(i).padStart(6, '0')}`,
      tz: 'UTC',
      profile_refreshed_at: NOW,
      real_name: `Person ${i}`,
    }));
    await db.insertInto('members').values(people).execute();
    await db
      .insertInto('pairs')
      .values(
        Array.from({ length: PAIRS }, (_, i) => ({
          team_id: 'T1',
          program_id: program.id,
          mentor_id: people[2 * i]!.user_id,
          mentee_id: people[2 * i + 1]!.user_id,
          cadence_days: 14,
          started_at: new Date('2026-11-01T10:00:00Z'),
          rhythm_anchor_on: '2026-11-01',
          review_on: '2027-05-01',
          created_by: 'UADMIN',
        })),
      )
      .execute();
  });

  const postsByRecipient = () => {
    const counts = new Map<string, number>();
    for (const call of fake.callsTo('chat.postMessage').filter((c) => !c.failed)) counts.set(call.args.channel, (counts.get(call.args.channel) ?? 0) + 1);
    return counts;
  };

  it('three sweeps at the same instant send every nudge exactly once', async () => {
    const [a, b, c] = [replica(), replica(), replica()];
    const reports = await Promise.all([runSweep(a.deps, NOW), runSweep(b.deps, NOW), runSweep(c.deps, NOW)]);
    const counts = postsByRecipient();
    expect(counts.size).toBe(PAIRS * 2);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    // Each person is due two nudges (the stall and the day-30 pulse check): each decided once, both in one DM.
    expect(reports.reduce((sum, r) => sum + r.decided, 0)).toBe(PAIRS * 2 * 2);
    const rules = await database.db.selectFrom('nudges').select('rule').distinct().orderBy('rule').execute();
    expect(rules.map((r) => r.rule)).toEqual(['pulse', 'stalled']);
    expect(reports.reduce((sum, r) => sum + r.send.sent, 0)).toBe(PAIRS * 2);
    // And a fourth, later sweep finds nothing left to do.
    const again = await runSweep(a.deps, new Date(NOW.getTime() + 60_000));
    expect(again.decided + again.send.sent).toBe(0);
  });

  it('a process killed between deciding and sending loses nothing: the next sweep sends once', async () => {
    const doomed = replica();
    for (const program of await allPrograms(doomed.handle.db)) {
      const decisions = await decideProgram(doomed.handle.db, program, NOW);
      await insertNudges(doomed.handle.db, decisions.map(({ why: _w, detail, ...n }) => ({ ...n, detail: JSON.stringify(detail) })));
      await bundleProgram(doomed.handle.db, program, NOW, doomed.deps.directory, doomed.deps.composer);
    }
    await doomed.handle.close(); // the process dies here, before any chat.postMessage
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);

    const survivor = replica();
    await runSweep(survivor.deps, new Date(NOW.getTime() + 60_000));
    const counts = postsByRecipient();
    expect(counts.size).toBe(PAIRS * 2);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });

  it('a sender that died holding claims: its deliveries wait out the lease (on the database clock), then go once', async () => {
    const first = replica();
    for (const program of await allPrograms(first.handle.db)) {
      const decisions = await decideProgram(first.handle.db, program, NOW);
      await insertNudges(first.handle.db, decisions.map(({ why: _w, detail, ...n }) => ({ ...n, detail: JSON.stringify(detail) })));
      await bundleProgram(first.handle.db, program, NOW, first.deps.directory, first.deps.composer);
    }
    // What a crashed sender leaves behind: rows claimed with a short lease, attempts counted, nothing sent.
    await sql`update deliveries set claimed_until = now() + interval '1500 milliseconds', claim_token = 'dead', attempts = 1`.execute(first.handle.db);
    const other = replica();
    await runSweep(other.deps, new Date(NOW.getTime() + 60 * 60_000)); // however late the sweep's instant
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    await new Promise((resolve) => setTimeout(resolve, 1600));
    await runSweep(other.deps, new Date(NOW.getTime() + 60 * 60_000));
    expect([...postsByRecipient().values()].every((n) => n === 1)).toBe(true);
    expect(postsByRecipient().size).toBe(PAIRS * 2);
  });

  it('one account_inactive is recorded and not retried; everyone else still gets their nudge', async () => {
    const r = replica();
    fake.onCall('chat.postMessage', (args) =>
      args.channel === 'U000003' ? { ok: false, error: 'account_inactive' } : { ok: true, channel: `D${args.channel}`, ts: `${Date.now() / 1000}` },
    );
    await runSweep(r.deps, NOW);
    await runSweep(r.deps, new Date(NOW.getTime() + 3_600_000));
    const failedCalls = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'U000003');
    expect(failedCalls).toHaveLength(1);
    const delivered = await database.db.selectFrom('deliveries').select(['recipient_id', 'status', 'last_error']).where('status', '=', 'sent').execute();
    expect(delivered).toHaveLength(PAIRS * 2 - 1);
    const failed = await database.db.selectFrom('deliveries').select(['recipient_id', 'status', 'last_error']).where('status', '=', 'failed').execute();
    expect(failed).toEqual([{ recipient_id: 'U000003', status: 'failed', last_error: 'account_inactive' }]);
  });

  /** A sender whose posts wait at a gate; `arrived` resolves when the first post reaches it. */
  const gated = (deps: SweepDeps, fail?: () => Error) => {
    let open!: () => void;
    let arrive!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const arrived = new Promise<void>((resolve) => (arrive = resolve));
    const inner = deps.outbox.sender;
    const outbox = {
      ...deps.outbox,
      sender: {
        async post(channel: string, message: OutboundMessage) {
          arrive();
          await gate;
          if (fail) throw fail();
          return inner.post(channel, message);
        },
      },
    };
    return { deps: { ...deps, outbox }, open, arrived };
  };

  it('a slow sender keeps its claims: a later sweep (another replica, a later --at) does not send them again', async () => {
    const slow = gated(replica().deps);
    const first = runSweep(slow.deps, NOW);
    await slow.arrived;
    // The next cron slot, or `npm run sweep -- --at` an hour on, while the first sender is still posting.
    const later = await runSweep(replica().deps, new Date(NOW.getTime() + 60 * 60_000));
    slow.open();
    const done = await first;
    expect(done.send.sent + later.send.sent).toBe(PAIRS * 2);
    expect(postsByRecipient().size).toBe(PAIRS * 2);
    expect([...postsByRecipient().values()].every((n) => n === 1)).toBe(true);
  });

  it('a sender whose claim passed to another records nothing over the other’s outcome', async () => {
    const stale = gated(replica().deps, () => Object.assign(new Error('channel_not_found'), { code: ErrorCode.PlatformError, data: { ok: false, error: 'channel_not_found' } }));
    const first = runSweep(stale.deps, NOW);
    await stale.arrived;
    // Its lease runs out while its posts hang; another sender takes every delivery over and sends it.
    await sql`update deliveries set claimed_until = now() - interval '1 second' where claimed_until is not null`.execute(database.db);
    const other = await runSweep(replica().deps, new Date(NOW.getTime() + 60_000));
    expect(other.send.sent).toBe(PAIRS * 2);
    stale.open();
    await first;
    const statuses = await database.db.selectFrom('deliveries').select('status').execute();
    expect(statuses.filter((d) => d.status !== 'sent')).toEqual([]);
    expect(statuses).toHaveLength(PAIRS * 2);
  });

  it('a database error after Slack accepted a post retries the bookkeeping, never the post', async () => {
    await sql`
      create sequence fail_sent_count;
      -- The first two attempts to record a sent delivery fail (a sequence survives the rollback).
      create or replace function fail_sent_once() returns trigger language plpgsql as $fn$
      begin
        if nextval('fail_sent_count') <= 2 then raise exception 'connection to the database lost'; end if;
        return new;
      end $fn$;
      create trigger fail_sent_once before update on deliveries for each row when (new.status = 'sent') execute function fail_sent_once();
    `.execute(database.db);
    try {
      const r = replica();
      const first = await runSweep(r.deps, NOW);
      await runSweep(r.deps, new Date(NOW.getTime() + 60 * 60_000));
      await runSweep(r.deps, new Date(NOW.getTime() + 2 * 60 * 60_000));
      expect(first.send.sent).toBe(PAIRS * 2);
      expect(postsByRecipient().size).toBe(PAIRS * 2);
      expect([...postsByRecipient().values()].every((n) => n === 1)).toBe(true);
      const unsent = await database.db.selectFrom('deliveries').select('id').where('status', '<>', 'sent').execute();
      expect(unsent).toEqual([]);
    } finally {
      await sql`drop trigger fail_sent_once on deliveries; drop function fail_sent_once(); drop sequence fail_sent_count`.execute(database.db);
    }
  });

  it('shutdown mid-sweep: no new claim or post, what was posted is recorded, the rest goes once later', async () => {
    const r = replica();
    const slow = gated(r.deps);
    const runner = new SweepRunner(slow.deps);
    const sweep = runner.run(NOW);
    await slow.arrived;
    const stopping = runner.stop(10_000);
    slow.open();
    expect(await stopping).toBe(true);
    const report = await sweep;
    // Only the posts already under way when shutdown began went out, and each is recorded.
    expect(report.send.sent).toBeGreaterThan(0);
    expect(report.send.sent).toBeLessThanOrEqual(4);
    const rows = await database.db.selectFrom('deliveries').select(['status', 'claimed_until']).execute();
    expect(rows.filter((d) => d.status === 'sent')).toHaveLength(report.send.sent);
    expect(rows.filter((d) => d.status === 'pending' && d.claimed_until !== null)).toEqual([]);
    await expect(runner.run(NOW)).rejects.toThrow(/stopping/);
    await r.handle.close();

    await runSweep(replica().deps, new Date(NOW.getTime() + 60_000));
    expect(postsByRecipient().size).toBe(PAIRS * 2);
    expect([...postsByRecipient().values()].every((n) => n === 1)).toBe(true);
  });

  it('two bots of different workspaces on one database each sweep and send only their own', async () => {
    const db = database.db;
    const other = await defaultProgram(db, 'T2');
    const people = Array.from({ length: 10 }, (_, i) => ({ team_id: 'T2', user_id: `V${String(i).padStart(6, '0')}`, tz: 'UTC', profile_refreshed_at: NOW, real_name: `Other ${i}` }));
    await db.insertInto('members').values(people).execute();
    await db
      .insertInto('pairs')
      .values(
        Array.from({ length: 5 }, (_, i) => ({
          team_id: 'T2', program_id: other.id, mentor_id: people[2 * i]!.user_id, mentee_id: people[2 * i + 1]!.user_id, cadence_days: 14,
          started_at: new Date('2026-11-01T10:00:00Z'), rhythm_anchor_on: '2026-11-01', review_on: '2027-05-01', created_by: 'UADMIN',
        })),
      )
      .execute();
    // A paused pairing of the other workspace whose pause ended: only its own bot resumes it.
    await db.updateTable('pairs').set({ status: 'paused', paused_until: new Date(NOW.getTime() - 60_000) }).where('mentor_id', '=', 'V000008').execute();
    const first = replica();
    const second = replica();
    second.deps.teamId = 'T2';

    const ours = await runSweep(first.deps, NOW);
    expect(ours.resumedPairs).toBe(0);
    expect(ours.send.sent).toBe(PAIRS * 2);
    expect([...postsByRecipient().keys()].filter((channel) => !channel.startsWith('U'))).toEqual([]);
    const theirs = await runSweep(second.deps, NOW);
    expect(theirs.resumedPairs).toBe(1);
    expect(theirs.send.sent).toBe(10);
    expect([...postsByRecipient().keys()].filter((channel) => channel.startsWith('V'))).toHaveLength(10);
    expect([...postsByRecipient().values()].every((n) => n === 1)).toBe(true);
  });
});
