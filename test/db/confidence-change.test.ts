import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { outcomeInputs, recordConfidence } from '../../src/db/repositories/surveys-repository.ts';
import { confidenceChange, confidenceChangesPerGoal, medianConfidenceChange, overall, type ConfidenceRating } from '../../src/domain/outcomes.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

// The report reads the confidence change with one SQL statement; the rule is the pure
// `confidenceChangesPerGoal` (set → latest later rating). Both must agree on the same ratings.
const TEAM = 'T1';
let database: DatabaseHandle;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

it('the repository tally and the pure rule give the same median change per goal', async () => {
  const program = await defaultProgram(db(), TEAM);
  await db().insertInto('members').values(['UMENTOR', 'UMENTEE'].map((user_id) => ({ team_id: TEAM, user_id, tz: 'UTC' }))).execute();
  const pair = await db()
    .insertInto('pairs')
    .values({ team_id: TEAM, program_id: program.id, mentor_id: 'UMENTOR', mentee_id: 'UMENTEE', cadence_days: 14, started_at: '2026-01-05T09:00:00Z', review_on: '2026-07-05', rhythm_anchor_on: '2026-01-05', created_by: 'UADMIN' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const goal = async (title: string) => (await db().insertInto('goals').values({ team_id: TEAM, pair_id: pair.id, title, created_by: 'UMENTEE' }).returning('id').executeTakeFirstOrThrow()).id;
  // [set, then later moments with their day]; a goal rated only when set is not counted.
  const plan: Array<Array<[moment: 'set' | 'achieved' | 'dropped' | 'review' | 'end', rating: number, day: string]>> = [
    [['set', 2, '2026-01-06'], ['review', 3, '2026-06-05'], ['achieved', 5, '2026-07-01']],
    [['set', 4, '2026-01-06'], ['dropped', 2, '2026-02-01']],
    [['set', 1, '2026-01-07'], ['review', 4, '2026-06-05'], ['end', 3, '2026-09-01']],
    [['set', 3, '2026-01-07'], ['end', 3, '2026-09-01']],
    [['set', 2, '2026-01-08'], ['achieved', 4, '2026-03-01']],
    [['set', 5, '2026-01-08'], ['review', 4, '2026-06-05']],
    [['set', 3, '2026-01-09']],
  ];
  const ratings: ConfidenceRating[] = [];
  for (const [i, moments] of plan.entries()) {
    const goalId = await goal(`Goal ${i}`);
    for (const [moment, rating, day] of moments) {
      const at = new Date(`${day}T10:00:00Z`);
      const row = await recordConfidence(db(), { teamId: TEAM, goalId, moment, ...(moment === 'review' ? { reviewOn: day } : {}), rating, ratedBy: 'UMENTEE', at });
      ratings.push({ id: row!.id, goalId, moment, rating, ratedAt: row!.rated_at });
    }
  }
  const fromSql = (await outcomeInputs(db(), program.id)).confidence;
  const sameChange = (a: { before: number; after: number }, b: { before: number; after: number }) => a.before === b.before && a.after === b.after;
  const sorted = <T extends { value: { before: number; after: number } }>(t: readonly T[]) => [...t].sort((a, b) => a.value.before - b.value.before || a.value.after - b.value.after);
  expect(sorted(overall(fromSql, sameChange))).toEqual(sorted(confidenceChangesPerGoal(ratings)));
  // Changes +3, -2, +2, 0, +2, -1: six goals, median +1.
  expect(medianConfidenceChange(ratings)).toEqual({ kind: 'figure', value: 1, answers: 6 });
  expect(confidenceChange(overall(fromSql, sameChange))).toEqual(medianConfidenceChange(ratings));
});
