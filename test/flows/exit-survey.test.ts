import { beforeEach, describe, expect, it } from 'vitest';
import { answered, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

// The pair starts on Wed 2026-11-18 and an admin ends it on Wed 2026-12-02 (UTC). At 15:00 UTC it is
// 16:00 in Berlin (the mentee) and 10:00 in New York (the mentor): inside both working days.
// "Did it stick" is due three calendar months after the end: Tue 2027-03-02.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let pairId: number;

const WHAT_CHANGED = 'PRIVATE-CHANGE I now run design reviews myself';

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

async function endPairing(iso = '2026-12-02T14:00:00Z') {
  t.clock.set(iso);
  const res = await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id });
  expect(res.status).toBe(200);
  await t.bot.idle();
  expect((await db().selectFrom('pairs').select('status').where('id', '=', pairId).executeTakeFirstOrThrow()).status).toBe('ended');
  t.fake.reset();
}

const buttonsOf = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id })) : []));
const surveyDmsTo = (person: { id: string }, actionPrefix: string) =>
  t.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === person.id || c.args.channel === `D${person.id}`)
    .filter((c) => buttonsOf(c.args.blocks ?? []).some((b: any) => b.action_id.startsWith(actionPrefix)));
const nudgesOf = (rule: 'exit_survey' | 'did_it_stick') => db().selectFrom('nudges').select(['recipient_id', 'period', 'subject', 'status']).where('rule', '=', rule).orderBy('recipient_id').execute();
const exitAnswers = () =>
  db().selectFrom('exit_survey_answers').select(['respondent_id', 'objective_reached', 'satisfaction', 'what_changed', 'share_with_admins', 'recommend']).orderBy('respondent_id').execute();
const stickAnswers = () => db().selectFrom('did_it_stick_answers').select(['mentee_id', 'answer']).execute();

interface ExitValues {
  objective?: string | null;
  satisfaction?: string | null;
  whatChanged?: string;
  share?: boolean;
  recommend?: string | null;
}

function submitExitSurvey(person: Person, v: ExitValues = {}, metadata = JSON.stringify({ pairId })) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'exit_survey_modal',
    private_metadata: metadata,
    values: {
      exit_objective: { value: { type: 'radio_buttons', selected_option: v.objective === null ? null : { value: v.objective ?? 'partly' } } },
      exit_satisfaction: { value: { type: 'static_select', selected_option: v.satisfaction === null ? null : { value: v.satisfaction ?? '4' } } },
      exit_what_changed: { value: { type: 'plain_text_input', value: v.whatChanged ?? null } },
      exit_share_with_admins: { value: { type: 'checkboxes', selected_options: v.share ? [{ value: 'share' }] : [] } },
      exit_recommend: { value: { type: 'static_select', selected_option: v.recommend === null ? null : { value: v.recommend ?? '9' } } },
    },
  });
}

describe('the exit survey', () => {
  it('goes to each member through the sweep on the day the pairing ends, once, though the pairing is no longer active', async () => {
    await t.sweepAt('2026-12-01T15:00:00Z');
    expect(await nudgesOf('exit_survey')).toEqual([]);
    await endPairing();

    await t.sweepAt('2026-12-02T15:00:00Z');
    expect(await nudgesOf('exit_survey')).toEqual([
      { recipient_id: PEOPLE.mentee.id, period: '2026-12-02', subject: `pair:${pairId}`, status: 'bundled' },
      { recipient_id: PEOPLE.mentor.id, period: '2026-12-02', subject: `pair:${pairId}`, status: 'bundled' },
    ]);
    // Sent, not withdrawn for the ended pairing.
    const [toMentee] = surveyDmsTo(PEOPLE.mentee, 'exit_survey_');
    expect(textOf(toMentee!.args)).toContain(`Your pairing with <@${PEOPLE.mentor.id}> has ended.`);
    expect(buttonsOf(toMentee!.args.blocks).filter((b: any) => b.action_id === 'exit_survey_open').map((b: any) => b.value)).toEqual([String(pairId)]);
    expect(textOf(surveyDmsTo(PEOPLE.mentor, 'exit_survey_')[0]!.args)).toContain(`Your pairing with <@${PEOPLE.mentee.id}> has ended.`);
    expect((await db().selectFrom('deliveries').select('status').execute()).map((d) => d.status)).toEqual(['sent', 'sent']);

    await t.sweepAt('2026-12-02T16:00:00Z');
    await t.sweepAt('2026-12-07T15:00:00Z');
    expect(await nudgesOf('exit_survey')).toHaveLength(2);
    expect(surveyDmsTo(PEOPLE.mentee, 'exit_survey_')).toHaveLength(1);
    expect(surveyDmsTo(PEOPLE.mentor, 'exit_survey_')).toHaveLength(1);
  });

  it('waits for working hours, and is dropped for someone who muted reminders', async () => {
    await endPairing();
    await t.slack.command({ text: 'mute 1w', user_id: PEOPLE.mentor.id });
    await t.sweepAt('2026-12-02T23:30:00Z'); // 00:30 in Berlin, 18:30 in New York
    expect(surveyDmsTo(PEOPLE.mentee, 'exit_survey_')).toHaveLength(0);
    await t.sweepAt('2026-12-03T09:00:00Z'); // 10:00 in Berlin
    expect(surveyDmsTo(PEOPLE.mentee, 'exit_survey_')).toHaveLength(1);
    await t.sweepAt('2026-12-03T15:00:00Z');
    expect(surveyDmsTo(PEOPLE.mentor, 'exit_survey_')).toHaveLength(0);
    // A muted person is not asked at all.
    expect((await nudgesOf('exit_survey')).map((n) => [n.recipient_id, n.status])).toEqual([[PEOPLE.mentee.id, 'bundled']]);
  });

  it('is not asked where the program turned it off', async () => {
    await db().updateTable('programs').set({ exit_survey_enabled: false }).execute();
    try {
      await endPairing();
      await t.sweepAt('2026-12-02T15:00:00Z');
      expect(await nudgesOf('exit_survey')).toEqual([]);
    } finally {
      await db().updateTable('programs').set({ exit_survey_enabled: true }).execute();
    }
  });

  it('opens for either member of the ended pairing; the answers are kept once per person, a second one updates the first', async () => {
    await endPairing();
    const form = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'exit_survey_open', String(pairId)));
    expect(form.callback_id).toBe('exit_survey_modal');
    expect(JSON.parse(form.private_metadata)).toEqual({ pairId });
    expect(form.blocks.map((b: any) => b.block_id).filter(Boolean)).toEqual(['exit_objective', 'exit_satisfaction', 'exit_what_changed', 'exit_share_with_admins', 'exit_recommend']);
    expect(form.blocks.find((b: any) => b.block_id === 'exit_recommend').element.options.map((o: any) => o.value)).toEqual(['10', '9', '8', '7', '6', '5', '4', '3', '2', '1', '0']);

    const saved = await answered(t, submitExitSurvey(PEOPLE.mentee, { objective: 'partly', satisfaction: '4', whatChanged: WHAT_CHANGED, recommend: '9' }));
    expect(saved.response_action).toBe('update');
    expect(textOf({ blocks: saved.view.blocks })).toContain('stays with your pairing');
    await answered(t, submitExitSurvey(PEOPLE.mentor, { objective: 'yes', satisfaction: '5', recommend: '10' }));
    expect(await exitAnswers()).toEqual([
      { respondent_id: PEOPLE.mentee.id, objective_reached: 'partly', satisfaction: 4, what_changed: WHAT_CHANGED, share_with_admins: false, recommend: 9 },
      { respondent_id: PEOPLE.mentor.id, objective_reached: 'yes', satisfaction: 5, what_changed: null, share_with_admins: false, recommend: 10 },
    ]);

    // Opened again: filled with the earlier answers; sent again: the same row, updated.
    const again = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'exit_survey_open', String(pairId)));
    expect(again.blocks.find((b: any) => b.block_id === 'exit_objective').element.initial_option.value).toBe('partly');
    expect(again.blocks.find((b: any) => b.block_id === 'exit_what_changed').element.initial_value).toBe(WHAT_CHANGED);
    const shared = await answered(t, submitExitSurvey(PEOPLE.mentee, { objective: 'yes', satisfaction: '5', whatChanged: WHAT_CHANGED, share: true, recommend: '10' }));
    expect(textOf({ blocks: shared.view.blocks })).toContain('goes to the program admins without your name');
    expect((await exitAnswers())[0]).toMatchObject({ objective_reached: 'yes', satisfaction: 5, share_with_admins: true, recommend: 10 });
    expect(await exitAnswers()).toHaveLength(2);

    // The words reach no one by message or Home: not the partner, not the admins (only the person's own form shows them).
    for (const person of [PEOPLE.admin, PEOPLE.mentor, PEOPLE.mentee]) {
      await t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: `D${person.id}`, tab: 'home', event_ts: `2.${person.id}` } });
    }
    await t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    await t.bot.idle();
    expect(t.fake.callsTo('views.publish').map((c) => c.args.user_id)).toEqual(expect.arrayContaining([PEOPLE.admin.id, PEOPLE.mentor.id]));
    const sent = t.fake.calls.filter((c) => ['chat.postMessage', 'chat.update', 'chat.postEphemeral', 'views.publish', 'response_url'].includes(c.method));
    expect(JSON.stringify(sent.map((c) => c.args))).not.toContain('PRIVATE-CHANGE');
  });

  it('refuses bad answers with field errors and writes nothing', async () => {
    await endPairing();
    const missing = await answered(t, submitExitSurvey(PEOPLE.mentee, { objective: null, satisfaction: null, recommend: null }));
    expect(missing.response_action).toBe('errors');
    expect(Object.keys(missing.errors).sort()).toEqual(['exit_objective', 'exit_recommend', 'exit_satisfaction']);
    const forged = await answered(t, submitExitSurvey(PEOPLE.mentee, { objective: 'maybe', satisfaction: '9', recommend: '11' }));
    expect(Object.keys(forged.errors).sort()).toEqual(['exit_objective', 'exit_recommend', 'exit_satisfaction']);
    const nothingToShare = await answered(t, submitExitSurvey(PEOPLE.mentee, { share: true }));
    expect(nothingToShare.errors).toEqual({ exit_share_with_admins: expect.stringContaining('nothing to share') });
    const tooLong = await answered(t, submitExitSurvey(PEOPLE.mentee, { whatChanged: 'x'.repeat(3001) }));
    expect(Object.keys(tooLong.errors)).toEqual(['exit_what_changed']);
    const noPair = await answered(t, submitExitSurvey(PEOPLE.mentee, {}, '{"pairId":"x"}'));
    expect(Object.keys(noPair.errors)).toEqual(['exit_objective']);
    expect(await exitAnswers()).toEqual([]);
  });

  it('only the two members may answer, and only once the pairing has ended', async () => {
    const running = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'exit_survey_open', String(pairId)));
    expect(textOf({ blocks: running.blocks })).toContain('still running');
    const early = await answered(t, submitExitSurvey(PEOPLE.mentee));
    expect(textOf({ blocks: early.view.blocks })).toContain('still running');

    await endPairing();
    const outsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'exit_survey_open', String(pairId)));
    expect(textOf({ blocks: outsider.blocks })).toContain('not part of that pairing');
    const forged = await answered(t, submitExitSurvey(PEOPLE.outsider));
    expect(textOf({ blocks: forged.view.blocks })).toContain('not part of that pairing');
    const admin = await answered(t, submitExitSurvey(PEOPLE.admin));
    expect(textOf({ blocks: admin.view.blocks })).toContain('not part of that pairing');
    expect(await exitAnswers()).toEqual([]);
  });
});

describe('did it stick', () => {
  it('asks the mentee alone, three months after the end, once', async () => {
    await endPairing();
    await t.sweepAt('2027-03-01T15:00:00Z');
    expect(await nudgesOf('did_it_stick')).toEqual([]);

    await t.sweepAt('2027-03-02T15:00:00Z');
    expect(await nudgesOf('did_it_stick')).toEqual([{ recipient_id: PEOPLE.mentee.id, period: '2026-12-02', subject: `pair:${pairId}`, status: 'bundled' }]);
    const [dm] = surveyDmsTo(PEOPLE.mentee, 'did_it_stick_');
    expect(textOf(dm!.args)).toContain('Are you still using what you learned?');
    expect(buttonsOf(dm!.args.blocks).filter((b: any) => b.action_id.startsWith('did_it_stick_')).map((b: any) => [b.action_id, b.value])).toEqual([
      ['did_it_stick_yes', String(pairId)],
      ['did_it_stick_partly', String(pairId)],
      ['did_it_stick_no', String(pairId)],
    ]);
    expect(surveyDmsTo(PEOPLE.mentor, 'did_it_stick_')).toEqual([]);

    await t.sweepAt('2027-03-03T15:00:00Z');
    expect(surveyDmsTo(PEOPLE.mentee, 'did_it_stick_')).toHaveLength(1);
  });

  it('records the mentee’s answer; a second press updates it; the mentor and outsiders are refused', async () => {
    await endPairing();
    await t.sweepAt('2027-03-02T15:00:00Z');
    const dm = surveyDmsTo(PEOPLE.mentee, 'did_it_stick_')[0]!;
    const row = buttonsOf(dm.args.blocks).find((b: any) => b.action_id === 'did_it_stick_partly')!;
    await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      channel_id: dm.args.channel,
      message: { ts: '1795000000.000300', text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'did_it_stick_partly', value: row.value, block_id: row.block_id }],
    });
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(JSON.stringify(update.blocks)).toContain('*Partly* noted');
    expect(buttonsOf(update.blocks).filter((b: any) => b.block_id === row.block_id)).toEqual([]);
    expect(await stickAnswers()).toEqual([{ mentee_id: PEOPLE.mentee.id, answer: 'partly' }]);

    await press(t, PEOPLE.mentee, 'did_it_stick_yes', String(pairId));
    await t.bot.idle();
    expect(await stickAnswers()).toEqual([{ mentee_id: PEOPLE.mentee.id, answer: 'yes' }]);

    const mentor = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'did_it_stick_no', String(pairId)));
    expect(textOf({ blocks: mentor.blocks })).toContain('for the mentee');
    const outsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'did_it_stick_no', String(pairId)));
    expect(textOf({ blocks: outsider.blocks })).toContain('not part of that pairing');
    const forged = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'did_it_stick_no', 'x'));
    expect(textOf({ blocks: forged.blocks })).toContain('not part of that pairing');
    expect(await stickAnswers()).toEqual([{ mentee_id: PEOPLE.mentee.id, answer: 'yes' }]);
  });

  it('is not asked where the program turned it off', async () => {
    await db().updateTable('programs').set({ did_it_stick_enabled: false }).execute();
    try {
      await endPairing();
      await t.sweepAt('2027-03-02T15:00:00Z');
      expect(await nudgesOf('did_it_stick')).toEqual([]);
    } finally {
      await db().updateTable('programs').set({ did_it_stick_enabled: true }).execute();
    }
  });
});
