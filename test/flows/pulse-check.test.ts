import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answered, dmsTo, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, startTestBot, TEAM, type TestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

// The pair starts on Wed 2026-11-18 (UTC): day 30 of the pairing is Fri 2026-12-18. At 15:00 UTC it
// is 16:00 in Berlin (the mentee) and 10:00 in New York (the mentor): inside both working days.
let t: TestBot;
let pairId: number;
const db = () => t.bot.database.db;

beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-18T14:00:00Z' });
});
afterAll(async () => t?.close());
beforeEach(async () => {
  t.clock.set('2026-11-18T14:00:00Z');
  for (const table of ['pulse_answers', 'nudges', 'deliveries', 'rule_snoozes'] as const) await db().deleteFrom(table).execute();
  await db().deleteFrom('pairs').execute();
  await db().updateTable('programs').set({ pulse_enabled: true, pulse_days: [30, 90] }).execute();
  pairId = await pairUp(t);
  t.fake.reset();
});
afterEach(async () => {
  await t.bot.idle();
  expect(t.fake.violations).toEqual([]);
});

const sweepAt = async (iso: string) => {
  t.clock.set(iso);
  return t.bot.sweep(new Date(iso));
};
const buttonsOf = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id })) : []));
const pulseDmsTo = (person: { id: string }) =>
  t.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === person.id || c.args.channel === `D${person.id}`)
    .filter((c) => buttonsOf(c.args.blocks ?? []).some((b: any) => b.action_id.startsWith('pulse_')));
const pulseNudges = () => db().selectFrom('nudges').select(['recipient_id', 'period', 'subject']).where('rule', '=', 'pulse').orderBy('recipient_id').execute();
const answers = () => db().selectFrom('pulse_answers').select(['respondent_id', 'day', 'answer']).orderBy('respondent_id').execute();

describe('the pulse check', () => {
  it('asks each member on day 30 of the pairing, once, with Going well / Could be better / Not working', async () => {
    await sweepAt('2026-12-17T15:00:00Z'); // day 29
    expect(await pulseNudges()).toEqual([]);

    await sweepAt('2026-12-18T15:00:00Z'); // day 30
    expect(await pulseNudges()).toEqual([
      { recipient_id: PEOPLE.mentee.id, period: 'day30', subject: `pair:${pairId}` },
      { recipient_id: PEOPLE.mentor.id, period: 'day30', subject: `pair:${pairId}` },
    ]);
    const [toMentee] = pulseDmsTo(PEOPLE.mentee);
    expect(textOf(toMentee!.args)).toContain(`How is your mentoring with <@${PEOPLE.mentor.id}> going?`);
    expect(buttonsOf(toMentee!.args.blocks).filter((b: any) => b.action_id.startsWith('pulse_')).map((b: any) => [b.action_id, b.value])).toEqual([
      ['pulse_going_well', `${pairId}:30`],
      ['pulse_could_be_better', `${pairId}:30`],
      ['pulse_not_working', `${pairId}:30`],
    ]);
    expect(textOf(pulseDmsTo(PEOPLE.mentor)[0]!.args)).toContain(`How is your mentoring with <@${PEOPLE.mentee.id}> going?`);

    await sweepAt('2026-12-18T16:00:00Z');
    await sweepAt('2026-12-21T15:00:00Z'); // Monday, still inside the late window
    expect(await pulseNudges()).toHaveLength(2);
    expect(pulseDmsTo(PEOPLE.mentee)).toHaveLength(1);
    expect(pulseDmsTo(PEOPLE.mentor)).toHaveLength(1);
  });

  it('records the pressed answer privately; a second answer updates the first; only the pair’s members may answer', async () => {
    await sweepAt('2026-12-18T15:00:00Z');
    const dm = pulseDmsTo(PEOPLE.mentee)[0]!;
    const row = buttonsOf(dm.args.blocks).find((b: any) => b.action_id === 'pulse_not_working')!;
    const res = await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      channel_id: dm.args.channel,
      message: { ts: '1795000000.000200', text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'pulse_not_working', value: row.value, block_id: row.block_id }],
    });
    expect(res.status).toBe(200);
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(update.ts).toBe('1795000000.000200');
    expect(JSON.stringify(update.blocks)).toContain('*Not working* noted for day 30');
    expect(JSON.stringify(update.blocks)).toContain('*Tell the program admins* sends them a private note');
    // The answer buttons give way to a note and, after "Not working", a private way to the admins.
    expect(buttonsOf(update.blocks).filter((b: any) => b.block_id === row.block_id).map((b: any) => [b.action_id, b.value])).toEqual([
      ['pulse_add_note', `${pairId}:30`],
      ['pulse_tell_admins', String(pairId)],
    ]);
    expect(await answers()).toEqual([{ respondent_id: PEOPLE.mentee.id, day: 30, answer: 'not_working' }]);

    await press(t, PEOPLE.mentee, 'pulse_going_well', `${pairId}:30`);
    await press(t, PEOPLE.mentor, 'pulse_could_be_better', `${pairId}:30`);
    await t.bot.idle();
    expect(await answers()).toEqual([
      { respondent_id: PEOPLE.mentee.id, day: 30, answer: 'going_well' },
      { respondent_id: PEOPLE.mentor.id, day: 30, answer: 'could_be_better' },
    ]);

    const notice = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'pulse_not_working', `${pairId}:30`));
    expect(textOf({ blocks: notice.blocks })).toContain('not part of that pairing');
    const forged = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_not_working', `${pairId}:0`));
    expect(textOf({ blocks: forged.blocks })).toContain("isn't one I asked");
    expect(await answers()).toHaveLength(2);
  });

  it('asks nothing of a paused pairing, nor where the program turned the pulse off; the program chooses the days', async () => {
    await t.slack.command({ text: 'pause', user_id: PEOPLE.mentee.id });
    await sweepAt('2026-12-18T15:00:00Z');
    expect(await pulseNudges()).toEqual([]);

    await t.slack.command({ text: 'resume', user_id: PEOPLE.mentee.id });
    await db().updateTable('programs').set({ pulse_enabled: false }).execute();
    await sweepAt('2026-12-19T15:00:00Z');
    expect(await pulseNudges()).toEqual([]);

    await db().updateTable('programs').set({ pulse_enabled: true, pulse_days: [14, 60] }).execute();
    await sweepAt('2027-01-18T15:00:00Z'); // day 61
    expect((await pulseNudges()).map((n) => n.period)).toEqual(['day60', 'day60']);
    expect(pulseDmsTo(PEOPLE.mentee)).toHaveLength(1);
  });
});

const NOTE = 'PULSE-NOTE we keep rescheduling';
const notes = () => db().selectFrom('pulse_answers').select(['respondent_id', 'day', 'answer', 'note']).orderBy('respondent_id').execute();

function submitNote(person: Person, note: string, metadata = `${pairId}:30`) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'pulse_note_modal',
    private_metadata: metadata,
    values: { pulse_note: { value: { type: 'plain_text_input', value: note } } },
  });
}

describe('the pulse check’s private note', () => {
  it('"Add a private note" follows an answer; the note is kept on the answer, replaced by a second one, removed when emptied', async () => {
    await sweepAt('2026-12-18T15:00:00Z');
    const dm = pulseDmsTo(PEOPLE.mentee)[0]!;
    const row = buttonsOf(dm.args.blocks).find((b: any) => b.action_id === 'pulse_could_be_better')!;
    await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      channel_id: dm.args.channel,
      message: { ts: '1795000000.000400', text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'pulse_could_be_better', value: row.value, block_id: row.block_id }],
    });
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(buttonsOf(update.blocks).filter((b: any) => b.block_id === row.block_id).map((b: any) => b.action_id)).toEqual(['pulse_add_note']);

    const form = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_add_note', `${pairId}:30`));
    expect(form.callback_id).toBe('pulse_note_modal');
    expect(form.private_metadata).toBe(`${pairId}:30`);
    expect(textOf({ blocks: form.blocks })).toContain('*Could be better*');
    const saved = await answered(t, submitNote(PEOPLE.mentee, NOTE));
    expect(saved.response_action).toBe('update');
    expect(textOf({ blocks: saved.view.blocks })).toContain('Only you can read it');
    expect(await notes()).toEqual([{ respondent_id: PEOPLE.mentee.id, day: 30, answer: 'could_be_better', note: NOTE }]);

    // A second answer keeps the note; the form opens filled with it; a second note replaces it.
    await press(t, PEOPLE.mentee, 'pulse_going_well', `${pairId}:30`);
    await t.bot.idle();
    expect((await notes())[0]).toMatchObject({ answer: 'going_well', note: NOTE });
    const again = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_add_note', `${pairId}:30`));
    expect(again.blocks.find((b: any) => b.block_id === 'pulse_note').element.initial_value).toBe(NOTE);
    await answered(t, submitNote(PEOPLE.mentee, `${NOTE} (better now)`));
    expect((await notes()).map((n) => n.note)).toEqual([`${NOTE} (better now)`]);
    const removed = await answered(t, submitNote(PEOPLE.mentee, '   '));
    expect(textOf({ blocks: removed.view.blocks })).toContain('removed');
    expect((await notes()).map((n) => n.note)).toEqual([null]);

    // The note reaches nobody: no message, no Home, no report carries it.
    await answered(t, submitNote(PEOPLE.mentee, NOTE));
    for (const person of [PEOPLE.admin, PEOPLE.mentor, PEOPLE.mentee]) {
      await t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: `D${person.id}`, tab: 'home', event_ts: `3.${person.id}` } });
    }
    await t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    await t.bot.idle();
    const shown = t.fake.calls.filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish', 'response_url'].includes(c.method));
    expect(shown.filter((c) => c.method === 'views.publish').map((c) => c.args.user_id)).toEqual(expect.arrayContaining([PEOPLE.admin.id, PEOPLE.mentor.id]));
    expect(JSON.stringify(shown.map((c) => c.args))).not.toContain('PULSE-NOTE');
  });

  it('only the person who answered writes a note on their answer: not before answering, not on the partner’s, not an outsider', async () => {
    await sweepAt('2026-12-18T15:00:00Z');
    const before = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_add_note', `${pairId}:30`));
    expect(textOf({ blocks: before.blocks })).toContain('Choose an answer first');
    const early = await answered(t, submitNote(PEOPLE.mentee, NOTE));
    expect(textOf({ blocks: early.view.blocks })).toContain('Choose an answer first');

    await press(t, PEOPLE.mentee, 'pulse_not_working', `${pairId}:30`);
    await t.bot.idle();
    // The mentor has not answered: their note cannot land on the mentee's answer.
    const partner = await answered(t, submitNote(PEOPLE.mentor, 'MENTOR-WROTE-THIS'));
    expect(textOf({ blocks: partner.view.blocks })).toContain('Choose an answer first');
    const outsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'pulse_add_note', `${pairId}:30`));
    expect(textOf({ blocks: outsider.blocks })).toContain('not part of that pairing');
    const forgedOutsider = await answered(t, submitNote(PEOPLE.outsider, 'OUTSIDER-WROTE-THIS'));
    expect(textOf({ blocks: forgedOutsider.view.blocks })).toContain('not part of that pairing');
    const forged = await answered(t, submitNote(PEOPLE.mentee, NOTE, 'garbage'));
    expect(forged.response_action).toBe('errors');
    const tooLong = await answered(t, submitNote(PEOPLE.mentee, 'x'.repeat(2001)));
    expect(Object.keys(tooLong.errors)).toEqual(['pulse_note']);
    expect(await notes()).toEqual([{ respondent_id: PEOPLE.mentee.id, day: 30, answer: 'not_working', note: null }]);
  });

  it('"Not working" → "Tell the program admins" opens the feedback form about the pairing; the note reaches the admins, not the partner', async () => {
    await sweepAt('2026-12-18T15:00:00Z');
    await press(t, PEOPLE.mentee, 'pulse_not_working', `${pairId}:30`);
    const form = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_tell_admins', String(pairId)));
    expect(form.callback_id).toBe('feedback_modal');
    expect(form.blocks.find((b: any) => b.block_id === 'pair_id').element.initial_option.value).toBe(String(pairId));
    // Someone else's pairing is never chosen for them.
    const outsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'pulse_tell_admins', String(pairId)));
    expect(outsider.callback_id).toBe('feedback_modal');
    expect(JSON.stringify(outsider.blocks)).not.toContain(`"value":"${pairId}"`);

    t.fake.reset();
    const sent = await answered(t, t.slack.viewSubmission({
      user_id: PEOPLE.mentee.id,
      team_id: TEAM,
      callback_id: 'feedback_modal',
      values: {
        pair_id: { value: { type: 'static_select', selected_option: { value: String(pairId) } } },
        feedback_body: { value: { type: 'plain_text_input', value: 'ADMIN-NOTE we are not a good fit' } },
      },
    }));
    expect(sent.response_action).toBe('update');
    await t.bot.idle();
    expect(dmsTo(t, PEOPLE.admin).map((c) => textOf(c.args)).join('\n')).toContain('ADMIN-NOTE');
    expect(dmsTo(t, PEOPLE.mentor).map((c) => JSON.stringify(c.args)).join('\n')).not.toContain('ADMIN-NOTE');
  });
});
