import { describe, expect, it } from 'vitest';
import type { Pair } from '../../src/db/schema.ts';
import { pairRhythm } from '../../src/domain/pair-health.ts';
import type { PairCard } from '../../src/services/dashboard-service.ts';
import type { ProgramSettings } from '../../src/services/settings-service.ts';
import { INPUT_ACTION } from '../../src/slack/ids.ts';
import { parseSettingsForm, skillList } from '../../src/slack/parse/settings-form.ts';
import type { ViewValues } from '../../src/slack/parse/view-values.ts';
import { pairCardBlocks } from '../../src/slack/surfaces/pair-card.ts';
import { SETTINGS_CALLBACK, SETTINGS_FIELD as F } from '../../src/slack/ids.ts';
import { settingsModal } from '../../src/slack/surfaces/settings-modal.ts';
import { clockTime, describeWorkDays, settingsSummary } from '../../src/slack/surfaces/settings-summary.ts';
import { programRow } from '../helpers/fixtures.ts';
import { errorsOf, valueOf } from '../helpers/forms.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { settingsViewValues, type SettingsValues } from '../helpers/settings-values.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures


const values = settingsViewValues;

const skills = (n: number, len = 10) => Array.from({ length: n }, (_, i) => `s${i}`.padEnd(len, 'x'));

// ---------------------------------------------------------------------------------------------

describe('parseSettingsForm', () => {
  it('parses the defaults as Slack sends them', () => {
    expect(valueOf(parseSettingsForm(values()))).toEqual({
      cadenceDays: 14,
      graceDays: 3,
      followUpDays: 7,
      reviewMonths: 6,
      workStartMinute: 540,
      workEndMinute: 1020,
      workDays: [1, 2, 3, 4, 5],
      celebrationChannel: null,
      menteesSeeStalled: true,
      skills: [],
      avoidSameManager: false,
      departureEndDays: 14,
      retentionMonths: 24,
      surveys: { pulseEnabled: true, pulseDays: [30, 90], exitSurveyEnabled: true, didItStickEnabled: true, confidenceEnabled: true, adviceImpactEnabled: true },
    } satisfies ProgramSettings);
  });

  it('leaves the surveys out when the form has no survey section (a modal opened before it existed)', () => {
    expect(valueOf(parseSettingsForm(values({ surveys: false })))).not.toHaveProperty('surveys');
  });

  it.each([
    ['90, 30', [30, 90]],
    ['14 14 60', [14, 60]],
    ['7;14', [7, 14]],
    ['365', [365]],
  ])('reads pulse days %s as %j', (pulseDays, expected) => {
    expect(valueOf(parseSettingsForm(values({ pulseDays }))).surveys?.pulseDays).toEqual(expected);
  });

  it('parses every other choice: channel, unchecked boxes, unsorted days, skills', () => {
    const parsed = valueOf(parseSettingsForm(values({ channel: 'C0CELEBRATE', seeStalled: false, avoidManager: true, days: ['7', '1', '6', '1'], skills: 'Go\nSQL' })));
    expect(parsed).toMatchObject({ celebrationChannel: 'C0CELEBRATE', menteesSeeStalled: false, avoidSameManager: true, workDays: [1, 6, 7], skills: ['Go', 'SQL'] });
  });

  // The SQL check ranges of migrations/2026-11-22T0001-initial.ts, each side of each edge.
  it.each([
    ['cadence', F.cadenceDays, '0', false],
    ['cadence', F.cadenceDays, '1', true],
    ['cadence', F.cadenceDays, '365', true],
    ['cadence', F.cadenceDays, '366', false],
    ['grace', F.graceDays, '-1', false],
    ['grace', F.graceDays, '0', true],
    ['grace', F.graceDays, '60', true],
    ['grace', F.graceDays, '61', false],
    ['followUp', F.followUpDays, '0', false],
    ['followUp', F.followUpDays, '1', true],
    ['followUp', F.followUpDays, '90', true],
    ['followUp', F.followUpDays, '91', false],
    ['review', F.reviewMonths, '0', false],
    ['review', F.reviewMonths, '1', true],
    ['review', F.reviewMonths, '36', true],
    ['review', F.reviewMonths, '37', false],
    ['departureDays', F.departureEndDays, '0', false],
    ['departureDays', F.departureEndDays, '1', true],
    ['departureDays', F.departureEndDays, '365', true],
    ['departureDays', F.departureEndDays, '366', false],
    ['retentionMonths', F.retentionMonths, '0', false],
    ['retentionMonths', F.retentionMonths, '1', true],
    ['retentionMonths', F.retentionMonths, '120', true],
    ['retentionMonths', F.retentionMonths, '121', false],
  ] as const)('%s %s = %s → accepted %s', (key, field, raw, ok) => {
    const result = parseSettingsForm(values({ [key]: raw }));
    if (ok) expect(result.ok).toBe(true);
    else expect(errorsOf(result)).toEqual({ [field]: expect.stringMatching(/^Choose between \d+ and \d+ (days|months)\.$/) });
  });

  it.each(['abc', '1.5', '1e2', '14 days', '0x10', '٣', '99999999999'])('refuses %j as a number of days', (raw) => {
    expect(errorsOf(parseSettingsForm(values({ cadence: raw })))[F.cadenceDays]).toMatch(/whole number of days|between 1 and 365/);
  });

  it('asks for a number when a field is empty, and reads padded or zero-led digits', () => {
    expect(errorsOf(parseSettingsForm(values({ grace: '   ' })))[F.graceDays]).toBe('Enter a number of days (0–60).');
    expect(valueOf(parseSettingsForm(values({ cadence: ' 021 ', grace: '-0' })))).toMatchObject({ cadenceDays: 21, graceDays: 0 });
    expect(Object.is(valueOf(parseSettingsForm(values({ grace: '-0' }))).graceDays, 0)).toBe(true);
  });

  it.each([
    ['09:00', '17:00', { workStartMinute: 540, workEndMinute: 1020 }],
    ['00:00', '01:00', { workStartMinute: 0, workEndMinute: 60 }],
    ['08:30', '09:30', { workStartMinute: 510, workEndMinute: 570 }],
    ['22:59', '23:59', { workStartMinute: 1379, workEndMinute: 1440 }], // 23:59 as the end: until midnight
    ['00:00', '23:59', { workStartMinute: 0, workEndMinute: 1440 }],
  ])('working hours %s–%s are stored as minutes', (start, end, minutes) => {
    expect(valueOf(parseSettingsForm(values({ start, end })))).toMatchObject(minutes);
  });

  it.each([
    ['17:00', '09:00', F.workEnd, 'must end after they start (17:00)'],
    ['09:00', '09:00', F.workEnd, 'must end after they start'],
    ['09:01', '09:00', F.workEnd, 'must end after they start'],
    ['09:00', '09:59', F.workEnd, 'at least an hour'],
    ['23:30', '23:59', F.workEnd, 'at least an hour'],
    [null, '17:00', F.workStart, 'Pick the time working hours start.'],
    ['09:00', null, F.workEnd, 'Pick the time working hours end.'],
    ['9am', '17:00', F.workStart, 'Pick the time'],
    ['09:00', '24:00', F.workEnd, 'Pick the time'],
  ])('working hours %s–%s are refused on %s', (start, end, field, message) => {
    const errors = errorsOf(parseSettingsForm(values({ start, end })));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toContain(message);
  });

  it.each([
    [[], 'at least one working day'],
    [['0'], 'from the list'],
    [['8'], 'from the list'],
    [['1', 'monday'], 'from the list'],
    [['1.5'], 'from the list'],
  ])('working days %j are refused', (days, message) => {
    expect(errorsOf(parseSettingsForm(values({ days })))[F.workDays]).toContain(message);
  });

  it('accepts a single working day, including Sunday', () => {
    expect(valueOf(parseSettingsForm(values({ days: ['7'] }))).workDays).toEqual([7]);
  });

  it.each([['D0123ABC'], ['U0123ABC'], ['G0123ABC'], ['C'], ['c0123abc'], ['<!channel>'], [`C${'A'.repeat(21)}`]])('refuses %j as the celebration channel', (channel) => {
    expect(errorsOf(parseSettingsForm(values({ channel })))[F.celebrationChannel]).toBe('Choose a public channel from the list.');
  });

  it.each([
    ['50 skills', skills(50).join('\n'), true],
    ['51 skills', skills(51).join('\n'), false],
    ['a 40-character skill', 'x'.repeat(40), true],
    ['a 41-character skill', 'x'.repeat(41), false],
    ['40 emoji (one character each)', '🚀'.repeat(40), true],
    ['41 emoji', '🚀'.repeat(41), false],
    ['51 lines that collapse to 50', [...skills(50), skills(1)[0]!.toUpperCase()].join('\n'), true],
  ])('%s → accepted %s', (_name, raw, ok) => {
    const result = parseSettingsForm(values({ skills: raw }));
    if (ok) expect(result.ok).toBe(true);
    else expect(errorsOf(result)[F.skills]).toMatch(/Up to 50 skills|Keep each skill to 40 characters/);
  });

  it('says how many different skills there are, and which one is too long', () => {
    expect(errorsOf(parseSettingsForm(values({ skills: skills(52).join('\n') })))[F.skills]).toBe('Up to 50 skills, one per line (you have 52 different ones).');
    expect(errorsOf(parseSettingsForm(values({ skills: `Go\n${'Distributed systems design and operations!'}` })))[F.skills]).toBe(
      'Keep each skill to 40 characters: "Distributed systems …" has 42.',
    );
  });

  it('reports every failing field at once', () => {
    const errors = errorsOf(parseSettingsForm(values({ cadence: '0', grace: 'x', followUp: '', review: '99', end: '08:00', days: [], skills: 'y'.repeat(41) })));
    expect(Object.keys(errors).sort()).toEqual([F.cadenceDays, F.followUpDays, F.graceDays, F.reviewMonths, F.skills, F.workDays, F.workEnd].sort());
  });
});

describe('skillList', () => {
  it('trims, strips bullets, collapses spaces and merges duplicates ignoring case (first spelling wins)', () => {
    expect(skillList('  TypeScript \n- typescript\n\n* Public   speaking\npublic speaking\n• SQL\nÉcoute\nécoute\nE\u0301coute')).toEqual([
      'TypeScript',
      'Public speaking',
      'SQL',
      'Écoute',
    ]);
  });
});

describe('settingsSummary', () => {
  it('puts the defaults on one line', () => {
    expect(settingsSummary(programRow({ celebration_channel: 'C123' }))).toBe(
      'Every 14 days · 3 extra days before a reminder · follow-up 7 days · review at 6 months · Mon–Fri 09:00–17:00 · celebrations in <#C123>',
    );
  });

  it('says singulars, the end of the day, no channel, and the non-default choices', () => {
    const line = settingsSummary(
      programRow({ cadence_days: 1, grace_days: 0, follow_up_days: 1, review_months: 1, work_start_minute: 0, work_end_minute: 1440, work_days: [6, 7], mentees_see_stalled: false, avoid_same_manager: true, skills: ['Go', 'SQL'] }),
    );
    expect(line).toBe('Every day · 0 extra days before a reminder · follow-up 1 day · review at 1 month · Sat, Sun 00:00–24:00 · no celebration channel · mentees don’t see when their pairing is overdue · no same-manager pairs · 2 skills');
    expect(line).not.toContain('\n');
  });

  it('names the surveys turned off and pulse days other than 30 and 90', () => {
    expect(settingsSummary(programRow({ pulse_days: [60] }))).toContain(' · pulse checks on day 60');
    const off = settingsSummary(programRow({ pulse_enabled: false, confidence_enabled: false, exit_survey_enabled: false, did_it_stick_enabled: false, advice_impact_enabled: false }));
    expect(off.endsWith(' · no pulse checks · no confidence question · no exit survey · no “still using it?” question · no monthly advice note to mentors')).toBe(true);
    expect(settingsSummary(programRow({}))).not.toMatch(/pulse|survey|confidence/);
  });

  it.each([
    [[1, 2, 3, 4, 5], 'Mon–Fri'],
    [[1, 2, 3, 4, 5, 6, 7], 'Mon–Sun'],
    [[1, 2, 3, 5], 'Mon–Wed, Fri'],
    [[1, 3, 5], 'Mon, Wed, Fri'],
    [[5, 1, 2], 'Mon, Tue, Fri'],
    [[7], 'Sun'],
    [[], 'no working days'],
  ])('describes working days %j as %s', (days, text) => {
    expect(describeWorkDays(days)).toBe(text);
  });

  it.each([
    [0, '00:00'],
    [545, '09:05'],
    [1439, '23:59'],
    [1440, '24:00'],
  ])('clockTime(%i) = %s', (minute, text) => {
    expect(clockTime(minute)).toBe(text);
  });
});

describe('settingsModal', () => {
  const input = (view: ReturnType<typeof settingsModal>, field: string) => view.blocks.find((b) => 'block_id' in b && b.block_id === field) as any;

  it('fits Slack’s limits with the largest values it can hold', () => {
    const view = settingsModal(programRow({ name: 'N'.repeat(80), skills: skills(50, 40), celebration_channel: 'C0CELEBRATE', work_end_minute: 1440, work_days: [] }));
    expect(view.callback_id).toBe(SETTINGS_CALLBACK);
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    expect(input(view, F.skills).element.initial_value.length).toBeLessThanOrEqual(input(view, F.skills).element.max_length);
  });

  it('shows a stored end of the day as 23:59, and leaves unset choices without initial values', () => {
    const view = settingsModal(programRow({ work_end_minute: 1440, mentees_see_stalled: false }));
    expect(input(view, F.workEnd).element.initial_time).toBe('23:59');
    expect(input(view, F.menteesSeeStalled).element.initial_options).toBeUndefined();
    expect(input(view, F.celebrationChannel).element.initial_conversation).toBeUndefined();
    expect(input(view, F.skills).element.initial_value).toBeUndefined();
  });

  it('round-trips: what the modal shows parses back to the same settings', () => {
    const p = programRow({ cadence_days: 21, grace_days: 0, work_start_minute: 480, work_end_minute: 1440, work_days: [2, 4, 6], celebration_channel: 'C0CELEBRATE', mentees_see_stalled: false, avoid_same_manager: true, skills: ['Go', 'Public speaking'], departure_end_days: 30, retention_months: 6, pulse_days: [14, 60], exit_survey_enabled: false, matching_mode: 'mentee' });
    const view = settingsModal(p);
    const state = (field: string) => {
      const el = input(view, field).element;
      switch (el.type) {
        case 'number_input':
        case 'plain_text_input':
          return { value: el.initial_value ?? '' };
        case 'timepicker':
          return { selected_time: el.initial_time };
        case 'checkboxes':
          return { selected_options: el.initial_options ?? [] };
        case 'conversations_select':
          return { selected_conversation: el.initial_conversation ?? null };
        case 'radio_buttons':
          return { selected_option: el.initial_option ?? null };
      }
    };
    const submitted = Object.fromEntries(Object.values(F).map((field) => [field, { [INPUT_ACTION]: state(field) }])) as ViewValues;
    expect(valueOf(parseSettingsForm(submitted))).toEqual({
      cadenceDays: 21,
      graceDays: 0,
      followUpDays: 7,
      reviewMonths: 6,
      workStartMinute: 480,
      workEndMinute: 1440,
      workDays: [2, 4, 6],
      celebrationChannel: 'C0CELEBRATE',
      menteesSeeStalled: false,
      skills: ['Go', 'Public speaking'],
      avoidSameManager: true,
      departureEndDays: 30,
      retentionMonths: 6,
      surveys: { pulseEnabled: true, pulseDays: [14, 60], exitSurveyEnabled: false, didItStickEnabled: true, confidenceEnabled: true, adviceImpactEnabled: true },
      matchingMode: 'mentee',
    });
  });
});

describe('pair card rhythm with mentees_see_stalled', () => {
  const TODAY = '2026-12-10';
  const pair = { id: 11, mentor_id: 'UMENTOR01', mentee_id: 'UMENTEE01', kind: 'standard', cadence_days: 14, status: 'active', paused_until: null, review_on: '2027-05-18' } as Pair;
  const card = (role: 'mentor' | 'mentee'): PairCard => ({
    pair,
    program: { id: 1, name: 'Mentoring', ends_on: null, grace_days: 3, mentees_see_stalled: true },
    role,
    partnerId: role === 'mentor' ? pair.mentee_id : pair.mentor_id,
    lastSessionOn: null,
    sessionCount: 0,
    rhythm: pairRhythm({ startedOn: '2026-11-18', lastSessionOn: null, cadenceDays: 14, graceDays: 3 }, TODAY),
    goals: [],
    openLoops: [],
    openLoopCount: 0,
    commitments: [],
    commitmentCount: 0,
    adviceOutcomes: [],
  });
  const rhythm = (role: 'mentor' | 'mentee', menteesSeeStalled?: boolean) =>
    JSON.stringify(pairCardBlocks(card(role), TODAY, { withButtons: false, ...(menteesSeeStalled === undefined ? {} : { menteesSeeStalled }) }));

  it.each([
    ['mentee', false, false],
    ['mentee', true, true],
    ['mentee', undefined, true],
    ['mentor', false, true],
    ['mentor', true, true],
  ] as const)('%s, mentees_see_stalled %s → warning shown %s', (role, setting, warned) => {
    const text = rhythm(role, setting);
    if (warned) expect(text).toMatch(/:warning: you haven't met (yet|since [A-Z][a-z]{2} \d{1,2} [A-Z][a-z]{2}) · next session was due 8 days ago/);
    else {
      expect(text).not.toContain(':warning:');
      expect(text).toContain('next session due Wed 2 Dec');
    }
  });
});
