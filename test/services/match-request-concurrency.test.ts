import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openPostgres, type DatabaseHandle } from '../../src/db/database.ts';
import { insertMatchRequest } from '../../src/db/repositories/match-requests-repository.ts';
import { saveProfiles } from '../../src/db/repositories/profiles-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { MemberDirectory } from '../../src/services/member-directory.ts';
import { createTestDatabase, resetTables, testDatabaseKind } from '../helpers/test-database.ts';

// Two replicas, each with its own pool, press Accept at the same moment for the same mentor.
describe.runIf(testDatabaseKind() === 'postgres')('accepting requests on PostgreSQL', () => {
  const NOW = new Date('2026-11-30T15:00:00Z');
  const MENTOR = 'UMENTOR01';
  const MENTEES = ['UMENTEE01', 'UMENTEE02'];
  let database: DatabaseHandle & { url?: string };
  const replicas: DatabaseHandle[] = [];

  const replica = (): Services => {
    const handle = openPostgres(database.url!, 4);
    replicas.push(handle);
    const clock = { now: () => NOW };
    return createServices(handle.db, clock, new MemberDirectory(handle.db, clock, async () => undefined));
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    for (const r of replicas) await r.close().catch(() => undefined);
    await database?.close();
  });
  beforeEach(async () => {
    await resetTables(database.db);
  });

  /** A mentee-choice program with one mentor of the given capacity and a pending request from each mentee. */
  async function setUp(capacity: number): Promise<number[]> {
    const db = database.db;
    const program = await defaultProgram(db, 'T1');
    await db.updateTable('programs').set({ matching_mode: 'mentee' }).where('id', '=', program.id).execute();
    await db
      .insertInto('members')
      .values([MENTOR, ...MENTEES].map((user_id) => ({ team_id: 'T1', user_id, tz: 'UTC', real_name: user_id, profile_refreshed_at: NOW })))
      .execute();
    await saveProfiles(db, { teamId: 'T1', programId: program.id, userId: MENTOR, managerId: null, mentee: null, mentor: { skills: ['SQL'], capacity, openToReverse: false }, at: NOW });
    const ids: number[] = [];
    for (const mentee of MENTEES) {
      await saveProfiles(db, { teamId: 'T1', programId: program.id, userId: mentee, managerId: null, mentee: { skills: ['SQL'], strengths: [], gap: '' }, mentor: null, at: NOW });
      ids.push((await insertMatchRequest(db, { teamId: 'T1', programId: program.id, menteeId: mentee, mentorId: MENTOR, at: NOW }))!.id);
    }
    return ids;
  }

  it.each([1, 2, 3, 4, 5])('two accepts at once for a mentor with one place make exactly one pairing (round %i)', async () => {
    const [a, b] = await setUp(1);
    const [one, two] = [replica(), replica()];
    const actor = { teamId: 'T1', userId: MENTOR };
    const answers = await Promise.allSettled([one.matching.acceptRequest(actor, a!), two.matching.acceptRequest(actor, b!)]);
    const outcomes = answers.map((r) => (r.status === 'fulfilled' ? r.value.outcome : String(r.reason)));
    expect(outcomes.sort()).toEqual(['full', 'paired']);
    const pairs = await database.db.selectFrom('pairs').select(['mentor_id', 'mentee_id']).where('status', '<>', 'ended').execute();
    expect(pairs).toHaveLength(1);
    const requests = await database.db.selectFrom('match_requests').select(['mentee_id', 'status']).orderBy('mentee_id').execute();
    expect(requests.map((r) => r.status).sort()).toEqual(['accepted', 'expired']);
    expect(requests.find((r) => r.status === 'accepted')!.mentee_id).toBe(pairs[0]!.mentee_id);
  });

  it('with two places both accepts pair', async () => {
    const [a, b] = await setUp(2);
    const [one, two] = [replica(), replica()];
    const actor = { teamId: 'T1', userId: MENTOR };
    const answers = await Promise.all([one.matching.acceptRequest(actor, a!), two.matching.acceptRequest(actor, b!)]);
    expect(answers.map((r) => r.outcome)).toEqual(['paired', 'paired']);
  });
});
