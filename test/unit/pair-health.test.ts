import { describe, expect, it } from 'vitest';
import { isStalled, milestoneProgress, pairRhythm, progressBar, stalledFrom, stalledPairings } from '../../src/domain/pair-health.ts';
import { stallDue } from '../../src/domain/nudge-policy.ts';

describe('stalled: no session for cadence + grace days', () => {
  // Anchor 2026-01-05; cadence 14 + grace 3 → the grace ends on day 17, 2026-01-22.
  const input = { anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 3 };

  it.each([
    ['the anchor day', '2026-01-05', false],
    ['the last cadence day (day 14)', '2026-01-19', false],
    ['the first grace day (day 15)', '2026-01-20', false],
    ['one day before the grace ends (day 16)', '2026-01-21', false],
    ['exactly at grace end (day 17)', '2026-01-22', true],
    ['one day after grace end', '2026-01-23', true],
    ['months later', '2026-05-01', true],
    ['a day before the anchor', '2026-01-04', false],
  ])('%s (%s): stalled=%s', (_label, today, stalled) => {
    expect(isStalled(input, today)).toBe(stalled);
  });

  it.each([
    [{ anchorOn: '2026-01-05', cadenceDays: 14, graceDays: 0 }, '2026-01-19'],
    [{ anchorOn: '2026-01-05', cadenceDays: 1, graceDays: 0 }, '2026-01-06'],
    [{ anchorOn: '2026-12-20', cadenceDays: 14, graceDays: 3 }, '2027-01-06'],
    [{ anchorOn: '2028-02-15', cadenceDays: 14, graceDays: 3 }, '2028-03-03'],
    [{ anchorOn: '2026-02-15', cadenceDays: 14, graceDays: 3 }, '2026-03-04'],
    [{ anchorOn: '2026-01-05', cadenceDays: 365, graceDays: 60 }, '2027-03-06'],
  ])('%j stalls from %s, not a day earlier', (stall, from) => {
    expect(stalledFrom(stall)).toBe(from);
    const dayBefore = new Date(Date.parse(`${from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
    expect([isStalled(stall, dayBefore), isStalled(stall, from)]).toEqual([false, true]);
  });

  it('the dashboard, the report and the scheduler agree on every day around the boundary', () => {
    for (const [cadenceDays, graceDays] of [[14, 3], [7, 0], [30, 7], [1, 0], [28, 60]] as const) {
      for (let offset = -3; offset <= 3; offset += 1) {
        const today = new Date(Date.parse('2026-01-05T00:00:00Z') + (cadenceDays + graceDays + offset) * 86_400_000).toISOString().slice(0, 10);
        const stalled = offset >= 0;
        const stall = { anchorOn: '2026-01-05', cadenceDays, graceDays };
        expect(isStalled(stall, today)).toBe(stalled);
        expect(pairRhythm({ startedOn: '2025-12-01', lastSessionOn: '2026-01-05', cadenceDays, graceDays }, today).stalled).toBe(stalled);
        expect(pairRhythm({ startedOn: '2026-01-05', lastSessionOn: null, cadenceDays, graceDays }, today).stalled).toBe(stalled);
        expect(stallDue(stall, today) !== undefined).toBe(stalled);
        expect(stalledPairings([{ pairId: 1, mentorId: 'UA', menteeId: 'UB', startedOn: '2026-01-05', lastSessionOn: null, cadenceDays }], graceDays, today)).toHaveLength(stalled ? 1 : 0);
      }
    }
  });
});

describe('stalledPairings', () => {
  const pair = (pairId: number, lastSessionOn: string | null, cadenceDays = 14) => ({ pairId, mentorId: `UM${pairId}`, menteeId: `UE${pairId}`, startedOn: '2026-01-01', lastSessionOn, cadenceDays });

  it('lists only the stalled, the longest quiet first, ties by pairing', () => {
    const pairs = [pair(1, '2026-02-20'), pair(2, '2026-02-01'), pair(3, null), pair(4, '2026-02-01'), pair(5, '2026-02-13'), pair(6, '2026-02-13', 7)];
    expect(stalledPairings(pairs, 3, '2026-03-01')).toEqual([
      { pairId: 3, mentorId: 'UM3', menteeId: 'UE3', daysSinceLast: 59, lastSessionOn: null },
      { pairId: 2, mentorId: 'UM2', menteeId: 'UE2', daysSinceLast: 28, lastSessionOn: '2026-02-01' },
      { pairId: 4, mentorId: 'UM4', menteeId: 'UE4', daysSinceLast: 28, lastSessionOn: '2026-02-01' },
      { pairId: 6, mentorId: 'UM6', menteeId: 'UE6', daysSinceLast: 16, lastSessionOn: '2026-02-13' },
    ]);
  });

  it('an empty program has none', () => {
    expect(stalledPairings([], 3, '2026-03-01')).toEqual([]);
  });
});

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
