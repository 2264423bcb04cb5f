import { describe, expect, it } from 'vitest';
import { closeLoopDue, digestDue, goalDateDue, MAX_STALL_NUDGES, programEndDue, reviewDue, stallDue } from '../../src/domain/nudge-policy.ts';
import { INVALID_TIME_ZONES } from '../helpers/fixtures.ts';

describe('stallDue: cadence 14 + grace 3, then "stalled again" every 7 days, 4 nudges in all', () => {
  // Anchor Mon 2026-01-05; cadence + grace = 17 days → first due Thu 2026-01-22.
  const input = { anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 3 };

  it.each([
    ['the anchor day itself', '2026-01-05', undefined],
    ['the last cadence day (day 14)', '2026-01-19', undefined],
    ['one day before cadence + grace (day 16)', '2026-01-21', undefined],
    ['exactly cadence + grace (day 17)', '2026-01-22', { period: '2026-01-05#1', dueOn: '2026-01-22', repetition: 1 }],
    ['+1 day', '2026-01-23', { period: '2026-01-05#1', dueOn: '2026-01-22', repetition: 1 }],
    ['+6 days', '2026-01-28', { period: '2026-01-05#1', dueOn: '2026-01-22', repetition: 1 }],
    ['+7 days', '2026-01-29', { period: '2026-01-05#2', dueOn: '2026-01-29', repetition: 2 }],
    ['+13 days', '2026-02-04', { period: '2026-01-05#2', dueOn: '2026-01-29', repetition: 2 }],
    ['+14 days', '2026-02-05', { period: '2026-01-05#3', dueOn: '2026-02-05', repetition: 3 }],
    ['+20 days', '2026-02-11', { period: '2026-01-05#3', dueOn: '2026-02-05', repetition: 3 }],
    ['+21 days', '2026-02-12', { period: '2026-01-05#4', dueOn: '2026-02-12', repetition: 4 }],
    ['+28 days (would be a 5th)', '2026-02-19', { period: '2026-01-05#4', dueOn: '2026-02-12', repetition: 4 }],
    ['+100 days', '2026-05-02', { period: '2026-01-05#4', dueOn: '2026-02-12', repetition: 4 }],
    ['+1000 days', '2028-10-18', { period: '2026-01-05#4', dueOn: '2026-02-12', repetition: 4 }],
  ])('%s (%s)', (_label, today, expected) => {
    expect(stallDue(input, today)).toEqual(expected);
  });

  it('never more than 4 distinct nudges over a long stall, each first due 7 days apart', () => {
    const periods = new Map<string, string>();
    for (let d = new Date('2026-01-05T00:00:00Z'); d < new Date('2027-06-01T00:00:00Z'); d = new Date(d.getTime() + 86_400_000)) {
      const due = stallDue(input, d.toISOString().slice(0, 10));
      if (due && !periods.has(due.period)) periods.set(due.period, due.dueOn);
    }
    expect(periods.size).toBe(MAX_STALL_NUDGES);
    expect([...periods]).toEqual([
      ['2026-01-05#1', '2026-01-22'],
      ['2026-01-05#2', '2026-01-29'],
      ['2026-01-05#3', '2026-02-05'],
      ['2026-01-05#4', '2026-02-12'],
    ]);
  });

  it.each([
    ['a later anchor (a session was logged): new series', { anchorOn: '2026-01-12', cadenceDays: 14, graceDays: 3 }, '2026-01-29', { period: '2026-01-12#1', dueOn: '2026-01-29', repetition: 1 }],
    ['a later anchor, one day short', { anchorOn: '2026-01-12', cadenceDays: 14, graceDays: 3 }, '2026-01-28', undefined],
    ['across a year boundary', { anchorOn: '2026-12-20', cadenceDays: 14, graceDays: 3 }, '2027-01-06', { period: '2026-12-20#1', dueOn: '2027-01-06', repetition: 1 }],
    ['across a leap day (2028-02-29 exists)', { anchorOn: '2028-02-15', cadenceDays: 14, graceDays: 3 }, '2028-03-03', { period: '2028-02-15#1', dueOn: '2028-03-03', repetition: 1 }],
    ['across a leap day, one day short', { anchorOn: '2028-02-15', cadenceDays: 14, graceDays: 3 }, '2028-03-02', undefined],
    ['a weekly cadence 7 + 3', { anchorOn: '2026-01-05', cadenceDays: 7, graceDays: 3 }, '2026-01-15', { period: '2026-01-05#1', dueOn: '2026-01-15', repetition: 1 }],
    ['a weekly cadence 7 + 3, #2', { anchorOn: '2026-01-05', cadenceDays: 7, graceDays: 3 }, '2026-01-22', { period: '2026-01-05#2', dueOn: '2026-01-22', repetition: 2 }],
    ['no grace', { anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 0 }, '2026-01-19', { period: '2026-01-05#1', dueOn: '2026-01-19', repetition: 1 }],
    ['no grace, one day short', { anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 0 }, '2026-01-18', undefined],
  ])('%s', (_label, input2, today, expected) => {
    expect(stallDue(input2, today)).toEqual(expected);
  });

  it('a different anchor gives a different period on the same day', () => {
    const a = stallDue({ anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 3 }, '2026-02-20');
    const b = stallDue({ anchorOn: '2026-01-06', cadenceDays: 14, graceDays: 3 }, '2026-02-20');
    expect(a).toEqual({ period: '2026-01-05#4', dueOn: '2026-02-12', repetition: 4 });
    expect(b).toEqual({ period: '2026-01-06#4', dueOn: '2026-02-13', repetition: 4 });
    expect(a?.period).not.toBe(b?.period);
  });
});

describe('closeLoopDue: asked on the follow-up day, reminded once 7 days later', () => {
  // Follow-up Tue 2026-03-10.
  it.each([
    ['no snooze: the day before follow-up', null, '2026-03-09', undefined],
    ['no snooze: a month before follow-up', null, '2026-02-10', undefined],
    ['no snooze: on the follow-up day', null, '2026-03-10', { period: '2026-03-10#1', dueOn: '2026-03-10', reminder: false }],
    ['no snooze: +6 days', null, '2026-03-16', { period: '2026-03-10#1', dueOn: '2026-03-10', reminder: false }],
    ['no snooze: +7 days (the reminder)', null, '2026-03-17', { period: '2026-03-10#2', dueOn: '2026-03-17', reminder: true }],
    ['no snooze: +8 days', null, '2026-03-18', { period: '2026-03-10#2', dueOn: '2026-03-17', reminder: true }],
    ['no snooze: +100 days (still only the one reminder)', null, '2026-06-18', { period: '2026-03-10#2', dueOn: '2026-03-17', reminder: true }],
    // Snoozed until Sat 2026-03-14 (later than the follow-up): both dates shift.
    ['snoozed later: on the follow-up day', '2026-03-14', '2026-03-10', undefined],
    ['snoozed later: the day before the snooze ends', '2026-03-14', '2026-03-13', undefined],
    ['snoozed later: the day the snooze ends', '2026-03-14', '2026-03-14', { period: '2026-03-14#1', dueOn: '2026-03-14', reminder: false }],
    ['snoozed later: +6 days after it', '2026-03-14', '2026-03-20', { period: '2026-03-14#1', dueOn: '2026-03-14', reminder: false }],
    ['snoozed later: the follow-up-based reminder day (+7 from follow-up) is not a reminder', '2026-03-14', '2026-03-17', { period: '2026-03-14#1', dueOn: '2026-03-14', reminder: false }],
    ['snoozed later: +7 days after it (the reminder)', '2026-03-14', '2026-03-21', { period: '2026-03-14#2', dueOn: '2026-03-21', reminder: true }],
    // Snoozed until a day earlier than the follow-up: ignored.
    ['snoozed earlier: the day before follow-up', '2026-03-01', '2026-03-09', undefined],
    ['snoozed earlier: on the snooze day', '2026-03-01', '2026-03-01', undefined],
    ['snoozed earlier: on the follow-up day', '2026-03-01', '2026-03-10', { period: '2026-03-10#1', dueOn: '2026-03-10', reminder: false }],
    ['snoozed earlier: +7 days', '2026-03-01', '2026-03-17', { period: '2026-03-10#2', dueOn: '2026-03-17', reminder: true }],
    // Snoozed until the follow-up day itself: same as no snooze.
    ['snoozed to the same day: on it', '2026-03-10', '2026-03-10', { period: '2026-03-10#1', dueOn: '2026-03-10', reminder: false }],
    ['snoozed to the same day: +7 days', '2026-03-10', '2026-03-17', { period: '2026-03-10#2', dueOn: '2026-03-17', reminder: true }],
  ])('%s (snoozed_until %s, today %s)', (_label, snoozedUntil, today, expected) => {
    expect(closeLoopDue({ followUpOn: '2026-03-10', snoozedUntil }, today)).toEqual(expected);
  });

  it.each([
    ['the reminder across a month end', { followUpOn: '2026-01-28', snoozedUntil: null }, '2026-02-04', { period: '2026-01-28#2', dueOn: '2026-02-04', reminder: true }],
    ['the reminder across a year end', { followUpOn: '2026-12-28', snoozedUntil: null }, '2027-01-04', { period: '2026-12-28#2', dueOn: '2027-01-04', reminder: true }],
    ['a snooze across a year end', { followUpOn: '2026-12-28', snoozedUntil: '2027-01-02' }, '2027-01-01', undefined],
  ])('%s', (_label, input, today, expected) => {
    expect(closeLoopDue(input, today)).toEqual(expected);
  });
});

describe('goalDateDue: due once the target date has passed', () => {
  it.each([
    ['target tomorrow', '2026-05-11', '2026-05-10', undefined],
    ['target today', '2026-05-10', '2026-05-10', undefined],
    ['target yesterday', '2026-05-09', '2026-05-10', { period: '2026-05-09', dueOn: '2026-05-10' }],
    ['target a month ago (same period, same first due day)', '2026-04-10', '2026-05-10', { period: '2026-04-10', dueOn: '2026-04-11' }],
    ['target the last day of the year, today New Year', '2026-12-31', '2027-01-01', { period: '2026-12-31', dueOn: '2027-01-01' }],
    ['target 2028-02-28, today the leap day', '2028-02-28', '2028-02-29', { period: '2028-02-28', dueOn: '2028-02-29' }],
  ])('%s (target %s, today %s)', (_label, targetDate, today, expected) => {
    expect(goalDateDue({ targetDate }, today)).toEqual(expected);
  });

  it('a new target date starts a new period', () => {
    expect(goalDateDue({ targetDate: '2026-05-09' }, '2026-06-01')?.period).toBe('2026-05-09');
    expect(goalDateDue({ targetDate: '2026-05-20' }, '2026-06-01')?.period).toBe('2026-05-20');
  });
});

describe('reviewDue: due from the review day on', () => {
  it.each([
    ['a month before', '2026-06-01', undefined],
    ['the day before', '2026-06-30', undefined],
    ['on the day', '2026-07-01', { period: '2026-07-01', dueOn: '2026-07-01' }],
    ['a day later', '2026-07-02', { period: '2026-07-01', dueOn: '2026-07-01' }],
    ['two weeks later', '2026-07-15', { period: '2026-07-01', dueOn: '2026-07-01' }],
  ])('review on 2026-07-01, today %s (%s)', (_label, today, expected) => {
    expect(reviewDue({ reviewOn: '2026-07-01' }, today)).toEqual(expected);
  });
});

describe('programEndDue: due from the end date on; never without one', () => {
  it.each([
    ['the day before', '2027-05-30', undefined],
    ['on the day', '2027-05-31', { period: '2027-05-31', dueOn: '2027-05-31' }],
    ['a week later', '2027-06-07', { period: '2027-05-31', dueOn: '2027-05-31' }],
  ])('ends on 2027-05-31, today %s (%s)', (_label, today, expected) => {
    expect(programEndDue({ endsOn: '2027-05-31' }, today)).toEqual(expected);
  });
  it('a program without an end date never ends', () => {
    expect(programEndDue({ endsOn: null }, '2099-01-01')).toBeUndefined();
  });
});

describe('digestDue: Mondays in the admin\'s zone, the period is the ISO week', () => {
  it.each([
    // 2026-11-23T00:30Z: Monday 00:30 in London (GMT), Sunday 16:30 in Los Angeles.
    ['2026-11-23T00:30:00.000Z', 'Europe/London', { period: '2026-W48', dueOn: '2026-11-23' }],
    ['2026-11-23T00:30:00.000Z', 'America/Los_Angeles', undefined],
    ['2026-11-23T00:30:00.000Z', 'UTC', { period: '2026-W48', dueOn: '2026-11-23' }],
    // Los Angeles reaches Monday at 08:00Z.
    ['2026-11-23T07:59:59.999Z', 'America/Los_Angeles', undefined],
    ['2026-11-23T08:00:00.000Z', 'America/Los_Angeles', { period: '2026-W48', dueOn: '2026-11-23' }],
    // Tokyo is already Monday 00:30 when London is still Sunday 15:30.
    ['2026-11-22T15:30:00.000Z', 'Asia/Tokyo', { period: '2026-W48', dueOn: '2026-11-23' }],
    ['2026-11-22T15:30:00.000Z', 'Europe/London', undefined],
    // The last millisecond of Monday and the first of Tuesday in London.
    ['2026-11-23T23:59:59.999Z', 'Europe/London', { period: '2026-W48', dueOn: '2026-11-23' }],
    ['2026-11-24T00:00:00.000Z', 'Europe/London', undefined],
    // Pacific/Chatham (UTC+13:45 in November): Monday 00:00 local = Sunday 10:15Z.
    ['2026-11-22T10:14:59.999Z', 'Pacific/Chatham', undefined],
    ['2026-11-22T10:15:00.000Z', 'Pacific/Chatham', { period: '2026-W48', dueOn: '2026-11-23' }],
    // London in BST: Monday 2026-03-30 00:30 BST = Sunday 23:30Z (UTC is still Sunday).
    ['2026-03-29T23:30:00.000Z', 'Europe/London', { period: '2026-W14', dueOn: '2026-03-30' }],
    ['2026-03-29T23:30:00.000Z', 'UTC', undefined],
    // Other weekdays.
    ['2026-11-24T12:00:00.000Z', 'UTC', undefined],
    ['2026-11-28T12:00:00.000Z', 'UTC', undefined],
    ['2026-11-29T12:00:00.000Z', 'UTC', undefined],
  ])('%s in %s', (instant, tz, expected) => {
    expect(digestDue(new Date(instant), tz)).toEqual(expected);
  });

  it.each([
    ['Monday 2026-12-28 is in week 53 of 2026', '2026-12-28T09:00:00.000Z', { period: '2026-W53', dueOn: '2026-12-28' }],
    ['Sunday 2027-01-03 is not a Monday', '2027-01-03T09:00:00.000Z', undefined],
    ['Monday 2027-01-04 is week 1 of 2027', '2027-01-04T09:00:00.000Z', { period: '2027-W01', dueOn: '2027-01-04' }],
    ['Monday 2027-01-11 is week 2 of 2027', '2027-01-11T09:00:00.000Z', { period: '2027-W02', dueOn: '2027-01-11' }],
    ['Monday 2024-12-30 belongs to ISO year 2025', '2024-12-30T09:00:00.000Z', { period: '2025-W01', dueOn: '2024-12-30' }],
    ['Monday 2020-12-28 is week 53 of 2020', '2020-12-28T09:00:00.000Z', { period: '2020-W53', dueOn: '2020-12-28' }],
    ['Monday 2021-01-04 is week 1 of 2021', '2021-01-04T09:00:00.000Z', { period: '2021-W01', dueOn: '2021-01-04' }],
    ['Monday 2026-01-05 is week 2 of 2026 (week 1 began Mon 2025-12-29)', '2026-01-05T09:00:00.000Z', { period: '2026-W02', dueOn: '2026-01-05' }],
    ['Monday 2025-12-29 is week 1 of 2026', '2025-12-29T09:00:00.000Z', { period: '2026-W01', dueOn: '2025-12-29' }],
  ])('%s', (_label, instant, expected) => {
    expect(digestDue(new Date(instant), 'UTC')).toEqual(expected);
  });

  it('the ISO week across the year boundary follows the admin\'s zone', () => {
    // 2026-12-27T20:00Z: Sunday in New York (15:00 EST) but Monday 2026-12-28 05:00 in Tokyo.
    expect(digestDue(new Date('2026-12-27T20:00:00.000Z'), 'Asia/Tokyo')).toEqual({ period: '2026-W53', dueOn: '2026-12-28' });
    expect(digestDue(new Date('2026-12-27T20:00:00.000Z'), 'America/New_York')).toBeUndefined();
    // 2027-01-04T03:00Z: Monday in UTC and Tokyo, still Sunday 2027-01-03 in Los Angeles.
    expect(digestDue(new Date('2027-01-04T03:00:00.000Z'), 'Asia/Tokyo')).toEqual({ period: '2027-W01', dueOn: '2027-01-04' });
    expect(digestDue(new Date('2027-01-04T03:00:00.000Z'), 'America/Los_Angeles')).toBeUndefined();
  });

  it.each(INVALID_TIME_ZONES)('%s falls back to UTC', (_label, tz) => {
    // Sunday 23:30 in UTC (Monday in Tokyo or Berlin): not due.
    expect(digestDue(new Date('2026-11-22T23:30:00.000Z'), tz)).toBeUndefined();
    // Monday 00:30 in UTC (still Sunday in Los Angeles): due.
    expect(digestDue(new Date('2026-11-23T00:30:00.000Z'), tz)).toEqual({ period: '2026-W48', dueOn: '2026-11-23' });
    expect(digestDue(new Date('2026-11-23T23:59:59.999Z'), tz)).toEqual({ period: '2026-W48', dueOn: '2026-11-23' });
    expect(digestDue(new Date('2026-11-24T00:00:00.000Z'), tz)).toBeUndefined();
  });
});
