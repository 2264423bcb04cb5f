import { describeDay, isCalendarDay, type CalendarDay } from './calendar.ts';

/** "We met" records a session of the program's usual length; this long when the program has none yet. */
export const DEFAULT_SESSION_MINUTES = 60;

/** A mentor asks how a piece of advice went at most once in this many days. */
export const ASK_AGAIN_DAYS = 7;

const DAY_MS = 86_400_000;

/** Why `day` cannot be the day a pair met, or undefined when it can: not in the future, not before the pairing started. */
export function meetingDayProblem(day: string, limits: { today: CalendarDay; startedOn: CalendarDay }): string | undefined {
  if (!isCalendarDay(day)) return 'Pick the day you met.';
  if (day > limits.today) return "That day hasn't come yet: record a meeting once it has happened.";
  if (day < limits.startedOn) return `Your pairing started on ${describeDay(limits.startedOn, limits.today)}: pick a day since then.`;
  return undefined;
}

/** When a mentor who last asked at `askedAt` may ask again: undefined when they may ask now. */
export function nextAskAt(askedAt: Date | null, now: Date): Date | undefined {
  if (!askedAt) return undefined;
  const next = new Date(askedAt.getTime() + ASK_AGAIN_DAYS * DAY_MS);
  return next > now ? next : undefined;
}

/** The instant before which an earlier ask still counts (what the database compares with). */
export function askWindowStart(now: Date): Date {
  return new Date(now.getTime() - ASK_AGAIN_DAYS * DAY_MS);
}
