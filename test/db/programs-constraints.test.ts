import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { defaultProgram, programByName, programSummaries } from '../../src/db/repositories/programs-repository.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

// The rules of programs the database itself keeps (migration 0170), whatever code writes to it.
const TEAM = 'TPROGRAMS';
let database: DatabaseHandle;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());
beforeEach(async () => {
  await db().deleteFrom('programs').where('team_id', 'in', [TEAM, 'TOTHER']).execute();
});

const insert = (values: Record<string, unknown>) =>
  db()
    .insertInto('programs')
    .values({ team_id: TEAM, name: 'Spring', ...values })
    .execute();

describe('programs: constraints', () => {
  it('gives an existing-style row the defaults: standard, open, no dates, not archived', async () => {
    const program = await defaultProgram(db(), TEAM);
    expect(program).toMatchObject({ kind: 'standard', enrolment_open: true, starts_on: null, ends_on: null, archived_at: null, description: '' });
  });

  it('keeps names unique per workspace ignoring case, but not across workspaces', async () => {
    await insert({ name: 'Spring cohort' });
    await expect(insert({ name: 'SPRING COHORT' })).rejects.toMatchObject({ code: '23505' });
    await db().insertInto('programs').values({ team_id: 'TOTHER', name: 'spring cohort' }).execute();
    expect((await programByName(db(), TEAM, 'spring Cohort'))?.name).toBe('Spring cohort');
    expect(await programByName(db(), 'TNONE', 'spring cohort')).toBeUndefined();
  });

  it('refuses an end on or before the start, an unknown kind, a blank name and an archived default', async () => {
    await expect(insert({ starts_on: '2027-01-10', ends_on: '2027-01-10' })).rejects.toMatchObject({ code: '23514' });
    await expect(insert({ starts_on: '2027-01-10', ends_on: '2027-01-09' })).rejects.toMatchObject({ code: '23514' });
    await expect(insert({ kind: 'circle' as never })).rejects.toMatchObject({ code: '23514' });
    await expect(insert({ name: '   ' })).rejects.toMatchObject({ code: '23514' });
    await expect(insert({ is_default: true, archived_at: new Date() })).rejects.toMatchObject({ code: '23514' });
    await insert({ starts_on: '2027-01-10', ends_on: '2027-01-11', kind: 'buddy', archived_at: new Date() });
  });

  it('lists a workspace’s programs with their live pairings and granted admins, archived last', async () => {
    const main = await defaultProgram(db(), TEAM);
    await insert({ name: 'Archived', archived_at: new Date() });
    await insert({ name: 'autumn' });
    const list = await programSummaries(db(), TEAM);
    expect(list.map((p) => [p.name, p.live_pairs, p.admin_ids])).toEqual([
      [main.name, 0, []],
      ['autumn', 0, []],
      ['Archived', 0, []],
    ]);
    expect(await programSummaries(db(), TEAM, 'UNOBODY')).toEqual([]);
  });
});
