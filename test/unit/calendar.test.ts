import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysTo, addMonthsTo, dayIn, daysBetween, describeDay, describeDayOf, isCalendarDay, isTimeZone, relativeDay } from '../../src/domain/calendar.ts';
import { INVALID_TIME_ZONES } from '../helpers/fixtures.ts';

describe('dayIn: the calendar day for a person at a fixed instant', () => {
  const instant = new Date('2026-11-22T23:30:00Z');

  it.each([
    ['UTC', '2026-11-22'],
    ['Asia/Tokyo', '2026-11-23'],
    ['Pacific/Auckland', '2026-11-23'],
    ['Pacific/Kiritimati', '2026-11-23'],
    ['Asia/Kolkata', '2026-11-23'],
    ['Europe/London', '2026-11-22'],
    ['Europe/Berlin', '2026-11-23'],
    ['America/New_York', '2026-11-22'],
    ['America/Los_Angeles', '2026-11-22'],
    ['Pacific/Honolulu', '2026-11-22'],
    ['Pacific/Pago_Pago', '2026-11-22'],
  ])('2026-11-22T23:30Z in %s is %s', (tz, day) => {
    expect(dayIn(instant, tz)).toBe(day);
  });

  it.each(INVALID_TIME_ZONES)('%s falls back to UTC', (_label, tz) => {
    expect(dayIn(new Date('2026-11-22T23:30:00Z'), tz)).toBe('2026-11-22');
    expect(dayIn(new Date('2026-11-23T00:30:00Z'), tz)).toBe('2026-11-23');
  });

  // New York: DST starts 2026-03-08 02:00 EST (07:00Z) and ends 2026-11-01 02:00 EDT (06:00Z).
  // London: BST starts 2026-03-29 01:00Z and ends 2026-10-25 01:00Z.
  it.each([
    ['America/New_York', '2026-03-08T04:59:59Z', '2026-03-07'],
    ['America/New_York', '2026-03-08T05:00:00Z', '2026-03-08'],
    ['America/New_York', '2026-03-08T07:00:00Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T03:59:59Z', '2026-03-08'],
    ['America/New_York', '2026-03-09T04:00:00Z', '2026-03-09'],
    ['America/New_York', '2026-11-01T03:59:59Z', '2026-10-31'],
    ['America/New_York', '2026-11-01T04:00:00Z', '2026-11-01'],
    ['America/New_York', '2026-11-01T06:30:00Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T04:59:59Z', '2026-11-01'],
    ['America/New_York', '2026-11-02T05:00:00Z', '2026-11-02'],
    ['Europe/London', '2026-03-28T23:30:00Z', '2026-03-28'],
    ['Europe/London', '2026-03-29T00:59:59Z', '2026-03-29'],
    ['Europe/London', '2026-03-29T22:59:59Z', '2026-03-29'],
    ['Europe/London', '2026-03-29T23:00:00Z', '2026-03-30'],
    ['Europe/London', '2026-10-24T22:59:59Z', '2026-10-24'],
    ['Europe/London', '2026-10-24T23:00:00Z', '2026-10-25'],
    ['Europe/London', '2026-10-25T23:30:00Z', '2026-10-25'],
    ['Europe/London', '2026-10-26T00:00:00Z', '2026-10-26'],
  ])('%s at %s is %s', (tz, at, day) => {
    expect(dayIn(new Date(at), tz)).toBe(day);
  });
});

describe('isTimeZone', () => {
  it.each([
    ['UTC', true],
    ['Asia/Tokyo', true],
    ['America/Los_Angeles', true],
    ['Mars/Olympus_Mons', false],
    ['', false],
    [null, false],
    [undefined, false],
  ])('%j → %s', (tz, ok) => {
    expect(isTimeZone(tz)).toBe(ok);
  });
});

describe('isCalendarDay', () => {
  it.each([
    ['2026-01-01', true],
    ['2026-02-28', true],
    ['2028-02-29', true],
    ['2026-12-31', true],
    ['2026-02-29', false],
    ['2026-02-30', false],
    ['2026-04-31', false],
    ['2026-13-01', false],
    ['2026-00-10', false],
    ['2026-01-00', false],
    ['2026-1-5', false],
    ['26-01-05', false],
    ['2026/01/05', false],
    ['2026-01-05T00:00', false],
    [' 2026-01-05', false],
    ['', false],
    ['tomorrow', false],
  ])('%j → %s', (text, ok) => {
    expect(isCalendarDay(text)).toBe(ok);
  });
});

// Calendar arithmetic must not depend on the host's zone: run it under zones with DST jumps.
describe.each(['UTC', 'America/New_York', 'Europe/London', 'Asia/Tokyo', 'America/Havana'])('day arithmetic with the process in %s', (hostZone) => {
  const previous = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = hostZone;
  });
  afterAll(() => {
    if (previous === undefined) delete process.env.TZ;
    else process.env.TZ = previous;
  });

  it('the host zone is really in effect', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe(hostZone);
  });

  it.each([
    ['2026-03-07', 1, '2026-03-08'],
    ['2026-03-07', 2, '2026-03-09'],
    ['2026-03-08', 1, '2026-03-09'],
    ['2026-03-28', 2, '2026-03-30'],
    ['2026-10-24', 2, '2026-10-26'],
    ['2026-10-31', 1, '2026-11-01'],
    ['2026-11-01', 1, '2026-11-02'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-02-28', 1, '2028-02-29'],
    ['2026-02-28', 1, '2026-03-01'],
    ['2026-03-01', -1, '2026-02-28'],
    ['2026-11-22', 0, '2026-11-22'],
    ['2026-01-01', 17, '2026-01-18'],
  ])('addDaysTo(%s, %i) = %s', (day, n, expected) => {
    expect(addDaysTo(day, n)).toBe(expected);
  });

  it.each([
    ['2026-03-07', '2026-03-09', 2],
    ['2026-03-08', '2026-03-09', 1],
    ['2026-10-31', '2026-11-02', 2],
    ['2026-03-29', '2026-03-30', 1],
    ['2026-10-25', '2026-10-26', 1],
    ['2026-01-01', '2027-01-01', 365],
    ['2028-01-01', '2029-01-01', 366],
    ['2026-11-22', '2026-11-22', 0],
    ['2026-11-23', '2026-11-22', -1],
  ])('daysBetween(%s, %s) = %i', (from, to, n) => {
    expect(daysBetween(from, to)).toBe(n);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-01-31', 2, '2026-03-31'],
    ['2026-03-31', 1, '2026-04-30'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-05-15', 6, '2026-11-15'],
    ['2026-11-22', 12, '2027-11-22'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-10-25', 0, '2026-10-25'],
  ])('addMonthsTo(%s, %i) = %s', (day, n, expected) => {
    expect(addMonthsTo(day, n)).toBe(expected);
  });

  it('isCalendarDay still rejects 2026-02-30 and accepts DST days', () => {
    expect(isCalendarDay('2026-02-30')).toBe(false);
    expect(isCalendarDay('2026-03-08')).toBe(true);
    expect(isCalendarDay('2026-11-01')).toBe(true);
  });
});

describe('describeDay and relativeDay', () => {
  it.each([
    ['2026-11-24', '2026-11-22', 'Tue 24 Nov'],
    ['2026-01-01', '2026-11-22', 'Thu 1 Jan'],
    ['2027-01-04', '2026-11-22', 'Mon 4 Jan 2027'],
    ['2025-12-31', '2026-01-01', 'Wed 31 Dec 2025'],
  ])('describeDay(%s, today %s) = %s', (day, today, text) => {
    expect(describeDay(day, today)).toBe(text);
  });

  // An instant is read as the reader's own day, and its year is shown only when it is not theirs.
  it.each([
    ['2026-11-30T12:00:00Z', 'UTC', '2026-11-22T09:00:00Z', 'Mon 30 Nov'],
    ['2026-11-30T23:30:00Z', 'Asia/Tokyo', '2026-11-22T09:00:00Z', 'Tue 1 Dec'],
    ['2026-11-30T03:00:00Z', 'America/Los_Angeles', '2026-11-22T09:00:00Z', 'Sun 29 Nov'],
    ['2027-01-02T10:00:00Z', 'Europe/London', '2026-12-28T10:00:00Z', 'Sat 2 Jan 2027'],
    // New Year's Eve in UTC is already the new year in Auckland: no year for the reader there.
    ['2027-01-01T02:00:00Z', 'Pacific/Auckland', '2026-12-31T12:00:00Z', 'Fri 1 Jan'],
    ['2026-11-30T12:00:00Z', 'Not/AZone', '2026-11-22T09:00:00Z', 'Mon 30 Nov'],
  ])('describeDayOf(%s in %s, now %s) = %s', (instant, tz, now, text) => {
    expect(describeDayOf(new Date(instant), tz, new Date(now))).toBe(text);
  });

  it('never reads as an ISO day', () => {
    for (let i = 0; i < 400; i += 7) {
      const day = addDaysTo('2026-11-30', i);
      expect(describeDay(day, '2026-11-30')).toMatch(/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?$/);
    }
  });

  it.each([
    ['2026-11-22', 'today'],
    ['2026-11-21', 'yesterday'],
    ['2026-11-23', 'tomorrow'],
    ['2026-11-19', '3 days ago'],
    ['2026-11-27', 'in 5 days'],
    ['2025-11-22', '365 days ago'],
  ])('relativeDay(%s) from 2026-11-22 = %s', (day, text) => {
    expect(relativeDay(day, '2026-11-22')).toBe(text);
  });
});
