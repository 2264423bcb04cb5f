import { describe, expect, it } from 'vitest';
import {
  adviceTried,
  adviceWorked,
  confidenceChange,
  confidenceChangesPerGoal,
  didItStick,
  medianConfidenceChange,
  complementHidden,
  MIN_ANSWERS,
  monthly,
  objectiveReached,
  outcomeReport,
  pulseDistribution,
  recommendationScore,
  satisfactionMean,
  shareOf,
  type ConfidenceRating,
  type OutcomeInputs,
  type Tally,
} from '../../src/domain/outcomes.ts';

const notEnough = { kind: 'not_enough_answers' };
/** A tally from a list of single answers, counted the way the repository counts them. */
function tally<V>(values: V[]): Tally<V> {
  const out: Array<{ value: V; count: number }> = [];
  for (const v of values) {
    const hit = out.find((o) => JSON.stringify(o.value) === JSON.stringify(v));
    if (hit) hit.count++;
    else out.push({ value: v, count: 1 });
  }
  return out;
}

describe('the 5-answer threshold', () => {
  it('is 5', () => expect(MIN_ANSWERS).toBe(5));

  it.each([
    ['satisfaction mean', () => satisfactionMean(tally([5, 4, 4, 3])), () => satisfactionMean(tally([5, 4, 4, 3, 2])), { kind: 'figure', value: 3.6, answers: 5 }],
    ['recommendation score', () => recommendationScore(tally([10, 9, 7, 3])), () => recommendationScore(tally([10, 9, 7, 3, 8])), { kind: 'figure', value: 20, answers: 5 }],
    ['confidence change', () => confidenceChange(tally([{ before: 2, after: 4 }, { before: 1, after: 2 }, { before: 3, after: 3 }, { before: 2, after: 5 }])),
      () => confidenceChange(tally([{ before: 2, after: 4 }, { before: 1, after: 2 }, { before: 3, after: 3 }, { before: 2, after: 5 }, { before: 4, after: 2 }])), { kind: 'figure', value: 1, answers: 5 }],
    ['advice tried', () => adviceTried(tally(['tried_worked', 'tried_didnt', 'not_applicable', 'tried_worked'] as const)),
      () => adviceTried(tally(['tried_worked', 'tried_didnt', 'not_applicable', 'tried_worked', 'not_applicable'] as const)), { kind: 'figure', value: 60, answers: 5 }],
    ['objective reached %', () => shareOf(objectiveReached(tally(['yes', 'yes', 'partly', 'no'] as const)), 'yes'),
      () => shareOf(objectiveReached(tally(['yes', 'yes', 'partly', 'no', 'yes'] as const)), 'yes'), { kind: 'figure', value: 60, answers: 5 }],
    ['did it stick %', () => shareOf(didItStick(tally(['yes', 'partly', 'partly', 'no'] as const)), 'yes'),
      () => shareOf(didItStick(tally(['yes', 'partly', 'partly', 'no', 'no'] as const)), 'yes'), { kind: 'figure', value: 20, answers: 5 }],
  ])('%s: 4 answers are not enough, 5 are', (_label, four, five, expected) => {
    expect(four()).toEqual(notEnough);
    expect(five()).toEqual(expected);
  });

  it('pulse distribution at 4 and 5 answers, and with none', () => {
    expect(pulseDistribution([])).toEqual(notEnough);
    expect(pulseDistribution([{ value: 'going_well', count: 4 }])).toEqual(notEnough);
    expect(pulseDistribution([{ value: 'going_well', count: 3 }, { value: 'not_working', count: 2 }])).toEqual({
      kind: 'distribution', answers: 5, shares: { going_well: 60, could_be_better: 0, not_working: 40 },
    });
  });

  it('advice worked counts only advice that was tried: 6 closed, 4 tried is not enough', () => {
    const closed = tally(['tried_worked', 'tried_worked', 'tried_didnt', 'tried_worked', 'not_applicable', 'not_applicable'] as const);
    expect(adviceTried(closed)).toEqual({ kind: 'figure', value: (100 * 4) / 6, answers: 6 });
    expect(adviceWorked(closed)).toEqual(notEnough);
    expect(adviceWorked([...closed, { value: 'tried_didnt', count: 1 }])).toEqual({ kind: 'figure', value: 60, answers: 5 });
  });

  it('a not-enough value carries no number at all', () => {
    const figure = satisfactionMean(tally([1, 2]));
    expect(Object.keys(figure)).toEqual(['kind']);
  });
});

describe('recommendation score (NPS)', () => {
  it.each([
    ['all promoters', [9, 10, 9, 10, 9], 100],
    ['all detractors, 6 is a detractor', [0, 6, 6, 3, 1], -100],
    ['7s and 8s are passive', [7, 8, 7, 8, 7], 0],
    ['2 promoters, 1 detractor of 8', [10, 9, 7, 8, 7, 8, 5, 7], 12.5],
  ])('%s', (_label, answers, score) => {
    expect(recommendationScore(tally(answers))).toEqual({ kind: 'figure', value: score, answers: answers.length });
  });
});

describe('median confidence change', () => {
  it('takes the middle of an even count as the mean of the middle two, and counts each goal once', () => {
    const t = [{ value: { before: 1, after: 4 }, count: 3 }, { value: { before: 3, after: 3 }, count: 3 }];
    expect(confidenceChange(t)).toEqual({ kind: 'figure', value: 1.5, answers: 6 });
  });
  it('can be negative', () => {
    expect(confidenceChange([{ value: { before: 4, after: 2 }, count: 5 }])).toEqual({ kind: 'figure', value: -2, answers: 5 });
  });
});

describe('over time', () => {
  it('monthly buckets, oldest first, each protected on its own', () => {
    const rows = [
      { month: '2026-03', value: 4, count: 5 },
      { month: '2026-01', value: 5, count: 2 },
      { month: '2026-01', value: 3, count: 3 },
      { month: '2026-02', value: 2, count: 4 },
    ];
    expect(monthly(rows, satisfactionMean)).toEqual([
      { month: '2026-01', figure: { kind: 'figure', value: 3.8, answers: 5 } },
      { month: '2026-02', figure: notEnough },
      { month: '2026-03', figure: { kind: 'figure', value: 4, answers: 5 } },
    ]);
  });

  it('the program report: months merged for the whole, and per month', () => {
    const inputs: OutcomeInputs = {
      pulse: [{ month: '2026-01', value: 'going_well', count: 3 }, { month: '2026-02', value: 'going_well', count: 1 }, { month: '2026-02', value: 'not_working', count: 1 }],
      objective: [{ month: '2026-02', value: 'yes', count: 4 }, { month: '2026-02', value: 'no', count: 1 }],
      satisfaction: [{ month: '2026-02', value: 4, count: 5 }],
      recommend: [{ month: '2026-02', value: 10, count: 5 }],
      confidence: [{ month: '2026-01', value: { before: 2, after: 3 }, count: 2 }, { month: '2026-02', value: { before: 2, after: 3 }, count: 2 }, { month: '2026-02', value: { before: 1, after: 5 }, count: 1 }],
      advice: [],
      stick: [],
    };
    const report = outcomeReport(inputs);
    expect(report.overall).toEqual({
      objectiveReached: { kind: 'figure', value: 80, answers: 5 },
      satisfaction: { kind: 'figure', value: 4, answers: 5 },
      recommendation: { kind: 'figure', value: 100, answers: 5 },
      confidenceChange: { kind: 'figure', value: 1, answers: 5 },
      pulse: { kind: 'distribution', answers: 5, shares: { going_well: 80, could_be_better: 0, not_working: 20 } },
      adviceTried: notEnough,
      adviceWorked: notEnough,
      didItStick: notEnough,
    });
    expect(report.months.map((m) => m.month)).toEqual(['2026-01', '2026-02']);
    expect(report.months[0]!.figures.pulse).toEqual(notEnough);
    expect(report.months[1]!.figures.objectiveReached).toEqual({ kind: 'figure', value: 80, answers: 5 });
    expect(report.months[1]!.figures.confidenceChange).toEqual(notEnough);
  });

  it('hides another month where the overall minus the months shown would give away fewer than 5 answers', () => {
    // 5 + 6 shown and 1 hidden: the overall over 12 minus the two shown months is that one answer.
    const satisfaction = [
      { month: '2026-01', value: 4, count: 5 },
      { month: '2026-02', value: 3, count: 6 },
      { month: '2026-03', value: 1, count: 1 },
    ];
    const report = outcomeReport({ pulse: [], objective: [], satisfaction, recommend: [], confidence: [], advice: [], stick: [] });
    expect(report.overall.satisfaction).toMatchObject({ kind: 'figure', answers: 12 });
    // The smallest shown month goes too: hidden now are 6 answers.
    expect(report.months.map((m) => [m.month, m.figures.satisfaction.kind])).toEqual([
      ['2026-01', 'not_enough_answers'],
      ['2026-02', 'figure'],
      ['2026-03', 'not_enough_answers'],
    ]);
    // The arithmetic can no longer isolate a hidden month under the floor.
    const shown = report.months.reduce((n, m) => n + (m.figures.satisfaction.kind === 'figure' ? m.figures.satisfaction.answers : 0), 0);
    expect(12 - shown).toBeGreaterThanOrEqual(MIN_ANSWERS);
  });

  it('complementHidden: nothing more to hide when the hidden months hold none or at least 5 answers, or the overall is hidden', () => {
    const f = (answers: number) => (answers < MIN_ANSWERS ? notEnough : { kind: 'figure', value: 1, answers });
    const months = (...counts: number[]) => counts.map((n, i) => ({ month: `2026-0${i + 1}`, figure: f(n) }));
    expect([...complementHidden(f(10), months(5, 5))]).toEqual([]);
    expect([...complementHidden(f(13), months(5, 5, 3))].sort()).toEqual(['2026-01', '2026-03']);
    expect([...complementHidden(f(15), months(5, 5, 2, 3))].sort()).toEqual(['2026-03', '2026-04']);
    expect([...complementHidden(f(7), months(5, 2))].sort()).toEqual(['2026-01', '2026-02']);
    expect([...complementHidden(notEnough, months(2, 2))].sort()).toEqual(['2026-01', '2026-02']);
  });
});

describe('confidence: median change per goal, from the rating when set to the latest later one', () => {
  const at = (iso: string) => new Date(iso);
  let id = 0;
  const r = (goalId: number, moment: ConfidenceRating['moment'], rating: number, iso: string): ConfidenceRating => ({ id: ++id, goalId, moment, rating, ratedAt: at(iso) });

  it('takes the latest rating after the one when set, whatever its moment', () => {
    const ratings = [
      r(1, 'set', 2, '2026-01-05T10:00:00Z'),
      r(1, 'review', 3, '2026-06-05T10:00:00Z'),
      r(1, 'achieved', 5, '2026-07-01T10:00:00Z'),
      r(2, 'set', 4, '2026-01-05T10:00:00Z'),
      r(2, 'dropped', 2, '2026-02-01T10:00:00Z'),
      r(3, 'end', 3, '2026-09-01T10:00:00Z'),
      r(3, 'set', 1, '2026-01-06T10:00:00Z'),
      r(3, 'review', 4, '2026-06-06T10:00:00Z'),
    ];
    expect(confidenceChangesPerGoal(ratings)).toEqual([
      { value: { before: 2, after: 5 }, count: 1 },
      { value: { before: 4, after: 2 }, count: 1 },
      { value: { before: 1, after: 3 }, count: 1 },
    ]);
  });

  it('leaves out a goal rated only when set, or never rated when set', () => {
    expect(confidenceChangesPerGoal([r(1, 'set', 2, '2026-01-05T10:00:00Z'), r(2, 'achieved', 5, '2026-03-05T10:00:00Z')])).toEqual([]);
  });

  it('two ratings at the same instant: the later one written counts', () => {
    expect(confidenceChangesPerGoal([r(1, 'set', 2, '2026-01-05T10:00:00Z'), r(1, 'achieved', 4, '2026-03-05T10:00:00Z'), r(1, 'end', 3, '2026-03-05T10:00:00Z')])).toEqual([
      { value: { before: 2, after: 3 }, count: 1 },
    ]);
  });

  it('is "not enough answers yet" under 5 goals, the median change from 5 (odd and even counts)', () => {
    const goals = (changes: Array<[number, number]>) =>
      changes.flatMap(([before, after], i) => [r(i + 1, 'set', before, '2026-01-05T10:00:00Z'), r(i + 1, 'end', after, '2026-05-05T10:00:00Z')]);
    expect(medianConfidenceChange(goals([[1, 3], [2, 4], [3, 3], [2, 5]]))).toEqual(notEnough);
    // Changes +2, +2, 0, +3, -2: the median is +2.
    expect(medianConfidenceChange(goals([[1, 3], [2, 4], [3, 3], [2, 5], [4, 2]]))).toEqual({ kind: 'figure', value: 2, answers: 5 });
    // Changes +2, +2, 0, +3, -2, +1: the median is the mean of +1 and +2.
    expect(medianConfidenceChange(goals([[1, 3], [2, 4], [3, 3], [2, 5], [4, 2], [3, 4]]))).toEqual({ kind: 'figure', value: 1.5, answers: 6 });
    // Goals rated only when set do not count towards the five.
    expect(medianConfidenceChange([...goals([[1, 3], [2, 4], [3, 3], [2, 5]]), r(99, 'set', 1, '2026-01-05T10:00:00Z')])).toEqual(notEnough);
  });
});
