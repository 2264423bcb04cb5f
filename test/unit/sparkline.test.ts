import { describe, expect, it } from 'vitest';
import { closureRate, daysToClose, median, oneDecimal, percent, ratio } from '../../src/domain/report-stats.ts';
import { sparkline, trendWindow, weeklyTotals } from '../../src/domain/sparkline.ts';

describe('sparkline', () => {
  it.each([
    [[], ''],
    [[0, 0, 0], '▁▁▁'],
    [[5], '█'],
    [[0, 1, 2, 3, 4, 5, 6, 7], '▁▂▃▄▅▆▇█'],
    [[0, 1, 7], '▁▂█'],
    [[1, 100], '▂█'], // a small positive value still rises above zero
    [[0, 50, 100], '▁▅█'], // 3.5 rounds to 4 steps
    [[3, 3, 3], '███'],
    [[-2, 0, 2], '▁▁█'], // negatives count as nothing
  ])('%j → %s', (values, bars) => {
    expect(sparkline(values)).toBe(bars);
  });
});

describe('weeklyTotals over rolling seven-day windows', () => {
  const today = '2026-11-18';
  it('puts each day in its window, oldest first, the last window ending today', () => {
    const totals = weeklyTotals(
      [
        { day: '2026-11-18', count: 1 }, // today: last window
        { day: '2026-11-12', count: 2 }, // 6 days ago: last window
        { day: '2026-11-11', count: 4 }, // 7 days ago: the window before
        { day: '2026-08-27', count: 8 }, // 83 days ago: first window
        { day: '2026-08-26', count: 16 }, // 84 days ago: outside
        { day: '2026-11-19', count: 32 }, // tomorrow: outside
      ],
      today,
      12,
    );
    expect(totals).toEqual([8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4, 3]);
  });

  it('covers exactly the days trendWindow names', () => {
    expect(trendWindow(today, 12)).toEqual({ from: '2026-08-27', to: '2026-11-18' });
    expect(trendWindow('2028-03-01', 1)).toEqual({ from: '2028-02-24', to: '2028-03-01' });
  });
});

describe('report statistics', () => {
  it.each([
    [[], null],
    [[4], 4],
    [[1, 9], 5],
    [[9, 1, 5], 5],
    [[7, 1, 3, 2], 2.5],
    [[0, 0, 10], 0],
  ])('median(%j) = %j', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it.each([
    [0, 0, null],
    [0, 4, 0],
    [3, 2, 0.6],
    [5, 0, 1],
  ])('closureRate(closed %i, open %i) = %j', (closed, open, rate) => {
    expect(closureRate(closed, open)).toBe(rate);
  });

  it('ratio is null for an empty whole', () => {
    expect(ratio(9, 0)).toBeNull();
    expect(ratio(21, 5)).toBe(4.2);
  });

  it.each([
    ['2026-11-10', '2026-11-14T23:30:00Z', 4],
    ['2026-11-10', '2026-11-10T08:00:00Z', 0],
    ['2026-11-10', '2026-11-09T08:00:00Z', 0], // never negative
    ['2026-02-27', '2026-03-02T00:00:00Z', 3], // across a month end
  ])('daysToClose(given %s, closed %s) = %i', (given, closed, days) => {
    expect(daysToClose(given, new Date(closed))).toBe(days);
  });

  it.each([
    [0.6, '60%'],
    [2 / 3, '67%'],
    [1, '100%'],
    [0, '0%'],
  ])('percent(%d) = %s', (rate, text) => {
    expect(percent(rate)).toBe(text);
  });

  it.each([
    [4, '4'],
    [3.5, '3.5'],
    [13 / 3, '4.3'],
    [4.96, '5'],
  ])('oneDecimal(%d) = %s', (value, text) => {
    expect(oneDecimal(value)).toBe(text);
  });
});
