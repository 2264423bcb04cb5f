import { addDaysTo, daysBetween, type CalendarDay } from './calendar.ts';

const BARS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * One block character per value, scaled to the largest: zero is the floor (▁), any positive
 * value rises at least one step above it, and the largest is a full block (█).
 */
export function sparkline(values: readonly number[]): string {
  const max = Math.max(0, ...values);
  return values
    .map((v) => {
      if (!(v > 0) || max === 0) return BARS[0];
      return BARS[Math.min(7, Math.max(1, Math.round((v / max) * 7)))];
    })
    .join('');
}

/** The days a trend of `weeks` seven-day windows covers, ending on (and including) `lastDay`. */
export function trendWindow(lastDay: CalendarDay, weeks: number): { from: CalendarDay; to: CalendarDay } {
  return { from: addDaysTo(lastDay, -(weeks * 7 - 1)), to: lastDay };
}

/**
 * Per-day counts summed into `weeks` rolling seven-day windows ending on `lastDay`, oldest first.
 * Rolling windows rather than calendar weeks, so the latest bar is never a half-finished week.
 */
export function weeklyTotals(days: ReadonlyArray<{ day: CalendarDay; count: number }>, lastDay: CalendarDay, weeks: number): number[] {
  const totals: number[] = new Array<number>(weeks).fill(0);
  for (const { day, count } of days) {
    const ago = daysBetween(day, lastDay);
    if (ago < 0 || ago >= weeks * 7) continue;
    totals[weeks - 1 - Math.floor(ago / 7)]! += count;
  }
  return totals;
}
