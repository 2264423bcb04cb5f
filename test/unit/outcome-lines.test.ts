import { describe, expect, it } from 'vitest';
import { lastMonths, monthLabel, outcomeLines, pulseText } from '../../src/domain/outcome-lines.ts';
import { outcomeReport, type OutcomeInputs } from '../../src/domain/outcomes.ts';

const NOV = '2026-11';
const empty: OutcomeInputs = { pulse: [], objective: [], satisfaction: [], recommend: [], confidence: [], advice: [], stick: [] };

/** Inputs with `n` answers to every survey, all in November. */
function inputs(n: number): OutcomeInputs {
  const one = <V>(value: V, count: number) => (count > 0 ? [{ month: NOV, value, count }] : []);
  return {
    pulse: [...one('going_well' as const, n - 1), ...one('not_working' as const, 1)],
    objective: [...one('yes' as const, n - 2), ...one('no' as const, 2)],
    satisfaction: [...one(4, n - 1), ...one(1, 1)],
    recommend: [...one(10, n - 1), ...one(0, 1)],
    confidence: one({ before: 2, after: 3 }, n),
    advice: [...one('tried_worked' as const, n - 1), ...one('tried_didnt' as const, 1)],
    stick: [...one('partly' as const, n - 1), ...one('yes' as const, 1)],
  };
}

const texts = (i: OutcomeInputs) => Object.fromEntries(outcomeLines(outcomeReport(i).overall).map((l) => [l.key, l.text]));

describe('outcome lines', () => {
  it('4 answers to every survey: every figure reads "not enough answers yet", with no value and no count', () => {
    const lines = outcomeLines(outcomeReport(inputs(4)).overall);
    expect(lines).toHaveLength(10);
    for (const line of lines) expect(line).toMatchObject({ value: null, answers: null, text: 'not enough answers yet' });
    expect(pulseText(outcomeReport(inputs(4)).overall)).toBe('not enough answers yet');
  });

  it('5 answers: every figure is a number in its own words', () => {
    expect(texts(inputs(5))).toEqual({
      objective_reached_pct: '60% (5 answers)',
      satisfaction_mean: '3.4 / 5 (5 answers)',
      recommendation_score: '+60 (5 answers)',
      confidence_change_median: '+1 point (5 goals)',
      pulse_going_well_pct: '80% (5 answers)',
      pulse_could_be_better_pct: '0% (5 answers)',
      pulse_not_working_pct: '20% (5 answers)',
      advice_tried_pct: '100% (5 closed)',
      advice_worked_pct: '80% (5 tried)',
      did_it_stick_pct: '20% (5 answers)',
    });
    expect(pulseText(outcomeReport(inputs(5)).overall)).toBe('80% going well · 0% could be better · 20% not working (5 answers)');
  });

  it('a negative score and change keep their sign; nothing at all is not enough answers', () => {
    const down: OutcomeInputs = { ...empty, recommend: [{ month: NOV, value: 3, count: 5 }], confidence: [{ month: NOV, value: { before: 4, after: 2 }, count: 5 }] };
    expect(texts(down)).toMatchObject({ recommendation_score: '-100 (5 answers)', confidence_change_median: '-2 points (5 goals)', satisfaction_mean: 'not enough answers yet' });
  });

  it('names the last months, across a year end', () => {
    expect(lastMonths('2026-02-10', 4)).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(monthLabel('2025-12')).toBe('Dec 2025');
  });
});
