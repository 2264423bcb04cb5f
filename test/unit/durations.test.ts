import { describe, expect, it } from 'vitest';
import { describeDays, parseDuration } from '../../src/domain/durations.ts';

describe('parseDuration', () => {
  it.each([
    ['1d', 1, '1 day'],
    ['3d', 3, '3 days'],
    ['14d', 14, '14 days'],
    ['1w', 7, '1 week'],
    ['2w', 14, '2 weeks'],
    ['52w', 364, '52 weeks'],
    ['1m', 30, '1 month'],
    ['3m', 90, '3 months'],
    ['12m', 360, '12 months'],
    ['365d', 365, '365 days'],
    ['007d', 7, '7 days'],
    ['2W', 14, '2 weeks'],
    ['  2w  ', 14, '2 weeks'],
    ['2 w', 14, '2 weeks'],
    ['weekly', 7, 'a week'],
    ['fortnightly', 14, '2 weeks'],
    ['biweekly', 14, '2 weeks'],
    ['monthly', 30, 'a month'],
    ['MONTHLY', 30, 'a month'],
  ])('%j → %i days (%s)', (text, days, label) => {
    expect(parseDuration(text)).toEqual({ days, label });
  });

  it.each([
    [''],
    ['   '],
    ['w'],
    ['2'],
    ['0d'],
    ['0w'],
    ['000d'],
    ['-1w'],
    ['+1w'],
    ['1.5w'],
    ['1,5w'],
    ['2x'],
    ['2y'],
    ['2weeks'],
    ['2 weeks'],
    ['two weeks'],
    ['366d'],
    ['53w'],
    ['13m'],
    ['1000d'],
    ['9999999999999999999d'],
    ['daily'],
    ['yearly'],
    ['constructor'],
    ['__proto__'],
    ['toString'],
    ['２w'],
  ])('%j is not a duration', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it.each([
    ['7d', 7, { days: 7, label: '7 days' }],
    ['8d', 7, undefined],
    ['1w', 7, { days: 7, label: '1 week' }],
    ['2w', 13, undefined],
    ['1m', 29, undefined],
  ])('%j with maxDays %i', (text, maxDays, expected) => {
    expect(parseDuration(text, maxDays)).toEqual(expected);
  });
});

describe('describeDays', () => {
  it.each([
    [1, 'day'],
    [2, '2 days'],
    [6, '6 days'],
    [7, 'week'],
    [8, '8 days'],
    [14, '2 weeks'],
    [21, '3 weeks'],
    [30, '30 days'],
    [28, '4 weeks'],
  ])('%i → %s', (days, text) => {
    expect(describeDays(days)).toBe(text);
  });
});
