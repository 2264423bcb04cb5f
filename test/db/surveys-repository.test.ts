import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import {
  adviceImpactCandidates,
  didItStickCandidates,
  exitSurveyCandidates,
  outcomeInputs,
  pulseCandidates,
  recordConfidence,
  recordDidItStick,
  recordExitSurvey,
  recordPulse,
  sharedWhatChanged,
  surveySettingsOf,
} from '../../src/db/repositories/surveys-repository.ts';
import type { Program } from '../../src/db/schema.ts';
import { outcomeReport } from '../../src/domain/outcomes.ts';
import { didItStickDue, exitSurveyDue, pulseDue } from '../../src/domain/survey-policy.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const TEAM = 'T1';
const T0 = new Date('2026-03-02T10:00:00Z');
let database: DatabaseHandle;
let program: Program;
const db = () => database.db;

beforeAll(async () => {
  database = await createTestDatabase();
  program = await defaultProgram(db(), TEAM);
  await db()
    .insertInto('members')
    .values(['UMENTOR', 'UMENTEE', 'UOTHER', ...Array.from({ length: 12 }, (_, i) => `U${i}`)].map((user_id) => ({ team_id: TEAM, user_id, tz: 'UTC' })))
    .execute();
  await db().insertInto('members').values({ team_id: 'T2', user_id: 'UMENTOR' }).execute();
});
afterAll(async () => {
  await database?.close();
});
beforeEach(async () => {
  for (const table of ['pulse_answers', 'confidence_ratings', 'exit_survey_answers', 'did_it_stick_answers', 'advice_items', 'sessions', 'goals', 'pairs'] as const) {
    await db().deleteFrom(table).execute();
  }
  await db().updateTable('programs').set({ pulse_days: [30, 90], pulse_enabled: true }).execute();
  program = await defaultProgram(db(), TEAM);
});

async function pair(input: { mentor?: string; mentee?: string; startedAt?: string; status?: 'active' | 'paused' | 'ended'; endedAt?: string; programId?: number } = {}) {
  const startedAt = input.startedAt ?? '2026-01-05T09:00:00Z';
  const row = await db()
    .insertInto('pairs')
    .values({
      team_id: TEAM,
      program_id: input.programId ?? program.id,
      mentor_id: input.mentor ?? 'UMENTOR',
      mentee_id: input.mentee ?? 'UMENTEE',
      cadence_days: 14,
      started_at: startedAt,
      review_on: '2026-07-05',
      rhythm_anchor_on: startedAt.slice(0, 10),
      created_by: 'UADMIN',
      status: input.status ?? 'active',
      ended_at: input.status === 'ended' ? (input.endedAt ?? '2026-06-30T12:00:00Z') : null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const rejects = (promise: Promise<unknown>) => expect(promise).rejects.toThrow();

describe('the survey tables keep their invariants', () => {
  it('rejects values out of range', async () => {
    const pairId = await pair();
    const base = { team_id: TEAM, pair_id: pairId, respondent_id: 'UMENTEE' };
    await rejects(db().insertInto('pulse_answers').values({ ...base, day: 0, answer: 'going_well' }).execute());
    await rejects(db().insertInto('pulse_answers').values({ ...base, day: 30, answer: 'meh' as 'going_well' }).execute());
    await rejects(db().insertInto('pulse_answers').values({ ...base, day: 30, answer: 'going_well', note: '' }).execute());
    const exit = { ...base, objective_reached: 'yes' as const, satisfaction: 4, recommend: 8 };
    await rejects(db().insertInto('exit_survey_answers').values({ ...exit, recommend: 11 }).execute());
    await rejects(db().insertInto('exit_survey_answers').values({ ...exit, recommend: -1 }).execute());
    await rejects(db().insertInto('exit_survey_answers').values({ ...exit, satisfaction: 0 }).execute());
    await rejects(db().insertInto('exit_survey_answers').values({ ...exit, satisfaction: 6 }).execute());
    await rejects(db().insertInto('did_it_stick_answers').values({ team_id: TEAM, pair_id: pairId, mentee_id: 'UMENTEE', answer: 'maybe' as 'yes' }).execute());
    await db().insertInto('exit_survey_answers').values(exit).execute();
    expect(await db().selectFrom('exit_survey_answers').select(['satisfaction', 'recommend', 'share_with_admins']).execute()).toEqual([{ satisfaction: 4, recommend: 8, share_with_admins: false }]);
  });

  it('ties every answer to its pairing within the same workspace', async () => {
    const pairId = await pair();
    await rejects(db().insertInto('pulse_answers').values({ team_id: 'T2', pair_id: pairId, respondent_id: 'UMENTOR', day: 30, answer: 'going_well' }).execute());
    await rejects(db().insertInto('pulse_answers').values({ team_id: TEAM, pair_id: pairId, respondent_id: 'UNOBODY', day: 30, answer: 'going_well' }).execute());
  });

  it('a review rating names its review day, and only a review rating does', async () => {
    const pairId = await pair();
    const goal = await db().insertInto('goals').values({ team_id: TEAM, pair_id: pairId, title: 'Speak up', created_by: 'UMENTEE' }).returning('id').executeTakeFirstOrThrow();
    const base = { team_id: TEAM, goal_id: goal.id, rating: 3, rated_by: 'UMENTEE' };
    await rejects(db().insertInto('confidence_ratings').values({ ...base, moment: 'review' }).execute());
    await rejects(db().insertInto('confidence_ratings').values({ ...base, moment: 'set', review_on: '2026-07-05' }).execute());
    await rejects(db().insertInto('confidence_ratings').values({ ...base, moment: 'set', rating: 6 }).execute());
    await db().insertInto('confidence_ratings').values({ ...base, moment: 'set' }).execute();
    await rejects(db().insertInto('confidence_ratings').values({ ...base, moment: 'set' }).execute());
  });

  it('the nudges table takes the survey rules', async () => {
    const nudge = (rule: string) => ({ team_id: TEAM, program_id: program.id, rule: rule as 'pulse', subject: 'pair:1', period: 'day30', recipient_id: 'UMENTEE', due_at: T0, deliver_after: T0 });
    for (const rule of ['pulse', 'exit_survey', 'did_it_stick', 'advice_impact']) await db().insertInto('nudges').values(nudge(rule)).execute();
    await rejects(db().insertInto('nudges').values(nudge('survey')).execute());
    await db().deleteFrom('nudges').execute();
  });

  it('program pulse days: at most 4, each 1–365; each survey on by default', async () => {
    expect(surveySettingsOf(program)).toEqual({ pulseEnabled: true, pulseDays: [30, 90], exitSurveyEnabled: true, didItStickEnabled: true, adviceImpactEnabled: true });
    expect(program.confidence_enabled).toBe(true);
    const set = (pulse_days: number[]) => db().updateTable('programs').set({ pulse_days }).where('id', '=', program.id).execute();
    await rejects(set([0]));
    await rejects(set([366]));
    await rejects(set([10, 20, 30, 40, 50]));
    await set([14, 45, 365]);
    expect((await defaultProgram(db(), TEAM)).pulse_days).toEqual([14, 45, 365]);
  });
});

describe('recording answers', () => {
  it('a pulse answer: a second answer to the same pulse updates the first', async () => {
    const pairId = await pair();
    const first = await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UMENTEE', day: 30, answer: 'not_working', note: 'We keep cancelling.', at: T0 });
    expect(first).toMatchObject({ answer: 'not_working', note: 'We keep cancelling.', day: 30, answered_at: T0, updated_at: T0 });
    const later = new Date(T0.getTime() + 3_600_000);
    const second = await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UMENTEE', day: 30, answer: 'could_be_better', at: later });
    expect(second).toMatchObject({ id: first!.id, answer: 'could_be_better', note: 'We keep cancelling.', answered_at: T0, updated_at: later });
    const third = await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UMENTEE', day: 30, answer: 'going_well', note: null, at: later });
    expect(third).toMatchObject({ id: first!.id, answer: 'going_well', note: null });
    await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UMENTOR', day: 30, answer: 'going_well', at: T0 });
    await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UMENTEE', day: 90, answer: 'going_well', at: T0 });
    expect(await db().selectFrom('pulse_answers').select(['respondent_id', 'day', 'answer']).orderBy('id').execute()).toEqual([
      { respondent_id: 'UMENTEE', day: 30, answer: 'going_well' },
      { respondent_id: 'UMENTOR', day: 30, answer: 'going_well' },
      { respondent_id: 'UMENTEE', day: 90, answer: 'going_well' },
    ]);
  });

  it('only a member of the pairing, in its workspace, can answer', async () => {
    const pairId = await pair();
    expect(await recordPulse(db(), { teamId: TEAM, pairId, respondentId: 'UOTHER', day: 30, answer: 'going_well', at: T0 })).toBeUndefined();
    expect(await recordPulse(db(), { teamId: 'T2', pairId, respondentId: 'UMENTOR', day: 30, answer: 'going_well', at: T0 })).toBeUndefined();
    const exit = { teamId: TEAM, pairId, objectiveReached: 'yes' as const, satisfaction: 5, whatChanged: null, shareWithAdmins: false, recommend: 10, at: T0 };
    expect(await recordExitSurvey(db(), { ...exit, respondentId: 'UOTHER' })).toBeUndefined();
    expect(await recordDidItStick(db(), { teamId: TEAM, pairId, menteeId: 'UMENTOR', answer: 'yes', at: T0 })).toBeUndefined();
    expect(await db().selectFrom('pulse_answers').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('exit_survey_answers').select('id').execute()).toEqual([]);
    expect(await db().selectFrom('did_it_stick_answers').select('id').execute()).toEqual([]);
  });

  it('the exit survey and did-it-stick: one answer per person and pairing, updated by the next', async () => {
    const pairId = await pair({ status: 'ended' });
    const exit = { teamId: TEAM, pairId, respondentId: 'UMENTEE', objectiveReached: 'partly' as const, satisfaction: 3, whatChanged: 'I ask for help sooner.', shareWithAdmins: false, recommend: 7, at: T0 };
    const first = await recordExitSurvey(db(), exit);
    const second = await recordExitSurvey(db(), { ...exit, objectiveReached: 'yes', satisfaction: 5, shareWithAdmins: true, recommend: 9 });
    expect(second).toMatchObject({ id: first!.id, objective_reached: 'yes', satisfaction: 5, share_with_admins: true, recommend: 9, what_changed: 'I ask for help sooner.' });
    await recordDidItStick(db(), { teamId: TEAM, pairId, menteeId: 'UMENTEE', answer: 'no', at: T0 });
    await recordDidItStick(db(), { teamId: TEAM, pairId, menteeId: 'UMENTEE', answer: 'partly', at: T0 });
    expect(await db().selectFrom('did_it_stick_answers').select(['mentee_id', 'answer']).execute()).toEqual([{ mentee_id: 'UMENTEE', answer: 'partly' }]);
  });

  it('confidence: the mentee rates; each review keeps its own rating; a second rating of a moment updates it', async () => {
    const pairId = await pair();
    const goal = await db().insertInto('goals').values({ team_id: TEAM, pair_id: pairId, title: 'Speak up', created_by: 'UMENTEE' }).returning('id').executeTakeFirstOrThrow();
    const rate = (moment: 'set' | 'review' | 'achieved', rating: number, ratedBy = 'UMENTEE', reviewOn?: string) =>
      recordConfidence(db(), { teamId: TEAM, goalId: goal.id, moment, reviewOn, rating, ratedBy, at: T0 });
    expect(await rate('set', 2, 'UMENTOR')).toBeUndefined();
    await rate('set', 2);
    await rate('set', 1);
    await rate('review', 3, 'UMENTEE', '2026-07-05');
    await rate('review', 4, 'UMENTEE', '2027-01-05');
    await rate('review', 5, 'UMENTEE', '2026-07-05');
    expect(await db().selectFrom('confidence_ratings').select(['moment', 'review_on', 'rating', 'rated_by']).orderBy('id').execute()).toEqual([
      { moment: 'set', review_on: null, rating: 1, rated_by: 'UMENTEE' },
      { moment: 'review', review_on: '2026-07-05', rating: 5, rated_by: 'UMENTEE' },
      { moment: 'review', review_on: '2027-01-05', rating: 4, rated_by: 'UMENTEE' },
    ]);
  });
});

describe('what the outcome figures are computed from', () => {
  it('counts per month and value, for this program only, and the threshold holds at 4 and 5 answers', async () => {
    const pairs: number[] = [];
    for (let i = 0; i < 5; i++) pairs.push(await pair({ mentor: `U${i}`, mentee: `U${i + 6}`, status: 'ended' }));
    const other = await db().insertInto('programs').values({ team_id: TEAM, name: 'Other' }).returning('id').executeTakeFirstOrThrow();
    const elsewhere = await pair({ mentor: 'U5', mentee: 'U11', status: 'ended', programId: other.id });
    const march = new Date('2026-03-10T12:00:00Z');
    const april = new Date('2026-04-01T00:30:00Z');
    const exit = (pairId: number, respondentId: string, satisfaction: number, recommend: number, at: Date) =>
      recordExitSurvey(db(), { teamId: TEAM, pairId, respondentId, objectiveReached: satisfaction >= 4 ? 'yes' : 'no', satisfaction, whatChanged: `private words ${respondentId}`, shareWithAdmins: respondentId === 'U0', recommend, at });
    for (let i = 0; i < 4; i++) await exit(pairs[i]!, `U${i}`, 4, 9, march);
    await exit(elsewhere, 'U5', 1, 0, march);

    const four = await outcomeInputs(db(), program.id);
    expect(four.satisfaction).toEqual([{ month: '2026-03', value: 4, count: 4 }]);
    expect(outcomeReport(four).overall.satisfaction).toEqual({ kind: 'not_enough_answers' });

    await exit(pairs[4]!, 'U4', 2, 3, april);
    await recordPulse(db(), { teamId: TEAM, pairId: pairs[0]!, respondentId: 'U0', day: 30, answer: 'not_working', note: 'a private note', at: march });
    await recordDidItStick(db(), { teamId: TEAM, pairId: pairs[1]!, menteeId: 'U7', answer: 'yes', at: april });
    const five = await outcomeInputs(db(), program.id);
    expect(five).toEqual({
      pulse: [{ month: '2026-03', value: 'not_working', count: 1 }],
      objective: [{ month: '2026-03', value: 'yes', count: 4 }, { month: '2026-04', value: 'no', count: 1 }],
      satisfaction: [{ month: '2026-03', value: 4, count: 4 }, { month: '2026-04', value: 2, count: 1 }],
      recommend: [{ month: '2026-03', value: 9, count: 4 }, { month: '2026-04', value: 3, count: 1 }],
      stick: [{ month: '2026-04', value: 'yes', count: 1 }],
      advice: [],
      confidence: [],
    });
    expect(JSON.stringify(five)).not.toMatch(/private|U\d|UMENT/);
    const report = outcomeReport(five);
    expect(report.overall.satisfaction).toEqual({ kind: 'figure', value: 3.6, answers: 5 });
    expect(report.overall.recommendation).toEqual({ kind: 'figure', value: 60, answers: 5 });
    expect(report.overall.objectiveReached).toEqual({ kind: 'figure', value: 80, answers: 5 });
    expect(report.months.map((m) => m.figures.satisfaction)).toEqual([{ kind: 'not_enough_answers' }, { kind: 'not_enough_answers' }]);
    expect(await sharedWhatChanged(db(), program.id)).toEqual(['private words U0']);
  });

  it('advice outcomes by the month their loop closed; confidence as (set, latest after) per goal', async () => {
    const pairId = await pair();
    const session = await db().insertInto('sessions').values({ team_id: TEAM, pair_id: pairId, held_on: '2026-02-20', minutes: 30, logged_by: 'UMENTOR' }).returning('id').executeTakeFirstOrThrow();
    const advice = (outcome: 'open' | 'tried_worked' | 'tried_didnt' | 'not_applicable', closedAt: string | null) => ({
      team_id: TEAM, pair_id: pairId, session_id: session.id, text: 'Try it', follow_up_on: '2026-02-27', outcome, closed_at: closedAt, created_at: '2026-02-20T10:00:00Z',
    });
    await db().insertInto('advice_items').values([
      advice('open', null),
      advice('tried_worked', '2026-02-28T23:00:00Z'),
      advice('tried_worked', '2026-03-01T01:00:00Z'),
      advice('tried_didnt', '2026-03-05T10:00:00Z'),
      advice('not_applicable', '2026-03-06T10:00:00Z'),
    ]).execute();
    const goals = await db().insertInto('goals').values([1, 2, 3].map((n) => ({ team_id: TEAM, pair_id: pairId, title: `Goal ${n}`, created_by: 'UMENTEE' }))).returning('id').execute();
    const rate = (goalId: number, moment: 'set' | 'review' | 'achieved' | 'end', rating: number, at: string, reviewOn?: string) =>
      recordConfidence(db(), { teamId: TEAM, goalId, moment, rating, ratedBy: 'UMENTEE', reviewOn, at: new Date(at) });
    await rate(goals[0]!.id, 'set', 2, '2026-01-10T00:00:00Z');
    await rate(goals[0]!.id, 'review', 3, '2026-02-10T00:00:00Z', '2026-02-10');
    await rate(goals[0]!.id, 'achieved', 5, '2026-03-10T00:00:00Z');
    await rate(goals[1]!.id, 'set', 4, '2026-01-10T00:00:00Z');
    await rate(goals[1]!.id, 'end', 3, '2026-03-20T00:00:00Z');
    await rate(goals[2]!.id, 'set', 1, '2026-01-10T00:00:00Z'); // no rating after: not counted
    const inputs = await outcomeInputs(db(), program.id);
    expect(inputs.advice).toEqual([
      { month: '2026-02', value: 'tried_worked', count: 1 },
      { month: '2026-03', value: 'not_applicable', count: 1 },
      { month: '2026-03', value: 'tried_didnt', count: 1 },
      { month: '2026-03', value: 'tried_worked', count: 1 },
    ]);
    expect(inputs.confidence).toEqual([
      { month: '2026-03', value: { before: 2, after: 5 }, count: 1 },
      { month: '2026-03', value: { before: 4, after: 3 }, count: 1 },
    ]);
  });
});

describe('due-survey candidates agree with the rules', () => {
  // Started 2026-01-05: day 30 is 2026-02-04, the late window ends on day 43 (2026-02-17).
  it.each([
    ['day 29', '2026-02-03', false],
    ['day 30', '2026-02-04', true],
    ['day 43', '2026-02-17', true],
    ['day 44', '2026-02-18', false],
    ['day 90', '2026-04-05', true],
  ])('pulse on %s', async (_label, today, due) => {
    await pair();
    await pair({ mentor: 'U0', mentee: 'U1', status: 'paused' });
    const candidates = await pulseCandidates(db(), program, today);
    expect(candidates.length).toBe(due ? 1 : 0);
    for (const c of candidates) expect(pulseDue(c, surveySettingsOf(program), today)).toHaveLength(2);
  });

  it('the program pulse days decide which days are candidates, and a pairing is counted from its UTC start day', async () => {
    await db().updateTable('programs').set({ pulse_days: [14] }).where('id', '=', program.id).execute();
    program = await defaultProgram(db(), TEAM);
    await pair({ startedAt: '2026-01-04T23:30:00-05:00' }); // 2026-01-05 in UTC
    expect(await pulseCandidates(db(), program, '2026-01-18')).toEqual([]);
    expect(await pulseCandidates(db(), program, '2026-01-19')).toEqual([
      expect.objectContaining({ mentorId: 'UMENTOR', menteeId: 'UMENTEE', status: 'active', startedOn: '2026-01-05', endedOn: null }),
    ]);
    expect(await pulseCandidates(db(), program, '2026-02-04')).toEqual([]);
  });

  it.each([
    ['the end day', '2026-06-30', true],
    ['13 days after', '2026-07-13', true],
    ['14 days after', '2026-07-14', false],
    ['the day before', '2026-06-29', false],
  ])('exit survey on %s', async (_label, today, due) => {
    await pair({ status: 'ended', endedAt: '2026-06-30T23:00:00Z' });
    await pair({ mentor: 'U0', mentee: 'U1' });
    const candidates = await exitSurveyCandidates(db(), program, today);
    expect(candidates.map((c) => c.endedOn)).toEqual(due ? ['2026-06-30'] : []);
    for (const c of candidates) expect(exitSurveyDue(c, surveySettingsOf(program), today)).toHaveLength(2);
  });

  it.each([
    ['27 Feb', '2027-02-27', false],
    ['28 Feb, three months after 30 Nov', '2027-02-28', true],
    ['13 Mar', '2027-03-13', true],
    ['14 Mar', '2027-03-14', false],
  ])('did it stick on %s', async (_label, today, due) => {
    await pair({ status: 'ended', endedAt: '2026-11-30T15:00:00Z' });
    const candidates = await didItStickCandidates(db(), program, today);
    expect(candidates.length).toBe(due ? 1 : 0);
    for (const c of candidates) expect(didItStickDue(c, surveySettingsOf(program), today)).toEqual([expect.objectContaining({ recipientId: 'UMENTEE', period: '2026-11-30' })]);
  });

  it('advice impact: mentors with advice given or closed in the month, with the counts', async () => {
    const pairId = await pair();
    const quiet = await pair({ mentor: 'U0', mentee: 'U1' });
    const session = await db().insertInto('sessions').values({ team_id: TEAM, pair_id: pairId, held_on: '2026-02-20', minutes: 30, logged_by: 'UMENTOR' }).returning('id').executeTakeFirstOrThrow();
    const quietSession = await db().insertInto('sessions').values({ team_id: TEAM, pair_id: quiet, held_on: '2026-01-20', minutes: 30, logged_by: 'U0' }).returning('id').executeTakeFirstOrThrow();
    const row = (sessionId: number, p: number, createdAt: string, outcome: 'open' | 'tried_worked' | 'tried_didnt' | 'not_applicable', closedAt: string | null, usefulness: number | null) => ({
      team_id: TEAM, pair_id: p, session_id: sessionId, text: 'Try it', follow_up_on: '2026-02-27', outcome, closed_at: closedAt, usefulness, created_at: createdAt,
    });
    await db().insertInto('advice_items').values([
      row(session.id, pairId, '2026-02-20T10:00:00Z', 'open', null, null),
      row(session.id, pairId, '2026-02-20T10:00:00Z', 'tried_worked', '2026-02-27T10:00:00Z', 5),
      row(session.id, pairId, '2026-01-20T10:00:00Z', 'tried_didnt', '2026-02-03T10:00:00Z', 2),
      row(session.id, pairId, '2026-01-20T10:00:00Z', 'not_applicable', '2026-03-01T00:00:00Z', null),
      row(quietSession.id, quiet, '2026-01-20T10:00:00Z', 'tried_worked', '2026-01-31T23:59:00Z', 4),
    ]).execute();
    expect(await adviceImpactCandidates(db(), program.id, '2026-02')).toEqual([{ mentorId: 'UMENTOR', given: 2, closed: 2, tried: 2, worked: 1, usefulnessMean: 3.5 }]);
    expect(await adviceImpactCandidates(db(), program.id, '2026-04')).toEqual([]);
  });
});
