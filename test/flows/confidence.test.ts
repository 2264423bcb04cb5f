import { beforeEach, describe, expect, it } from 'vitest';
import { answered, concludeByReview, dmsTo, pairUp, press, submitGoal, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// "How confident are you at this today?" 1–5: the mentee rates each goal when it is set, when it is
// achieved or dropped, at a review and at the end. Private to the mentee; one rating per moment.
const t = useTestBot();
const db = () => t.bot.database.db;
let pairId: number;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

type Row = { action_id: string; value: string; block_id: string; style?: string };
const rowsOf = (blocks: any[] = []): Row[] =>
  blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id, ...(e.style ? { style: e.style } : {}) })) : []));
const confidenceButtons = (blocks: any[] = []) => rowsOf(blocks).filter((r) => r.action_id.startsWith('confidence_rate_'));
/** The DMs holding confidence buttons that a person received. */
const questionsTo = (person: { id: string }) => dmsTo(t, person as any).filter((c) => confidenceButtons(c.args.blocks).length > 0);
const ratings = () => db().selectFrom('confidence_ratings').select(['goal_id', 'moment', 'review_on', 'rating', 'rated_by']).orderBy('id').execute();
/** The sweep at 14:00 UTC on a day of November 2026 (15:00 for the mentee in Berlin): queued questions go out, one message a day. */
async function sweepOn(day: number) {
  await t.sweepAt(`2026-11-${day}T14:00:00Z`);
  await t.bot.idle();
}
const goalIdOf = async (title: string) => (await db().selectFrom('goals').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

async function setGoal(person: { id: string; real_name: string }, title: string): Promise<number> {
  const res = await submitGoal(t, person, JSON.stringify({ pairId }), { title });
  expect(res.json.response_action).toBe('update');
  await t.bot.idle();
  return goalIdOf(title);
}

/** Presses a rating in a DM the way Slack sends it: with the message, so the row can be updated. */
async function rate(person: { id: string }, dm: { args: any }, goalId: number, rating: number, ts = '1795000000.000100') {
  const row = confidenceButtons(dm.args.blocks).find((r) => r.action_id === `confidence_rate_${rating}` && r.value.startsWith(`${goalId}:`))!;
  expect(row, `a ${rating} button for goal ${goalId}`).toBeDefined();
  const res = await t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: dm.args.channel,
    message: { ts, text: dm.args.text, blocks: dm.args.blocks },
    actions: [{ action_id: row.action_id, value: row.value, block_id: row.block_id }],
  });
  expect(res.status).toBe(200);
  await t.bot.idle();
}

async function review(person: { id: string }, decision: 'continue' | 'conclude') {
  const res = await t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'review_modal',
    private_metadata: JSON.stringify({ pairId }),
    values: {
      review_achieved: { value: { type: 'plain_text_input', value: 'Two reviews led' } },
      review_decision: { value: { type: 'radio_buttons', selected_option: { value: decision } } },
      review_months: { value: { type: 'static_select', selected_option: null } },
    },
  });
  expect(res.json.response_action).toBe('update');
  await t.bot.idle();
}

describe('when a goal is set', () => {
  it('asks the mentee at the next sweep in their working hours, with five buttons naming the goal and the moment', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    expect(questionsTo(PEOPLE.mentee)).toEqual([]); // queued, not sent from the modal
    await t.sweepAt('2026-11-18T23:00:00Z'); // midnight in Berlin: it waits for working hours
    await t.bot.idle();
    expect(questionsTo(PEOPLE.mentee)).toEqual([]);
    await sweepOn(19);
    await sweepOn(20); // asked once
    const [question, ...more] = questionsTo(PEOPLE.mentee);
    expect(more).toEqual([]);
    expect(textOf(question!.args)).toContain('How confident are you at this today?');
    expect(textOf(question!.args)).toContain('Lead a design review');
    expect(confidenceButtons(question!.args.blocks).map((b) => [b.action_id, b.value])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [`confidence_rate_${n}`, `${goalId}:set`]),
    );
    expect(questionsTo(PEOPLE.mentor)).toEqual([]);
    // The goal's title is read when the message is composed; what the bot keeps of it leaves it out.
    const kept = await db().selectFrom('deliveries').select('message').where('recipient_id', '=', PEOPLE.mentee.id).execute();
    expect(kept).toHaveLength(1);
    expect(JSON.stringify(kept)).not.toContain('Lead a design review');
  });

  it('records the rating, marks it in the message, and a second press updates it', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    const question = questionsTo(PEOPLE.mentee)[0]!;
    await rate(PEOPLE.mentee, question, goalId, 2);
    expect(await ratings()).toEqual([{ goal_id: goalId, moment: 'set', review_on: null, rating: 2, rated_by: PEOPLE.mentee.id }]);
    const update = t.fake.callsTo('chat.update').at(-1)!.args;
    expect(update.ts).toBe('1795000000.000100');
    expect(confidenceButtons(update.blocks).filter((b) => b.style === 'primary').map((b) => b.action_id)).toEqual(['confidence_rate_2']);
    expect(textOf(update)).toContain('Saved: *2 of 5*');

    await rate(PEOPLE.mentee, { args: { ...question.args, blocks: update.blocks } }, goalId, 4);
    expect(await ratings()).toEqual([{ goal_id: goalId, moment: 'set', review_on: null, rating: 4, rated_by: PEOPLE.mentee.id }]);
    const again = t.fake.callsTo('chat.update').at(-1)!.args;
    expect(confidenceButtons(again.blocks).filter((b) => b.style === 'primary').map((b) => b.action_id)).toEqual(['confidence_rate_4']);
    expect(textOf(again).match(/Saved: /g)).toHaveLength(1);
  });

  it('a goal the mentor sets: the mentee gets the consent question at once and the confidence question at the sweep', async () => {
    const goalId = await setGoal(PEOPLE.mentor, 'Present at the guild');
    const toMentee = dmsTo(t, PEOPLE.mentee);
    expect(toMentee).toHaveLength(1);
    expect(rowsOf(toMentee[0]!.args.blocks).map((r) => r.action_id)).toEqual(['goal_consent_yes', 'goal_consent_no']);
    await sweepOn(18);
    expect(confidenceButtons(questionsTo(PEOPLE.mentee)[0]!.args.blocks)[0]!.value).toBe(`${goalId}:set`);
    expect(questionsTo(PEOPLE.mentor)).toEqual([]);
  });

  it('an edited goal is not asked about again', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    t.fake.reset();
    const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId, goalId }), { title: 'Lead two design reviews' });
    expect(res.json.response_action).toBe('update');
    await sweepOn(19);
    expect(questionsTo(PEOPLE.mentee)).toEqual([]);
  });

  it('only the mentee of the goal may answer, and only questions that were asked', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const byMentor = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'confidence_rate_5', `${goalId}:set`));
    expect(textOf({ blocks: byMentor.blocks })).toContain('Only the mentee rates their own confidence');
    const byOutsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'confidence_rate_5', `${goalId}:set`));
    expect(textOf({ blocks: byOutsider.blocks })).toContain('not part of that pairing');
    // The goal is open: there is no "achieved" rating to give, and no review on a day to come.
    const early = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'confidence_rate_5', `${goalId}:achieved`));
    expect(textOf({ blocks: early.blocks })).toContain("isn't one I asked");
    const future = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'confidence_rate_5', `${goalId}:review:2027-06-01`));
    expect(textOf({ blocks: future.blocks })).toContain("isn't one I asked");
    const garbled = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'confidence_rate_5', 'DROP TABLE goals'));
    expect(textOf({ blocks: garbled.blocks })).toContain("isn't one of yours");
    expect(await ratings()).toEqual([]);
  });

  it('a program that turned confidence off asks nothing, and an old button saves nothing', async () => {
    await db().updateTable('programs').set({ confidence_enabled: false }).execute();
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    expect(questionsTo(PEOPLE.mentee)).toEqual([]);
    const refused = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'confidence_rate_3', `${goalId}:set`));
    expect(textOf({ blocks: refused.blocks })).toContain('no longer asks about confidence');
    expect(await ratings()).toEqual([]);
  });
});

describe('when a goal is achieved or dropped', () => {
  it('the goal menu on Home: the mentor marks it achieved, the mentee is asked again', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    t.fake.reset();
    await answered(t, t.slack.blockAction({
      user_id: PEOPLE.mentor.id,
      team_id: TEAM,
      view: { id: 'VHOME1', type: 'home' },
      actions: [{ type: 'overflow', action_id: 'goal_menu', block_id: `goal_${goalId}`, selected_option: { text: { type: 'plain_text', text: 'Mark achieved' }, value: `achieved:${goalId}` } }],
    }));
    await sweepOn(19);
    const [question] = questionsTo(PEOPLE.mentee);
    expect(textOf(question!.args)).toContain('Goal achieved!');
    expect(confidenceButtons(question!.args.blocks)[0]!.value).toBe(`${goalId}:achieved`);
    expect(questionsTo(PEOPLE.mentor)).toEqual([]);
    await rate(PEOPLE.mentee, question!, goalId, 5);
    expect((await ratings()).map((r) => [r.moment, r.rating])).toEqual([['achieved', 5]]);
  });

  it('the goal menu on Home: dropping asks for a last rating', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    t.fake.reset();
    await answered(t, t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      team_id: TEAM,
      view: { id: 'VHOME2', type: 'home' },
      actions: [{ type: 'overflow', action_id: 'goal_menu', block_id: `goal_${goalId}`, selected_option: { text: { type: 'plain_text', text: 'Drop' }, value: `drop:${goalId}` } }],
    }));
    await sweepOn(19);
    expect(confidenceButtons(questionsTo(PEOPLE.mentee)[0]!.args.blocks)[0]!.value).toBe(`${goalId}:dropped`);
  });

  it('the goal-date reminder buttons: Achieved and Drop goal ask the mentee, both in one message; a second press asks nothing', async () => {
    const achieved = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const dropped = await setGoal(PEOPLE.mentee, 'Write the guide');
    await sweepOn(18);
    t.fake.reset();
    await answered(t, press(t, PEOPLE.mentor, 'nudge_goal_achieved', String(achieved)));
    await answered(t, press(t, PEOPLE.mentee, 'nudge_goal_drop', String(dropped)));
    await sweepOn(19);
    const questions = questionsTo(PEOPLE.mentee);
    expect(questions).toHaveLength(1);
    expect([...new Set(confidenceButtons(questions[0]!.args.blocks).map((b) => b.value))]).toEqual([`${achieved}:achieved`, `${dropped}:dropped`]);
    await answered(t, press(t, PEOPLE.mentee, 'nudge_goal_achieved', String(achieved)));
    await sweepOn(20);
    expect(questionsTo(PEOPLE.mentee)).toHaveLength(1);
  });
});

describe('at the review and at the end', () => {
  it('after a review: one message listing the open goals, each with 1–5, under the review day', async () => {
    const first = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const second = await setGoal(PEOPLE.mentor, 'Present at the guild');
    const closed = await setGoal(PEOPLE.mentee, 'Write the guide');
    await answered(t, press(t, PEOPLE.mentee, 'nudge_goal_drop', String(closed)));
    await sweepOn(18);
    t.fake.reset();
    await review(PEOPLE.mentor, 'continue');
    await sweepOn(19);
    const questions = questionsTo(PEOPLE.mentee);
    expect(questions).toHaveLength(1);
    const values = [...new Set(confidenceButtons(questions[0]!.args.blocks).map((b) => b.value))];
    expect(values).toEqual([`${first}:review:2026-11-18`, `${second}:review:2026-11-18`]);
    expect(textOf(questions[0]!.args)).toContain('For each of your open goals');
    expect(questionsTo(PEOPLE.mentor)).toEqual([]);

    await rate(PEOPLE.mentee, questions[0]!, first, 3);
    await rate(PEOPLE.mentee, questions[0]!, second, 4);
    expect((await ratings()).map((r) => [r.goal_id, r.moment, r.review_on, r.rating])).toEqual([
      [first, 'review', '2026-11-18', 3],
      [second, 'review', '2026-11-18', 4],
    ]);
  });

  it('a review that concludes the pairing (once the partner agrees) asks for the end rating', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    await sweepOn(18);
    t.fake.reset();
    await concludeByReview(t, PEOPLE.mentee, PEOPLE.mentor, pairId);
    await sweepOn(19); // the pairing has ended: this question still goes out
    // The review's own question (queued if the review was saved before the Agree ended the pairing)
    // is withdrawn at send time; the message is then rebuilt at the next sweep without it.
    await t.sweepAt('2026-11-19T14:30:00Z');
    await t.bot.idle();
    const question = questionsTo(PEOPLE.mentee).find((q) => textOf(q.args).includes('has ended'));
    expect(textOf(question!.args)).toContain('has ended');
    expect(confidenceButtons(question!.args.blocks)[0]!.value).toBe(`${goalId}:end`);
    await rate(PEOPLE.mentee, question!, goalId, 4);
    expect((await ratings()).map((r) => [r.moment, r.rating])).toEqual([['end', 4]]);
  });

  it('`/mentor end` asks the mentee for the end rating of each open goal; an end rating of a running pairing is refused', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const early = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'confidence_rate_4', `${goalId}:end`));
    expect(textOf({ blocks: early.blocks })).toContain("isn't one I asked");
    await sweepOn(18);
    t.fake.reset();
    await answered(t, t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    await sweepOn(19);
    const [question] = questionsTo(PEOPLE.mentee);
    expect(confidenceButtons(question!.args.blocks)[0]!.value).toBe(`${goalId}:end`);
    expect(questionsTo(PEOPLE.mentor)).toEqual([]);
    await rate(PEOPLE.mentee, question!, goalId, 5);
    expect((await ratings()).map((r) => [r.moment, r.rating])).toEqual([['end', 5]]);
  });

  it('a pairing with no open goals is not asked at the review', async () => {
    t.fake.reset();
    await review(PEOPLE.mentor, 'continue');
    await sweepOn(18);
    expect(questionsTo(PEOPLE.mentee)).toEqual([]);
  });
});
