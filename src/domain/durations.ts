export interface Duration {
  days: number;
  label: string;
}

const UNITS: Record<string, { days: number; singular: string }> = {
  d: { days: 1, singular: 'day' },
  w: { days: 7, singular: 'week' },
  m: { days: 30, singular: 'month' },
};

export const DURATION_HELP = 'Durations look like `3d`, `1w`, `2w`, `14d` or `monthly`.';

/**
 * Parses `1w`, `2w`, `14d`, `3m`, `monthly`, `weekly`, `fortnightly`; undefined when it is not a
 * duration. The label reads after "for": "for a month", "for 2 weeks".
 */
export function parseDuration(text: string, maxDays = 365): Duration | undefined {
  const word = text.trim().toLowerCase();
  const named: Record<string, { days: number; label: string }> = {
    weekly: { days: 7, label: 'a week' },
    fortnightly: { days: 14, label: '2 weeks' },
    biweekly: { days: 14, label: '2 weeks' },
    monthly: { days: 30, label: 'a month' },
  };
  if (Object.hasOwn(named, word)) return { ...named[word]! };
  const match = /^(\d{1,3})\s*(d|w|m)$/.exec(word);
  if (!match) return undefined;
  const count = Number(match[1]);
  const unit = UNITS[match[2]!]!;
  const days = count * unit.days;
  if (count < 1 || days > maxDays) return undefined;
  return { days, label: `${count} ${unit.singular}${count === 1 ? '' : 's'}` };
}

export function describeDays(days: number): string {
  if (days % 7 === 0) {
    const weeks = days / 7;
    return weeks === 1 ? 'week' : `${weeks} weeks`;
  }
  return days === 1 ? 'day' : `${days} days`;
}
