// Retention: the sweep empties the private text of pairings ended longer ago than the program's
// retention (default 24 months) and keeps the counts and dates; it forgets old Slack event ids
// and modal submissions.
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { pairUp, press, SECRETS, submitGoal, submitLog, submitLoop, submitReview } from '../helpers/flows.ts';
import { settingsViewValues } from '../helpers/settings-values.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let pairId: number;

/** Every private text column of a pairing's records, and the counts and dates that must outlive it. */
async function records() {
  const q = db();
  const [sessions, advice, commitments, goals, milestones, reviews, pair, pulses, exits, feedback] = await Promise.all([
    q.selectFrom('sessions').select(['topics', 'notes', 'held_on', 'minutes']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('advice_items').select(['text', 'outcome', 'outcome_text', 'closed_at']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('commitments').select(['text', 'done']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('goals').select(['id', 'title', 'outcome', 'success_measure', 'status']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('goal_milestones').select(['title', 'done']).execute(),
    q.selectFrom('pair_reviews').select(['achieved', 'next_steps', 'decision', 'status']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('pairs').select(['objective', 'status', 'ended_at', 'private_text_cleared_at']).where('id', '=', pairId).executeTakeFirstOrThrow(),
    q.selectFrom('pulse_answers').select(['answer', 'note']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('exit_survey_answers').select(['satisfaction', 'what_changed']).where('pair_id', '=', pairId).execute(),
    q.selectFrom('feedback_notes').select(['body', 'handled_at']).where('pair_id', '=', pairId).orderBy('id').execute(),
  ]);
  return { sessions, advice, commitments, goals, milestones, reviews, pair, pulses, exits, feedback };
}

beforeEach(async () => {
  pairId = await pairUp(t);
  await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'SECRET-GOAL', outcome: 'SECRET-GOAL outcome', successMeasure: 'SECRET-GOAL measure', milestones: 'SECRET-GOAL step one\nSECRET-GOAL step two' });
  await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', topics: 'SECRET-TOPIC', notes: 'SECRET-NOTE', advice: 'SECRET-ADVICE', commitments: 'SECRET-COMMIT' });
  const advice = await db().selectFrom('advice_items').select('id').executeTakeFirstOrThrow();
  expect((await submitLoop(t, PEOPLE.mentee, advice.id, 'tried_worked', 'SECRET-OUTCOME')).json.response_action).toBe('update');
  // The pairing concludes at its review on 2026-11-18: the mentee proposes, the mentor agrees.
  const review = await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'SECRET-REVIEW', nextSteps: 'SECRET-REVIEW next', decision: 'conclude' });
  expect(review.json.response_action).toBe('update');
  const proposal = await db().selectFrom('pair_reviews').select('id').executeTakeFirstOrThrow();
  await press(t, PEOPLE.mentor, 'review_agree', String(proposal.id));
  await t.bot.idle();
  // Survey words and notes to the admins about the pairing, as their own flows store them.
  const team = { team_id: TEAM, pair_id: pairId };
  await db().insertInto('pulse_answers').values({ ...team, respondent_id: PEOPLE.mentee.id, day: 30, answer: 'not_working', note: 'SECRET-PULSE' }).execute();
  await db().insertInto('exit_survey_answers').values({ ...team, respondent_id: PEOPLE.mentor.id, objective_reached: 'yes', satisfaction: 4, what_changed: 'SECRET-CHANGED', recommend: 9 }).execute();
  const program = await db().selectFrom('pairs').select('program_id').where('id', '=', pairId).executeTakeFirstOrThrow();
  await db().insertInto('feedback_notes').values([
    { ...team, program_id: program.program_id, author_id: PEOPLE.mentee.id, body: 'SECRET-FEEDBACK handled', handled_by: PEOPLE.admin.id, handled_at: new Date('2026-11-18T15:00:00Z') },
    { ...team, program_id: program.program_id, author_id: PEOPLE.mentee.id, body: 'WAITING-FEEDBACK' },
  ]).execute();
  t.fake.reset();
});

describe('private text of ended pairings', () => {
  it('stays for 24 months after the pairing ended, then is emptied; counts, dates and outcomes stay', async () => {
    const before = await records();
    expect(before.pair.status).toBe('ended');
    expect(JSON.stringify(before)).toContain('SECRET-REVIEW');
    for (const secret of SECRETS) expect(JSON.stringify(before)).toContain(secret);

    expect((await t.sweepAt('2028-11-17T12:00:00Z')).clearedPairs).toBe(0);
    expect(await records()).toEqual(before);

    const report = await t.sweepAt('2028-11-18T15:00:00Z');
    expect(report.clearedPairs).toBe(1);
    const after = await records();
    const text = JSON.stringify(after);
    for (const secret of [...SECRETS, 'SECRET-REVIEW', 'SECRET-PULSE', 'SECRET-CHANGED', 'SECRET-FEEDBACK']) expect(text).not.toContain(secret);
    expect(after.pair).toMatchObject({ objective: null, status: 'ended', ended_at: before.pair.ended_at, private_text_cleared_at: new Date('2028-11-18T15:00:00Z') });
    expect(after.sessions).toEqual(before.sessions.map((s) => ({ ...s, topics: '', notes: '' })));
    expect(after.advice).toEqual(before.advice.map((a) => ({ ...a, text: '', outcome_text: null })));
    expect(after.commitments).toEqual(before.commitments.map((c) => ({ ...c, text: '' })));
    expect(after.goals).toEqual(before.goals.map((g) => ({ ...g, title: '', outcome: '', success_measure: '' })));
    expect(after.milestones).toEqual(before.milestones.map((m) => ({ ...m, title: '' })));
    expect(after.reviews).toEqual(before.reviews.map((r) => ({ ...r, achieved: '', next_steps: '' })));
    expect(after.pulses).toEqual([{ answer: 'not_working', note: null }]);
    expect(after.exits).toEqual([{ satisfaction: 4, what_changed: null }]);
    // A note no admin has handled yet keeps its words until someone reads it.
    expect(after.feedback.map((f) => f.body)).toEqual(['(cleared after the retention period)', 'WAITING-FEEDBACK']);

    // Once only: a later sweep finds nothing left to clear.
    expect((await t.sweepAt('2028-11-19T15:00:00Z')).clearedPairs).toBe(0);
  });

  it('follows the program’s retention setting', async () => {
    const res = await t.slack.viewSubmission({ user_id: PEOPLE.admin.id, team_id: TEAM, callback_id: 'program_settings_modal', private_metadata: '{}', values: settingsViewValues({ retentionMonths: '3' }) });
    expect(res.json.response_action).toBe('update');
    expect((await t.sweepAt('2027-02-17T12:00:00Z')).clearedPairs).toBe(0);
    expect((await t.sweepAt('2027-02-18T15:00:00Z')).clearedPairs).toBe(1);
    expect(JSON.stringify(await records())).not.toContain('SECRET-NOTE');
  });

  it('leaves live pairings alone however old', async () => {
    const live = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await submitLog(t, PEOPLE.mentee2, live, { heldOn: '2026-11-17', notes: 'SECRET-NOTE-LIVE' });
    await t.sweepAt('2031-01-05T15:00:00Z');
    expect((await db().selectFrom('sessions').select('notes').where('pair_id', '=', live).executeTakeFirstOrThrow()).notes).toBe('SECRET-NOTE-LIVE');
  });
});

describe('deduplication records', () => {
  it('the sweep forgets event ids and modal submissions older than three days and keeps recent ones', async () => {
    await db().deleteFrom('processed_events').execute();
    await db().deleteFrom('view_submissions').execute();
    const old = sql<Date>`now() - interval '4 days'`;
    await db().insertInto('processed_events').values([
      { event_id: 'EvOLD', team_id: TEAM, received_at: old, handled_at: old },
      { event_id: 'EvNEW', team_id: TEAM, received_at: sql<Date>`now() - interval '2 days'`, handled_at: sql<Date>`now()` },
    ] as never).execute();
    await db().insertInto('view_submissions').values([
      { team_id: TEAM, view_id: 'VOLD', view_hash: 'h', user_id: PEOPLE.mentee.id, form: 'log', submitted_at: old },
      { team_id: TEAM, view_id: 'VNEW', view_hash: 'h', user_id: PEOPLE.mentee.id, form: 'log' },
    ] as never).execute();
    const report = await t.sweepAt('2026-11-19T15:00:00Z');
    expect(report.pruned).toBe(2);
    expect((await db().selectFrom('processed_events').select('event_id').execute()).map((r) => r.event_id)).toEqual(['EvNEW']);
    expect((await db().selectFrom('view_submissions').select('view_id').execute()).map((r) => r.view_id)).toEqual(['VNEW']);
  });
});
