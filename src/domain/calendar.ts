import { UTCDate } from '@date-fns/utc';
import { addMonths, format } from 'date-fns';

/** A calendar day as 'YYYY-MM-DD': what a person means by "the 24th", independent of time zones. */
export type CalendarDay = string;

export const DEFAULT_TIME_ZONE = 'UTC';

// Building an Intl formatter costs far more than using one: keep one per zone (a few hundred at most).
const dayFormatters = new Map<string, Intl.DateTimeFormat | null>();

function dayFormatter(tz: string): Intl.DateTimeFormat | null {
  let formatter = dayFormatters.get(tz);
  if (formatter === undefined) {
    try {
      // en-CA formats dates as YYYY-MM-DD; the platform's time-zone database does the zone work.
      formatter = new Intl.DateTimeFormat('en-CA', { timeZone: tz, year: 'numeric', month: '2-digit', day: '2-digit' });
    } catch {
      formatter = null;
    }
    dayFormatters.set(tz, formatter);
  }
  return formatter;
}

export function isTimeZone(tz: string | null | undefined): tz is string {
  return Boolean(tz) && dayFormatter(tz!) !== null;
}

/** The calendar day it is for someone in `tz` at `instant`. */
export function dayIn(instant: Date, tz: string | null | undefined): CalendarDay {
  return (dayFormatter(isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE) as Intl.DateTimeFormat).format(instant);
}

/** Day arithmetic happens on UTC midnights, so the host's own time zone can never shift a day. */
function utc(day: CalendarDay): UTCDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new UTCDate(y, m - 1, d);
}

function toDay(date: Date): CalendarDay {
  return format(date, 'yyyy-MM-dd');
}

export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && toDay(utc(text)) === text;
}

const DAY_MS = 86_400_000;

/** Milliseconds of a day's UTC midnight: cheap enough for the sweep's thousands of comparisons. */
function utcMidnight(day: CalendarDay): number {
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
}

// UTC days are exactly 24 hours long, so whole-day steps need no calendar library here.
export function addDaysTo(day: CalendarDay, days: number): CalendarDay {
  return new Date(utcMidnight(day) + days * DAY_MS).toISOString().slice(0, 10);
}

export function addMonthsTo(day: CalendarDay, months: number): CalendarDay {
  return toDay(addMonths(utc(day), months));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return Math.round((utcMidnight(to) - utcMidnight(from)) / DAY_MS);
}

/**
 * The one way a date reads in anything people see: "Mon 24 Nov" this year, "Mon 24 Nov 2027"
 * otherwise. `today` is the reader's own day. ISO days belong to CSV files and exports only.
 */
export function describeDay(day: CalendarDay, today: CalendarDay): string {
  return format(utc(day), day.slice(0, 4) === today.slice(0, 4) ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** An instant (a pause's end, when advice was logged) as its day for someone in `tz`, said by `describeDay`. */
export function describeDayOf(instant: Date, tz: string | null | undefined, now: Date): string {
  return describeDay(dayIn(instant, tz), dayIn(now, tz));
}

/** "today", "yesterday", "3 days ago", "in 5 days". */
export function relativeDay(day: CalendarDay, today: CalendarDay): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  return diff < 0 ? `${-diff} days ago` : `in ${diff} days`;
}
