import { describe, expect, it } from 'vitest';
import { closureTrend } from '../../src/domain/closure-trend.ts';

describe('closureTrend', () => {
  it('counts, at the end of each week, the advice given so far and how much of it was closed by then', () => {
    const loops = [
      { givenOn: '2026-11-02', closedOn: '2026-11-05', count: 1 },
      { givenOn: '2026-11-03', closedOn: '2026-11-12', count: 1 },
      { givenOn: '2026-11-10', closedOn: null, count: 1 },
      { givenOn: '2026-11-17', closedOn: '2026-11-18', count: 1 },
    ];
    const points = closureTrend(loops, '2026-11-18', 3);
    expect(points).toEqual([
      { weekEnding: '2026-11-04', given: 2, closed: 0, rate: 0 },
      { weekEnding: '2026-11-11', given: 3, closed: 1, rate: 1 / 3 },
      { weekEnding: '2026-11-18', given: 4, closed: 3, rate: 3 / 4 },
    ]);
  });

  it('has no rate for weeks before any advice was given', () => {
    const points = closureTrend([{ givenOn: '2026-11-17', closedOn: null, count: 1 }], '2026-11-18', 2);
    expect(points.map((p) => p.rate)).toEqual([null, 0]);
    expect(closureTrend([], '2026-11-18', 12).every((p) => p.rate === null && p.given === 0)).toBe(true);
  });
});
