// A person's own data: `/mentor my-data` sends them a copy, `/mentor delete-my-data` deletes their
// private text and profile (anonymous counts stay), and a workspace that removed the app gets
// nothing more from the bot.
import { beforeEach, describe, expect, it } from 'vitest';
import { answered, dmsTo, pairUp, submitFeedback as sendFeedback, submitGoal, submitJoinAsMentee as sendJoinAsMentee, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { eventually } from '../helpers/wait.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let p1: number;
let p2: number;


const submitFeedback = (person: Person, pairId: number, body: string) => sendFeedback(t, person, pairId, body);

const submitJoinAsMentee = (person: Person, skill: string, gap: string) => sendJoinAsMentee(t, person, skill, gap);

const submitDeletion = (person: Person) => t.slack.viewSubmission({ user_id: person.id, callback_id: 'delete_my_data_modal', values: {} });

/** Runs `/mentor my-data` as `person`; returns the ack and the JSON file that reached their DM. */
async function myData(person: Person) {
  const ack = await answered(t, t.slack.command({ text: 'my-data', user_id: person.id, response_url: t.fake.responseUrl() }));
  const uploads = t.fake.callsTo('file_upload');
  expect(uploads).toHaveLength(1);
  return { ack, body: String(uploads[0]!.args.body), data: JSON.parse(String(uploads[0]!.args.body)) };
}

// The mentee's pairing (p1) holds their words and their mentor's; p2 is another pair of the same mentor.
beforeEach(async () => {
  p1 = await pairUp(t);
  p2 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
  await answered(t, submitLog(t, PEOPLE.mentee, p1, { heldOn: '2026-11-17', minutes: '45', topics: 'MINE-TOPIC', notes: 'MINE-NOTE', advice: 'MINE-ADVICE', commitments: 'MINE-COMMIT' }));
  await answered(t, submitLog(t, PEOPLE.mentor, p1, { heldOn: '2026-11-18', minutes: '30', notes: 'PARTNER-NOTE' }));
  await answered(t, submitLog(t, PEOPLE.mentee2, p2, { heldOn: '2026-11-17', minutes: '60', notes: 'OTHER-PAIR-NOTE', advice: 'OTHER-PAIR-ADVICE' }));
  const advice = await db().selectFrom('advice_items').select('id').where('pair_id', '=', p1).executeTakeFirstOrThrow();
  await answered(t, submitLoop(t, PEOPLE.mentee, advice.id, 'tried_worked', 'MINE-OUTCOME'));
  await answered(t, submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: p1 }), { title: 'MINE-GOAL', outcome: 'MINE-GOAL-OUTCOME', milestones: 'MINE-STEP' }));
  await answered(t, submitGoal(t, PEOPLE.mentee2, JSON.stringify({ pairId: p2 }), { title: 'OTHER-PAIR-GOAL' }));
  await answered(t, submitFeedback(PEOPLE.mentee, p1, 'MINE-FEEDBACK'));
  await answered(t, submitFeedback(PEOPLE.mentee2, p2, 'OTHER-FEEDBACK'));
  await answered(t, submitJoinAsMentee(PEOPLE.mentee, 'Public speaking', 'MINE-GAP'));
  // A booked session with the mentee's agenda (as the agenda modal stores it).
  await db().insertInto('bookings').values({ team_id: TEAM, pair_id: p1, starts_at: '2026-11-25T10:00:00Z', minutes: 60, booked_by: PEOPLE.mentee.id, agenda: 'MINE-AGENDA' }).execute();
  t.fake.reset();
});

describe('/mentor my-data', () => {
  it('acks at once, then sends the person everything about them as a JSON file in their DM', async () => {
    const { ack, data } = await myData(PEOPLE.mentee);
    expect(ack.text).toContain("I'm putting it together; it will arrive in our DM");
    const complete = t.fake.callsTo('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args.channel_id).toBe(`D${PEOPLE.mentee.id}`);
    expect(t.fake.callsTo('files.getUploadURLExternal')[0]!.args.filename).toBe('mentor-my-data-2026-11-18.json');
    await eventually(() => expect(textOf(t.fake.callsTo('response_url').at(-1)?.args)).toContain('Your data is in our DM'));

    expect(data.user_id).toBe(PEOPLE.mentee.id);
    expect(data.member.real_name).toBe('Theo Mentee');
    expect(data.pairings).toHaveLength(1);
    const [pairing] = data.pairings;
    expect(pairing).toMatchObject({ id: p1, your_role: 'mentee', partner_id: PEOPLE.mentor.id, status: 'active' });
    expect(pairing.sessions.map((s: any) => [s.held_on, s.minutes, s.logged_by, s.notes])).toEqual([
      ['2026-11-17', 45, PEOPLE.mentee.id, 'MINE-NOTE'],
      ['2026-11-18', 30, PEOPLE.mentor.id, 'PARTNER-NOTE'],
    ]);
    expect(pairing.sessions[0].topics).toBe('MINE-TOPIC');
    expect(pairing.sessions[0].advice.map((a: any) => [a.text, a.outcome, a.outcome_text])).toEqual([['MINE-ADVICE', 'tried_worked', 'MINE-OUTCOME']]);
    expect(pairing.sessions[0].commitments.map((c: any) => c.text)).toEqual(['MINE-COMMIT']);
    expect(pairing.goals.map((g: any) => [g.title, g.outcome, g.milestones.map((m: any) => m.title)])).toEqual([['MINE-GOAL', 'MINE-GOAL-OUTCOME', ['MINE-STEP']]]);
    expect(pairing.booked_sessions.map((b: any) => [b.minutes, b.agenda])).toEqual([[60, 'MINE-AGENDA']]);
    expect(data.feedback_notes_you_wrote.map((n: any) => n.body)).toEqual(['MINE-FEEDBACK']);
    expect(data.matching_profiles.map((p: any) => [p.role, p.gap])).toEqual([['mentee', 'MINE-GAP']]);
    expect(data.admin_grants).toEqual([]);
  });

  it('holds nothing of other pairs or other people, and reaches nobody else', async () => {
    const { body } = await myData(PEOPLE.mentee);
    for (const other of ['OTHER-PAIR-NOTE', 'OTHER-PAIR-ADVICE', 'OTHER-PAIR-GOAL', 'OTHER-FEEDBACK', PEOPLE.mentee2.id]) expect(body).not.toContain(other);
    expect(dmsTo(t, PEOPLE.mentor)).toEqual([]);
    expect(t.fake.callsTo('files.completeUploadExternal').map((c) => c.args.channel_id)).toEqual([`D${PEOPLE.mentee.id}`]);
  });

  it("gives a mentor both of their pairings, with each pair's shared records", async () => {
    const { data } = await myData(PEOPLE.mentor);
    expect(data.pairings.map((p: any) => [p.id, p.your_role, p.partner_id])).toEqual([
      [p1, 'mentor', PEOPLE.mentee.id],
      [p2, 'mentor', PEOPLE.mentee2.id],
    ]);
    expect(data.pairings[1].sessions[0].notes).toBe('OTHER-PAIR-NOTE');
    expect(data.feedback_notes_you_wrote).toEqual([]); // the mentees' notes to admins are theirs
  });

  it('tells the person when the upload fails, and shares nothing', async () => {
    t.fake.failNext('files.completeUploadExternal', { error: 'channel_not_found' });
    await answered(t, t.slack.command({ text: 'my-data', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl() }));
    await eventually(() => expect(textOf(t.fake.callsTo('response_url').at(-1)?.args)).toContain("I couldn't send your data: Slack answered `channel_not_found`"));
  });
});

describe('/mentor delete-my-data', () => {
  it('opens a confirmation that says what is deleted and what stays', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'delete-my-data', user_id: PEOPLE.mentee.id }));
    expect(view.callback_id).toBe('delete_my_data_modal');
    const text = textOf(view);
    expect(text).toContain('your feedback notes');
    expect(text).toContain('your matching profile');
    expect(text).toContain('Anonymous counts stay');
    expect(text).toContain('Your pairings end');
    // Nothing is deleted by opening it.
    expect(await db().selectFrom('feedback_notes').select('body').where('author_id', '=', PEOPLE.mentee.id).execute()).toHaveLength(1);
  });

  it('deletes their words and profile, keeps anonymous counts, ends the pairing and tells the partner kindly', async () => {
    const programId = (await db().selectFrom('programs').select('id').where('team_id', '=', TEAM).executeTakeFirstOrThrow()).id;
    const request = (menteeId: string) => ({ team_id: TEAM, program_id: programId, mentee_id: menteeId, mentor_id: PEOPLE.outsider.id });
    await db().insertInto('match_requests').values([request(PEOPLE.mentee.id), request(PEOPLE.mentee2.id)]).execute();
    const res = await answered(t, submitDeletion(PEOPLE.mentee));
    expect(res.response_action).toBe('update');
    expect(textOf(res.view)).toContain('Your private text and profile are deleted');

    const sessions = await db().selectFrom('sessions').select(['pair_id', 'held_on', 'minutes', 'topics', 'notes', 'logged_by']).orderBy('id').execute();
    expect(sessions.map((s) => [s.pair_id, s.held_on, s.minutes, s.topics, s.notes])).toEqual([
      [p1, '2026-11-17', 45, '', ''],
      [p1, '2026-11-18', 30, 'Design reviews', 'PARTNER-NOTE'], // the mentor's own words stay theirs
      [p2, '2026-11-17', 60, 'Design reviews', 'OTHER-PAIR-NOTE'],
    ]);
    const advice = await db().selectFrom('advice_items').select(['pair_id', 'text', 'outcome', 'outcome_text']).orderBy('id').execute();
    expect(advice.map((a) => [a.pair_id, a.text, a.outcome, a.outcome_text])).toEqual([
      [p1, '(deleted)', 'tried_worked', null],
      [p2, 'OTHER-PAIR-ADVICE', 'open', null],
    ]);
    expect((await db().selectFrom('commitments').select('text').execute()).map((c) => c.text)).toEqual(['(deleted)']);
    const goals = await db().selectFrom('goals').select(['pair_id', 'title', 'outcome', 'status']).orderBy('id').execute();
    expect(goals.map((g) => [g.pair_id, g.title, g.outcome, g.status])).toEqual([
      [p1, '(deleted)', '', 'open'],
      [p2, 'OTHER-PAIR-GOAL', 'Run reviews without help', 'open'],
    ]);
    const milestones = await db().selectFrom('goal_milestones').innerJoin('goals', 'goals.id', 'goal_milestones.goal_id').select(['goals.pair_id', 'goal_milestones.title']).orderBy('goal_milestones.id').execute();
    expect(milestones.filter((m) => m.pair_id === p1).map((m) => m.title)).toEqual(['(deleted)']);
    expect(milestones.filter((m) => m.pair_id === p2).map((m) => m.title)).not.toContain('(deleted)');
    expect((await db().selectFrom('feedback_notes').select('body').execute()).map((n) => n.body)).toEqual(['OTHER-FEEDBACK']);
    expect(await db().selectFrom('member_profiles').selectAll().where('user_id', '=', PEOPLE.mentee.id).execute()).toEqual([]);
    expect((await db().selectFrom('match_requests').select('mentee_id').execute()).map((r) => r.mentee_id)).toEqual([PEOPLE.mentee2.id]);
    const me = await db().selectFrom('members').select(['real_name', 'display_name']).where('user_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    expect(me).toEqual({ real_name: '', display_name: '' });
    const pairs = await db().selectFrom('pairs').select(['id', 'status']).orderBy('id').execute();
    expect(pairs).toEqual([
      { id: p1, status: 'ended' },
      { id: p2, status: 'active' },
    ]);

    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1));
    const told = textOf(dmsTo(t, PEOPLE.mentor)[0]!.args);
    expect(told).toContain(`Your mentoring pairing with <@${PEOPLE.mentee.id}> has ended`);
    expect(told).toContain('Thank you');
    expect(told).not.toMatch(/delet/i);
    expect(dmsTo(t, PEOPLE.mentee2)).toEqual([]);

    // Their copy of what is left has none of their words.
    t.fake.reset();
    const { body } = await myData(PEOPLE.mentee);
    for (const mine of ['MINE-NOTE', 'MINE-TOPIC', 'MINE-ADVICE', 'MINE-OUTCOME', 'MINE-COMMIT', 'MINE-GOAL', 'MINE-STEP', 'MINE-FEEDBACK', 'MINE-GAP', 'MINE-AGENDA', 'Theo Mentee']) expect(body).not.toContain(mine);
    expect(await db().selectFrom('bookings').select(['pair_id', 'agenda', 'minutes']).execute()).toEqual([{ pair_id: p1, agenda: null, minutes: 60 }]);
  });

  it('asks the person who deleted their data no exit survey; their partner gets one', async () => {
    await answered(t, submitDeletion(PEOPLE.mentee));
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1));
    t.fake.reset();
    await t.sweepAt('2026-11-19T15:00:00Z');
    const asked = await db().selectFrom('nudges').select(['rule', 'recipient_id']).where('rule', '=', 'exit_survey').execute();
    expect(asked).toEqual([{ rule: 'exit_survey', recipient_id: PEOPLE.mentor.id }]);
    expect(dmsTo(t, PEOPLE.mentee)).toEqual([]);
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor).map((c) => textOf(c.args)).join('\n')).toMatch(/ended/i));
  });

  it('is idempotent: a second run says there is nothing left and tells nobody again', async () => {
    await answered(t, submitDeletion(PEOPLE.mentee));
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1));
    t.fake.reset();
    const again = await answered(t, submitDeletion(PEOPLE.mentee));
    expect(again.view.title.text).toBe('Nothing left');
    expect(textOf(again.view)).toContain("There's nothing left to delete");
    await t.bot.idle();
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('feedback notes in my-data', () => {
  it('shows the note and that it was handled, never which admin handled it', async () => {
    await db().updateTable('feedback_notes').set({ handled_by: PEOPLE.admin.id, handled_at: new Date('2026-11-18T15:00:00Z') }).where('author_id', '=', PEOPLE.mentee.id).execute();
    const { data } = await myData(PEOPLE.mentee);
    expect(data.feedback_notes_you_wrote).toEqual([expect.objectContaining({ body: 'MINE-FEEDBACK', handled_at: '2026-11-18T15:00:00.000Z' })]);
    expect(data.feedback_notes_you_wrote[0]).not.toHaveProperty('handled_by');
  });
});

describe('survey answers', () => {
  /** The mentee answered a pulse check with a private note and an exit survey with what changed. */
  async function answerSurveys(): Promise<void> {
    const at = new Date('2026-11-18T14:00:00Z');
    await db().insertInto('pulse_answers').values({ team_id: TEAM, pair_id: p1, respondent_id: PEOPLE.mentee.id, day: 30, answer: 'could_be_better', note: 'MINE-PULSE-NOTE', answered_at: at, updated_at: at }).execute();
    await db()
      .insertInto('exit_survey_answers')
      .values({ team_id: TEAM, pair_id: p1, respondent_id: PEOPLE.mentee.id, objective_reached: 'partly', satisfaction: 4, what_changed: 'MINE-WHAT-CHANGED', share_with_admins: true, recommend: 9, answered_at: at, updated_at: at })
      .execute();
  }

  it('my-data includes the survey answers the person gave', async () => {
    await answerSurveys();
    const { data } = await myData(PEOPLE.mentee);
    expect(data.survey_answers_you_gave.pulse).toEqual([expect.objectContaining({ pair_id: p1, day: 30, answer: 'could_be_better', note: 'MINE-PULSE-NOTE' })]);
    expect(data.survey_answers_you_gave.exit).toEqual([expect.objectContaining({ pair_id: p1, satisfaction: 4, what_changed: 'MINE-WHAT-CHANGED', recommend: 9 })]);
  });

  it('delete-my-data clears their survey words and keeps the answers as counts', async () => {
    await answerSurveys();
    await answered(t, submitDeletion(PEOPLE.mentee));
    const pulse = await db().selectFrom('pulse_answers').selectAll().executeTakeFirstOrThrow();
    expect(pulse).toMatchObject({ answer: 'could_be_better', note: null });
    const exit = await db().selectFrom('exit_survey_answers').selectAll().executeTakeFirstOrThrow();
    expect(exit).toMatchObject({ satisfaction: 4, recommend: 9, what_changed: null, share_with_admins: false });
  });
});

describe('a workspace that removed the app', () => {
  const stallSaturday = '2026-12-05T12:00:00Z';
  const mondayMorning = '2026-12-07T08:30:00Z';

  it('after app_uninstalled a sweep sends nothing and makes no Slack call; waiting messages are cancelled', async () => {
    await t.sweepAt(stallSaturday); // decides the stall nudges, due on Monday in each person's hours
    t.fake.failNext('chat.postMessage', { status: 500 });
    const monday = await t.sweepAt(mondayMorning); // the mentee's DM fails and waits for a retry
    expect(monday.send.retrying + monday.send.failed).toBeGreaterThan(0);
    expect(await db().selectFrom('deliveries').select('status').where('status', '=', 'pending').execute()).toHaveLength(1);

    const res = await t.slack.event({ event: { type: 'app_uninstalled' } });
    expect(res.status).toBe(200);
    await t.bot.idle();
    await eventually(async () => expect(await db().selectFrom('workspaces').select(['team_id', 'uninstall_reason']).execute()).toEqual([{ team_id: TEAM, uninstall_reason: 'app_uninstalled' }]));
    const deliveries = await db().selectFrom('deliveries').select(['status', 'last_error']).execute();
    expect(deliveries).toEqual([{ status: 'failed', last_error: 'app_uninstalled' }]);
    expect(await db().selectFrom('nudges').select('id').where('status', '=', 'pending').execute()).toEqual([]);

    t.fake.reset();
    for (const at of ['2026-12-07T14:30:00Z', '2026-12-08T09:00:00Z', '2026-12-14T15:00:00Z']) {
      const report = await t.sweepAt(at);
      expect(report).toMatchObject({ decided: 0, deliveries: 0, send: { sent: 0, calls: 0 } });
    }
    expect(t.fake.calls).toEqual([]);
  });

  it('tokens_revoked naming a bot token stops the work; one naming only user tokens does not', async () => {
    await t.slack.event({ event: { type: 'tokens_revoked', tokens: { oauth: ['UADMIN01'], bot: [] } } });
    await t.bot.idle();
    expect(await db().selectFrom('workspaces').selectAll().execute()).toEqual([]);
    const before = await t.sweepAt(stallSaturday);
    expect(before.decided).toBeGreaterThan(0);

    await t.slack.event({ event: { type: 'tokens_revoked', tokens: { bot: ['UBOT'] } } });
    await t.bot.idle();
    await eventually(async () => expect(await db().selectFrom('workspaces').select('uninstall_reason').execute()).toEqual([{ uninstall_reason: 'tokens_revoked' }]));
    t.fake.reset();
    const after = await t.sweepAt(mondayMorning);
    expect(after).toMatchObject({ decided: 0, deliveries: 0, send: { sent: 0, calls: 0 } });
    expect(t.fake.calls).toEqual([]);
  });
});
