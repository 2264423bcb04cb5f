import { addDaysTo, daysBetween, type CalendarDay } from './calendar.ts';

/** What decides whether a pairing has stalled. */
export interface StallInput {
  /** The day its rhythm counts from: the last session, or the start when none was logged. */
  anchorOn: CalendarDay;
  cadenceDays: number;
  graceDays: number;
  /** The UTC day of the pairing's booked next session, if one is booked. */
  bookedOn?: CalendarDay | null;
}

/**
 * The one definition of a stalled pairing: no session for cadence + grace days, and no booked
 * session that has not yet passed by grace days. This is the first day it counts as stalled (and
 * the day the scheduler's first stall nudge is due).
 */
export function stalledFrom(input: StallInput): CalendarDay {
  const usual = addDaysTo(input.anchorOn, input.cadenceDays + input.graceDays);
  if (!input.bookedOn) return usual;
  const heldOff = addDaysTo(input.bookedOn, input.graceDays + 1);
  return heldOff > usual ? heldOff : usual;
}

export function isStalled(input: StallInput, today: CalendarDay): boolean {
  return stalledFrom(input) <= today;
}

export interface PairRhythm {
  /** When the next session is due: a cadence after the last one, or after the start. */
  nextDueOn: CalendarDay;
  /** Days since the last session (or since the start when none was logged). */
  daysSinceLast: number;
  /** No session for cadence + grace days (see `isStalled`). */
  stalled: boolean;
  overdue: boolean;
}

export function pairRhythm(
  input: { startedOn: CalendarDay; lastSessionOn: CalendarDay | null; cadenceDays: number; graceDays: number; bookedOn?: CalendarDay | null },
  today: CalendarDay,
): PairRhythm {
  const anchorOn = input.lastSessionOn ?? input.startedOn;
  const daysSinceLast = Math.max(0, daysBetween(anchorOn, today));
  return {
    nextDueOn: addDaysTo(anchorOn, input.cadenceDays),
    daysSinceLast,
    overdue: daysSinceLast > input.cadenceDays,
    stalled: isStalled({ anchorOn, cadenceDays: input.cadenceDays, graceDays: input.graceDays, bookedOn: input.bookedOn ?? null }, today),
  };
}

/** A stalled pairing as admins see it: who, and how long it has been quiet. */
export interface StalledPair {
  pairId: number;
  mentorId: string;
  menteeId: string;
  daysSinceLast: number;
  lastSessionOn: string | null;
}

/**
 * The stalled ones among a program's active pairings, the longest quiet first (then oldest
 * pairing first). Every admin surface lists stalled pairings through this.
 */
export function stalledPairings(
  active: ReadonlyArray<{ pairId: number; mentorId: string; menteeId: string; startedOn: CalendarDay; lastSessionOn: CalendarDay | null; cadenceDays: number; bookedOn?: CalendarDay | null }>,
  graceDays: number,
  today: CalendarDay,
): StalledPair[] {
  return active
    .map((p) => ({ p, rhythm: pairRhythm({ startedOn: p.startedOn, lastSessionOn: p.lastSessionOn, cadenceDays: p.cadenceDays, graceDays, bookedOn: p.bookedOn ?? null }, today) }))
    .filter(({ rhythm }) => rhythm.stalled)
    .sort((a, b) => b.rhythm.daysSinceLast - a.rhythm.daysSinceLast || a.p.pairId - b.p.pairId)
    .map(({ p, rhythm }) => ({ pairId: p.pairId, mentorId: p.mentorId, menteeId: p.menteeId, daysSinceLast: rhythm.daysSinceLast, lastSessionOn: p.lastSessionOn }));
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
