import { describe, expect, it } from 'vitest';
import { isStalled, stalledFrom } from '../../src/domain/pair-health.ts';
import { stallDue } from '../../src/domain/nudge-policy.ts';
import {
  bookingProblem,
  defaultSlot,
  describeSlot,
  didYouMeetDue,
  googleCalendarLink,
  instantOf,
  outlookCalendarLink,
  sessionPrepDue,
  slotOf,
  workingDayBefore,
} from '../../src/domain/session-booking.ts';

const WEEKDAYS = [1, 2, 3, 4, 5];

describe('the booking form’s default slot', () => {
  const now = new Date('2026-11-18T14:00:00Z'); // Wed

  it('is the last session plus the cadence, at 10:00 when the person never booked', () => {
    expect(defaultSlot({ anchorOn: '2026-11-17', cadenceDays: 14, lastBookedAt: null, tz: 'Europe/Berlin' }, now)).toEqual({ day: '2026-12-01', time: '10:00' });
  });

  it('keeps the time of day of the person’s last booking, read in their own zone', () => {
    // 08:30 UTC is 09:30 in Berlin (winter) and 03:30 in New York.
    const last = new Date('2026-11-02T08:30:00Z');
    expect(defaultSlot({ anchorOn: '2026-11-17', cadenceDays: 14, lastBookedAt: last, tz: 'Europe/Berlin' }, now).time).toBe('09:30');
    expect(defaultSlot({ anchorOn: '2026-11-17', cadenceDays: 14, lastBookedAt: last, tz: 'America/New_York' }, now).time).toBe('03:30');
  });

  it('is never before tomorrow in the person’s zone when the rhythm is already overdue', () => {
    expect(defaultSlot({ anchorOn: '2026-10-01', cadenceDays: 14, lastBookedAt: null, tz: 'Europe/Berlin' }, now).day).toBe('2026-11-19');
    // 23:30 UTC on the 18th is already the 19th in Tokyo: tomorrow there is the 20th.
    expect(defaultSlot({ anchorOn: '2026-10-01', cadenceDays: 14, lastBookedAt: null, tz: 'Asia/Tokyo' }, new Date('2026-11-18T23:30:00Z')).day).toBe('2026-11-20');
  });

  it('falls back to UTC for an unknown zone', () => {
    expect(defaultSlot({ anchorOn: '2026-11-17', cadenceDays: 7, lastBookedAt: new Date('2026-11-02T08:30:00Z'), tz: 'Not/AZone' }, now)).toEqual({ day: '2026-11-24', time: '08:30' });
  });
});

describe('local day and time ↔ instant', () => {
  it('reads a day and time in the person’s zone, across DST', () => {
    expect(instantOf({ day: '2026-12-01', time: '10:00' }, 'Europe/Berlin').toISOString()).toBe('2026-12-01T09:00:00.000Z');
    expect(instantOf({ day: '2026-07-01', time: '10:00' }, 'Europe/Berlin').toISOString()).toBe('2026-07-01T08:00:00.000Z');
    expect(instantOf({ day: '2026-12-01', time: '10:00' }, 'America/New_York').toISOString()).toBe('2026-12-01T15:00:00.000Z');
    expect(instantOf({ day: '2026-12-01', time: '10:00' }, null).toISOString()).toBe('2026-12-01T10:00:00.000Z');
  });

  it('moves a time skipped by the spring change forward, and round-trips ordinary times', () => {
    expect(instantOf({ day: '2026-03-29', time: '02:30' }, 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    const start = instantOf({ day: '2026-12-01', time: '18:45' }, 'Asia/Tokyo');
    expect(slotOf(start, 'Asia/Tokyo')).toEqual({ day: '2026-12-01', time: '18:45' });
    expect(slotOf(start, 'Europe/London')).toEqual({ day: '2026-12-01', time: '09:45' });
  });

  it('describes the slot in each member’s zone', () => {
    const start = new Date('2026-12-01T15:00:00Z');
    expect(describeSlot(start, 60, 'America/New_York', '2026-11-18')).toBe('Tue 1 Dec, 10:00–11:00');
    expect(describeSlot(start, 90, 'Europe/Berlin', '2026-11-18')).toBe('Tue 1 Dec, 16:00–17:30');
    expect(describeSlot(start, 60, 'Asia/Tokyo', '2025-11-18')).toBe('Wed 2 Dec 2026, 00:00–01:00');
  });
});

describe('what may be booked', () => {
  const now = new Date('2026-11-18T14:00:00Z');
  it.each([
    ['a minute ago', '2026-11-18T13:59:00Z', 'past'],
    ['right now', '2026-11-18T14:00:00Z', 'past'],
    ['a minute ahead', '2026-11-18T14:01:00Z', undefined],
    ['exactly 180 days ahead', '2027-05-17T14:00:00Z', undefined],
    ['a minute past 180 days', '2027-05-17T14:01:00Z', 'too_far'],
    ['in 3026', '3026-11-18T14:00:00Z', 'too_far'],
  ])('%s → %s', (_label, iso, problem) => {
    expect(bookingProblem(new Date(iso), now)).toBe(problem);
  });
});

describe('calendar links', () => {
  const event = { title: 'Mentoring: Maya & Theo', details: 'Booked in Slack', startsAt: new Date('2026-12-01T09:00:00Z'), minutes: 90 };

  it('Google Calendar gets the UTC start/end and escaped text', () => {
    const url = new URL(googleCalendarLink(event));
    expect(url.origin + url.pathname).toBe('https://calendar.google.com/calendar/render');
    expect(url.searchParams.get('action')).toBe('TEMPLATE');
    expect(url.searchParams.get('text')).toBe('Mentoring: Maya & Theo');
    expect(url.searchParams.get('dates')).toBe('20261201T090000Z/20261201T103000Z');
    expect(googleCalendarLink(event)).toContain('text=Mentoring%3A%20Maya%20%26%20Theo');
  });

  it('Outlook on the web gets the subject and ISO start/end', () => {
    const url = new URL(outlookCalendarLink(event));
    expect(url.origin + url.pathname).toBe('https://outlook.office.com/calendar/0/deeplink/compose');
    expect(url.searchParams.get('subject')).toBe('Mentoring: Maya & Theo');
    expect(url.searchParams.get('startdt')).toBe('2026-12-01T09:00:00Z');
    expect(url.searchParams.get('enddt')).toBe('2026-12-01T10:30:00Z');
  });
});

describe('the prep message and "Did you meet?"', () => {
  it('the working day before skips weekends and non-working days', () => {
    expect(workingDayBefore('2026-12-02', WEEKDAYS)).toBe('2026-12-01'); // Wed → Tue
    expect(workingDayBefore('2026-11-30', WEEKDAYS)).toBe('2026-11-27'); // Mon → Fri
    expect(workingDayBefore('2026-11-29', WEEKDAYS)).toBe('2026-11-27'); // Sun → Fri
    expect(workingDayBefore('2026-12-01', [2, 3, 4])).toBe('2026-11-26'); // Tue → Thu when Mon and Fri are off
    expect(workingDayBefore('2026-12-01', [])).toBe('2026-11-30');
  });

  it('the prep is due from the working day before, in the recipient’s zone, until the session starts', () => {
    // Mon 7 Dec 10:00 in Berlin = 09:00 UTC; the working day before is Fri 4 Dec.
    const input = { startsAt: new Date('2026-12-07T09:00:00Z'), tz: 'Europe/Berlin', workDays: WEEKDAYS };
    expect(sessionPrepDue(input, new Date('2026-12-03T22:59:00Z'))).toBeUndefined(); // 23:59 Thu in Berlin
    expect(sessionPrepDue(input, new Date('2026-12-03T23:00:00Z'))).toEqual({ dueOn: '2026-12-04' }); // 00:00 Fri in Berlin
    expect(sessionPrepDue(input, new Date('2026-12-07T08:59:00Z'))).toEqual({ dueOn: '2026-12-04' });
    expect(sessionPrepDue(input, new Date('2026-12-07T09:00:00Z'))).toBeUndefined();
  });

  it('"Did you meet?" is due from the day after the booking in the recipient’s zone, for a week', () => {
    // 23:30 UTC on Tue 1 Dec is already Wed 2 Dec in Berlin.
    const input = { startsAt: new Date('2026-12-01T23:30:00Z'), tz: 'Europe/Berlin' };
    expect(didYouMeetDue(input, new Date('2026-12-02T22:59:00Z'))).toBeUndefined();
    expect(didYouMeetDue(input, new Date('2026-12-02T23:00:00Z'))).toEqual({ dueOn: '2026-12-03' });
    expect(didYouMeetDue(input, new Date('2026-12-09T22:59:00Z'))).toEqual({ dueOn: '2026-12-03' });
    expect(didYouMeetDue(input, new Date('2026-12-09T23:00:00Z'))).toBeUndefined();
    expect(didYouMeetDue({ ...input, tz: 'America/New_York' }, new Date('2026-12-02T05:00:00Z'))).toEqual({ dueOn: '2026-12-02' });
  });
});

describe('a booked session holds off the quiet-pairing reminder', () => {
  // Anchor 2026-11-01, cadence 14 + grace 3: stalled from 2026-11-18.
  const base = { anchorOn: '2026-11-01', cadenceDays: 14, graceDays: 3 };

  it.each([
    ['no booking', null, '2026-11-18'],
    ['a booking before the usual stall day changes nothing', '2026-11-10', '2026-11-18'],
    ['a booking on the 16th holds it to the 20th (passed, plus 3 days)', '2026-11-16', '2026-11-20'],
    ['a booking on the 30th holds it to 4 Dec', '2026-11-30', '2026-12-04'],
  ])('%s', (_label, bookedOn, from) => {
    expect(stalledFrom({ ...base, bookedOn })).toBe(from);
  });

  it('is stalled exactly from the day after the booking plus grace, and the nudge series starts there', () => {
    const input = { ...base, bookedOn: '2026-11-30' };
    expect(isStalled(input, '2026-12-03')).toBe(false);
    expect(isStalled(input, '2026-12-04')).toBe(true);
    expect(stallDue(input, '2026-12-03')).toBeUndefined();
    expect(stallDue(input, '2026-12-04')).toEqual({ period: '2026-11-01#1', dueOn: '2026-12-04', repetition: 1 });
  });
});
