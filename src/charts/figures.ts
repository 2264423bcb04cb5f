import type { CalendarDay } from '../domain/calendar.ts';
import type { ClosurePoint } from '../domain/closure-trend.ts';
import { NOT_ENOUGH_ANSWERS } from '../domain/outcome-lines.ts';
import type { PulseAnswer } from '../domain/outcomes.ts';
import { percent } from '../domain/report-stats.ts';

export { NOT_ENOUGH_ANSWERS };

/** One bar of an outcome chart. */
export interface OutcomeFigure {
  label: string;
  /** A share 0–1 on a percent chart, a count on a count chart; null when there is nothing to show. */
  value: number | null;
  /**
   * What the bar's label says, e.g. "80% (8 of 10)"; for null, why there is no bar. Default: the
   * value as a percent or count, and "not enough answers yet" for null.
   */
  text?: string;
}

export interface OutcomeChartInput {
  title: string;
  scale: 'percent' | 'count';
  figures: OutcomeFigure[];
}

/** Everything the charts of one program draw, as of one day. Built from the program report. */
export interface ChartFigures {
  programName: string;
  asOf: CalendarDay;
  /** Sessions per seven-day window, oldest first, the last one ending on `to`. */
  sessions: { weeks: number[]; from: CalendarDay; to: CalendarDay };
  /** Loop closure at the end of the same windows. */
  closure: ClosurePoint[];
  outcomes: OutcomeChartInput;
  /** Pulse answers per calendar month, oldest first; shares (0–100) are null under the 5-answer floor. */
  pulse: PulseMonth[];
  /** The survey outcome figures (objective reached, satisfaction, …), aggregates only. */
  results: OutcomeChartInput;
}

export interface PulseMonth {
  /** 'YYYY-MM' */
  month: string;
  shares: Record<PulseAnswer, number> | null;
}


/** The label a figure shows: its own text, else its value in the chart's scale. */
export function figureText(figure: OutcomeFigure, scale: OutcomeChartInput['scale']): string {
  if (figure.text !== undefined) return figure.text;
  if (figure.value === null) return NOT_ENOUGH_ANSWERS;
  return scale === 'percent' ? percent(figure.value) : String(Math.round(figure.value * 10) / 10);
}

/** A share with its count, or why there is none: "80% (8 of 10)", "no goals yet". */
export function shareFigure(label: string, part: number, whole: number, none: string): OutcomeFigure {
  if (whole <= 0) return { label, value: null, text: none };
  const rate = part / whole;
  return { label, value: rate, text: `${percent(rate)} (${part} of ${whole})` };
}
