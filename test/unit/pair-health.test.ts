import { describe, expect, it } from 'vitest';
import { milestoneProgress, pairRhythm, progressBar } from '../../src/domain/pair-health.ts';

describe('pairRhythm', () => {
  const base = { startedOn: '2025-12-01', lastSessionOn: '2026-01-01', cadenceDays: 14, graceDays: 3 };

  // Default cadence 14 + grace 3: stalled from day 17 on, overdue from day 15 on.
  it.each([
    ['2026-01-01', 0, false, false],
    ['2026-01-14', 13, false, false],
    ['2026-01-15', 14, false, false],
    ['2026-01-16', 15, true, false],
    ['2026-01-17', 16, true, false],
    ['2026-01-18', 17, true, true],
    ['2026-01-19', 18, true, true],
    ['2026-03-01', 59, true, true],
  ])('last session 2026-01-01, today %s: %i days, overdue %s, stalled %s', (today, days, overdue, stalled) => {
    expect(pairRhythm(base, today)).toEqual({ nextDueOn: '2026-01-15', daysSinceLast: days, overdue, stalled });
  });

  it.each([
    [7, 0, '2026-01-07', false],
    [7, 0, '2026-01-08', true],
    [30, 7, '2026-02-06', false],
    [30, 7, '2026-02-07', true],
    [14, 0, '2026-01-15', true],
  ])('cadence %i + grace %i: today %s stalled=%s', (cadenceDays, graceDays, today, stalled) => {
    expect(pairRhythm({ ...base, cadenceDays, graceDays }, today).stalled).toBe(stalled);
  });

  it('with no session it is anchored on the start day', () => {
    const noSession = { ...base, startedOn: '2026-02-01', lastSessionOn: null };
    expect(pairRhythm(noSession, '2026-02-17')).toEqual({ nextDueOn: '2026-02-15', daysSinceLast: 16, overdue: true, stalled: false });
    expect(pairRhythm(noSession, '2026-02-18')).toEqual({ nextDueOn: '2026-02-15', daysSinceLast: 17, overdue: true, stalled: true });
  });

  it('crosses month ends and leap days in calendar days', () => {
    expect(pairRhythm({ ...base, lastSessionOn: '2028-02-20' }, '2028-03-08')).toMatchObject({ nextDueOn: '2028-03-05', daysSinceLast: 17, stalled: true });
    expect(pairRhythm({ ...base, lastSessionOn: '2026-02-20' }, '2026-03-08')).toMatchObject({ nextDueOn: '2026-03-06', daysSinceLast: 16, stalled: false });
  });

  it('a start or session day after today counts as zero days, never negative', () => {
    expect(pairRhythm({ ...base, startedOn: '2026-05-10', lastSessionOn: null }, '2026-05-01')).toEqual({
      nextDueOn: '2026-05-24',
      daysSinceLast: 0,
      overdue: false,
      stalled: false,
    });
  });
});

describe('milestoneProgress and progressBar', () => {
  it.each([
    [[], 0, 0],
    [[{ done: false }], 0, 1],
    [[{ done: true }, { done: false }, { done: true }], 2, 3],
  ])('%j → %i of %i', (milestones, done, total) => {
    expect(milestoneProgress(milestones)).toEqual({ done, total });
  });

  it.each([
    [0, 0, ''],
    [0, 5, '▱▱▱▱▱▱▱▱▱▱'],
    [1, 3, '▰▰▰▱▱▱▱▱▱▱'],
    [2, 3, '▰▰▰▰▰▰▰▱▱▱'],
    [3, 10, '▰▰▰▱▱▱▱▱▱▱'],
    [5, 5, '▰▰▰▰▰▰▰▰▰▰'],
  ])('progressBar(%i, %i) = %s', (done, total, bar) => {
    expect(progressBar(done, total)).toBe(bar);
  });

  it('always draws exactly the number of cells asked for', () => {
    for (let total = 1; total <= 12; total += 1) {
      for (let done = 0; done <= total; done += 1) expect(Array.from(progressBar(done, total, 8))).toHaveLength(8);
    }
  });
});
