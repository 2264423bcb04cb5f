import { addDaysTo, dayIn, type CalendarDay } from './calendar.ts';
import { closureRate } from './report-stats.ts';

export interface LoopDates {
  /** The day of the session the advice was given in. */
  givenOn: CalendarDay;
  /** When the loop was closed (tried or marked not applicable); null while open. */
  closedAt: Date | null;
}

export interface ClosurePoint {
  /** The last day of the seven-day window. */
  weekEnding: CalendarDay;
  /** Advice given up to that day. */
  given: number;
  /** Of that, loops closed by that day (UTC, as the report counts them). */
  closed: number;
  /** closed / given, or null when no advice had been given yet. */
  rate: number | null;
}

/**
 * Loop closure as it stood at the end of each of `weeks` seven-day windows ending on `lastDay`,
 * oldest first: the same windows as the sessions trend, so the two charts line up.
 */
export function closureTrend(loops: readonly LoopDates[], lastDay: CalendarDay, weeks: number): ClosurePoint[] {
  const closedOn = loops.map((l) => ({ givenOn: l.givenOn, closedOn: l.closedAt ? dayIn(l.closedAt, 'UTC') : null }));
  return Array.from({ length: weeks }, (_, i) => {
    const weekEnding = addDaysTo(lastDay, -7 * (weeks - 1 - i));
    const given = closedOn.filter((l) => l.givenOn <= weekEnding);
    const closed = given.filter((l) => l.closedOn !== null && l.closedOn <= weekEnding).length;
    return { weekEnding, given: given.length, closed, rate: closureRate(closed, given.length - closed) };
  });
}
