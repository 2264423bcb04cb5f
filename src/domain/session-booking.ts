import { TZDate } from '@date-fns/tz';
import { format, getISODay } from 'date-fns';
import { addDaysTo, dayIn, daysBetween, DEFAULT_TIME_ZONE, isTimeZone, type CalendarDay } from './calendar.ts';

/** A wall-clock time, 'HH:mm'. */
export type ClockTime = string;

/** A booking's start as a person picks it: a day and a time in their own zone. */
export interface LocalSlot {
  day: CalendarDay;
  time: ClockTime;
}

/** When nobody has booked before: mid-morning. */
export const DEFAULT_BOOKING_TIME = '10:00';
export const DEFAULT_BOOKING_MINUTES = 60;
/** A booking further ahead than this is a typo, not a plan. */
export const MAX_BOOKING_DAYS_AHEAD = 180;
/** "Did you meet?" is asked from the day after the booking, and not about bookings older than this. */
export const MEET_QUESTION_DAYS = 7;

const zone = (tz: string | null | undefined) => (isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);

export function isClockTime(text: string): boolean {
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(text);
}

/** The instant of a day and wall-clock time in `tz` (a time skipped by a DST change moves forward). */
export function instantOf(slot: LocalSlot, tz: string | null | undefined): Date {
  const [y, m, d] = slot.day.split('-').map(Number) as [number, number, number];
  const [h, min] = slot.time.split(':').map(Number) as [number, number];
  return new Date(new TZDate(y, m - 1, d, h, min, zone(tz)).getTime());
}

/** The day and wall-clock time of `instant` for someone in `tz`. */
export function slotOf(instant: Date, tz: string | null | undefined): LocalSlot {
  const local = new TZDate(instant, zone(tz));
  return { day: format(local, 'yyyy-MM-dd'), time: format(local, 'HH:mm') };
}

/**
 * What the booking form offers: the last session (or the start) plus the pair's rhythm, never
 * before tomorrow, at the time of the person's last booking, else 10:00, in their zone.
 */
export function defaultSlot(input: { anchorOn: CalendarDay; cadenceDays: number; lastBookedAt: Date | null; tz: string | null | undefined }, now: Date): LocalSlot {
  const tomorrow = addDaysTo(dayIn(now, zone(input.tz)), 1);
  const due = addDaysTo(input.anchorOn, input.cadenceDays);
  return { day: due < tomorrow ? tomorrow : due, time: input.lastBookedAt ? slotOf(input.lastBookedAt, input.tz).time : DEFAULT_BOOKING_TIME };
}

export type BookingProblem = 'past' | 'too_far';

/** Why a start cannot be booked at `now`, or undefined when it can. */
export function bookingProblem(startsAt: Date, now: Date): BookingProblem | undefined {
  if (startsAt.getTime() <= now.getTime()) return 'past';
  if (startsAt.getTime() > now.getTime() + MAX_BOOKING_DAYS_AHEAD * 86_400_000) return 'too_far';
  return undefined;
}

/** "Tue 1 Dec, 10:00–11:00" in `tz` (the year when it is not this year's). */
export function describeSlot(startsAt: Date, minutes: number, tz: string | null | undefined, today: CalendarDay): string {
  const start = new TZDate(startsAt, zone(tz));
  const end = new TZDate(startsAt.getTime() + minutes * 60_000, zone(tz));
  const day = format(start, format(start, 'yyyy') === today.slice(0, 4) ? 'EEE d MMM' : 'EEE d MMM yyyy');
  return `${day}, ${format(start, 'HH:mm')}–${format(end, 'HH:mm')}`;
}

export interface CalendarEvent {
  title: string;
  details: string;
  startsAt: Date;
  minutes: number;
}

const endOf = (e: CalendarEvent) => new Date(e.startsAt.getTime() + e.minutes * 60_000);
/** 20261201T090000Z, as Google Calendar takes it. */
const compactUtc = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}Z$/, 'Z');
/** 2026-12-01T09:00:00Z, as Outlook takes it. */
const isoUtc = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');
const query = (params: Array<[string, string]>) => params.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');

/** An "add to Google Calendar" link for the event (times in UTC, so it lands right in any zone). */
export function googleCalendarLink(e: CalendarEvent): string {
  return `https://calendar.google.com/calendar/render?${query([
    ['action', 'TEMPLATE'],
    ['text', e.title],
    ['dates', `${compactUtc(e.startsAt)}/${compactUtc(endOf(e))}`],
    ['details', e.details],
  ])}`;
}

/** An "add to Outlook on the web" link for the event. */
export function outlookCalendarLink(e: CalendarEvent): string {
  return `https://outlook.office.com/calendar/0/deeplink/compose?${query([
    ['subject', e.title],
    ['startdt', isoUtc(e.startsAt)],
    ['enddt', isoUtc(endOf(e))],
    ['body', e.details],
    ['path', '/calendar/action/compose'],
    ['rru', 'addevent'],
  ])}`;
}

/** The working day before `day` (ISO weekdays, 1 = Monday); the day before when no day is a working day. */
export function workingDayBefore(day: CalendarDay, workDays: number[]): CalendarDay {
  for (let back = 1; back <= 7; back += 1) {
    const candidate = addDaysTo(day, -back);
    const [y, m, d] = candidate.split('-').map(Number) as [number, number, number];
    if (workDays.includes(getISODay(new Date(Date.UTC(y, m - 1, d, 12))))) return candidate;
  }
  return addDaysTo(day, -1);
}

/**
 * The prep DM is due from the working day before the booking (in the recipient's zone) until it
 * starts; the period names the booking's start, so a moved booking is a new question.
 */
export function sessionPrepDue(input: { startsAt: Date; tz: string | null | undefined; workDays: number[] }, now: Date): { dueOn: CalendarDay } | undefined {
  if (now.getTime() >= input.startsAt.getTime()) return undefined;
  const dueOn = workingDayBefore(dayIn(input.startsAt, zone(input.tz)), input.workDays);
  return dayIn(now, zone(input.tz)) >= dueOn ? { dueOn } : undefined;
}

/** "Did you meet?" is due the day after the booking (in the recipient's zone), for a week. */
export function didYouMeetDue(input: { startsAt: Date; tz: string | null | undefined }, now: Date): { dueOn: CalendarDay } | undefined {
  const bookedOn = dayIn(input.startsAt, zone(input.tz));
  const late = daysBetween(bookedOn, dayIn(now, zone(input.tz)));
  return late >= 1 && late <= MEET_QUESTION_DAYS ? { dueOn: addDaysTo(bookedOn, 1) } : undefined;
}
