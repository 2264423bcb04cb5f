import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { blockOf, concludeByReview, dmsTo, eventually, everythingSent, pairUp, press, submitGoal, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

const CHANNEL = 'CWINS0001';
// A failed suggestion is logged, never thrown: noErrorLogs makes sure none failed silently.
const t = useTestBot({ noErrorLogs: true });
const db = () => t.bot.database.db;

beforeEach(async () => {
  await defaultProgram(db(), TEAM);
  await setCelebrationChannel(CHANNEL);
});

// ---------------------------------------------------------------------------------------------
// Helpers

async function setCelebrationChannel(channel: string | null): Promise<void> {
  await db().updateTable('programs').set({ celebration_channel: channel }).where('team_id', '=', TEAM).execute();
}

const celebrations = () => db().selectFrom('celebrations').selectAll().orderBy('id').execute();

/** Shout-outs Slack accepted in a channel. */
const postsIn = (channel: string) => t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && !c.failed);
const allChannelPosts = () => t.fake.callsTo('chat.postMessage').filter((c) => /^C/.test(String(c.args.channel)));

/** Suggestion DMs: the ones carrying a celebration actions row. */
const suggestionsTo = (person: Person) => dmsTo(t, person).filter((c) => JSON.stringify(c.args.blocks ?? []).includes('celebration_actions_'));

function buttonsOf(dm: RecordedCall): Array<{ action_id: string; value: string; text: string }> {
  return dm.args.blocks
    .filter((b: any) => b.type === 'actions')
    .flatMap((b: any) => b.elements)
    .map((e: any) => ({ action_id: e.action_id, value: e.value, text: e.text.text }));
}

/** Presses a button of a suggestion DM as Slack sends it: with the message and its channel. */
function pressSuggestion(person: Person, dm: RecordedCall, actionId: string) {
  const block = dm.args.blocks.find((b: any) => b.type === 'actions');
  const button = block.elements.find((e: any) => e.action_id === actionId);
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: dm.args.channel,
    message: { ts: '1795000000.000200', text: dm.args.text, blocks: dm.args.blocks },
    actions: [{ action_id: actionId, value: button.value, block_id: block.block_id }],
  });
}

interface CelebrateValues {
  people?: string[];
  channel?: string | null;
  message?: string;
  milestone?: string | null;
}

function submitCelebrate(person: Person, v: CelebrateValues, privateMetadata = '{}') {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'celebrate_modal',
    private_metadata: privateMetadata,
    values: {
      celebrate_people: { value: { type: 'multi_users_select', selected_users: v.people ?? [PEOPLE.mentee.id] } },
      celebrate_channel: { value: { type: 'conversations_select', selected_conversation: v.channel === undefined ? CHANNEL : v.channel } },
      celebrate_message: { value: { type: 'plain_text_input', value: v.message ?? 'Well done!' } },
      celebrate_milestone: { value: { type: 'static_select', selected_option: v.milestone ? { value: v.milestone } : null } },
    },
  });
}


async function grantAdmin(person: Person): Promise<void> {
  const res = await t.slack.command({ text: `admins add ${at(person)}`, user_id: PEOPLE.admin.id });
  expect(res.json.text).toContain('is now a program admin');
}

async function setGoal(pairId: number, title: string, celebrate: boolean): Promise<number> {
  const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title, celebrate, targetDate: '2027-01-31' });
  expect(res.json.response_action).toBe('update');
  const goal = await db().selectFrom('goals').select('id').where('title', '=', title).executeTakeFirstOrThrow();
  return goal.id;
}

/** Goals are achieved through the "Achieved" button of the goal-date nudge. */
async function achieve(goalId: number): Promise<void> {
  expect((await press(t, PEOPLE.mentee, 'nudge_goal_achieved', String(goalId))).status).toBe(200);
  await t.bot.idle();
}

async function endPair(mentor: Person = PEOPLE.mentor, mentee: Person = PEOPLE.mentee): Promise<void> {
  const res = await t.slack.command({ text: `end ${at(mentor)} ${at(mentee)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
  expect(res.json.text).toContain('Concluded');
  await t.bot.idle();
}

/** A "pairing completed" suggestion in the admin's DMs. */
async function completedPairSuggestion(): Promise<{ dm: RecordedCall; id: number }> {
  await pairUp(t);
  await endPair();
  const [dm] = suggestionsTo(PEOPLE.admin);
  expect(dm).toBeDefined();
  const [row] = await celebrations();
  return { dm: dm!, id: row!.id };
}

const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;

// ---------------------------------------------------------------------------------------------

describe('/mentor celebrate', () => {
  it('opens the shout-out modal for an admin, prefilled with the people mentioned and the program channel', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: `celebrate ${at(PEOPLE.mentee)} ${at(PEOPLE.mentor)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    expect(view.callback_id).toBe('celebrate_modal');
    expect(blockOf(view, 'celebrate_people').element).toMatchObject({ type: 'multi_users_select', initial_users: [PEOPLE.mentee.id, PEOPLE.mentor.id] });
    const channel = blockOf(view, 'celebrate_channel').element;
    expect(channel).toMatchObject({ type: 'conversations_select', initial_conversation: CHANNEL, filter: { include: ['public'], exclude_bot_users: true } });
    expect(channel.default_to_current_conversation).toBeUndefined();
    expect(blockOf(view, 'celebrate_message')).toMatchObject({ optional: false, element: { type: 'plain_text_input', max_length: 1000 } });
    // No recent public milestones: no empty select.
    expect(blockOf(view, 'celebrate_milestone')).toBeUndefined();
  });

  it('defaults to the current conversation when the program has no celebration channel', async () => {
    await setCelebrationChannel(null);
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'celebrate', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    const channel = blockOf(view, 'celebrate_channel').element;
    expect(channel.default_to_current_conversation).toBe(true);
    expect(channel.initial_conversation).toBeUndefined();
    expect(blockOf(view, 'celebrate_people').element.initial_users).toBeUndefined();
  });

  it('posts an escaped Block Kit shout-out to the chosen channel, mentions the people, and records it', async () => {
    const hostile = 'Big week <!channel> & <!here>! Notes: <https://evil.example|click here> <!subteam^S0123|@leads> cc @here @channel';
    const res = await submitCelebrate(PEOPLE.admin, { people: [PEOPLE.mentee.id, PEOPLE.mentor.id], message: hostile });
    expect(res.json.response_action).toBe('update');
    expect(textOf(res.json)).toContain(`Posted in <#${CHANNEL}>`);

    const posts = postsIn(CHANNEL);
    expect(posts).toHaveLength(1);
    const post = posts[0]!.args;
    // The channel was checked (archived?) before posting.
    const info = t.fake.callsTo('conversations.info');
    expect(info.map((c) => c.args.channel)).toContain(CHANNEL);
    expect(info[0]!.at).toBeLessThanOrEqual(posts[0]!.at);

    expect(post.blocks[0].text.text).toBe(`:tada: *Shout-out to <@${PEOPLE.mentee.id}> and <@${PEOPLE.mentor.id}>!*`);
    expect(post.text).toContain(`<@${PEOPLE.mentee.id}>`);
    const everything = JSON.stringify({ text: post.text, blocks: post.blocks });
    for (const raw of ['<!channel>', '<!here>', '<https://evil.example|click here>', '<!subteam^S0123|@leads>', '@here', '@channel', ' & ']) {
      expect(everything, raw).not.toContain(raw);
    }
    const body = textOf(post);
    expect(body).toContain('Big week &lt;!channel&gt; &amp; &lt;!here&gt;!');
    expect(body).toContain('&lt;https://evil.example|click here&gt;');
    expect(body).toContain('&lt;!subteam^S0123|@leads&gt;');
    // The only mentions are the people chosen and the admin who shared it.
    expect(everything.match(/<[@!#][^>]*>/g)?.sort()).toEqual(
      [...Array(2).fill(`<@${PEOPLE.mentee.id}>`), ...Array(2).fill(`<@${PEOPLE.mentor.id}>`), `<@${PEOPLE.admin.id}>`].sort(),
    );

    const [row] = await celebrations();
    expect(row).toMatchObject({ kind: 'manual', people: [PEOPLE.mentee.id, PEOPLE.mentor.id], message: hostile, channel_id: CHANNEL, posted_by: PEOPLE.admin.id });
    expect(row!.posted_at).toBeInstanceOf(Date);
    expect(row!.message_ts).toMatch(/^\d+\.\d{6}$/);
  });

  it('refuses a non-admin at the command and at the submission, and posts nothing', async () => {
    const responseUrl = t.fake.responseUrl('celebrate-outsider');
    const res = await t.slack.command({ text: `celebrate ${at(PEOPLE.mentee)}`, user_id: PEOPLE.outsider.id, response_url: responseUrl });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('response_url').map((c) => c.args.text).join()).toMatch(/Only program admins/));
    await t.bot.idle();
    expect(t.fake.callsTo('views.open')).toHaveLength(0);

    const submitted = await submitCelebrate(PEOPLE.outsider, { message: 'Sneaky shout-out' });
    expect(submitted.json.response_action).toBe('update');
    expect(textOf(submitted.json)).toContain('Only program admins');
    await t.bot.idle();
    expect(allChannelPosts()).toHaveLength(0);
    expect(await celebrations()).toHaveLength(0);
  });

  it.each([
    ['checks the form', { message: '   ', people: [] as string[], channel: null }, { celebrate_people: 'at least one person', celebrate_channel: 'Choose a public channel', celebrate_message: 'Write a message' }],
    ['refuses a message over 1000 characters', { message: 'x'.repeat(1001) }, { celebrate_message: 'under 1000' }],
  ])('%s with field errors and posts nothing', async (_name, values, errors) => {
    const res = await submitCelebrate(PEOPLE.admin, values);
    for (const [field, message] of Object.entries(errors)) expect(errorsOf(res)[field]).toContain(message);
    await t.bot.idle();
    expect(allChannelPosts()).toHaveLength(0);
    expect(await celebrations()).toHaveLength(0);
  });

  it.each([
    ['archived, seen up front with conversations.info', () => t.fake.onCall('conversations.info', (args) => ({ ok: true, channel: { id: args.channel, name: 'old-wins', is_archived: true } })), 'archived', 0],
    ['unknown to conversations.info', () => t.fake.failNext('conversations.info', { error: 'channel_not_found' }), "can't find that channel", 0],
    ['refused by chat.postMessage: not_in_channel', () => t.fake.failNext('chat.postMessage', { error: 'not_in_channel' }), "can't post in that channel", 1],
    ['refused by chat.postMessage: channel_not_found', () => t.fake.failNext('chat.postMessage', { error: 'channel_not_found' }), "can't find that channel", 1],
    ['refused by chat.postMessage: is_archived', () => t.fake.failNext('chat.postMessage', { error: 'is_archived' }), 'archived', 1],
  ])('a channel %s gives a field error on the channel, and nothing is recorded as posted', async (_name, arrange, message, attempts) => {
    arrange();
    const res = await submitCelebrate(PEOPLE.admin, { message: 'Great work' });
    expect(Object.keys(errorsOf(res))).toEqual(['celebrate_channel']);
    expect(errorsOf(res).celebrate_channel).toContain(message);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(attempts);
    expect(postsIn(CHANNEL)).toHaveLength(0);
    expect(await celebrations()).toHaveLength(0);
  });

  it('offers recent public milestones to mention: consented goals and completed pairings only', async () => {
    const pairId = await pairUp(t);
    const longTitle = `Lead the quarterly architecture review for the payments platform ${'end to end '.repeat(7)}`.trim();
    const consented = await setGoal(pairId, longTitle, true);
    const secret = await setGoal(pairId, 'Negotiate my salary raise', false);
    await achieve(consented);
    await achieve(secret);
    await endPair();
    t.fake.reset();

    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'celebrate', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    const options = blockOf(view, 'celebrate_milestone').element.options.map((o: any) => [o.value, o.text.text]);
    expect(options.map(([value]: string[]) => value).sort()).toEqual([`goal:${consented}`, `pair:${pairId}`].sort());
    expect(options.find(([value]: string[]) => value === `goal:${consented}`)[1]).toMatch(/^Theo Mentee: achieved “Lead the quarterly.*…$/);
    expect(options.find(([value]: string[]) => value === `pair:${pairId}`)[1]).toBe('Maya Mentor & Theo Mentee: pairing completed');
    expect(JSON.stringify(view)).not.toContain('salary');

    // A forged option (the unconsented goal) is refused on the server.
    const forged = await submitCelebrate(PEOPLE.admin, { milestone: `goal:${secret}` });
    expect(forged.json.errors).toEqual({ celebrate_milestone: expect.stringContaining('no longer available') });
    await t.bot.idle();
    expect(allChannelPosts()).toHaveLength(0);

    const res = await submitCelebrate(PEOPLE.admin, { people: [PEOPLE.mentee.id], message: 'What a quarter!', milestone: `goal:${consented}` });
    expect(res.json.response_action).toBe('update');
    const post = postsIn(CHANNEL)[0]!.args;
    expect(textOf(post)).toContain(`:trophy: Milestone: <@${PEOPLE.mentee.id}> achieved the goal “Lead the quarterly architecture review`);
    expect((await celebrations()).find((c) => c.kind === 'manual')).toMatchObject({ subject: `goal:${consented}`, posted_by: PEOPLE.admin.id });
  });
});

describe('milestone suggestions', () => {
  it('a goal achieved with public consent: one DM to each admin, once, with Post and Edit buttons', async () => {
    await grantAdmin(PEOPLE.outsider);
    const pairId = await pairUp(t);
    const goalId = await setGoal(pairId, 'Lead a design review', true);
    t.fake.reset();
    await achieve(goalId);

    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) expect(suggestionsTo(admin), admin.id).toHaveLength(1);
    for (const member of [PEOPLE.mentor, PEOPLE.mentee]) expect(suggestionsTo(member)).toHaveLength(0);
    const [row] = await celebrations();
    expect(row).toMatchObject({ kind: 'goal_achieved', subject: `goal:${goalId}`, people: [PEOPLE.mentee.id], channel_id: CHANNEL, posted_at: null });
    expect(row!.suggested_at).toEqual(t.clock.now());
    const dm = suggestionsTo(PEOPLE.admin)[0]!;
    expect(textOf(dm.args)).toContain(`<@${PEOPLE.mentee.id}> achieved a mentoring goal`);
    expect(textOf(dm.args)).toContain('“Lead a design review”');
    expect(buttonsOf(dm)).toEqual([
      { action_id: 'celebration_post', value: String(row!.id), text: 'Post to #general' },
      { action_id: 'celebration_edit', value: String(row!.id), text: 'Edit first' },
    ]);

    await achieve(goalId); // "already achieved": no second milestone
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(1);
    expect(await celebrations()).toHaveLength(1);
  });

  it('a goal achieved without consent suggests nothing at all', async () => {
    const pairId = await pairUp(t);
    const goalId = await setGoal(pairId, 'Get promoted to senior', false);
    t.fake.reset();
    await achieve(goalId);
    expect((await db().selectFrom('goals').select('status').where('id', '=', goalId).executeTakeFirstOrThrow()).status).toBe('achieved');
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(0);
    expect(await celebrations()).toHaveLength(0);
    expect(JSON.stringify(dmsTo(t, PEOPLE.admin))).not.toContain('Get promoted');
  });

  it("a pair's 10th session: suggested once, at the 10th", async () => {
    await grantAdmin(PEOPLE.outsider);
    const pairId = await pairUp(t);
    t.fake.reset();
    for (let n = 1; n <= 9; n++) expect((await submitLog(t, PEOPLE.mentee, pairId, { heldOn: day(n) })).json.response_action).toBe('update');
    await t.bot.idle();
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(0);

    await submitLog(t, PEOPLE.mentor, pairId, { heldOn: day(10) });
    await t.bot.idle();
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) expect(suggestionsTo(admin)).toHaveLength(1);
    expect(textOf(suggestionsTo(PEOPLE.admin)[0]!.args)).toContain('have logged 10 mentoring sessions together');
    expect(await celebrations()).toMatchObject([{ kind: 'tenth_session', subject: `pair:${pairId}`, people: [PEOPLE.mentor.id, PEOPLE.mentee.id] }]);

    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: day(11) });
    await t.bot.idle();
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(1);
    expect(suggestionsTo(PEOPLE.outsider)).toHaveLength(1);
  });

  it("a mentee's 5th closed loop: suggested once, whichever way the loops were closed", async () => {
    await grantAdmin(PEOPLE.outsider);
    const pairId = await pairUp(t);
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: day(10), advice: ['Tip one', 'Tip two', 'Tip three', 'Tip four', 'Tip five', 'Tip six'].join('\n') });
    const advice = await db().selectFrom('advice_items').select('id').orderBy('id').execute();
    await t.bot.idle();
    t.fake.reset();
    for (const item of advice.slice(0, 4)) expect((await submitLoop(t, PEOPLE.mentee, item.id, 'tried_worked', 'It went fine', '4')).json.response_action).toBe('update');
    await t.bot.idle();
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(0);

    await press(t, PEOPLE.mentee, 'nudge_loop_didnt_apply', String(advice[4]!.id));
    await t.bot.idle();
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) expect(suggestionsTo(admin)).toHaveLength(1);
    expect(textOf(suggestionsTo(PEOPLE.admin)[0]!.args)).toContain(`<@${PEOPLE.mentee.id}> closed the loop on 5 pieces of advice`);
    expect(await celebrations()).toMatchObject([{ kind: 'five_loops', subject: `mentee:${PEOPLE.mentee.id}`, people: [PEOPLE.mentee.id] }]);

    await submitLoop(t, PEOPLE.mentee, advice[5]!.id, 'tried_didnt', 'Not this time');
    await t.bot.idle();
    expect(suggestionsTo(PEOPLE.admin)).toHaveLength(1);
  });

  it('a pairing completed, by /mentor end or by a review that concludes: one suggestion per pairing', async () => {
    await grantAdmin(PEOPLE.outsider);
    const first = await pairUp(t);
    const second = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    t.fake.reset();
    await endPair();
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) expect(suggestionsTo(admin)).toHaveLength(1);
    expect(textOf(suggestionsTo(PEOPLE.admin)[0]!.args)).toContain(`<@${PEOPLE.mentor.id}> and <@${PEOPLE.mentee.id}> completed their mentoring pairing`);

    await concludeByReview(t, PEOPLE.mentee2, PEOPLE.mentor, second);
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) expect(suggestionsTo(admin)).toHaveLength(2);
    expect((await celebrations()).map((c) => [c.kind, c.subject])).toEqual([
      ['pair_completed', `pair:${first}`],
      ['pair_completed', `pair:${second}`],
    ]);
  });

  it('without a celebration channel the button says "Choose a channel" and opens the modal', async () => {
    await setCelebrationChannel(null);
    const { dm, id } = await completedPairSuggestion();
    expect(buttonsOf(dm).map((b) => [b.action_id, b.text])).toEqual([
      ['celebration_choose_channel', 'Choose a channel'],
      ['celebration_edit', 'Edit first'],
    ]);
    expect(textOf(dm.args)).toContain('No celebration channel is set');

    const view = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_choose_channel'));
    expect(view.callback_id).toBe('celebrate_modal');
    expect(blockOf(view, 'celebrate_channel').element.initial_conversation).toBeUndefined();
    expect(blockOf(view, 'celebrate_people').element.initial_users).toEqual([PEOPLE.mentor.id, PEOPLE.mentee.id]);
    expect(JSON.parse(view.private_metadata)).toEqual({ celebrationId: id, message: { channel: dm.args.channel, ts: '1795000000.000200' } });
    expect(allChannelPosts()).toHaveLength(0);

    const message = blockOf(view, 'celebrate_message').element.initial_value;
    const res = await submitCelebrate(PEOPLE.admin, { people: [PEOPLE.mentor.id, PEOPLE.mentee.id], channel: 'CPICKED01', message }, view.private_metadata);
    expect(res.json.response_action).toBe('update');
    await t.bot.idle();
    expect(postsIn('CPICKED01')).toHaveLength(1);
    expect(await celebrations()).toMatchObject([{ id, kind: 'pair_completed', channel_id: 'CPICKED01', posted_by: PEOPLE.admin.id }]);
    expect(JSON.stringify(t.fake.callsTo('chat.update').at(-1)!.args.blocks)).toContain(`Posted to <#CPICKED01> by <@${PEOPLE.admin.id}>`);
  });
});

describe('the Post button', () => {
  it('posts the prepared shout-out once, however often and by however many admins it is pressed', async () => {
    await grantAdmin(PEOPLE.outsider);
    const { dm, id } = await completedPairSuggestion();
    const outsiderDm = suggestionsTo(PEOPLE.outsider)[0]!;
    t.fake.reset();

    // Two admins at once, then the same admin again.
    await Promise.all([pressSuggestion(PEOPLE.outsider, outsiderDm, 'celebration_post'), pressSuggestion(PEOPLE.admin, dm, 'celebration_post')]);
    await t.bot.idle();
    await pressSuggestion(PEOPLE.admin, dm, 'celebration_post');
    await pressSuggestion(PEOPLE.outsider, outsiderDm, 'celebration_post');
    await t.bot.idle();

    const posts = postsIn(CHANNEL);
    expect(posts).toHaveLength(1);
    expect(posts[0]!.args.blocks[0].text.text).toBe(`:tada: *Shout-out to <@${PEOPLE.mentor.id}> and <@${PEOPLE.mentee.id}>!*`);
    expect(textOf(posts[0]!.args)).toContain('Congratulations on completing your mentoring pairing!');
    const [row] = await celebrations();
    expect(row).toMatchObject({ id, channel_id: CHANNEL });
    expect([PEOPLE.admin.id, PEOPLE.outsider.id]).toContain(row!.posted_by);
    expect(row!.message_ts).toMatch(/^\d+\.\d{6}$/);

    // Every press ends with the DM's buttons replaced by who posted it where.
    const updates = t.fake.callsTo('chat.update');
    expect(updates.length).toBeGreaterThanOrEqual(3);
    for (const update of updates) {
      expect(JSON.stringify(update.args.blocks)).toContain(`Posted to <#${CHANNEL}> by <@${row!.posted_by}>`);
      expect(update.args.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    }
    expect(updates.map((u) => u.args.channel)).toContain(outsiderDm.args.channel);
  });

  it('claims in the database: of several racing claims exactly one wins, and a release frees it again', async () => {
    await grantAdmin(PEOPLE.outsider);
    const { id } = await completedPairSuggestion();
    const celebrationsService = t.bot.services.celebrations;
    const claim = (person: Person) => celebrationsService.prepare({ teamId: TEAM, userId: person.id }, { celebrationId: id });
    const results = await Promise.all([claim(PEOPLE.admin), claim(PEOPLE.outsider), claim(PEOPLE.admin)]);
    expect(results.map((r) => r.status).sort()).toEqual(['claimed', 'taken', 'taken']);
    const won = results.find((r) => r.status === 'claimed') as Extract<(typeof results)[number], { status: 'claimed' }>;
    await celebrationsService.release(won.celebration);
    expect((await claim(PEOPLE.outsider)).status).toBe('claimed');
  });

  it('refuses a presser who is not an admin, re-checked on the server', async () => {
    const { dm } = await completedPairSuggestion();
    t.fake.reset();
    const notice = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.mentee, dm, 'celebration_post'));
    expect(textOf({ blocks: notice.blocks })).toContain('Only program admins');
    const edit = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.mentee, dm, 'celebration_edit'));
    expect(edit.callback_id).toBe('notice_modal');
    await t.bot.idle();
    expect(allChannelPosts()).toHaveLength(0);
    expect(t.fake.callsTo('chat.update')).toHaveLength(0);
    expect((await celebrations())[0]).toMatchObject({ posted_at: null, posted_by: null });
  });

  it("re-checks the mentee's consent before posting a goal's shout-out", async () => {
    const pairId = await pairUp(t);
    const goalId = await setGoal(pairId, 'Ship the design doc', true);
    await achieve(goalId);
    const dm = suggestionsTo(PEOPLE.admin)[0]!;
    await db().updateTable('goals').set({ celebrate_publicly: false }).where('id', '=', goalId).execute();
    t.fake.reset();
    const notice = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_post'));
    expect(textOf({ blocks: notice.blocks })).toContain('no longer marked as OK to celebrate publicly');
    await t.bot.idle();
    expect(allChannelPosts()).toHaveLength(0);
    expect((await celebrations())[0]).toMatchObject({ posted_at: null, posted_by: null });
  });

  it('when Slack refuses the post, releases the claim and tells the admin; a later press posts', async () => {
    const { dm } = await completedPairSuggestion();
    t.fake.reset();

    t.fake.failNext('chat.postMessage', { error: 'is_archived' });
    const form = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_post'));
    expect(form.callback_id).toBe('celebrate_modal');
    expect(textOf({ blocks: form.blocks })).toContain(`I couldn't post in <#${CHANNEL}>. That channel is archived.`);
    await t.bot.idle();
    expect((await celebrations())[0]).toMatchObject({ posted_at: null, posted_by: null, message_ts: null });

    t.fake.failNext('chat.postMessage', { error: 'fatal_error' });
    const notice = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_post'));
    expect(textOf({ blocks: notice.blocks })).toContain("Slack didn't accept the shout-out (`fatal_error`), so nothing was posted");
    await t.bot.idle();
    expect((await celebrations())[0]!.posted_at).toBeNull();
    expect(t.fake.callsTo('chat.update')).toHaveLength(0);

    await pressSuggestion(PEOPLE.admin, dm, 'celebration_post');
    await t.bot.idle();
    expect(postsIn(CHANNEL)).toHaveLength(1);
    expect((await celebrations())[0]!.posted_by).toBe(PEOPLE.admin.id);
  });
});

describe('Edit first', () => {
  it('opens the celebrate modal filled in, posts the edited shout-out in place of the suggestion, once', async () => {
    const { dm, id } = await completedPairSuggestion();
    const [row] = await celebrations();
    t.fake.reset();

    const view = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_edit'));
    expect(view.callback_id).toBe('celebrate_modal');
    expect(blockOf(view, 'celebrate_people').element.initial_users).toEqual([PEOPLE.mentor.id, PEOPLE.mentee.id]);
    expect(blockOf(view, 'celebrate_channel').element.initial_conversation).toBe(CHANNEL);
    expect(blockOf(view, 'celebrate_message').element.initial_value).toBe(row!.message);
    expect(JSON.parse(view.private_metadata)).toMatchObject({ celebrationId: id });

    const res = await submitCelebrate(PEOPLE.admin, { people: [PEOPLE.mentee.id], message: 'Six months of great mentoring: thank you Maya!' }, view.private_metadata);
    expect(res.json.response_action).toBe('update');
    await t.bot.idle();
    expect(postsIn(CHANNEL)).toHaveLength(1);
    expect(textOf(postsIn(CHANNEL)[0]!.args)).toContain('Six months of great mentoring');
    expect(await celebrations()).toMatchObject([{ id, kind: 'pair_completed', people: [PEOPLE.mentee.id], message: 'Six months of great mentoring: thank you Maya!', posted_by: PEOPLE.admin.id }]);
    expect(JSON.stringify(t.fake.callsTo('chat.update')[0]!.args.blocks)).toContain(`Posted to <#${CHANNEL}> by <@${PEOPLE.admin.id}>`);

    // The one-click button of the same suggestion no longer posts; a second submission is refused.
    await pressSuggestion(PEOPLE.admin, dm, 'celebration_post');
    const again = await submitCelebrate(PEOPLE.admin, { message: 'Again' }, view.private_metadata);
    expect(textOf(again.json)).toContain('already posted');
    await t.bot.idle();
    expect(postsIn(CHANNEL)).toHaveLength(1);
  });

  it('a channel error on an edited suggestion is a field error and leaves the suggestion unposted', async () => {
    const { dm, id } = await completedPairSuggestion();
    const view = await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, dm, 'celebration_edit'));
    t.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const res = await submitCelebrate(PEOPLE.admin, { channel: 'CPRIVATE1', message: 'Hi' }, view.private_metadata);
    expect(res.json.errors).toEqual({ celebrate_channel: expect.stringContaining("can't post in that channel") });
    expect(await celebrations()).toMatchObject([{ id, posted_at: null, posted_by: null, message_ts: null, channel_id: CHANNEL, people: [PEOPLE.mentor.id, PEOPLE.mentee.id] }]);
  });
});

describe('privacy', () => {
  it('never puts notes, advice or outcomes in a suggestion, a shout-out or anything else admins or channels see', async () => {
    const NOTE = 'PRIVATE-NOTE about a salary negotiation';
    const ADVICE = ['PRIVATE-ADVICE-1 talk to HR', 'PRIVATE-ADVICE-2 update the CV', 'PRIVATE-ADVICE-3 ask Sam', 'PRIVATE-ADVICE-4 quit drama', 'PRIVATE-ADVICE-5 sleep'];
    const OUTCOME = 'PRIVATE-OUTCOME HR said no';
    const secrets = [NOTE, ...ADVICE, OUTCOME];

    const pairId = await pairUp(t);
    const goalId = await setGoal(pairId, 'Run the team offsite', true);
    for (let n = 1; n <= 10; n++) {
      await submitLog(t, PEOPLE.mentee, pairId, { heldOn: day(n), notes: `${NOTE} #${n}`, advice: n === 1 ? ADVICE.join('\n') : '' });
    }
    for (const item of await db().selectFrom('advice_items').select('id').orderBy('id').execute()) {
      await submitLoop(t, PEOPLE.mentee, item.id, 'tried_didnt', OUTCOME, '2');
    }
    await achieve(goalId);
    await endPair();
    const suggestions = suggestionsTo(PEOPLE.admin);
    expect(suggestions.map((dm) => textOf(dm.args).match(/achieved a mentoring goal|logged 10 mentoring sessions|closed the loop on 5|completed their mentoring pairing/)?.[0]).sort()).toEqual(
      ['achieved a mentoring goal', 'closed the loop on 5', 'completed their mentoring pairing', 'logged 10 mentoring sessions'],
    );
    await viewOpenedBy(t, () => pressSuggestion(PEOPLE.admin, suggestions[0]!, 'celebration_edit'));
    for (const dm of suggestions) await pressSuggestion(PEOPLE.admin, dm, 'celebration_post');
    await t.slack.command({ text: `celebrate ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    await t.bot.idle();
    expect(postsIn(CHANNEL)).toHaveLength(4);
    expect(postsIn(CHANNEL).map((c) => textOf(c.args))).toContainEqual(expect.stringContaining('Run the team offsite'));

    // The pair's own DMs and Home tabs carry their own text by design; nothing else may.
    const pairSide = (c: RecordedCall) =>
      (c.method === 'chat.postMessage' && [`D${PEOPLE.mentor.id}`, `D${PEOPLE.mentee.id}`].includes(c.args.channel)) ||
      (c.method === 'views.publish' && [PEOPLE.mentor.id, PEOPLE.mentee.id].includes(c.args.user_id));
    const beyondThePair = JSON.stringify(t.fake.calls.filter((c) => c.method !== 'users.info' && !pairSide(c)).map((c) => c.args));
    expect(beyondThePair).toContain('celebration_post');
    for (const secret of secrets) expect(beyondThePair, secret).not.toContain(secret);
    // Notes are shown to no one, not even the pair.
    expect(everythingSent(t)).not.toContain('PRIVATE-NOTE');
    // The fixture's advice and outcomes did travel, to the pair only: the filter above is not vacuous.
    expect(everythingSent(t)).toContain('PRIVATE-ADVICE-1');
    expect(everythingSent(t)).toContain('PRIVATE-OUTCOME');
    expect(JSON.stringify(await celebrations())).not.toMatch(/PRIVATE-/);
  });
});
