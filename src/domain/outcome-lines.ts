import { addMonthsTo, type CalendarDay } from './calendar.ts';
import { PULSE_ANSWERS, shareOf, type Figure, type OutcomeFigures, type PulseAnswer } from './outcomes.ts';
import { oneDecimal } from './report-stats.ts';

/**
 * The outcome figures as named lines, in one order, for every place that shows them: the report,
 * the charts and the CSV export. Only aggregates: a figure under the 5-answer floor has no value.
 */
export const NOT_ENOUGH_ANSWERS = 'not enough answers yet';

export type OutcomeScale = 'percent' | 'mean_of_5' | 'nps' | 'change';

export interface OutcomeLine {
  /** Stable name, the CSV's `figure` column. */
  key: string;
  label: string;
  scale: OutcomeScale;
  /** The number (a percentage 0–100, a mean, a score, a change), null under the answer floor. */
  value: number | null;
  /** How many answers it counts (for "advice worked", how much advice was tried); null under the floor. */
  answers: number | null;
  /** The value in words, e.g. "60% (5 answers)", or "not enough answers yet". */
  text: string;
}

export const PULSE_LABELS: Record<PulseAnswer, string> = { going_well: 'going well', could_be_better: 'could be better', not_working: 'not working' };

const signed = (value: number): string => (value > 0 ? `+${value}` : String(value));

function valueText(scale: OutcomeScale, value: number): string {
  switch (scale) {
    case 'percent':
      return `${Math.round(value)}%`;
    case 'mean_of_5':
      return `${oneDecimal(value)} / 5`;
    case 'nps':
      return signed(Math.round(value));
    case 'change':
      return `${signed(Number(oneDecimal(value)))} ${Math.abs(value) === 1 ? 'point' : 'points'}`;
  }
}

function line(key: string, label: string, scale: OutcomeScale, figure: Figure, counted: (n: number) => string): OutcomeLine {
  if (figure.kind !== 'figure') return { key, label, scale, value: null, answers: null, text: NOT_ENOUGH_ANSWERS };
  return { key, label, scale, value: figure.value, answers: figure.answers, text: `${valueText(scale, figure.value)} (${counted(figure.answers)})` };
}

const answers = (n: number) => `${n} ${n === 1 ? 'answer' : 'answers'}`;

/** Every outcome figure of a program (or of one month), labelled. */
export function outcomeLines(f: OutcomeFigures): OutcomeLine[] {
  return [
    line('objective_reached_pct', 'Objective reached', 'percent', f.objectiveReached, answers),
    line('satisfaction_mean', 'Satisfaction', 'mean_of_5', f.satisfaction, answers),
    line('recommendation_score', 'Recommendation score (NPS)', 'nps', f.recommendation, answers),
    line('confidence_change_median', 'Confidence change (median)', 'change', f.confidenceChange, (n) => `${n} ${n === 1 ? 'goal' : 'goals'}`),
    ...PULSE_ANSWERS.map((a) => line(`pulse_${a}_pct`, `Pulse: ${PULSE_LABELS[a]}`, 'percent', shareOf(f.pulse, a), answers)),
    line('advice_tried_pct', 'Advice tried', 'percent', f.adviceTried, (n) => `${n} closed`),
    line('advice_worked_pct', 'Tried advice that worked', 'percent', f.adviceWorked, (n) => `${n} tried`),
    line('did_it_stick_pct', 'Still using what they learned', 'percent', f.didItStick, answers),
  ];
}

/** The pulse distribution in one line: "60% going well · 20% could be better · 20% not working (10 answers)". */
export function pulseText(f: OutcomeFigures): string {
  if (f.pulse.kind !== 'distribution') return NOT_ENOUGH_ANSWERS;
  const shares = f.pulse.shares;
  return `${PULSE_ANSWERS.map((a) => `${Math.round(shares[a])}% ${PULSE_LABELS[a]}`).join(' · ')} (${answers(f.pulse.answers)})`;
}

/** The `count` calendar months ('YYYY-MM') ending with the month of `today`, oldest first. */
export function lastMonths(today: CalendarDay, count: number): string[] {
  const first = `${today.slice(0, 7)}-01`;
  return Array.from({ length: count }, (_, i) => addMonthsTo(first, i - (count - 1)).slice(0, 7));
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Nov 2026" for '2026-11'. */
export function monthLabel(month: string): string {
  return `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
}
