import { describe, expect, it } from 'vitest';
import { isInsideWindow, nextWindowStart, type WorkingHours } from '../../src/domain/delivery-window.ts';
import { INVALID_TIME_ZONES } from '../helpers/fixtures.ts';

/** The default: Mon–Fri 09:00–17:00 local. */
const DEFAULT_HOURS: WorkingHours = { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] };
/** A custom window: Tuesdays and Thursdays, 10:30–12:00 local. */
const TUE_THU_MORNING: WorkingHours = { startMinute: 630, endMinute: 720, days: [2, 4] };

const at = (iso: string): Date => new Date(iso);
const iso = (date: Date): string => date.toISOString();

/**
 * Local wall-clock parts computed with Intl only (independent of the code under test):
 * ISO weekday (1 = Monday) and minute of the day.
 */
const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };
function localParts(instant: Date, tz: string): { isoDay: number; minute: number; second: number; ms: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone: tz,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return {
    isoDay: WEEKDAYS[get('weekday')] ?? 0,
    minute: Number(get('hour')) * 60 + Number(get('minute')),
    second: Number(get('second')),
    ms: instant.getUTCMilliseconds(),
  };
}

describe('isInsideWindow: default hours Mon–Fri 09:00–17:00', () => {
  // America/New_York in late November is EST (UTC−5): 09:00 local = 14:00Z, 17:00 local = 22:00Z.
  it.each([
    ['Mon 08:59:59.999 local', '2026-11-23T13:59:59.999Z', false],
    ['Mon 09:00 local exactly', '2026-11-23T14:00:00.000Z', true],
    ['Mon 12:00 local', '2026-11-23T17:00:00.000Z', true],
    ['Mon 16:59 local', '2026-11-23T21:59:00.000Z', true],
    ['Mon 16:59:59.999 local', '2026-11-23T21:59:59.999Z', true],
    ['Mon 17:00 local exactly', '2026-11-23T22:00:00.000Z', false],
    ['Mon 00:00 local', '2026-11-23T05:00:00.000Z', false],
    ['Fri 09:00 local', '2026-11-27T14:00:00.000Z', true],
    ['Fri 17:01 local', '2026-11-27T22:01:00.000Z', false],
    ['Sat 12:00 local', '2026-11-28T17:00:00.000Z', false],
    ['Sun 12:00 local', '2026-11-29T17:00:00.000Z', false],
    // 14:30Z is Monday in UTC but the local day is what counts.
    ['Sun 23:30 local (Mon 04:30Z)', '2026-11-30T04:30:00.000Z', false],
  ])('America/New_York %s → %s', (_label, instant, inside) => {
    expect(isInsideWindow(at(instant), 'America/New_York', DEFAULT_HOURS)).toBe(inside);
  });
});

describe('nextWindowStart: default hours, one zone (America/New_York, EST = UTC−5 in late November)', () => {
  it.each([
    ['exactly 09:00 local is inside: returned unchanged', '2026-11-23T14:00:00.000Z', '2026-11-23T14:00:00.000Z'],
    ['08:59 local → 09:00 the same day', '2026-11-23T13:59:00.000Z', '2026-11-23T14:00:00.000Z'],
    ['08:59:59.999 local → 09:00 the same day', '2026-11-23T13:59:59.999Z', '2026-11-23T14:00:00.000Z'],
    ['00:00 local → 09:00 the same day', '2026-11-23T05:00:00.000Z', '2026-11-23T14:00:00.000Z'],
    ['16:59 local is inside: unchanged', '2026-11-23T21:59:00.000Z', '2026-11-23T21:59:00.000Z'],
    ['16:59:30.5 local is inside: unchanged to the millisecond', '2026-11-23T21:59:30.500Z', '2026-11-23T21:59:30.500Z'],
    ['Mon 17:00 local → Tue 09:00', '2026-11-23T22:00:00.000Z', '2026-11-24T14:00:00.000Z'],
    ['Mon 23:59 local (Tue 04:59Z) → Tue 09:00', '2026-11-24T04:59:00.000Z', '2026-11-24T14:00:00.000Z'],
    ['Thu 17:00 local → Fri 09:00', '2026-11-26T22:00:00.000Z', '2026-11-27T14:00:00.000Z'],
    ['Fri 17:00 local → Mon 09:00', '2026-11-27T22:00:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['Fri 17:01 local → Mon 09:00', '2026-11-27T22:01:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['Sat 00:00 local → Mon 09:00', '2026-11-28T05:00:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['Sat 12:00 local → Mon 09:00', '2026-11-28T17:00:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['Sun 23:59 local (Mon 04:59Z) → Mon 09:00', '2026-11-30T04:59:00.000Z', '2026-11-30T14:00:00.000Z'],
    ['Mon 08:59 local → Mon 09:00', '2026-11-30T13:59:00.000Z', '2026-11-30T14:00:00.000Z'],
  ])('%s', (_label, instant, expected) => {
    expect(iso(nextWindowStart(at(instant), 'America/New_York', DEFAULT_HOURS))).toBe(expected);
  });

  it('returns a plain Date (not a zoned TZDate) at the exact instant', () => {
    const result = nextWindowStart(at('2026-11-28T17:00:00.000Z'), 'America/New_York', DEFAULT_HOURS);
    expect(result.constructor).toBe(Date);
    expect(result.getTime()).toBe(Date.parse('2026-11-30T14:00:00.000Z'));
  });
});

describe('nextWindowStart: recipients in different zones due at the same UTC instant', () => {
  // 2026-11-23T23:30Z: Tokyo Tue 08:30 (outside); Los Angeles Mon 15:30 (inside).
  // 2026-11-24T02:00Z: Tokyo Tue 11:00 (inside); Los Angeles Mon 18:00 (outside).
  it.each([
    ['2026-11-23T23:30:00.000Z', 'Asia/Tokyo', false, '2026-11-24T00:00:00.000Z'],
    ['2026-11-23T23:30:00.000Z', 'America/Los_Angeles', true, '2026-11-23T23:30:00.000Z'],
    ['2026-11-24T02:00:00.000Z', 'Asia/Tokyo', true, '2026-11-24T02:00:00.000Z'],
    ['2026-11-24T02:00:00.000Z', 'America/Los_Angeles', false, '2026-11-24T17:00:00.000Z'],
    // Friday 2026-11-27T08:30Z: Tokyo Fri 17:30 (→ Mon 09:00 JST = Mon 00:00Z); Los Angeles Fri 00:30 (→ Fri 09:00 PST).
    ['2026-11-27T08:30:00.000Z', 'Asia/Tokyo', false, '2026-11-30T00:00:00.000Z'],
    ['2026-11-27T08:30:00.000Z', 'America/Los_Angeles', false, '2026-11-27T17:00:00.000Z'],
    // Half-hour and 45-minute offsets.
    ['2026-11-23T03:29:00.000Z', 'Asia/Kolkata', false, '2026-11-23T03:30:00.000Z'],
    ['2026-11-23T03:30:00.000Z', 'Asia/Kolkata', true, '2026-11-23T03:30:00.000Z'],
    ['2026-11-23T11:30:00.000Z', 'Asia/Kolkata', false, '2026-11-24T03:30:00.000Z'],
    // Pacific/Chatham in November is UTC+13:45: Mon 09:00 local = Sun 19:15Z.
    ['2026-11-22T19:14:00.000Z', 'Pacific/Chatham', false, '2026-11-22T19:15:00.000Z'],
    ['2026-11-22T19:15:00.000Z', 'Pacific/Chatham', true, '2026-11-22T19:15:00.000Z'],
    // Asia/Kathmandu is UTC+5:45: Mon 09:00 local = Mon 03:15Z.
    ['2026-11-23T00:00:00.000Z', 'Asia/Kathmandu', false, '2026-11-23T03:15:00.000Z'],
  ])('%s in %s: inside=%s, next start %s', (instant, tz, inside, expected) => {
    expect(isInsideWindow(at(instant), tz, DEFAULT_HOURS)).toBe(inside);
    expect(iso(nextWindowStart(at(instant), tz, DEFAULT_HOURS))).toBe(expected);
  });
});

describe('nextWindowStart across DST changes in 2026: 09:00 local wall-clock on the right day', () => {
  // New York: EST (−5) until Sun 2026-03-08 02:00 local (07:00Z), EDT (−4) until Sun 2026-11-01 02:00 local (06:00Z).
  // London: GMT until Sun 2026-03-29 01:00Z, BST (+1) until Sun 2026-10-25 01:00Z.
  it.each([
    // New York, spring forward (Sunday 2026-03-08).
    ['NY Fri 2026-03-06 08:00 EST → Fri 09:00 EST', 'America/New_York', '2026-03-06T13:00:00.000Z', '2026-03-06T14:00:00.000Z'],
    ['NY Fri 2026-03-06 17:30 EST → Mon 09:00 EDT', 'America/New_York', '2026-03-06T22:30:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Sat 2026-03-07 12:00 EST → Mon 09:00 EDT', 'America/New_York', '2026-03-07T17:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Sun 2026-03-08 01:30 EST (before the change) → Mon 09:00 EDT', 'America/New_York', '2026-03-08T06:30:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Sun 2026-03-08 03:00 EDT (just after the change) → Mon 09:00 EDT', 'America/New_York', '2026-03-08T07:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Sun 2026-03-08 23:59 EDT → Mon 09:00 EDT', 'America/New_York', '2026-03-09T03:59:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Mon 2026-03-09 08:59 EDT → Mon 09:00 EDT', 'America/New_York', '2026-03-09T12:59:00.000Z', '2026-03-09T13:00:00.000Z'],
    ['NY Mon 2026-03-09 09:00 EDT is inside', 'America/New_York', '2026-03-09T13:00:00.000Z', '2026-03-09T13:00:00.000Z'],
    // New York, fall back (Sunday 2026-11-01).
    ['NY Fri 2026-10-30 17:00 EDT → Mon 09:00 EST', 'America/New_York', '2026-10-30T21:00:00.000Z', '2026-11-02T14:00:00.000Z'],
    ['NY Sun 2026-11-01 01:30 EDT (first 01:30) → Mon 09:00 EST', 'America/New_York', '2026-11-01T05:30:00.000Z', '2026-11-02T14:00:00.000Z'],
    ['NY Sun 2026-11-01 01:30 EST (second 01:30) → Mon 09:00 EST', 'America/New_York', '2026-11-01T06:30:00.000Z', '2026-11-02T14:00:00.000Z'],
    ['NY Mon 2026-11-02 08:30 EST (would be 09:30 EDT) → Mon 09:00 EST', 'America/New_York', '2026-11-02T13:30:00.000Z', '2026-11-02T14:00:00.000Z'],
    ['NY Fri 2026-10-30 08:30 EDT → Fri 09:00 EDT', 'America/New_York', '2026-10-30T12:30:00.000Z', '2026-10-30T13:00:00.000Z'],
    // London, spring forward (Sunday 2026-03-29).
    ['London Fri 2026-03-27 08:30 GMT → Fri 09:00 GMT', 'Europe/London', '2026-03-27T08:30:00.000Z', '2026-03-27T09:00:00.000Z'],
    ['London Fri 2026-03-27 17:00 GMT → Mon 09:00 BST', 'Europe/London', '2026-03-27T17:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    ['London Sun 2026-03-29 00:30 GMT (before the change) → Mon 09:00 BST', 'Europe/London', '2026-03-29T00:30:00.000Z', '2026-03-30T08:00:00.000Z'],
    ['London Sun 2026-03-29 12:00 BST → Mon 09:00 BST', 'Europe/London', '2026-03-29T11:00:00.000Z', '2026-03-30T08:00:00.000Z'],
    ['London Mon 2026-03-30 08:59 BST (07:59Z) → Mon 09:00 BST', 'Europe/London', '2026-03-30T07:59:00.000Z', '2026-03-30T08:00:00.000Z'],
    ['London Mon 2026-03-30 09:30 BST (08:30Z) is inside', 'Europe/London', '2026-03-30T08:30:00.000Z', '2026-03-30T08:30:00.000Z'],
    // London, fall back (Sunday 2026-10-25).
    ['London Fri 2026-10-23 09:00 BST (08:00Z) is inside', 'Europe/London', '2026-10-23T08:00:00.000Z', '2026-10-23T08:00:00.000Z'],
    ['London Fri 2026-10-23 17:00 BST (16:00Z) → Mon 09:00 GMT', 'Europe/London', '2026-10-23T16:00:00.000Z', '2026-10-26T09:00:00.000Z'],
    ['London Sun 2026-10-25 01:30 BST (first 01:30) → Mon 09:00 GMT', 'Europe/London', '2026-10-25T00:30:00.000Z', '2026-10-26T09:00:00.000Z'],
    ['London Sun 2026-10-25 01:30 GMT (second 01:30) → Mon 09:00 GMT', 'Europe/London', '2026-10-25T01:30:00.000Z', '2026-10-26T09:00:00.000Z'],
    ['London Mon 2026-10-26 08:30 GMT (would be 09:30 BST) → Mon 09:00 GMT', 'Europe/London', '2026-10-26T08:30:00.000Z', '2026-10-26T09:00:00.000Z'],
  ])('%s', (_label, tz, instant, expected) => {
    expect(iso(nextWindowStart(at(instant), tz, DEFAULT_HOURS))).toBe(expected);
  });

  // A window open on Sundays lands on the change day itself.
  const SUNDAYS: WorkingHours = { startMinute: 540, endMinute: 1020, days: [7] };
  it.each([
    ['NY Sat 2026-03-07 20:00 EST → Sun 2026-03-08 09:00 EDT', 'America/New_York', '2026-03-08T01:00:00.000Z', '2026-03-08T13:00:00.000Z'],
    ['NY Sun 2026-03-08 01:59 EST (minutes before the change) → 09:00 EDT that day', 'America/New_York', '2026-03-08T06:59:00.000Z', '2026-03-08T13:00:00.000Z'],
    ['NY Sun 2026-11-01 01:30 EDT (before the change) → 09:00 EST that day', 'America/New_York', '2026-11-01T05:30:00.000Z', '2026-11-01T14:00:00.000Z'],
    ['NY Sun 2026-11-01 08:30 EST (09:30 in EDT terms) → 09:00 EST that day', 'America/New_York', '2026-11-01T13:30:00.000Z', '2026-11-01T14:00:00.000Z'],
    ['London Sun 2026-03-29 00:59 GMT → 09:00 BST that day', 'Europe/London', '2026-03-29T00:59:00.000Z', '2026-03-29T08:00:00.000Z'],
    ['London Sun 2026-10-25 00:59 BST → 09:00 GMT that day', 'Europe/London', '2026-10-24T23:59:00.000Z', '2026-10-25T09:00:00.000Z'],
    ['London Sun 2026-10-25 08:30 GMT (09:30 in BST terms) → 09:00 GMT that day', 'Europe/London', '2026-10-25T08:30:00.000Z', '2026-10-25T09:00:00.000Z'],
  ])('%s', (_label, tz, instant, expected) => {
    expect(iso(nextWindowStart(at(instant), tz, SUNDAYS))).toBe(expected);
  });
});

describe('nextWindowStart: a window whose start falls inside a DST transition hour (exotic configurations)', () => {
  // The docstring promises "the first instant at or after `instant` inside the window"; these windows open
  // at a local time that is repeated (fall back) or skipped (spring forward) on that Sunday in New York.
  it.each([
    // Fall back: 01:00–02:00 happens twice on Sun 2026-11-01. At 06:00Z it is 01:00 EST (the second pass),
    // outside a window opening at 01:30; the clock reads 01:30 again at 06:30Z the same day.
    ['opens 01:30 on Sundays; at 01:00 EST (second pass) → 01:30 EST the same day', { startMinute: 90, endMinute: 600, days: [7] }, '2026-11-01T06:00:00.000Z', '2026-11-01T06:30:00.000Z'],
    ['opens 01:30 on Sundays; at 01:15 EST (second pass) → 01:30 EST the same day', { startMinute: 90, endMinute: 600, days: [7] }, '2026-11-01T06:15:00.000Z', '2026-11-01T06:30:00.000Z'],
    // Spring forward: 02:00–03:00 does not exist on Sun 2026-03-08. At 07:00Z (03:00 EDT) the local minute (180)
    // is already ≥ 150, so isInsideWindow is true from 07:00Z on; 02:30 never happens.
    ['opens 02:30 on Sundays; at 01:59 EST → 03:00 EDT (07:00Z), the first instant inside', { startMinute: 150, endMinute: 600, days: [7] }, '2026-03-08T06:59:00.000Z', '2026-03-08T07:00:00.000Z'],
  ])('%s', (_label, hours, instant, expected) => {
    const next = nextWindowStart(at(instant), 'America/New_York', hours);
    expect(isInsideWindow(at(expected), 'America/New_York', hours)).toBe(true);
    expect(isInsideWindow(new Date(Date.parse(expected) - 1), 'America/New_York', hours)).toBe(false);
    expect(iso(next)).toBe(expected);
  });
});

describe('nextWindowStart: custom window 10:30–12:00 on Tuesdays and Thursdays', () => {
  it.each([
    ['UTC', 'Mon 11:00 → Tue 10:30', '2026-11-23T11:00:00.000Z', false, '2026-11-24T10:30:00.000Z'],
    ['UTC', 'Tue 10:29 → Tue 10:30', '2026-11-24T10:29:00.000Z', false, '2026-11-24T10:30:00.000Z'],
    ['UTC', 'Tue 10:30 inside', '2026-11-24T10:30:00.000Z', true, '2026-11-24T10:30:00.000Z'],
    ['UTC', 'Tue 11:59 inside', '2026-11-24T11:59:00.000Z', true, '2026-11-24T11:59:00.000Z'],
    ['UTC', 'Tue 12:00 → Thu 10:30', '2026-11-24T12:00:00.000Z', false, '2026-11-26T10:30:00.000Z'],
    ['UTC', 'Wed 11:00 → Thu 10:30', '2026-11-25T11:00:00.000Z', false, '2026-11-26T10:30:00.000Z'],
    ['UTC', 'Thu 12:00 → next Tue 10:30', '2026-11-26T12:00:00.000Z', false, '2026-12-01T10:30:00.000Z'],
    ['UTC', 'Sat 11:00 → next Tue 10:30', '2026-11-28T11:00:00.000Z', false, '2026-12-01T10:30:00.000Z'],
    ['UTC', 'Mon 11:00 (a weekday but not a window day) → Tue 10:30', '2026-11-30T11:00:00.000Z', false, '2026-12-01T10:30:00.000Z'],
    // Asia/Kolkata (UTC+5:30): Tue 10:30 IST = Tue 05:00Z.
    ['Asia/Kolkata', 'Mon 17:30 IST → Tue 10:30 IST', '2026-11-23T12:00:00.000Z', false, '2026-11-24T05:00:00.000Z'],
    ['Asia/Kolkata', 'Tue 10:30 IST inside', '2026-11-24T05:00:00.000Z', true, '2026-11-24T05:00:00.000Z'],
    ['Asia/Kolkata', 'Tue 12:00 IST → Thu 10:30 IST', '2026-11-24T06:30:00.000Z', false, '2026-11-26T05:00:00.000Z'],
    // America/New_York across spring forward: Thu 2026-03-05 12:00 EST → Tue 2026-03-10 10:30 EDT (14:30Z).
    ['America/New_York', 'Thu 12:00 EST → Tue 10:30 EDT after the change', '2026-03-05T17:00:00.000Z', false, '2026-03-10T14:30:00.000Z'],
  ])('%s: %s', (tz, _label, instant, inside, expected) => {
    expect(isInsideWindow(at(instant), tz, TUE_THU_MORNING)).toBe(inside);
    expect(iso(nextWindowStart(at(instant), tz, TUE_THU_MORNING))).toBe(expected);
  });

  it.each([
    ['Mon 17:00 → next Mon 09:00 (seven days later)', '2026-11-23T17:00:00.000Z', '2026-11-30T09:00:00.000Z'],
    ['Mon 08:00 → Mon 09:00 the same day', '2026-11-23T08:00:00.000Z', '2026-11-23T09:00:00.000Z'],
    ['Tue 12:00 → next Mon 09:00', '2026-11-24T12:00:00.000Z', '2026-11-30T09:00:00.000Z'],
  ])('Mondays only, UTC: %s', (_label, instant, expected) => {
    expect(iso(nextWindowStart(at(instant), 'UTC', { startMinute: 540, endMinute: 1020, days: [1] }))).toBe(expected);
  });

  it('no working day at all: never delivers (the maximum Date)', () => {
    const result = nextWindowStart(at('2026-11-23T10:00:00.000Z'), 'UTC', { startMinute: 540, endMinute: 1020, days: [] });
    expect(result.getTime()).toBe(8.64e15);
    expect(isInsideWindow(at('2026-11-23T10:00:00.000Z'), 'UTC', { startMinute: 540, endMinute: 1020, days: [] })).toBe(false);
  });
});

describe('an invalid or missing time zone falls back to UTC', () => {
  it.each(INVALID_TIME_ZONES)('%s', (_label, tz) => {
    expect(isInsideWindow(at('2026-11-23T08:59:00.000Z'), tz, DEFAULT_HOURS)).toBe(false);
    expect(isInsideWindow(at('2026-11-23T09:00:00.000Z'), tz, DEFAULT_HOURS)).toBe(true);
    expect(isInsideWindow(at('2026-11-23T17:00:00.000Z'), tz, DEFAULT_HOURS)).toBe(false);
    expect(iso(nextWindowStart(at('2026-11-23T08:59:00.000Z'), tz, DEFAULT_HOURS))).toBe('2026-11-23T09:00:00.000Z');
    expect(iso(nextWindowStart(at('2026-11-23T12:34:00.000Z'), tz, DEFAULT_HOURS))).toBe('2026-11-23T12:34:00.000Z');
    expect(iso(nextWindowStart(at('2026-11-27T17:01:00.000Z'), tz, DEFAULT_HOURS))).toBe('2026-11-30T09:00:00.000Z');
    // 2026-11-23T23:30Z is Tuesday 08:30 in Tokyo, but Monday 23:30 in UTC: the UTC answer is Tue 09:00Z.
    expect(iso(nextWindowStart(at('2026-11-23T23:30:00.000Z'), tz, DEFAULT_HOURS))).toBe('2026-11-24T09:00:00.000Z');
  });
});

describe('properties over a year of instants in many zones', () => {
  const ZONES = [
    'UTC',
    'Europe/London',
    'America/New_York',
    'America/Los_Angeles',
    'Asia/Tokyo',
    'Asia/Kolkata',
    'Asia/Kathmandu',
    'Pacific/Chatham',
    'Australia/Lord_Howe',
    'America/St_Johns',
    'Pacific/Kiritimati',
    'Pacific/Pago_Pago',
  ];
  // Every 11 h 7 min 13 s through 2026 (never aligned with whole hours, so the phase drifts across the day).
  const STEP_MS = ((11 * 60 + 7) * 60 + 13) * 1000;
  const START = Date.parse('2026-01-01T00:00:00.000Z');
  const END = Date.parse('2027-01-01T00:00:00.000Z');
  const instants: Date[] = [];
  for (let t = START; t < END; t += STEP_MS) instants.push(new Date(t));

  it('covers a spread of instants', () => {
    expect(instants.length).toBe(Math.ceil((END - START) / STEP_MS));
    expect(instants.length).toBeGreaterThan(750);
  });

  for (const [name, hours] of [
    ['default hours', DEFAULT_HOURS],
    ['Tue/Thu 10:30–12:00', TUE_THU_MORNING],
  ] as const) {
    it.each(ZONES)(`${name} in %s: idempotent, inside, not before the instant, the first such instant`, (tz) => {
      const failures: string[] = [];
      for (const x of instants) {
        const next = nextWindowStart(x, tz, hours);
        const again = nextWindowStart(next, tz, hours);
        const problems: string[] = [];
        if (again.getTime() !== next.getTime()) problems.push(`not idempotent: ${iso(again)}`);
        if (!isInsideWindow(next, tz, hours)) problems.push('result is outside the window');
        if (next.getTime() < x.getTime()) problems.push('result is before the instant');
        if (next.getTime() - x.getTime() > 7 * 86_400_000) problems.push('result is more than a week later');
        const inside = isInsideWindow(x, tz, hours);
        if (inside && next.getTime() !== x.getTime()) problems.push('inside but moved');
        if (!inside) {
          const local = localParts(next, tz);
          if (local.minute !== hours.startMinute || local.second !== 0 || local.ms !== 0) problems.push(`not at the local start minute (${local.minute})`);
          if (!hours.days.includes(local.isoDay)) problems.push(`not on a working day (${local.isoDay})`);
          // The first instant: one minute earlier is still outside.
          if (isInsideWindow(new Date(next.getTime() - 60_000), tz, hours)) problems.push('a minute earlier was already inside');
        }
        if (problems.length > 0) failures.push(`${iso(x)} → ${iso(next)}: ${problems.join('; ')}`);
      }
      expect(failures.slice(0, 10)).toEqual([]);
    });
  }

  it.each(ZONES)('isInsideWindow agrees with the local wall clock (default hours) in %s', (tz) => {
    const failures: string[] = [];
    for (const x of instants) {
      const local = localParts(x, tz);
      const expected = local.isoDay >= 1 && local.isoDay <= 5 && local.minute >= 540 && local.minute < 1020;
      if (isInsideWindow(x, tz, DEFAULT_HOURS) !== expected) failures.push(`${iso(x)}: expected ${expected}`);
    }
    expect(failures.slice(0, 10)).toEqual([]);
  });
});
