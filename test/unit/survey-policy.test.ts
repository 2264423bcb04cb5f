import { describe, expect, it } from 'vitest';
import {
  adviceImpactDue,
  DEFAULT_SURVEY_SETTINGS,
  didItStickDue,
  exitSurveyDue,
  normalizePulseDays,
  previousMonth,
  pulseDue,
  surveyKey,
  type SurveyPair,
} from '../../src/domain/survey-policy.ts';
import { addDaysTo } from '../../src/domain/calendar.ts';

const on = DEFAULT_SURVEY_SETTINGS;
// Started Mon 2026-01-05: day 30 is 2026-02-04, day 90 is 2026-04-05.
const active: SurveyPair = { pairId: 7, mentorId: 'UMENTOR', menteeId: 'UMENTEE', status: 'active', startedOn: '2026-01-05', endedOn: null };
const keys = (due: Array<{ rule: string; subject: string; period: string; recipientId: string; dueOn: string }>) => due.map((d) => `${surveyKey(d)}@${d.dueOn}`);

describe('pulseDue: day 30 and day 90 of a pairing, to each member', () => {
  it.each([
    ['the start day (day 0)', '2026-01-05', []],
    ['day 29', '2026-02-03', []],
    ['day 30', '2026-02-04', ['pulse|pair:7|day30|UMENTOR@2026-02-04', 'pulse|pair:7|day30|UMENTEE@2026-02-04']],
    ['day 31 (a sweep missed day 30)', '2026-02-05', ['pulse|pair:7|day30|UMENTOR@2026-02-04', 'pulse|pair:7|day30|UMENTEE@2026-02-04']],
    ['day 43, the last late day', '2026-02-17', ['pulse|pair:7|day30|UMENTOR@2026-02-04', 'pulse|pair:7|day30|UMENTEE@2026-02-04']],
    ['day 44, too late', '2026-02-18', []],
    ['day 89', '2026-04-04', []],
    ['day 90', '2026-04-05', ['pulse|pair:7|day90|UMENTOR@2026-04-05', 'pulse|pair:7|day90|UMENTEE@2026-04-05']],
    ['day 103', '2026-04-18', ['pulse|pair:7|day90|UMENTOR@2026-04-05', 'pulse|pair:7|day90|UMENTEE@2026-04-05']],
    ['day 104', '2026-04-19', []],
    ['a year in', '2027-01-05', []],
  ])('%s (%s)', (_label, today, expected) => {
    expect(keys(pulseDue(active, on, today))).toEqual(expected);
  });

  it('counts days across a month end and February: started 31 Jan, day 30 is 2 Mar', () => {
    const pair = { ...active, startedOn: '2026-01-31' };
    expect(keys(pulseDue(pair, on, '2026-03-01'))).toEqual([]);
    expect(keys(pulseDue(pair, on, '2026-03-02'))).toEqual(['pulse|pair:7|day30|UMENTOR@2026-03-02', 'pulse|pair:7|day30|UMENTEE@2026-03-02']);
  });

  it('counts a leap day: started 2028-02-01, day 30 is 2028-03-02', () => {
    const pair = { ...active, startedOn: '2028-02-01' };
    expect(pulseDue(pair, on, '2028-03-01')).toEqual([]);
    expect(pulseDue(pair, on, '2028-03-02').map((d) => d.dueOn)).toEqual(['2028-03-02', '2028-03-02']);
  });

  it.each([
    ['paused on day 30', 'paused' as const, '2026-02-04', []],
    ['ended on day 30', 'ended' as const, '2026-02-04', []],
    ['resumed on day 40, inside the late window', 'active' as const, '2026-02-14', ['pulse|pair:7|day30|UMENTOR@2026-02-04', 'pulse|pair:7|day30|UMENTEE@2026-02-04']],
  ])('%s', (_label, status, today, expected) => {
    expect(keys(pulseDue({ ...active, status }, on, today))).toEqual(expected);
  });

  it('is off when the program turned the pulse off', () => {
    expect(pulseDue(active, { ...on, pulseEnabled: false }, '2026-02-04')).toEqual([]);
  });

  it.each([
    ['day 14 of days 14, 60', [60, 14], 14, 'day14'],
    ['day 59 of days 14, 60: too late for 14', [14, 60], 59, undefined],
    ['day 60 of days 14, 60', [14, 60], 60, 'day60'],
    ['day 35 of days 30, 35: the later day takes over', [30, 35], 35, 'day35'],
    ['day 34 of days 30, 35', [30, 35], 34, 'day30'],
    ['day 30 with no pulse days', [], 30, undefined],
  ])('program pulse days: %s', (_label, pulseDays, age, period) => {
    const due = pulseDue(active, { ...on, pulseDays }, addDaysTo(active.startedOn, age));
    expect(due[0]?.period).toBe(period);
  });

  it('gives each (rule, subject, period, recipient) once over a whole pairing, each first due on its day', () => {
    const first = new Map<string, string>();
    for (let age = 0; age < 400; age++) {
      for (const d of pulseDue(active, on, addDaysTo(active.startedOn, age))) if (!first.has(surveyKey(d))) first.set(surveyKey(d), d.dueOn);
    }
    expect([...first]).toEqual([
      ['pulse|pair:7|day30|UMENTOR', '2026-02-04'],
      ['pulse|pair:7|day30|UMENTEE', '2026-02-04'],
      ['pulse|pair:7|day90|UMENTOR', '2026-04-05'],
      ['pulse|pair:7|day90|UMENTEE', '2026-04-05'],
    ]);
  });

  it('cleans stored pulse days', () => {
    expect(normalizePulseDays([90, 30, 30, 0, -5, 2.5])).toEqual([30, 90]);
  });
});

describe('exitSurveyDue: when a pairing ends, to each member', () => {
  const ended: SurveyPair = { ...active, status: 'ended', endedOn: '2026-06-30' };
  it.each([
    ['the day before it ended (clock skew)', '2026-06-29', []],
    ['the end day', '2026-06-30', ['exit_survey|pair:7|2026-06-30|UMENTOR@2026-06-30', 'exit_survey|pair:7|2026-06-30|UMENTEE@2026-06-30']],
    ['the next day, across a month end', '2026-07-01', ['exit_survey|pair:7|2026-06-30|UMENTOR@2026-06-30', 'exit_survey|pair:7|2026-06-30|UMENTEE@2026-06-30']],
    ['13 days later', '2026-07-13', ['exit_survey|pair:7|2026-06-30|UMENTOR@2026-06-30', 'exit_survey|pair:7|2026-06-30|UMENTEE@2026-06-30']],
    ['14 days later', '2026-07-14', []],
  ])('%s (%s)', (_label, today, expected) => {
    expect(keys(exitSurveyDue(ended, on, today))).toEqual(expected);
  });

  it('asks nothing of a running or paused pairing, or when turned off', () => {
    expect(exitSurveyDue(active, on, '2026-06-30')).toEqual([]);
    expect(exitSurveyDue({ ...active, status: 'paused' }, on, '2026-06-30')).toEqual([]);
    expect(exitSurveyDue(ended, { ...on, exitSurveyEnabled: false }, '2026-06-30')).toEqual([]);
  });

  it('asks nothing of a member who deleted their data; their partner is still asked', () => {
    expect(keys(exitSurveyDue({ ...ended, erasedIds: ['UMENTEE'] }, on, '2026-06-30'))).toEqual(['exit_survey|pair:7|2026-06-30|UMENTOR@2026-06-30']);
    expect(didItStickDue({ ...ended, erasedIds: ['UMENTEE'] }, on, '2026-09-30')).toEqual([]);
    expect(keys(didItStickDue({ ...ended, erasedIds: ['UMENTOR'] }, on, '2026-09-30'))).toEqual(['did_it_stick|pair:7|2026-06-30|UMENTEE@2026-09-30']);
  });

  it('a pairing ended, resumed, then ended again is asked about the new end (a new key)', () => {
    const resumed: SurveyPair = { ...ended, status: 'active', endedOn: null };
    expect(exitSurveyDue(resumed, on, '2026-07-01')).toEqual([]);
    const endedAgain: SurveyPair = { ...ended, endedOn: '2026-09-15' };
    expect(keys(exitSurveyDue(endedAgain, on, '2026-09-15'))).toEqual([
      'exit_survey|pair:7|2026-09-15|UMENTOR@2026-09-15',
      'exit_survey|pair:7|2026-09-15|UMENTEE@2026-09-15',
    ]);
  });
});

describe('didItStickDue: three months after the end, to the mentee only', () => {
  it.each([
    ['ended 15 Mar: 14 Jun', '2026-03-15', '2026-06-14', []],
    ['ended 15 Mar: 15 Jun', '2026-03-15', '2026-06-15', ['did_it_stick|pair:7|2026-03-15|UMENTEE@2026-06-15']],
    ['ended 15 Mar: 28 Jun', '2026-03-15', '2026-06-28', ['did_it_stick|pair:7|2026-03-15|UMENTEE@2026-06-15']],
    ['ended 15 Mar: 29 Jun, too late', '2026-03-15', '2026-06-29', []],
    ['ended 30 Nov: 27 Feb', '2026-11-30', '2027-02-27', []],
    ['ended 30 Nov: due 28 Feb (no 30 Feb)', '2026-11-30', '2027-02-28', ['did_it_stick|pair:7|2026-11-30|UMENTEE@2027-02-28']],
    ['ended 30 Nov 2027: due 29 Feb in a leap year', '2027-11-30', '2028-02-29', ['did_it_stick|pair:7|2027-11-30|UMENTEE@2028-02-29']],
    ['ended 31 Mar: due 30 Jun', '2026-03-31', '2026-06-30', ['did_it_stick|pair:7|2026-03-31|UMENTEE@2026-06-30']],
    ['ended 31 Mar: 29 Jun', '2026-03-31', '2026-06-29', []],
  ])('%s', (_label, endedOn, today, expected) => {
    expect(keys(didItStickDue({ ...active, status: 'ended', endedOn }, on, today))).toEqual(expected);
  });

  it('asks nothing of a pairing resumed since, or when turned off', () => {
    expect(didItStickDue({ ...active, status: 'active', endedOn: null }, on, '2026-06-15')).toEqual([]);
    expect(didItStickDue({ ...active, status: 'ended', endedOn: '2026-03-15' }, { ...on, didItStickEnabled: false }, '2026-06-15')).toEqual([]);
  });
});

describe('adviceImpactDue: monthly, to each mentor, about last month', () => {
  const mentor = { programId: 3, mentorId: 'UMENTOR', adviceGiven: 2, adviceClosed: 1 };
  it.each([
    ['the 1st', '2026-03-01', '2026-02', '2026-03-01'],
    ['the last day of a short month', '2026-02-28', '2026-01', '2026-02-01'],
    ['the last day of a long month', '2026-03-31', '2026-02', '2026-03-01'],
    ['January reports on December', '2027-01-01', '2026-12', '2027-01-01'],
    ['31 January', '2027-01-31', '2026-12', '2027-01-01'],
  ])('%s (%s)', (_label, today, period, dueOn) => {
    expect(adviceImpactDue(mentor, on, today)).toEqual({ rule: 'advice_impact', subject: 'program:3', period, recipientId: 'UMENTOR', pairId: null, dueOn });
  });

  it('says nothing when there is nothing to report, or when turned off', () => {
    expect(adviceImpactDue({ ...mentor, adviceGiven: 0, adviceClosed: 0 }, on, '2026-03-01')).toBeUndefined();
    expect(adviceImpactDue({ ...mentor, adviceGiven: 0, adviceClosed: 1 }, on, '2026-03-01')?.period).toBe('2026-02');
    expect(adviceImpactDue(mentor, { ...on, adviceImpactEnabled: false }, '2026-03-01')).toBeUndefined();
  });

  it('one key per mentor, program and month', () => {
    const a = adviceImpactDue(mentor, on, '2026-03-01')!;
    const b = adviceImpactDue(mentor, on, '2026-03-31')!;
    const c = adviceImpactDue(mentor, on, '2026-04-01')!;
    expect(surveyKey(a)).toBe(surveyKey(b));
    expect(surveyKey(c)).toBe('advice_impact|program:3|2026-03|UMENTOR');
    expect(previousMonth('2026-03-31')).toBe('2026-02');
  });
});
