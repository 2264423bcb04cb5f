import { addDaysTo, daysBetween, type CalendarDay } from './calendar.ts';

export interface PairRhythm {
  /** When the next session is due: a cadence after the last one, or after the start. */
  nextDueOn: CalendarDay;
  /** Days since the last session (or since the start when none was logged). */
  daysSinceLast: number;
  /** No session for cadence + grace days. */
  stalled: boolean;
  overdue: boolean;
}

export function pairRhythm(
  input: { startedOn: CalendarDay; lastSessionOn: CalendarDay | null; cadenceDays: number; graceDays: number },
  today: CalendarDay,
): PairRhythm {
  const anchor = input.lastSessionOn ?? input.startedOn;
  const daysSinceLast = Math.max(0, daysBetween(anchor, today));
  return {
    nextDueOn: addDaysTo(anchor, input.cadenceDays),
    daysSinceLast,
    overdue: daysSinceLast > input.cadenceDays,
    stalled: daysSinceLast >= input.cadenceDays + input.graceDays,
  };
}

/** "3 of 5 milestones" style progress; a goal without milestones reports none. */
export function milestoneProgress(milestones: Array<{ done: boolean }>): { done: number; total: number } {
  return { done: milestones.filter((m) => m.done).length, total: milestones.length };
}

/** A ten-cell bar such as ▰▰▰▱▱▱▱▱▱▱ for goal progress. */
export function progressBar(done: number, total: number, cells = 10): string {
  if (total <= 0) return '';
  const filled = Math.round((done / total) * cells);
  return '▰'.repeat(filled) + '▱'.repeat(cells - filled);
}
