import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, directMessagesTo, pairUp, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { viewSubmissionPayload } from '../helpers/slack-requests.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

// Pairs start on Wed 2026-11-18; with cadence 14 + grace 3 the reminder comes on Mon 2026-12-07.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
const db = () => t.bot.database.db;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const sessions = () => db().selectFrom('sessions').selectAll().where('pair_id', '=', pairId).orderBy('id').execute();

/** The quiet-pairing reminder a person got, with where it was delivered. */
async function reminderOf(person: Person) {
  const delivery = await db().selectFrom('deliveries').selectAll().where('recipient_id', '=', person.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
  const dm = directMessagesTo(t, person).at(-1)!.args;
  const row = dm.blocks.find((b: any) => b.type === 'actions');
  return { delivery, dm, row };
}

/** "We met" pressed in the reminder; returns the modal it opened. */
async function pressWeMet(person: Person, value = String(pairId)) {
  const { delivery, dm, row } = await reminderOf(person);
  return viewOpenedBy(t, () =>
    t.slack.blockAction({
      user_id: person.id,
      channel_id: delivery.channel_id!,
      message: { ts: delivery.message_ts!, text: dm.text, blocks: dm.blocks },
      actions: [{ action_id: 'nudge_we_met', value, block_id: row.block_id }],
    }),
  );
}

const weMetPayload = (person: Person, metadata: string, day: string | null) =>
  viewSubmissionPayload({ user_id: person.id, team_id: TEAM, callback_id: 'we_met_modal', private_metadata: metadata, values: { met_on: { value: { type: 'datepicker', selected_date: day } } } });
const send = (payload: object) => t.slack.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
const submitWeMet = (person: Person, metadata: string, day: string | null) => send(weMetPayload(person, metadata, day));

describe('"We met" on the quiet-pairing reminder', () => {
  it('sits next to "Log a session" and opens a small modal with today in the presser\'s time zone', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    const { row } = await reminderOf(PEOPLE.mentee);
    expect(row.elements.slice(0, 2).map((b: any) => [b.action_id, b.value, b.text.text])).toEqual([
      ['open_log_modal', String(pairId), 'Log a session'],
      ['nudge_we_met', String(pairId), 'We met'],
    ]);
    // 03:00 UTC on the 8th is still the 7th in New York.
    t.clock.set('2026-12-08T03:00:00Z');
    const view = await pressWeMet(PEOPLE.mentor);
    expect(view.callback_id).toBe('we_met_modal');
    expect(view.blocks.filter((b: any) => b.type === 'input')).toHaveLength(1);
    expect(blockOf(view, 'met_on').element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-07' });
    expect(textOf(view)).toContain(`When did you last meet <@${PEOPLE.mentee.id}>?`);
    expect(textOf(view)).toContain("I'll record a 60-minute session");
    t.clock.set('2026-12-08T03:00:00Z');
    const theirs = await pressWeMet(PEOPLE.mentee);
    expect(blockOf(theirs, 'met_on').element.initial_date).toBe('2026-12-08'); // Berlin
  });

  it('records a session on that day, marks the reminder done, and the reminders stop', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    const view = await pressWeMet(PEOPLE.mentee);
    const res = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-12-04');
    expect(res.json.response_action).toBe('update');
    expect(res.json.view.title.text).toBe('Session recorded');
    expect(textOf(res.json.view)).toContain(`Recorded your 60-minute session with <@${PEOPLE.mentor.id}> on Fri 4 Dec. You're back on track: next session due Fri 18 Dec.`);
    await t.bot.idle();
    expect((await sessions()).map((s) => [s.held_on, s.minutes, s.logged_by, s.topics, s.notes])).toEqual([['2026-12-04', 60, PEOPLE.mentee.id, '', '']]);
    expect(await db().selectFrom('pairs').select(['last_session_on', 'rhythm_anchor_on']).where('id', '=', pairId).executeTakeFirstOrThrow()).toEqual({ last_session_on: '2026-12-04', rhythm_anchor_on: '2026-12-04' });
    const { delivery } = await reminderOf(PEOPLE.mentee);
    const update = t.fake.callsTo('chat.update').at(-1)!.args;
    expect(update).toMatchObject({ channel: delivery.channel_id, ts: delivery.message_ts });
    expect(JSON.stringify(update.blocks)).toContain('recorded a session on Fri 4 Dec');
    expect(update.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect(textOf(t.fake.callsTo('views.publish').find((c) => c.args.user_id === PEOPLE.mentor.id)?.args.view)).toContain('Sessions logged: 1');

    const before = directMessagesTo(t, PEOPLE.mentee).length;
    await t.sweepAt('2026-12-14T15:00:00Z'); // "quiet again" would be due now without the session
    expect(directMessagesTo(t, PEOPLE.mentee)).toHaveLength(before);
  });

  it('records once: the same submission twice, and the partner answering their own reminder for the same day', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    const view = await pressWeMet(PEOPLE.mentee);
    const payload = weMetPayload(PEOPLE.mentee, view.private_metadata, '2026-12-07');
    const first = await send(payload);
    await t.bot.idle();
    const again = await send(payload);
    expect(again.json.view.title.text).toBe(first.json.view.title.text);
    await t.bot.idle();
    expect(await sessions()).toHaveLength(1);

    const theirs = await pressWeMet(PEOPLE.mentor);
    const res = await submitWeMet(PEOPLE.mentor, theirs.private_metadata, '2026-12-07');
    expect(res.json.view.title.text).toBe('Already recorded');
    expect(textOf(res.json.view)).toContain("A session on Mon 7 Dec is already logged for your pairing with");
    await t.bot.idle();
    expect(await sessions()).toHaveLength(1);
  });

  it('refuses a future day, a day before the pairing started, and no day, with the error on the date', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    const view = await pressWeMet(PEOPLE.mentee);
    const future = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-12-08');
    expect(future.json).toEqual({ response_action: 'errors', errors: { met_on: "That day hasn't come yet: record a meeting once it has happened." } });
    const early = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-11-17');
    expect(early.json).toEqual({ response_action: 'errors', errors: { met_on: 'Your pairing started on Wed 18 Nov: pick a day since then.' } });
    const none = await submitWeMet(PEOPLE.mentee, view.private_metadata, null);
    expect(none.json.errors).toEqual({ met_on: 'Pick the day you met.' });
    const absurd = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-02-30');
    expect(absurd.json.errors).toEqual({ met_on: 'Pick the day you met.' });
    const lost = await submitWeMet(PEOPLE.mentee, '{"pairId":"1 or 1=1"}', '2026-12-07');
    expect(lost.json.response_action).toBe('errors');
    // The pairing's first day is fine.
    const first = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-11-18');
    expect(first.json.view.title.text).toBe('Session recorded');
    await t.bot.idle();
    expect((await sessions()).map((s) => s.held_on)).toEqual(['2026-11-18']);
  });

  it('refuses someone outside the pair, by button and by a forged submission, and an ended pairing', async () => {
    const button = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.outsider.id, team_id: TEAM, actions: [{ action_id: 'nudge_we_met', value: String(pairId) }] }));
    expect(button.callback_id).toBe('notice_modal');
    expect(textOf(button)).toContain('not part of that pairing');
    const forged = await submitWeMet(PEOPLE.outsider, JSON.stringify({ pairId }), '2026-11-20');
    expect(forged.json.view.callback_id).toBe('notice_modal');
    expect(textOf(forged.json.view)).toContain('not part of that pairing');
    await t.bot.idle();
    expect(await sessions()).toHaveLength(0);

    await t.slack.command({ text: `end <@${PEOPLE.mentor.id}|maya> <@${PEOPLE.mentee.id}|theo>`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    await t.bot.idle();
    const ended = await submitWeMet(PEOPLE.mentee, JSON.stringify({ pairId }), '2026-11-20');
    expect(textOf(ended.json.view)).toContain('That pairing has ended');
    await t.bot.idle();
    expect(await sessions()).toHaveLength(0);
  });

  it("records the program's usual length: the median of recent sessions", async () => {
    const other = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    for (const [minutes, day] of [['45', '2026-11-10'], ['45', '2026-11-12'], ['90', '2026-11-14']] as const) {
      await submitLog(t, PEOPLE.mentee2, other, { minutes, heldOn: day });
    }
    await t.bot.idle();
    const view = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, actions: [{ action_id: 'nudge_we_met', value: String(pairId) }] }));
    expect(textOf(view)).toContain("I'll record a 45-minute session");
    const res = await submitWeMet(PEOPLE.mentee, view.private_metadata, '2026-11-18');
    expect(textOf(res.json.view)).toContain('Recorded your 45-minute session');
    await t.bot.idle();
    expect((await sessions()).map((s) => s.minutes)).toEqual([45]);
  });
});
