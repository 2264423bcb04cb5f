import { TZDate } from '@date-fns/tz';
import { addDays, addMonths, differenceInCalendarDays, format, isValid, parseISO } from 'date-fns';

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

export function isCalendarDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && isValid(parseISO(text)) && format(parseISO(text), 'yyyy-MM-dd') === text;
}

export function addDaysTo(day: CalendarDay, days: number): CalendarDay {
  return format(addDays(parseISO(day), days), 'yyyy-MM-dd');
}

export function addMonthsTo(day: CalendarDay, months: number): CalendarDay {
  return format(addMonths(parseISO(day), months), 'yyyy-MM-dd');
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDay, to: CalendarDay): number {
  return differenceInCalendarDays(parseISO(to), parseISO(from));
}

/** "Mon 24 Nov" this year, "Mon 24 Nov 2027" otherwise. */
export function describeDay(day: CalendarDay, today: CalendarDay): string {
  const date = parseISO(day);
  return format(date, day.slice(0, 4) === today.slice(0, 4) ? 'EEE d MMM' : 'EEE d MMM yyyy');
}

/** "today", "yesterday", "3 days ago", "in 5 days". */
export function relativeDay(day: CalendarDay, today: CalendarDay): string {
  const diff = daysBetween(today, day);
  if (diff === 0) return 'today';
  if (diff === -1) return 'yesterday';
  if (diff === 1) return 'tomorrow';
  return diff < 0 ? `${-diff} days ago` : `in ${diff} days`;
}
