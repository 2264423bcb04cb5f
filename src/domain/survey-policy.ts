import { addDaysTo, addMonthsTo, daysBetween, type CalendarDay } from './calendar.ts';

/**
 * When each outcome survey is due, for which pairing and which person. Like the nudges, every due
 * survey has a deterministic key (rule, subject, period, recipient): the scheduler writes it once,
 * so a survey is asked exactly once however many sweeps see it due.
 */
export type SurveyRule = 'pulse' | 'exit_survey' | 'did_it_stick' | 'advice_impact';

export interface SurveySettings {
  pulseEnabled: boolean;
  /** Days of a pairing on which the pulse is asked (day 0 is the start day). */
  pulseDays: readonly number[];
  exitSurveyEnabled: boolean;
  didItStickEnabled: boolean;
  adviceImpactEnabled: boolean;
}

export const DEFAULT_PULSE_DAYS: readonly number[] = [30, 90];
export const DEFAULT_SURVEY_SETTINGS: SurveySettings = {
  pulseEnabled: true,
  pulseDays: DEFAULT_PULSE_DAYS,
  exitSurveyEnabled: true,
  didItStickEnabled: true,
  adviceImpactEnabled: true,
};

/**
 * How long a survey stays due after its day: a sweep that did not run, or a short pause, delays it
 * rather than losing it; a pairing found long after (a survey just turned on) is not asked about
 * the distant past.
 */
export const SURVEY_LATE_DAYS = 14;
/** "Did it stick" is asked this many months after a pairing ends. */
export const STICK_MONTHS = 3;

export interface SurveyPair {
  pairId: number;
  mentorId: string;
  menteeId: string;
  status: 'active' | 'paused' | 'ended';
  /** The pairing's start day (UTC). */
  startedOn: CalendarDay;
  /** The day (UTC) it ended; null while it runs (also after an ended pairing was resumed). */
  endedOn: CalendarDay | null;
  /** Members who deleted their data after the pairing ended: no survey asks them about it. */
  erasedIds?: string[];
}

export interface DueSurvey {
  rule: SurveyRule;
  subject: string;
  period: string;
  recipientId: string;
  pairId: number | null;
  dueOn: CalendarDay;
}

/** The exactly-once key, spelled as the nudges spell theirs. */
export function surveyKey(s: { rule: string; subject: string; period: string; recipientId: string }): string {
  return `${s.rule}|${s.subject}|${s.period}|${s.recipientId}`;
}

/** Pulse days as a program stores them, cleaned: whole positive days, once each, in order. */
export function normalizePulseDays(days: readonly number[]): number[] {
  return [...new Set(days.filter((d) => Number.isInteger(d) && d > 0))].sort((a, b) => a - b);
}

const bothMembers = (pair: SurveyPair): string[] => [pair.mentorId, pair.menteeId];
const stillAskable = (pair: SurveyPair) => (recipientId: string): boolean => !(pair.erasedIds ?? []).includes(recipientId);

/**
 * The pulse ("How is your mentoring going?") to each member of an active pairing on each pulse day,
 * still due for SURVEY_LATE_DAYS days after it, but never once the next pulse day has come (one
 * question at a time). Paused and ended pairings are not asked; a pause that ends within the late
 * window lets the pulse go out then.
 */
export function pulseDue(pair: SurveyPair, settings: SurveySettings, today: CalendarDay): Array<DueSurvey & { day: number }> {
  if (!settings.pulseEnabled || pair.status !== 'active') return [];
  const age = daysBetween(pair.startedOn, today);
  const reached = normalizePulseDays(settings.pulseDays).filter((d) => d <= age);
  const day = reached[reached.length - 1];
  if (day === undefined || age - day >= SURVEY_LATE_DAYS) return [];
  const dueOn = addDaysTo(pair.startedOn, day);
  return bothMembers(pair).map((recipientId) => ({ rule: 'pulse', subject: `pair:${pair.pairId}`, period: `day${day}`, recipientId, pairId: pair.pairId, dueOn, day }));
}

/**
 * The exit survey to each member when a pairing ends. The period is the end day: a pairing that was
 * resumed and ended again later is asked about its new end; one resumed (running again) is not asked.
 */
export function exitSurveyDue(pair: SurveyPair, settings: SurveySettings, today: CalendarDay): DueSurvey[] {
  if (!settings.exitSurveyEnabled || pair.status !== 'ended' || !pair.endedOn) return [];
  const late = daysBetween(pair.endedOn, today);
  if (late < 0 || late >= SURVEY_LATE_DAYS) return [];
  return bothMembers(pair).filter(stillAskable(pair)).map((recipientId) => ({
    rule: 'exit_survey', subject: `pair:${pair.pairId}`, period: pair.endedOn!, recipientId, pairId: pair.pairId, dueOn: pair.endedOn!,
  }));
}

/**
 * "Are you still using what you learned?" to the mentee only, three calendar months after the end
 * (a month-end day falls on the shorter month's last day: 30 Nov → 28 Feb).
 */
export function didItStickDue(pair: SurveyPair, settings: SurveySettings, today: CalendarDay): DueSurvey[] {
  if (!settings.didItStickEnabled || pair.status !== 'ended' || !pair.endedOn) return [];
  const dueOn = addMonthsTo(pair.endedOn, STICK_MONTHS);
  const late = daysBetween(dueOn, today);
  if (late < 0 || late >= SURVEY_LATE_DAYS) return [];
  if (!stillAskable(pair)(pair.menteeId)) return [];
  return [{ rule: 'did_it_stick', subject: `pair:${pair.pairId}`, period: pair.endedOn, recipientId: pair.menteeId, pairId: pair.pairId, dueOn }];
}

/** The calendar month a day falls in, 'YYYY-MM'. */
export function monthOf(day: CalendarDay): string {
  return day.slice(0, 7);
}

/** The month before the one `today` falls in: what the monthly advice-impact DM reports on. */
export function previousMonth(today: CalendarDay): string {
  return monthOf(addMonthsTo(`${monthOf(today)}-01`, -1));
}

/**
 * The monthly advice-impact DM to a mentor about last month's advice in their pairings of one
 * program: due from the 1st of each month, and only when there is something to report (advice was
 * given or closed in that month). The subject names the program: a mentor in two programs hears
 * about each.
 */
export function adviceImpactDue(
  input: { programId: number; mentorId: string; adviceGiven: number; adviceClosed: number },
  settings: SurveySettings,
  today: CalendarDay,
): DueSurvey | undefined {
  if (!settings.adviceImpactEnabled || input.adviceGiven + input.adviceClosed === 0) return undefined;
  return { rule: 'advice_impact', subject: `program:${input.programId}`, period: previousMonth(today), recipientId: input.mentorId, pairId: null, dueOn: `${monthOf(today)}-01` };
}
