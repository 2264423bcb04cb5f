import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { directMessagesTo, eventually, lastHomeOf, pairUp, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';
import { settingsViewValues, type SettingsValues } from '../helpers/settings-values.ts';

// Pairs start on Wed 2026-11-18; with cadence 14 + grace 3 they stall on Sat 2026-12-05.
// The mentee is in Berlin, the mentor in New York, the admin a workspace admin in London.
const START = '2026-11-18T14:00:00Z';
const CALLBACK = 'program_settings_modal';
const F = {
  cadence: 'settings_cadence_days',
  grace: 'settings_grace_days',
  followUp: 'settings_follow_up_days',
  review: 'settings_review_months',
  start: 'settings_work_start',
  end: 'settings_work_end',
  days: 'settings_work_days',
  channel: 'settings_celebration_channel',
  seeStalled: 'settings_mentees_see_stalled',
  skills: 'settings_skills',
  avoidManager: 'settings_avoid_same_manager',
  matchingMode: 'settings_matching_mode',
  departureDays: 'settings_departure_end_days',
  retentionMonths: 'settings_retention_months',
  pulse: 'settings_pulse_enabled',
  pulseDays: 'settings_pulse_days',
  exitSurvey: 'settings_exit_survey_enabled',
  didItStick: 'settings_did_it_stick_enabled',
  confidence: 'settings_confidence_enabled',
  adviceImpact: 'settings_advice_impact_enabled',
} as const;

const t = useTestBot({ now: START });
const db = () => t.bot.database.db;
const programRow = () => db().selectFrom('programs').selectAll().where('team_id', '=', TEAM).executeTakeFirstOrThrow();

type Person = { id: string; real_name: string };

/** The settings modal submitted as Slack sends it: the defaults unless a value is given. */
function submitSettings(person: Person, v: SettingsValues = {}) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: CALLBACK,
    private_metadata: '{}',
    values: settingsViewValues(v),
  });
}

/** A submission the modal accepted and replaced with its confirmation; fails on anything else. */
async function saveSettings(person: Person, v: SettingsValues) {
  const res = await submitSettings(person, v);
  expect(res.status).toBe(200);
  expect(res.json.response_action, JSON.stringify(res.json)).toBe('update');
  expect(slackLimitViolations('ack', res.json)).toEqual([]);
  return res;
}

const sweepAt = (iso: string) => t.sweepAt(iso);
const nudgeDms = (person: { id: string }) => directMessagesTo(t, person);
const deliverAfter = async (person: { id: string }) =>
  (await db().selectFrom('nudges').select('deliver_after').where('recipient_id', '=', person.id).where('rule', '=', 'stalled').executeTakeFirstOrThrow()).deliver_after.toISOString();

// Every test starts from the program as the schema's defaults create it.
beforeEach(async () => {
  await defaultProgram(db(), TEAM);
});

describe('/mentor settings: opening', () => {
  const element = (view: any, blockId: string) => view.blocks.find((b: any) => b.block_id === blockId).element;

  it('opens the modal for an admin, prefilled with the program’s current values', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.admin.id }));
    expect(view.callback_id).toBe(CALLBACK);
    expect(view.title.text).toBe('Program settings');
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      [F.cadence, 'number_input', false],
      [F.grace, 'number_input', false],
      [F.followUp, 'number_input', false],
      [F.review, 'number_input', false],
      [F.start, 'timepicker', false],
      [F.end, 'timepicker', false],
      [F.days, 'checkboxes', false],
      [F.seeStalled, 'checkboxes', true],
      [F.channel, 'conversations_select', true],
      [F.skills, 'plain_text_input', true],
      [F.avoidManager, 'checkboxes', true],
      [F.matchingMode, 'radio_buttons', false],
      [F.departureDays, 'number_input', false],
      [F.retentionMonths, 'number_input', false],
      [F.pulse, 'checkboxes', true],
      [F.pulseDays, 'plain_text_input', false],
      [F.exitSurvey, 'checkboxes', true],
      [F.didItStick, 'checkboxes', true],
      [F.confidence, 'checkboxes', true],
      [F.adviceImpact, 'checkboxes', true],
    ]);
    expect(element(view, F.pulse).initial_options.map((o: any) => o.value)).toEqual(['on']);
    expect(element(view, F.pulseDays).initial_value).toBe('30, 90');
    expect(element(view, F.exitSurvey).initial_options.map((o: any) => o.value)).toEqual(['on']);
    expect(element(view, F.didItStick).initial_options.map((o: any) => o.value)).toEqual(['on']);
    expect(element(view, F.confidence).initial_options.map((o: any) => o.value)).toEqual(['on']);
    expect(element(view, F.adviceImpact).initial_options.map((o: any) => o.value)).toEqual(['on']);
    expect(element(view, F.cadence)).toMatchObject({ initial_value: '14', min_value: '1', max_value: '365', is_decimal_allowed: false });
    expect(element(view, F.grace)).toMatchObject({ initial_value: '3', min_value: '0', max_value: '60' });
    expect(element(view, F.followUp)).toMatchObject({ initial_value: '7', min_value: '1', max_value: '90' });
    expect(element(view, F.review)).toMatchObject({ initial_value: '6', min_value: '1', max_value: '36' });
    expect(element(view, F.start).initial_time).toBe('09:00');
    expect(element(view, F.end).initial_time).toBe('17:00');
    expect(element(view, F.days).options.map((o: any) => o.text.text)).toEqual(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']);
    expect(element(view, F.days).initial_options.map((o: any) => o.value)).toEqual(['1', '2', '3', '4', '5']);
    expect(element(view, F.seeStalled).initial_options.map((o: any) => o.value)).toEqual(['yes']);
    expect(element(view, F.channel).filter).toEqual({ include: ['public'], exclude_external_shared_channels: true });
    expect(element(view, F.channel).initial_conversation).toBeUndefined();
    expect(element(view, F.skills).initial_value).toBeUndefined();
    expect(element(view, F.avoidManager).initial_options).toBeUndefined();
    expect(element(view, F.departureDays)).toMatchObject({ initial_value: '14', min_value: '1', max_value: '365' });
    expect(element(view, F.retentionMonths)).toMatchObject({ initial_value: '24', min_value: '1', max_value: '120' });
  });

  it('prefills what an admin saved last time', async () => {
    await saveSettings(PEOPLE.admin, { cadence: '21', grace: '0', followUp: '10', review: '9', start: '08:30', end: '23:59', days: ['6', '7'], channel: 'C0CELEBRATE', seeStalled: false, skills: 'Go\nPublic speaking', avoidManager: true });
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.admin.id }));
    expect([F.cadence, F.grace, F.followUp, F.review].map((f) => element(view, f).initial_value)).toEqual(['21', '0', '10', '9']);
    expect([element(view, F.start).initial_time, element(view, F.end).initial_time]).toEqual(['08:30', '23:59']);
    expect(element(view, F.days).initial_options.map((o: any) => o.value)).toEqual(['6', '7']);
    expect(element(view, F.channel).initial_conversation).toBe('C0CELEBRATE');
    expect(element(view, F.seeStalled).initial_options).toBeUndefined();
    expect(element(view, F.skills).initial_value).toBe('Go\nPublic speaking');
    expect(element(view, F.avoidManager).initial_options.map((o: any) => o.value)).toEqual(['yes']);
  });

  it('who picks the mentor: program admins by default, mentees once saved, kept when the block is missing, refused when forged', async () => {
    let view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.admin.id }));
    expect(element(view, F.matchingMode).options.map((o: any) => [o.value, o.text.text])).toEqual([
      ['admin', 'Program admins'],
      ['mentee', 'Mentees choose from three suggestions'],
    ]);
    expect(element(view, F.matchingMode).initial_option.value).toBe('admin');
    await saveSettings(PEOPLE.admin, { matchingMode: 'mentee' });
    expect((await programRow()).matching_mode).toBe('mentee');
    view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.admin.id }));
    expect(element(view, F.matchingMode).initial_option.value).toBe('mentee');
    await saveSettings(PEOPLE.admin, {});
    expect((await programRow()).matching_mode).toBe('mentee');
    const res = await submitSettings(PEOPLE.admin, { matchingMode: 'everyone' });
    expect(res.json.errors[F.matchingMode]).toBe('Choose who picks the mentor.');
    expect((await programRow()).matching_mode).toBe('mentee');
  });

  it('refuses a non-admin through response_url and opens no modal', async () => {
    const res = await t.slack.command({ text: 'settings', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl('settings') });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('response_url')[0]?.args.text).toContain('Only program admins can do that.'));
    expect(t.fake.callsTo('response_url')[0]!.args.response_type).toBe('ephemeral');
    await t.bot.idle();
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('/mentor settings: saving', () => {
  it('writes the programs row and confirms with a summary of the new settings', async () => {
    const res = await saveSettings(PEOPLE.admin, {
      cadence: '21', grace: '2', followUp: '10', review: '9', start: '08:30', end: '16:00', days: ['1', '2', '3', '4'],
      channel: 'C0CELEBRATE', seeStalled: false, skills: 'TypeScript\n- Public   speaking\ntypescript\n\nSQL', avoidManager: true,
    });
    expect(await programRow()).toMatchObject({
      cadence_days: 21, grace_days: 2, follow_up_days: 10, review_months: 9, work_start_minute: 510, work_end_minute: 960, work_days: [1, 2, 3, 4],
      celebration_channel: 'C0CELEBRATE', mentees_see_stalled: false, skills: ['TypeScript', 'Public speaking', 'SQL'], avoid_same_manager: true,
      max_advice_lines: 10, name: 'Mentoring',
    });
    expect(res.json.view.title.text).toBe('Settings saved');
    expect(textOf(res.json)).toContain(
      'Every 21 days · 2 extra days before a reminder · follow-up 10 days · review at 9 months · Mon–Thu 08:30–16:00 · celebrations in <#C0CELEBRATE> · mentees don’t see when their pairing is overdue · no same-manager pairs · 3 skills',
    );
  });

  it('saves when pairings end after a member leaves and how long private text is kept', async () => {
    const res = await saveSettings(PEOPLE.admin, { departureDays: '30', retentionMonths: '12' });
    expect(await programRow()).toMatchObject({ departure_end_days: 30, retention_months: 12 });
    expect(textOf(res.json)).toContain('pairings end 30 days after a member leaves · private text kept 12 months after a pairing ends');
  });

  it('turns each survey on or off and sets the pulse days; a form without the survey section keeps them', async () => {
    await saveSettings(PEOPLE.admin, { pulse: false, pulseDays: '90 14, 14', exitSurvey: false, didItStick: false, confidence: false, adviceImpact: false });
    expect(await programRow()).toMatchObject({ pulse_enabled: false, pulse_days: [14, 90], exit_survey_enabled: false, did_it_stick_enabled: false, confidence_enabled: false, advice_impact_enabled: false });
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.admin.id }));
    expect(view.blocks.find((b: any) => b.block_id === F.pulseDays).element.initial_value).toBe('14, 90');
    expect(view.blocks.find((b: any) => b.block_id === F.exitSurvey).element.initial_options).toBeUndefined();
    expect(view.blocks.find((b: any) => b.block_id === F.confidence).element.initial_options).toBeUndefined();
    expect(view.blocks.find((b: any) => b.block_id === F.adviceImpact).element.initial_options).toBeUndefined();

    await saveSettings(PEOPLE.admin, { surveys: false, cadence: '21' });
    expect(await programRow()).toMatchObject({ cadence_days: 21, pulse_enabled: false, pulse_days: [14, 90], exit_survey_enabled: false, did_it_stick_enabled: false });
    await saveSettings(PEOPLE.admin, { pulseDays: '45' });
    expect(await programRow()).toMatchObject({ pulse_enabled: true, pulse_days: [45], exit_survey_enabled: true, did_it_stick_enabled: true, confidence_enabled: true, advice_impact_enabled: true });
  });

  it('refuses pulse days that are not 1 to 4 days of 1–365, with the error on the field', async () => {
    for (const [pulseDays, error] of [
      ['0, 30', 'Write whole days between 1 and 365'],
      ['30, 400', 'Write whole days between 1 and 365'],
      ['thirty', 'Write whole days between 1 and 365'],
      ['7, 14, 30, 60, 90', 'Up to 4 days (you wrote 5).'],
      ['', 'Write at least one day, or turn the pulse check off.'],
    ] as const) {
      const res = await submitSettings(PEOPLE.admin, { pulseDays });
      expect(errorsOf(res), pulseDays).toEqual({ [F.pulseDays]: expect.stringContaining(error) });
    }
    // Empty days are fine while the pulse is off: the defaults stay for when it is turned on again.
    await saveSettings(PEOPLE.admin, { pulse: false, pulseDays: '' });
    expect(await programRow()).toMatchObject({ pulse_enabled: false, pulse_days: [30, 90] });
  });

  it('refuses a retention outside 1–120 months with the error on its field, and saves nothing', async () => {
    const res = await submitSettings(PEOPLE.admin, { retentionMonths: '0', departureDays: '400' });
    expect(errorsOf(res)).toEqual({ [F.retentionMonths]: 'Choose between 1 and 120 months.', [F.departureDays]: 'Choose between 1 and 365 days.' });
    expect(await programRow()).toMatchObject({ departure_end_days: 14, retention_months: 24 });
  });

  it('collapses duplicate skills, ignoring case, and clears the channel and skills when emptied', async () => {
    await saveSettings(PEOPLE.admin, { skills: 'Go\nGO\n go \nRust', channel: 'C0CELEBRATE' });
    expect((await programRow()).skills).toEqual(['Go', 'Rust']);
    await saveSettings(PEOPLE.admin, { skills: '', channel: null });
    expect(await programRow()).toMatchObject({ skills: [], celebration_channel: null });
  });

  it('gives new pairings the new default cadence and review months', async () => {
    await saveSettings(PEOPLE.admin, { cadence: '21', review: '3' });
    await pairUp(t);
    expect(await db().selectFrom('pairs').select(['cadence_days', 'review_on']).executeTakeFirstOrThrow()).toEqual({ cadence_days: 21, review_on: '2027-02-18' });
  });

  it('lets a granted admin save too', async () => {
    expect((await t.slack.command({ text: `admins add ${at(PEOPLE.mentor)}`, user_id: PEOPLE.admin.id })).json.text).toContain(`<@${PEOPLE.mentor.id}>`);
    await saveSettings(PEOPLE.mentor, { cadence: '30' });
    expect((await programRow()).cadence_days).toBe(30);
  });

  it('refuses a non-admin who submits the modal anyway, and changes nothing', async () => {
    const before = await programRow();
    const res = await submitSettings(PEOPLE.outsider, { cadence: '30', days: ['6', '7'], seeStalled: false });
    expect(res.json.response_action).toBe('update');
    expect(res.json.view.title.text).toBe("Couldn't save");
    expect(textOf(res.json)).toContain('Only program admins can do that.');
    expect(await programRow()).toEqual(before);
  });

  it('refuses an admin whose grant was revoked while the modal was open', async () => {
    await t.slack.command({ text: `admins add ${at(PEOPLE.mentor)}`, user_id: PEOPLE.admin.id });
    expect((await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: PEOPLE.mentor.id }))).callback_id).toBe(CALLBACK);
    await t.slack.command({ text: `admins remove ${at(PEOPLE.mentor)}`, user_id: PEOPLE.admin.id });
    const before = await programRow();
    const res = await submitSettings(PEOPLE.mentor, { cadence: '30' });
    expect(textOf(res.json)).toContain('Only program admins can do that.');
    expect(await programRow()).toEqual(before);
  });

  it.each([
    ['a cadence of 0 days', { cadence: '0' }, F.cadence, 'Choose between 1 and 365 days.'],
    ['a cadence of 366 days', { cadence: '366' }, F.cadence, 'Choose between 1 and 365 days.'],
    ['61 grace days', { grace: '61' }, F.grace, 'Choose between 0 and 60 days.'],
    ['negative grace days', { grace: '-1' }, F.grace, 'Choose between 0 and 60 days.'],
    ['0 follow-up days', { followUp: '0' }, F.followUp, 'Choose between 1 and 90 days.'],
    ['91 follow-up days', { followUp: '91' }, F.followUp, 'Choose between 1 and 90 days.'],
    ['a review at 37 months', { review: '37' }, F.review, 'Choose between 1 and 36 months.'],
    ['a review at 0 months', { review: '0' }, F.review, 'Choose between 1 and 36 months.'],
    ['a cadence that is not a number', { cadence: 'two weeks' }, F.cadence, 'Enter a whole number of days (1–365).'],
    ['a fractional grace', { grace: '1.5' }, F.grace, 'Enter a whole number of days (0–60).'],
    ['an empty review', { review: '' }, F.review, 'Enter a number of months (1–36).'],
    ['an end before the start', { start: '17:00', end: '09:00' }, F.end, 'Working hours must end after they start (17:00).'],
    ['an end equal to the start', { start: '09:00', end: '09:00' }, F.end, 'Working hours must end after they start (09:00).'],
    ['a window under an hour', { start: '09:00', end: '09:45' }, F.end, 'at least an hour'],
    ['no start time', { start: null }, F.start, 'Pick the time working hours start.'],
    ['no working days', { days: [] }, F.days, 'Choose at least one working day'],
    ['a day that is not a weekday', { days: ['1', '9'] }, F.days, 'Choose days from the list.'],
    ['a DM as the celebration channel', { channel: 'D0123' }, F.channel, 'Choose a public channel from the list.'],
    ['51 skills', { skills: Array.from({ length: 51 }, (_, i) => `Skill ${i}`).join('\n') }, F.skills, 'Up to 50 skills, one per line (you have 51 different ones).'],
    ['a 41-character skill', { skills: `Go\n${'x'.repeat(41)}` }, F.skills, 'Keep each skill to 40 characters'],
  ] as const)('answers %s with a field error and saves nothing', async (_name, values, field, message) => {
    const before = await programRow();
    const res = await submitSettings(PEOPLE.admin, values);
    expect(Object.keys(errorsOf(res))).toEqual([field]);
    expect(errorsOf(res)[field]).toContain(message);
    expect(await programRow()).toEqual(before);
  });

  it('accepts 51 skill lines that are 50 skills once duplicates collapse', async () => {
    const fifty = Array.from({ length: 50 }, (_, i) => `Skill ${i}`);
    await saveSettings(PEOPLE.admin, { skills: [...fifty, 'SKILL 7'].join('\n') });
    expect((await programRow()).skills).toEqual(fifty);
  });
});

describe('the next sweep reads the new settings', () => {
  it('a nudge arrives on a day that became a working day', async () => {
    await pairUp(t);
    await saveSettings(PEOPLE.admin, { days: ['1', '2', '3', '4', '5', '6', '7'] });
    t.fake.reset();
    // Saturday 10:00 in Berlin: under the default Mon–Fri this would wait until Monday.
    const report = await sweepAt('2026-12-05T09:00:00Z');
    expect(report.decided).toBe(2);
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    expect(textOf(nudgeDms(PEOPLE.mentee)[0]!.args)).toContain("you haven't met since Wed 18 Nov");
    // Saturday 04:00 in New York: the mentor's nudge waits for Saturday 09:00 there, not Monday.
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(0);
    expect(await deliverAfter(PEOPLE.mentor)).toBe('2026-12-05T14:00:00.000Z');
    await sweepAt('2026-12-05T14:00:00Z');
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(1);
  });

  it('the pulse check is asked on the days the admin chose', async () => {
    await pairUp(t);
    await saveSettings(PEOPLE.admin, { pulseDays: '14' });
    t.fake.reset();
    await sweepAt('2026-12-02T15:00:00Z'); // day 14 of the pairing
    const pulses = await db().selectFrom('nudges').select(['recipient_id', 'period']).where('rule', '=', 'pulse').orderBy('recipient_id').execute();
    expect(pulses).toEqual([
      { recipient_id: PEOPLE.mentee.id, period: 'day14' },
      { recipient_id: PEOPLE.mentor.id, period: 'day14' },
    ]);
    expect(textOf(nudgeDms(PEOPLE.mentee)[0]!.args)).toContain('How is your mentoring');
  });

  it('a nudge decided before the change waits for the new, later hours', async () => {
    await pairUp(t);
    await sweepAt('2026-12-05T12:00:00Z'); // Saturday: decided under the defaults, for Monday 09:00
    expect(await deliverAfter(PEOPLE.mentee)).toBe('2026-12-07T08:00:00.000Z');
    expect(await deliverAfter(PEOPLE.mentor)).toBe('2026-12-07T14:00:00.000Z');
    await saveSettings(PEOPLE.admin, { start: '13:00', end: '17:00' });
    t.fake.reset();

    await sweepAt('2026-12-07T08:30:00Z'); // 09:30 in Berlin: inside the old hours, outside the new
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(0);
    expect(await deliverAfter(PEOPLE.mentee)).toBe('2026-12-07T12:00:00.000Z'); // 13:00 in Berlin
    await sweepAt('2026-12-07T12:00:00Z');
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);

    await sweepAt('2026-12-07T14:15:00Z'); // 09:15 in New York
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(0);
    expect(await deliverAfter(PEOPLE.mentor)).toBe('2026-12-07T18:00:00.000Z'); // 13:00 in New York
    await sweepAt('2026-12-07T18:00:00Z');
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(1);
  });
});

describe('mentees_see_stalled', () => {
  const WARNING = ":warning: you haven't met yet · next session was due 8 days ago";
  const statusOf = async (person: Person) => textOf((await t.slack.command({ text: 'status', user_id: person.id })).json);
  const homeOf = async (person: Person) => {
    await t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: `D${person.id}`, tab: 'home', event_ts: '1.0' } });
    await t.bot.idle();
    return textOf(lastHomeOf(t, person)!.args.view);
  };

  it('off: the mentee’s own dashboard shows the due date without the warning; the mentor still sees it', async () => {
    await pairUp(t);
    t.clock.set('2026-12-10T12:00:00Z'); // 22 days since the pairing started: overdue and stalled
    expect(await statusOf(PEOPLE.mentee)).toContain(WARNING);

    await saveSettings(PEOPLE.admin, { seeStalled: false });
    for (const text of [await statusOf(PEOPLE.mentee), await homeOf(PEOPLE.mentee)]) {
      expect(text).not.toContain(':warning:');
      expect(text).toContain('next session due Wed 2 Dec');
    }
    expect(await statusOf(PEOPLE.mentor)).toContain(WARNING);
    expect(await homeOf(PEOPLE.mentor)).toContain(WARNING);

    await saveSettings(PEOPLE.admin, { seeStalled: true });
    expect(await homeOf(PEOPLE.mentee)).toContain(WARNING);
  });
});
