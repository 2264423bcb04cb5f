import { TZDate } from '@date-fns/tz';
import { format, getISODay } from 'date-fns';
import { addDaysTo, daysBetween, DEFAULT_TIME_ZONE, isTimeZone, type CalendarDay } from './calendar.ts';
import { stalledFrom } from './pair-health.ts';

/** One due nudge before it has a recipient: which rule, about what, for which period, since when. */
export interface DueNudge {
  period: string;
  dueOn: CalendarDay;
}

/** How many stall nudges a pair gets: the first, then "stalled again" at most 3 times. */
export const MAX_STALL_NUDGES = 4;
export const STALL_REPEAT_DAYS = 7;
export const LOOP_REMINDER_DAYS = 7;

/**
 * A stalled pair (see `stalledFrom`) is nudged from the day it stalls, and again every 7 days while
 * still stalled, 4 times in all; the period names the anchor (so a new session starts a new
 * series) and the repetition.
 */
export function stallDue(input: { anchorOn: CalendarDay; cadenceDays: number; graceDays: number; bookedOn?: CalendarDay | null }, today: CalendarDay): (DueNudge & { repetition: number }) | undefined {
  const firstDue = stalledFrom(input);
  const late = daysBetween(firstDue, today);
  if (late < 0) return undefined;
  const repetition = Math.min(MAX_STALL_NUDGES, Math.floor(late / STALL_REPEAT_DAYS) + 1);
  return { period: `${input.anchorOn}#${repetition}`, dueOn: addDaysTo(firstDue, (repetition - 1) * STALL_REPEAT_DAYS), repetition };
}

/** Advice with no outcome: asked about on its follow-up day, reminded once 7 days later. */
export function closeLoopDue(input: { followUpOn: CalendarDay; snoozedUntil: CalendarDay | null }, today: CalendarDay): (DueNudge & { reminder: boolean }) | undefined {
  const from = input.snoozedUntil && input.snoozedUntil > input.followUpOn ? input.snoozedUntil : input.followUpOn;
  const late = daysBetween(from, today);
  if (late < 0) return undefined;
  const reminder = late >= LOOP_REMINDER_DAYS;
  return { period: `${from}#${reminder ? 2 : 1}`, dueOn: reminder ? addDaysTo(from, LOOP_REMINDER_DAYS) : from, reminder };
}

/** A goal whose target date has passed without being achieved; a new date starts a new period. */
export function goalDateDue(input: { targetDate: CalendarDay }, today: CalendarDay): DueNudge | undefined {
  if (input.targetDate >= today) return undefined;
  return { period: input.targetDate, dueOn: addDaysTo(input.targetDate, 1) };
}

export function reviewDue(input: { reviewOn: CalendarDay }, today: CalendarDay): DueNudge | undefined {
  if (input.reviewOn > today) return undefined;
  return { period: input.reviewOn, dueOn: input.reviewOn };
}

/**
 * A program's end: due from its end date on (a sweep that missed the day still wraps up), once per
 * end date (moving the date is a new end). A program without an end date never ends.
 */
export function programEndDue(input: { endsOn: CalendarDay | null }, today: CalendarDay): DueNudge | undefined {
  if (input.endsOn === null || input.endsOn > today) return undefined;
  return { period: input.endsOn, dueOn: input.endsOn };
}

/** The weekly digest is due on Mondays in the admin's zone; the period is that ISO week. */
export function digestDue(instant: Date, tz: string | null | undefined): DueNudge | undefined {
  const local = new TZDate(instant, isTimeZone(tz) ? tz : DEFAULT_TIME_ZONE);
  if (getISODay(local) !== 1) return undefined;
  return { period: format(local, "RRRR-'W'II"), dueOn: format(local, 'yyyy-MM-dd') };
}
