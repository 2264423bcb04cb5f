import { describe, expect, it } from 'vitest';
import { choicesFor, type MatchInput } from '../../src/domain/matching.ts';
import { explainChoice, growthWords, wordList } from '../../src/domain/mentee-choice.ts';
import { kickoffMessage } from '../../src/slack/surfaces/dm-messages.ts';
import { programRow } from '../helpers/fixtures.ts';

describe('explainChoice', () => {
  it.each([
    [{ covered: ['Negotiation', 'Budgeting'], gap: ['Public speaking'], placesLeft: 1 }, 'Maya offers Negotiation and Budgeting, and has worked through the gap you named: Public speaking. Room for one more mentee.'],
    [{ covered: ['Negotiation'], gap: [], placesLeft: 3 }, 'Maya offers Negotiation. Room for 3 more mentees.'],
    [{ covered: ['SQL', 'Python', 'Hiring'], gap: [], placesLeft: 2 }, 'Maya offers SQL, Python and Hiring. Room for 2 more mentees.'],
    [{ covered: [], gap: ['Public speaking', 'Writing'], placesLeft: 1 }, 'Maya has worked through the gap you named: Public speaking and Writing. Room for one more mentee.'],
    [{ covered: [], gap: [], placesLeft: 4 }, 'Maya is open to mentoring. Room for 4 more mentees.'],
  ])('%o', (fit, words) => {
    expect(explainChoice({ name: 'Maya', ...fit })).toBe(words);
  });

  it('lists in words', () => {
    expect([[], ['a'], ['a', 'b'], ['a', 'b', 'c']].map(wordList)).toEqual(['', 'a', 'a and b', 'a, b and c']);
  });

  it('says what a mentee wants to grow, with their gap in their words, or nothing without a profile', () => {
    expect(growthWords({ skills: ['SQL', 'Negotiation'], gap: '  Presenting to execs ' })).toBe('wants to grow SQL and Negotiation; what holds them back, in their words: “Presenting to execs”');
    expect(growthWords({ skills: ['SQL'], gap: '' })).toBe('wants to grow SQL');
    expect(growthWords(undefined)).toBe('');
  });
});

describe('choicesFor', () => {
  const input = (over: Partial<MatchInput> = {}): MatchInput => ({
    mentees: [{ userId: 'UTHEO', skills: ['Negotiation', 'Budgeting'], gap: 'public speaking scares me', managerId: 'UBOSS' }],
    mentors: [
      { userId: 'UMAYA', skills: ['Negotiation', 'Budgeting', 'Public speaking'], capacity: 1, managerId: null, openToReverse: false },
      { userId: 'UANA', skills: ['Negotiation'], capacity: 3, managerId: null, openToReverse: false },
      { userId: 'UDORA', skills: ['Budgeting'], capacity: 1, managerId: null, openToReverse: false },
      { userId: 'UBEN', skills: ['Budgeting'], capacity: 2, managerId: 'UBOSS', openToReverse: false },
      { userId: 'UCAL', skills: ['Kubernetes'], capacity: 5, managerId: null, openToReverse: false },
    ],
    pairs: [],
    skips: [],
    avoidSameManager: false,
    includePrevious: false,
    ...over,
  });
  const ids = (i: MatchInput, opts?: Parameters<typeof choicesFor>[2]) => choicesFor(i, 'UTHEO', opts).map((c) => c.mentorId);

  it('best fit first, then most places left, then id; three at most; never a mentor with nothing in common', () => {
    const choices = choicesFor(input(), 'UTHEO');
    expect(choices.map((c) => [c.mentorId, c.fit.score, c.placesLeft])).toEqual([['UMAYA', 3, 1], ['UANA', 1, 3], ['UBEN', 1, 2]]);
    expect(choices[0]!.fit).toEqual({ covered: ['Negotiation', 'Budgeting'], gap: ['Public speaking'], score: 3 });
  });

  it('leaves out full mentors, excluded ones, ruled-out ones, and gives none to a paired mentee', () => {
    expect(ids(input({ pairs: [{ mentorId: 'UMAYA', menteeId: 'UOTHER', live: true }] }))).toEqual(['UANA', 'UBEN', 'UDORA']);
    expect(ids(input(), { exclude: ['UMAYA', 'UANA'] })).toEqual(['UBEN', 'UDORA']);
    expect(ids(input({ avoidSameManager: true }))).toEqual(['UMAYA', 'UANA', 'UDORA']);
    expect(ids(input({ skips: [{ mentorId: 'UMAYA', menteeId: 'UTHEO' }] }))).toEqual(['UANA', 'UBEN', 'UDORA']);
    expect(ids(input({ pairs: [{ mentorId: 'UANA', menteeId: 'UTHEO', live: true }] }))).toEqual([]);
    expect(ids(input(), { limit: 1 })).toEqual(['UMAYA']);
    expect(choicesFor(input(), 'UNOBODY')).toEqual([]);
  });
});

describe('the kickoff introductions', () => {
  const pair = { id: 7, team_id: 'T1', program_id: 1, mentor_id: 'UMAYA', mentee_id: 'UTHEO', kind: 'standard', cadence_days: 14, review_on: '2027-05-18', started_at: new Date('2026-11-18T14:00:00Z') } as any;
  const profile = (over: object) => ({ team_id: 'T1', program_id: 1, skills: [], strengths: [], gap: '', capacity: 0, open_to_reverse: false, manager_id: null, updated_at: new Date(), ...over }) as any;

  it('shows each role, what the mentee wants to grow, what the mentor offers, the program and its rhythm, and escapes what people typed', () => {
    const intro = {
      program: programRow({ name: 'Q1 <Cohort>' }),
      mentee: profile({ user_id: 'UTHEO', role: 'mentee', skills: ['Negotiation'], gap: 'Saying <no>' }),
      mentor: profile({ user_id: 'UMAYA', role: 'mentor', skills: ['Negotiation', 'Budgeting'], capacity: 2 }),
    };
    const text = JSON.stringify(kickoffMessage(pair, 'UTHEO', intro).blocks![1]);
    expect(text).toContain('• <@UMAYA>, the mentor: offers Negotiation and Budgeting');
    expect(text).toContain('• <@UTHEO>, the mentee: wants to grow Negotiation; what holds them back, in their words: “Saying &lt;no&gt;”');
    expect(text).toContain('*Q1 &lt;Cohort&gt;*: meet every 2 weeks');
  });

  it('reads well without profiles', () => {
    const text = JSON.stringify(kickoffMessage(pair, 'UMAYA', { program: programRow(), mentee: undefined, mentor: undefined }).blocks![1]);
    expect(text).toContain('• <@UMAYA>, the mentor\\n• <@UTHEO>, the mentee\\n*Mentoring*: meet every 2 weeks');
  });
});
