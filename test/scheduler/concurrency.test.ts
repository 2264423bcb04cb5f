import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres } from '../../src/db/database.ts';
import { allPrograms, insertNudges } from '../../src/db/repositories/scheduler-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { bundleProgram } from '../../src/scheduler/bundle.ts';
import { decideProgram } from '../../src/scheduler/decide.ts';
import { runSweep, type SweepDeps } from '../../src/scheduler/sweep.ts';
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
  const logger = createLogger('silent');

  const replica = (): { handle: DatabaseHandle; deps: SweepDeps } => {
    const handle = openPostgres(database.url!, 4);
    replicas.push(handle);
    const clock = { now: () => NOW };
    const directory = new MemberDirectory(handle.db, clock, async () => undefined);
    const services = createServices(handle.db, clock, directory);
    const client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
    return { handle, deps: { db: handle.db, directory, composer: nudgeComposer(services.digest), outbox: slackOutbox(client), logger } };
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
    expect(reports.reduce((sum, r) => sum + r.decided, 0)).toBe(PAIRS * 2);
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

  it('a sender that died holding claims: its deliveries wait out the lease, then go once', async () => {
    const first = replica();
    for (const program of await allPrograms(first.handle.db)) {
      const decisions = await decideProgram(first.handle.db, program, NOW);
      await insertNudges(first.handle.db, decisions.map(({ why: _w, detail, ...n }) => ({ ...n, detail: JSON.stringify(detail) })));
      await bundleProgram(first.handle.db, program, NOW, first.deps.directory, first.deps.composer);
    }
    // What a crashed sender leaves behind: rows claimed with a lease, attempts counted, nothing sent.
    await first.handle.db.updateTable('deliveries').set({ claimed_until: new Date(NOW.getTime() + 120_000), attempts: 1 }).execute();
    const other = replica();
    await runSweep(other.deps, new Date(NOW.getTime() + 60_000));
    expect(fake.callsTo('chat.postMessage')).toHaveLength(0);
    await runSweep(other.deps, new Date(NOW.getTime() + 180_000));
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
});
