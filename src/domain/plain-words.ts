import { describeDay, type CalendarDay } from './calendar.ts';

/**
 * The words participants read for the program's ideas. Inside the code they keep their precise
 * names (open loops, stalled, grace days); people see these instead.
 */

/** "1 piece of advice", "2 pieces of advice". */
export function piecesOfAdvice(count: number): string {
  return count === 1 ? '1 piece of advice' : `${count} pieces of advice`;
}

/** What a mentee owes their mentor: "2 pieces of advice to report back on". */
export function adviceToReportBack(count: number): string {
  return `${piecesOfAdvice(count)} to report back on`;
}

/** The same count as the mentor reads it: "2 pieces of advice <@U1> has yet to report back on". */
export function adviceAwaitingReport(count: number, menteeMention: string): string {
  return `${piecesOfAdvice(count)} ${menteeMention} has yet to report back on`;
}

/** A pairing without a session for too long: "you haven't met since Mon 30 Nov" ("still" on a repeat). */
export function notMetSince(lastOn: CalendarDay, today: CalendarDay, opts: { still?: boolean } = {}): string {
  return `you ${opts.still ? 'still ' : ''}haven't met since ${describeDay(lastOn, today)}`;
}

/**
 * Who is who in a reverse pairing, said the same way in the join form and the kickoff: the junior
 * colleague is the mentor (gives the advice), the senior one the mentee (logs it and reports back).
 */
export const REVERSE_PAIRING = 'In a *reverse* pairing a more junior colleague mentors a more senior one on what they know best.';

/** Admins' name for stalled pairings: no session for their rhythm plus the extra days. */
export const NOT_MET_IN_TIME = "Pairings that haven't met in time";

/** The program's grace days, as a setting is labelled and summed up: "3 extra days before a reminder". */
export const EXTRA_DAYS_LABEL = 'Extra days before a reminder';

export function extraDays(days: number): string {
  return `${days} extra day${days === 1 ? '' : 's'} before a reminder`;
}
