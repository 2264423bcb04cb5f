import { addDaysTo, type CalendarDay } from './calendar.ts';
import { closureRate } from './report-stats.ts';

/** How many advice loops were given on one day and closed on another. */
export interface LoopDates {
  /** The day of the session the advice was given in. */
  givenOn: CalendarDay;
  /** The day (UTC, as the report counts it) the loops were closed (tried or marked not applicable); null while open. */
  closedOn: CalendarDay | null;
  count: number;
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
  return Array.from({ length: weeks }, (_, i) => {
    const weekEnding = addDaysTo(lastDay, -7 * (weeks - 1 - i));
    let given = 0;
    let closed = 0;
    for (const l of loops) {
      if (l.givenOn > weekEnding) continue;
      given += l.count;
      if (l.closedOn !== null && l.closedOn <= weekEnding) closed += l.count;
    }
    return { weekEnding, given, closed, rate: closureRate(closed, given - closed) };
  });
}
