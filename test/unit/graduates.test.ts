import { describe, expect, it } from 'vitest';
import { graduatesOf, graduationShoutOut } from '../../src/domain/programs.ts';

describe('graduatesOf: only mentees who consented are named', () => {
  it('names consenting mentees once and counts everyone else', () => {
    const pairs = [
      { mentor_id: 'M1', mentee_id: 'E1', consented: true },
      { mentor_id: 'M2', mentee_id: 'E2', consented: false },
      // E1 again, with another mentor and no consent on that pairing: still named once.
      { mentor_id: 'M1', mentee_id: 'E1', consented: false },
      // A mentor who is also a mentee elsewhere and consented there is named.
      { mentor_id: 'E3', mentee_id: 'E4', consented: false },
      { mentor_id: 'M2', mentee_id: 'E3', consented: true },
    ];
    expect(graduatesOf(pairs)).toEqual({ named: ['E1', 'E3'], unnamed: 4 });
  });

  it('names nobody when nobody consented', () => {
    expect(graduatesOf([{ mentor_id: 'M1', mentee_id: 'E1', consented: false }])).toEqual({ named: [], unnamed: 2 });
  });
});

describe('graduationShoutOut', () => {
  it('counts the people it does not name', () => {
    expect(graduationShoutOut('Spring cohort', { named: ['E1'], unnamed: 3 })).toBe(
      'Spring cohort has come to an end: congratulations to its graduates on everything they learned and achieved! Thank you too to the 3 other people who took part.',
    );
    expect(graduationShoutOut('Spring cohort', { named: ['E1'], unnamed: 1 })).toContain('the other person who took part');
    expect(graduationShoutOut('Spring cohort', { named: ['E1'], unnamed: 0 })).not.toContain('Thank you too');
  });
});
