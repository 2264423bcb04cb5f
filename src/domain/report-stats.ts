import { dayIn, daysBetween, type CalendarDay } from './calendar.ts';

/** The middle value (the mean of the middle two for an even count); null when there is none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** part / whole, or null when the whole is zero (a rate of nothing is not 0%). */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

/** Share of advice loops closed (tried or marked not applicable) among all recorded. */
export function closureRate(closed: number, open: number): number | null {
  return ratio(closed, closed + open);
}

/** Calendar days from the session where advice was given to the day (UTC) its loop was closed. */
export function daysToClose(givenOn: CalendarDay, closedAt: Date): number {
  return Math.max(0, daysBetween(givenOn, dayIn(closedAt, 'UTC')));
}

/** "60%" for 0.6; rounding to a whole percent is as precise as a program report needs. */
export function percent(rate: number): string {
  return `${Math.round(rate * 100)}%`;
}

/** At most one decimal, without a trailing ".0": 4, 3.5, 4.3. */
export function oneDecimal(value: number): string {
  return String(Math.round(value * 10) / 10);
}
