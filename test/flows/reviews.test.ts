// The pairing review is a conversation between the two members: the modal looks back on the
// objective and every goal, the answers reach the partner and both Homes, and extending or
// concluding is a proposal only the partner's Agree (or an admin) settles. Admins see the decision only.
import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { dmsTo, eventually, lastHomeOf, pairUp, press, submitReview, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const t = useTestBot();
const db = () => t.bot.database.db;
let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const pairRow = () => db().selectFrom('pairs').select(['status', 'review_on']).where('id', '=', pairId).executeTakeFirstOrThrow();
const reviewsOf = () => db().selectFrom('pair_reviews').select(['id', 'reviewed_by', 'decision', 'months', 'status', 'decided_by']).orderBy('id').execute();
const pendingId = async () => (await db().selectFrom('pair_reviews').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow()).id;

/** The partner's DM about a review, and a press on one of its buttons as Slack sends it from that message. */
function proposalDm(person: Person): RecordedCall {
  const dm = dmsTo(t, person).find((c) => textOf(c.args).includes('reviewed your pairing'));
  expect(dm, `a review DM to ${person.real_name}`).toBeDefined();
  return dm!;
}
function buttonsOf(call: RecordedCall): Array<{ action_id: string; value: string; block_id: string; text: string }> {
  return call.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id, text: e.text.text })) : []));
}
function pressInDm(person: Person, dm: RecordedCall, actionId: string) {
  const button = buttonsOf(dm).find((b) => b.action_id === actionId)!;
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: dm.args.channel,
    message: { ts: '1795000000.000300', text: dm.args.text, blocks: dm.args.blocks },
    actions: [{ action_id: actionId, value: button.value, block_id: button.block_id }],
  });
}
/** A press from App Home (no message), as Slack sends it. */
function pressOnHome(person: Person, actionId: string, value: string) {
  return t.slack.blockAction({ user_id: person.id, team_id: TEAM, container: { type: 'view', view_id: 'VHOME' }, actions: [{ action_id: actionId, value }] });
}
/** The notice modal an interaction opened: an answer or a refusal. */
async function noticeAfter(interaction: () => Promise<{ status: number }>): Promise<string> {
  const view = await viewOpenedBy(t, interaction);
  expect(view.callback_id).toBe('notice_modal');
  return textOf({ blocks: view.blocks });
}

describe('the review modal', () => {
  it('shows the objective and every goal with its progress: milestones done, achieved, dropped', async () => {
    const goal = (title: string, milestones: string, objective?: string) =>
      t.slack.viewSubmission({
        user_id: PEOPLE.mentee.id,
        team_id: TEAM,
        callback_id: 'goal_modal',
        private_metadata: JSON.stringify({ pairId }),
        values: {
          ...(objective ? { objective: { value: { type: 'plain_text_input', value: objective } } } : {}),
          title: { value: { type: 'plain_text_input', value: title } },
          outcome: { value: { type: 'plain_text_input', value: 'Run reviews without help' } },
          success_measure: { value: { type: 'plain_text_input', value: 'Two reviews led' } },
          target_date: { value: { type: 'datepicker', selected_date: null } },
          milestones: { value: { type: 'plain_text_input', value: milestones } },
          celebrate: { value: { type: 'checkboxes', selected_options: [] } },
        },
      });
    expect((await goal('Lead a design review', 'Shadow a review\nCo-lead a review', 'Run design reviews on my own by March')).json.response_action).toBe('update');
    expect((await goal('Write the RFC', '')).json.response_action).toBe('update');
    expect((await goal('Learn Rust', 'Finish the book')).json.response_action).toBe('update');
    await t.bot.idle();
    const goals = await db().selectFrom('goals').select(['id', 'title']).orderBy('id').execute();
    const first = await db().selectFrom('goal_milestones').select('id').where('goal_id', '=', goals[0]!.id).orderBy('position').executeTakeFirstOrThrow();
    const progress = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, container: { type: 'view', view_id: 'VHOME' }, actions: [{ type: 'overflow', action_id: 'goal_menu', selected_option: { text: { type: 'plain_text', text: 'Update progress' }, value: `progress:${goals[0]!.id}` } }] as any }));
    await t.slack.viewSubmission({ user_id: PEOPLE.mentee.id, team_id: TEAM, callback_id: 'goal_progress_modal', private_metadata: progress.private_metadata, values: { milestones_done: { value: { type: 'checkboxes', selected_options: [{ value: String(first.id) }] } } } });
    for (const [choice, id] of [['achieved', goals[1]!.id], ['drop', goals[2]!.id]] as const) {
      await t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, container: { type: 'view', view_id: 'VHOME' }, actions: [{ type: 'overflow', action_id: 'goal_menu', selected_option: { text: { type: 'plain_text', text: choice }, value: `${choice}:${id}` } }] as any });
    }
    await t.bot.idle();

    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'nudge_open_review', String(pairId)));
    expect(view.callback_id).toBe('review_modal');
    const text = textOf({ blocks: view.blocks });
    expect(text).toContain(`Review of your pairing with <@${PEOPLE.mentee.id}>`);
    expect(text).toContain('_Objective:_ Run design reviews on my own by March');
    expect(text).toContain('• Lead a design review ▰▰▰▰▰▱▱▱▱▱ 1/2 milestones');
    expect(text).toContain('• Write the RFC · no milestones · :white_check_mark: achieved');
    expect(text).toContain('• Learn Rust ▱▱▱▱▱▱▱▱▱▱ 0/1 milestones · dropped');
    expect(view.blocks.map((b: any) => b.block_id).filter((id: string) => id?.startsWith('review_'))).toEqual(['review_achieved', 'review_next_steps', 'review_decision', 'review_months']);
  });

  it('opens from Home too, once the review date has come', async () => {
    const openHome = async (ts: string) => {
      await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentee.id, channel: `D${PEOPLE.mentee.id}`, tab: 'home', event_ts: ts } });
      await t.bot.idle();
      return lastHomeOf(t, PEOPLE.mentee)!.args.view;
    };
    expect(JSON.stringify(await openHome('1.0'))).not.toContain('nudge_open_review');
    t.clock.set('2027-05-18T10:00:00Z');
    const home = await openHome('2.0');
    expect(textOf(home)).toContain('Your pairing review is due (Tue 18 May)');
    const view = await viewOpenedBy(t, () => pressOnHome(PEOPLE.mentee, 'nudge_open_review', String(pairId)));
    expect(view.callback_id).toBe('review_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ pairId });
  });

  it('opens for the two members only, and not once the pairing has ended', async () => {
    expect(await noticeAfter(() => press(t, PEOPLE.outsider, 'nudge_open_review', String(pairId)))).toContain("You're not part of that pairing");
    await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id });
    await t.bot.idle();
    expect(await noticeAfter(() => press(t, PEOPLE.mentee, 'nudge_open_review', String(pairId)))).toContain('That pairing has already ended.');
  });

  it('explains a missing decision, a missing extension and answers over the limit, and saves nothing', async () => {
    expect((await submitReview(t, PEOPLE.mentee, pairId, { achieved: '', decision: null })).json.errors).toEqual({
      review_achieved: 'Say in a line or two what the pairing achieved.',
      review_decision: 'Choose what happens next.',
    });
    expect((await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Led one', decision: 'extend' })).json.errors).toEqual({ review_months: 'Choose how many months to extend by.' });
    expect((await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Led one', nextSteps: 'x'.repeat(3001), decision: 'continue' })).json.errors).toEqual({ review_next_steps: 'Keep this under 3000 characters.' });
    const outsider = await submitReview(t, PEOPLE.outsider, pairId, { achieved: 'Led one', decision: 'conclude' });
    expect(textOf(outsider.json.view ?? outsider.json)).toContain("You're not part of that pairing");
    expect(await reviewsOf()).toEqual([]);
  });
});

describe('the answers', () => {
  it('/mentor help says how the review works', async () => {
    const help = await t.slack.command({ text: 'help', user_id: PEOPLE.mentee.id });
    expect(help.json.text).toContain('you both get *Open review*');
    expect(help.json.text).toContain("once your partner presses *Agree* (or *Let's talk* to decide together)");
  });


  it('reach the partner by DM and sit on both Homes; continuing moves the review date at once', async () => {
    expect((await pairRow()).review_on).toBe('2027-05-18');
    const res = await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Led two design reviews <!channel>', nextSteps: 'Lead one alone\nthen teach it', decision: 'continue' });
    expect(res.json.response_action).toBe('update');
    // A review held before its date moves the next one on from that date, by the program's six months.
    expect(textOf(res.json.view)).toContain(`Next review on Thu 18 Nov 2027. I've sent your answers to <@${PEOPLE.mentor.id}>.`);
    expect((await pairRow()).review_on).toBe('2027-11-18');
    await t.bot.idle();
    const dm = proposalDm(PEOPLE.mentor);
    const text = textOf(dm.args);
    expect(text).toContain(`<@${PEOPLE.mentee.id}> reviewed your pairing`);
    expect(text).toContain('*What was achieved*\n>Led two design reviews &lt;!channel&gt;');
    expect(text).toContain('*What next*\n>Lead one alone\n>then teach it');
    expect(text).toContain('continue as you are');
    expect(buttonsOf(dm)).toEqual([]);
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const home = textOf(lastHomeOf(t, person)?.args.view);
      expect(home).toContain('*Latest review*');
      expect(home).toContain('Led two design reviews &lt;!channel&gt;');
      expect(home).toContain('then teach it');
    }
    expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toContain('*Latest review* (yours');
    expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain(`*Latest review* (by <@${PEOPLE.mentee.id}>`);
  });
});

describe('a proposal to conclude or extend', () => {
  it("waits for the partner's Agree: the proposer cannot agree, an outsider cannot; Agree ends the pairing as a concluded review always did", async () => {
    const res = await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Led two reviews', nextSteps: 'Keep going alone', decision: 'conclude' });
    expect(textOf(res.json.view)).toContain(`I've sent your answers and your proposal to <@${PEOPLE.mentor.id}>: the pairing ends once they agree.`);
    await t.bot.idle();
    expect(await pairRow()).toMatchObject({ status: 'active' });
    const dm = proposalDm(PEOPLE.mentor);
    expect(textOf(dm.args)).toContain(`<@${PEOPLE.mentee.id}> proposes to conclude the pairing.* Nothing changes unless you agree.`);
    const id = await pendingId();
    expect(buttonsOf(dm)).toEqual([
      { action_id: 'review_agree', value: String(id), block_id: `review_proposal_${id}`, text: 'Agree' },
      { action_id: 'review_talk', value: String(id), block_id: `review_proposal_${id}`, text: "Let's talk" },
    ]);
    // The proposer's Home says it waits; only the partner's Home has the buttons.
    expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toContain(`You proposed to conclude the pairing: waiting for <@${PEOPLE.mentor.id}> to agree.`);
    expect(JSON.stringify(lastHomeOf(t, PEOPLE.mentee)?.args.view)).not.toContain('review_agree');
    expect(JSON.stringify(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('review_agree');

    expect(await noticeAfter(() => pressOnHome(PEOPLE.mentee, 'review_agree', String(id)))).toContain(`This is your own proposal: <@${PEOPLE.mentor.id}> decides.`);
    expect(await noticeAfter(() => pressOnHome(PEOPLE.outsider, 'review_agree', String(id)))).toContain("You're not part of that pairing");
    expect(await noticeAfter(() => pressOnHome(PEOPLE.mentee, 'review_agree', 'nope'))).toContain("You're not part of that pairing");
    expect(await pairRow()).toMatchObject({ status: 'active' });
    expect((await reviewsOf())[0]).toMatchObject({ status: 'pending', decided_by: null });

    t.fake.reset();
    await pressInDm(PEOPLE.mentor, dm, 'review_agree');
    await t.bot.idle();
    expect(await pairRow()).toMatchObject({ status: 'ended' });
    expect((await reviewsOf())[0]).toMatchObject({ status: 'agreed', decided_by: PEOPLE.mentor.id });
    expect(JSON.stringify(t.fake.callsTo('chat.update')[0]!.args.blocks)).toContain('You agreed to conclude the pairing.');
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) expect(dmsTo(t, person).map((c) => c.args.text).join()).toContain('was concluded at its review');
    await eventually(() => expect(textOf(dmsTo(t, PEOPLE.admin).at(-1)?.args)).toContain('completed their mentoring pairing'));
    expect(await db().selectFrom('celebrations').select(['kind', 'subject']).execute()).toEqual([{ kind: 'pair_completed', subject: `pair:${pairId}` }]);
    expect(t.fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(expect.arrayContaining([PEOPLE.mentor.id, PEOPLE.mentee.id]));

    // Pressed again (a double press): a clear answer, nothing else happens.
    t.fake.reset();
    expect(await noticeAfter(() => pressInDm(PEOPLE.mentor, dm, 'review_agree'))).toContain(`<@${PEOPLE.mentor.id}> already agreed to that proposal.`);
    await t.bot.idle();
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
    expect(await db().selectFrom('celebrations').select('id').execute()).toHaveLength(1);
  });

  it("Let's talk tells the proposer and leaves the pairing as it is; Agree after it changes nothing", async () => {
    const reviewOn = (await pairRow()).review_on;
    await submitReview(t, PEOPLE.mentor, pairId, { achieved: 'Half the goals', decision: 'extend', months: '2' });
    await t.bot.idle();
    const dm = proposalDm(PEOPLE.mentee);
    expect(textOf(dm.args)).toContain('proposes to extend the pairing by 2 months');
    t.fake.reset();
    await pressInDm(PEOPLE.mentee, dm, 'review_talk');
    await t.bot.idle();
    expect(textOf(dmsTo(t, PEOPLE.mentor)[0]!.args)).toContain(`<@${PEOPLE.mentee.id}> would like to talk about your proposal to extend the pairing by 2 months before deciding. The pairing stays as it is.`);
    expect(JSON.stringify(t.fake.callsTo('chat.update')[0]!.args.blocks)).toContain(`You asked to talk it over. I've told <@${PEOPLE.mentor.id}>`);
    expect(await pairRow()).toEqual({ status: 'active', review_on: reviewOn });
    expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('you asked to talk it over'.replace('you', `<@${PEOPLE.mentee.id}>`));

    expect(await noticeAfter(() => pressInDm(PEOPLE.mentee, dm, 'review_agree'))).toContain('already asked to talk that proposal over');
    expect(await pairRow()).toEqual({ status: 'active', review_on: reviewOn });
    expect((await reviewsOf()).map((r) => r.status)).toEqual(['talk']);
  });

  it('a second proposal replaces the waiting one, whose Agree then changes nothing; the partner can agree from Home', async () => {
    const reviewOn = (await pairRow()).review_on;
    await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Enough', decision: 'conclude' });
    await t.bot.idle();
    const first = proposalDm(PEOPLE.mentor);
    await submitReview(t, PEOPLE.mentor, pairId, { achieved: 'Not yet', nextSteps: 'One more quarter', decision: 'extend', months: '3' });
    await t.bot.idle();
    expect((await reviewsOf()).map((r) => [r.reviewed_by, r.status, r.decided_by])).toEqual([
      [PEOPLE.mentee.id, 'replaced', PEOPLE.mentor.id],
      [PEOPLE.mentor.id, 'pending', null],
    ]);
    expect(await noticeAfter(() => pressInDm(PEOPLE.mentor, first, 'review_agree'))).toContain('That proposal was replaced by a newer review');
    expect(await pairRow()).toEqual({ status: 'active', review_on: reviewOn });

    // The mentee's Home shows the mentor's answers and the buttons; Agree there extends from the review date.
    const home = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    expect(textOf(home)).toContain('One more quarter');
    const id = await pendingId();
    expect(home.blocks.some((b: any) => b.block_id === `review_proposal_${id}`)).toBe(true);
    expect(await noticeAfter(() => pressOnHome(PEOPLE.mentee, 'review_agree', String(id)))).toContain('You agreed to extend the pairing by 3 months.');
    await t.bot.idle();
    expect(await pairRow()).toEqual({ status: 'active', review_on: '2027-08-18' });
    expect(textOf(dmsTo(t, PEOPLE.mentor).at(-1)!.args)).toContain(`<@${PEOPLE.mentee.id}> agreed to extend the pairing by 3 months. Next review on Wed 18 Aug 2027.`);
  });

  it("an admin's /mentor end decides: the waiting proposal is settled and the partner's Agree changes nothing", async () => {
    await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Enough', decision: 'extend', months: '1' });
    await t.bot.idle();
    const dm = proposalDm(PEOPLE.mentor);
    await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id });
    await t.bot.idle();
    expect((await reviewsOf()).map((r) => [r.status, r.decided_by])).toEqual([['replaced', PEOPLE.admin.id]]);
    expect(await noticeAfter(() => pressInDm(PEOPLE.mentor, dm, 'review_agree'))).toContain('replaced by a newer review or an admin’s decision');
    expect((await pairRow()).status).toBe('ended');
  });
});

describe('privacy', () => {
  it("/mentor delete-my-data empties the person's own review answers; the partner's stay", async () => {
    await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'Mine achieved', nextSteps: 'Mine next', decision: 'continue' });
    await submitReview(t, PEOPLE.mentor, pairId, { achieved: 'Theirs achieved', nextSteps: 'Theirs next', decision: 'continue' });
    await t.bot.idle();
    expect((await t.slack.viewSubmission({ user_id: PEOPLE.mentee.id, team_id: TEAM, callback_id: 'delete_my_data_modal', values: {} })).status).toBe(200);
    await t.bot.idle();
    expect(await db().selectFrom('pair_reviews').select(['reviewed_by', 'achieved', 'next_steps']).orderBy('id').execute()).toEqual([
      { reviewed_by: PEOPLE.mentee.id, achieved: '', next_steps: '' },
      { reviewed_by: PEOPLE.mentor.id, achieved: 'Theirs achieved', next_steps: 'Theirs next' },
    ]);
  });


  it("the answers reach only the two members: admins see the decision, never the text, in DMs, the digest, status, the report and the export", async () => {
    await submitReview(t, PEOPLE.mentee, pairId, { achieved: 'SECRET-REVIEW-ACHIEVED', nextSteps: 'SECRET-REVIEW-NEXT', decision: 'conclude' });
    await t.bot.idle();
    // A second pairing concludes at its review: the shout-out suggestion goes to admins.
    const second = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await submitReview(t, PEOPLE.mentee2, second, { achieved: 'SECRET-REVIEW-ACHIEVED-2', nextSteps: 'SECRET-REVIEW-NEXT-2', decision: 'conclude' });
    await t.bot.idle();
    const secondId = (await db().selectFrom('pair_reviews').select('id').where('pair_id', '=', second).executeTakeFirstOrThrow()).id;
    await pressOnHome(PEOPLE.mentor, 'review_agree', String(secondId));
    await t.bot.idle();

    const report = await t.slack.command({ text: 'report', user_id: PEOPLE.admin.id });
    const status = await t.slack.command({ text: 'status', user_id: PEOPLE.admin.id });
    await t.slack.command({ text: 'export', user_id: PEOPLE.admin.id });
    await t.sweepAt('2026-11-23T09:30:00Z'); // the Monday digest
    await t.bot.idle();
    const reportText = textOf(report.json);
    expect(reportText).toContain(`<@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee.id}>`);
    expect(reportText).toContain('proposed at review: conclude the pairing, waiting for the partner to agree');
    const digest = dmsTo(t, PEOPLE.admin).find((c) => textOf(c.args).includes('weekly mentoring digest'));
    expect(textOf(digest?.args)).toContain('proposed at review: conclude the pairing');

    // Everything that went anywhere but the two members' own DMs and Homes.
    const members = new Set([PEOPLE.mentor.id, PEOPLE.mentee.id, PEOPLE.mentee2.id]);
    const elsewhere = t.fake.calls.filter((c) => {
      if (c.method === 'users.info' || c.method === 'auth.test') return false;
      if (c.method === 'views.publish') return !members.has(c.args.user_id);
      const channel = String(c.args.channel ?? c.args.channel_id ?? '');
      return !members.has(channel.replace(/^D/, ''));
    });
    expect(elsewhere.length).toBeGreaterThan(0);
    expect(elsewhere.some((c) => c.method === 'file_upload')).toBe(true);
    const seen = JSON.stringify(elsewhere.map((c) => c.args)) + reportText + textOf(status.json);
    expect(seen).not.toContain('SECRET-REVIEW');
    // The members did get them.
    expect(textOf(proposalDm(PEOPLE.mentor).args)).toContain('SECRET-REVIEW-NEXT');
  });
});
