import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format } from 'date-fns';

/** A calendar day as 'YYYY-MM-DD': what a person means by "the 24th", independent of time zones. */
export type CalendarDay = string;

export const DEFAULT_TIME_ZONE = 'UTC';

export function isTimeZone(tz: string | null | undefined): tz is string {
  if (!tz) return false;
  try {
    Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** The calendar day it is for someone in `tz` at `instant`. */
export function dayIn(instant: Date, tz: string | null | undefined): CalendarDay {
  return format(new TZDate(instant, isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE), 'yyyy-MM-dd');
}

/** Day arithmetic happens on UTC midnights, so the host's own time zone can never shift a day. */
function utc(day: CalendarDay): TZDate {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new TZDate(y, m - 1, d, 'UTC');
}

function toDay(date: Date): CalendarDay {
  return format(date, 'yyyy-MM-dd');
}

export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && toDay(utc(text)) === text;
}

export function addDaysTo(day: CalendarDay, days: number): CalendarDay {
  return toDay(addDays(utc(day), days));
}

export function addMonthsTo(day: CalendarDay, months: number): CalendarDay {
  return toDay(addMonths(utc(day), months));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return differenceInCalendarDays(utc(to), utc(from));
}

/** "Mon 24 Nov" this year, "Mon 24 Nov 2027" otherwise. */
export function describeDay(day: CalendarDay, today: CalendarDay): string {
  return format(utc(day), day.slice(0, 4) === today.slice(0, 4) ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** "today", "yesterday", "3 days ago", "in 5 days". */
export function relativeDay(day: CalendarDay, today: CalendarDay): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  return diff < 0 ? `${-diff} days ago` : `in ${diff} days`;
}
