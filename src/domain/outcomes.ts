import type { AdviceOutcome } from './inputs.ts';
import { median } from './report-stats.ts';

/**
 * What mentoring changed, per program and per month, from counted answers only. Small groups are
 * protected: a figure over fewer than MIN_ANSWERS answers is "not enough answers yet", never a
 * number, so no figure can point at one person's answer.
 */
export const MIN_ANSWERS = 5;

export type PulseAnswer = 'going_well' | 'could_be_better' | 'not_working';
/** When the mentee rates their confidence in a goal: as it is set, as it closes, at a review, at the end. */
export type ConfidenceMoment = 'set' | 'achieved' | 'dropped' | 'review' | 'end';
export type Reached = 'yes' | 'partly' | 'no';
export const PULSE_ANSWERS: readonly PulseAnswer[] = ['going_well', 'could_be_better', 'not_working'];
export const REACHED_ANSWERS: readonly Reached[] = ['yes', 'partly', 'no'];

export type NotEnough = { kind: 'not_enough_answers' };
/** One number (a percentage, a mean, a score) over `answers` answers. */
export type Figure = { kind: 'figure'; value: number; answers: number } | NotEnough;
/** Percentages (0–100) of each answer over `answers` answers. */
export type Distribution<K extends string> = { kind: 'distribution'; shares: Record<K, number>; answers: number } | NotEnough;

/** How many answers had each value (what the repositories count; never who answered). */
export type Tally<V> = ReadonlyArray<{ value: V; count: number }>;
/** A tally per calendar month ('YYYY-MM'). */
export type MonthlyTally<V> = ReadonlyArray<{ month: string; value: V; count: number }>;

const NOT_ENOUGH: NotEnough = { kind: 'not_enough_answers' };

function total<V>(tally: Tally<V>): number {
  return tally.reduce((n, t) => n + t.count, 0);
}

function countOf<V>(tally: Tally<V>, match: (v: V) => boolean): number {
  return tally.reduce((n, t) => n + (match(t.value) ? t.count : 0), 0);
}

function figure(value: number, answers: number): Figure {
  return answers < MIN_ANSWERS ? NOT_ENOUGH : { kind: 'figure', value, answers };
}

/** part of whole as a percentage; multiplying first keeps exact shares exact (3 of 5 is 60). */
const pct = (part: number, whole: number) => (100 * part) / whole;

export function distribution<K extends string>(keys: readonly K[], tally: Tally<K>): Distribution<K> {
  const answers = total(tally);
  if (answers < MIN_ANSWERS) return NOT_ENOUGH;
  const shares = Object.fromEntries(keys.map((k) => [k, pct(countOf(tally, (v) => v === k), answers)])) as Record<K, number>;
  return { kind: 'distribution', shares, answers };
}

/** One answer's share of a distribution, as a figure of its own. */
export function shareOf<K extends string>(d: Distribution<K>, key: K): Figure {
  return d.kind === 'distribution' ? { kind: 'figure', value: d.shares[key], answers: d.answers } : NOT_ENOUGH;
}

export function pulseDistribution(tally: Tally<PulseAnswer>): Distribution<PulseAnswer> {
  return distribution(PULSE_ANSWERS, tally);
}

/** Exit surveys: objective reached yes / partly / no; "objective reached %" is the yes share. */
export function objectiveReached(tally: Tally<Reached>): Distribution<Reached> {
  return distribution(REACHED_ANSWERS, tally);
}

/** "Are you still using what you learned?"; "did it stick %" is the yes share. */
export function didItStick(tally: Tally<Reached>): Distribution<Reached> {
  return distribution(REACHED_ANSWERS, tally);
}

/** Mean of 1–5 satisfaction ratings. */
export function satisfactionMean(tally: Tally<number>): Figure {
  const answers = total(tally);
  return figure(tally.reduce((sum, t) => sum + t.value * t.count, 0) / answers, answers);
}

/** Net promoter score from 0–10 answers: % promoters (9–10) minus % detractors (0–6), −100 to 100. */
export function recommendationScore(tally: Tally<number>): Figure {
  const answers = total(tally);
  const promoters = countOf(tally, (v) => v >= 9);
  const detractors = countOf(tally, (v) => v <= 6);
  return figure(pct(promoters - detractors, answers), answers);
}

/** The median of each goal's confidence change (last rating after minus the rating when it was set). */
export function confidenceChange(tally: Tally<{ before: number; after: number }>): Figure {
  const changes = tally.flatMap((t) => Array<number>(t.count).fill(t.value.after - t.value.before));
  return figure(median(changes) ?? 0, changes.length);
}

/** One confidence rating (1–5) the mentee gave a goal. */
export interface ConfidenceRating {
  id: number;
  goalId: number;
  moment: ConfidenceMoment;
  rating: number;
  ratedAt: Date;
}

/**
 * Per goal: the rating when it was set and the latest rating after it (achieved, dropped, a review,
 * the end), as a tally of (before, after). A goal without both is left out: no change to count.
 */
export function confidenceChangesPerGoal(ratings: readonly ConfidenceRating[]): Tally<{ before: number; after: number }> {
  const byGoal = new Map<number, { set?: ConfidenceRating; latest?: ConfidenceRating }>();
  for (const r of ratings) {
    const goal = byGoal.get(r.goalId) ?? {};
    if (r.moment === 'set') goal.set = r;
    else if (!goal.latest || r.ratedAt > goal.latest.ratedAt || (r.ratedAt.getTime() === goal.latest.ratedAt.getTime() && r.id > goal.latest.id)) goal.latest = r;
    byGoal.set(r.goalId, goal);
  }
  const out: Array<{ value: { before: number; after: number }; count: number }> = [];
  for (const { set, latest } of byGoal.values()) {
    if (!set || !latest) continue;
    const hit = out.find((o) => o.value.before === set.rating && o.value.after === latest.rating);
    if (hit) hit.count++;
    else out.push({ value: { before: set.rating, after: latest.rating }, count: 1 });
  }
  return out;
}

/** The median change per goal, from the rating when set to the latest later one; under 5 goals, not enough. */
export function medianConfidenceChange(ratings: readonly ConfidenceRating[]): Figure {
  return confidenceChange(confidenceChangesPerGoal(ratings));
}

/** Of closed advice, the share tried (worked or not); "not applicable" counts as not tried. */
export function adviceTried(tally: Tally<Exclude<AdviceOutcome, 'open'>>): Figure {
  const answers = total(tally);
  return figure(pct(countOf(tally, (v) => v === 'tried_worked' || v === 'tried_didnt'), answers), answers);
}

/** Of advice that was tried, the share that worked. */
export function adviceWorked(tally: Tally<Exclude<AdviceOutcome, 'open'>>): Figure {
  const tried = countOf(tally, (v) => v === 'tried_worked' || v === 'tried_didnt');
  return figure(pct(countOf(tally, (v) => v === 'tried_worked'), tried), tried);
}

/** The whole tally, months merged (equal values added up). */
export function overall<V>(rows: MonthlyTally<V>, same: (a: V, b: V) => boolean = Object.is): Tally<V> {
  const merged: Array<{ value: V; count: number }> = [];
  for (const r of rows) {
    const hit = merged.find((m) => same(m.value, r.value));
    if (hit) hit.count += r.count;
    else merged.push({ value: r.value, count: r.count });
  }
  return merged;
}

/** One aggregate per month, oldest first; each month is protected on its own. */
export function monthly<V, R>(rows: MonthlyTally<V>, aggregate: (t: Tally<V>) => R): Array<{ month: string; figure: R }> {
  const months = [...new Set(rows.map((r) => r.month))].sort();
  return months.map((month) => ({ month, figure: aggregate(rows.filter((r) => r.month === month)) }));
}

/** Everything a program's outcome report is computed from. */
export interface OutcomeInputs {
  pulse: MonthlyTally<PulseAnswer>;
  objective: MonthlyTally<Reached>;
  satisfaction: MonthlyTally<number>;
  recommend: MonthlyTally<number>;
  confidence: MonthlyTally<{ before: number; after: number }>;
  advice: MonthlyTally<Exclude<AdviceOutcome, 'open'>>;
  stick: MonthlyTally<Reached>;
}

export interface OutcomeFigures {
  objectiveReached: Figure;
  satisfaction: Figure;
  recommendation: Figure;
  confidenceChange: Figure;
  pulse: Distribution<PulseAnswer>;
  adviceTried: Figure;
  adviceWorked: Figure;
  didItStick: Figure;
}

function figuresOf(t: { [K in keyof OutcomeInputs]: Tally<OutcomeInputs[K][number]['value']> }): OutcomeFigures {
  return {
    objectiveReached: shareOf(objectiveReached(t.objective), 'yes'),
    satisfaction: satisfactionMean(t.satisfaction),
    recommendation: recommendationScore(t.recommend),
    confidenceChange: confidenceChange(t.confidence),
    pulse: pulseDistribution(t.pulse),
    adviceTried: adviceTried(t.advice),
    adviceWorked: adviceWorked(t.advice),
    didItStick: shareOf(didItStick(t.stick), 'yes'),
  };
}

const sameChange = (a: { before: number; after: number }, b: { before: number; after: number }) => a.before === b.before && a.after === b.after;

type Protected = { kind: string; answers?: number };
const answersOf = (f: Protected): number => (f.kind === 'not_enough_answers' ? 0 : (f.answers ?? 0));

/**
 * Months to hide beyond those under the floor, so the overall figure minus the months shown never
 * isolates fewer than MIN_ANSWERS answers: one hidden month of 2 answers beside a shown total would
 * give those 2 away. The smallest shown months are hidden until the hidden ones hold enough answers.
 */
export function complementHidden(overallFigure: Protected, months: ReadonlyArray<{ month: string; figure: Protected }>): Set<string> {
  const hidden = new Set(months.filter((m) => m.figure.kind === 'not_enough_answers').map((m) => m.month));
  if (overallFigure.kind === 'not_enough_answers') return hidden;
  let gap = answersOf(overallFigure) - months.reduce((n, m) => n + answersOf(m.figure), 0);
  const shown = months.filter((m) => !hidden.has(m.month)).sort((a, b) => answersOf(a.figure) - answersOf(b.figure) || a.month.localeCompare(b.month));
  while (gap > 0 && gap < MIN_ANSWERS && shown.length > 0) {
    const next = shown.shift()!;
    hidden.add(next.month);
    gap += answersOf(next.figure);
  }
  return hidden;
}

/** The program's figures over all time and per month (oldest first, months with any answer). */
export function outcomeReport(inputs: OutcomeInputs): { overall: OutcomeFigures; months: Array<{ month: string; figures: OutcomeFigures }> } {
  const all = {
    pulse: overall(inputs.pulse),
    objective: overall(inputs.objective),
    satisfaction: overall(inputs.satisfaction),
    recommend: overall(inputs.recommend),
    confidence: overall(inputs.confidence, sameChange),
    advice: overall(inputs.advice),
    stick: overall(inputs.stick),
  };
  const months = [...new Set(Object.values(inputs).flatMap((rows: MonthlyTally<unknown>) => rows.map((r) => r.month)))].sort();
  const inMonth = <V>(rows: MonthlyTally<V>, month: string) => rows.filter((r) => r.month === month);
  const overallFigures = figuresOf(all);
  const perMonth = months.map((month) => ({
      month,
      figures: figuresOf({
        pulse: inMonth(inputs.pulse, month),
        objective: inMonth(inputs.objective, month),
        satisfaction: inMonth(inputs.satisfaction, month),
        recommend: inMonth(inputs.recommend, month),
        confidence: inMonth(inputs.confidence, month),
        advice: inMonth(inputs.advice, month),
        stick: inMonth(inputs.stick, month),
      }),
    }));
  // Each figure is protected against differencing on its own: a month may show one and hide another.
  for (const key of Object.keys(overallFigures) as Array<keyof OutcomeFigures>) {
    const hidden = complementHidden(overallFigures[key], perMonth.map((m) => ({ month: m.month, figure: m.figures[key] })));
    for (const m of perMonth) if (hidden.has(m.month)) m.figures = { ...m.figures, [key]: NOT_ENOUGH };
  }
  return { overall: overallFigures, months: perMonth };
}
