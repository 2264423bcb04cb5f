import { describe, expect, it } from 'vitest';
import {
  fitOf,
  mentions,
  mergeSkills,
  pairBlocker,
  skillKey,
  suggestMatches,
  type MatchInput,
  type MenteeProfileInput,
  type MentorProfileInput,
} from '../../src/domain/matching.ts';
import { joinModal, skillOptions } from '../../src/slack/surfaces/join-modal.ts';
import { matchMessage, parseSuggestionValue, suggestionValue } from '../../src/slack/surfaces/match-message.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const mentee = (userId: string, skills: string[], gap = '', managerId: string | null = null): MenteeProfileInput => ({ userId, skills, gap, managerId });
const mentor = (userId: string, skills: string[], capacity = 1, managerId: string | null = null): MentorProfileInput => ({ userId, skills, capacity, managerId, openToReverse: false });
const input = (over: Partial<MatchInput>): MatchInput => ({ mentees: [], mentors: [], pairs: [], skips: [], avoidSameManager: false, includePrevious: false, ...over });
/** "mentor→mentee" for each suggestion, in order: the shape the tables below read best in. */
const pairsOf = (i: MatchInput) => suggestMatches(i).suggestions.map((s) => `${s.mentorId}→${s.menteeId}`);

describe('skill matching', () => {
  it.each([
    ['SQL', ' sql ', true],
    ['Public speaking', 'public   SPEAKING', true],
    ['Go', 'Golang', false],
    ['Kubernetes', 'kubernetes\t', true],
  ])('%j and %j are the same skill: %s', (a, b, same) => {
    expect(skillKey(a) === skillKey(b)).toBe(same);
  });

  it('merges lists without repeats, keeping the program spelling', () => {
    expect(mergeSkills([['sql', 'Rust '], ['SQL', 'rust', ' giving  feedback']], ['SQL', 'Giving feedback'])).toEqual(['SQL', 'Rust', 'Giving feedback']);
  });

  it.each([
    ['I need stakeholder management skills', 'Stakeholder management', true],
    ['Stakeholder Management.', 'stakeholder management', true],
    ['I write JavaScript all day', 'Java', false],
    ['SQL, mostly', 'SQL', true],
    ['mysql tuning', 'SQL', false],
    ['', 'SQL', false],
  ])('gap %j names %j: %s', (gap, skill, named) => {
    expect(mentions(gap, skill)).toBe(named);
  });

  it('scores one point per covered skill to grow and per mentor skill the gap names, never twice', () => {
    const fit = fitOf(mentee('E', ['SQL', 'public speaking', 'Rust'], 'My gap is public speaking and stakeholder management'), mentor('M', ['Public Speaking', 'sql', 'Stakeholder management', 'Go']));
    expect(fit).toEqual({ covered: ['SQL', 'public speaking'], gap: ['Stakeholder management'], score: 3 });
    expect(fitOf(mentee('E', ['Rust']), mentor('M', ['Go'])).score).toBe(0);
  });
});

describe('suggestMatches', () => {
  it('ranks by score, breaks ties by mentor id, and suggests each mentee once', () => {
    const result = suggestMatches(
      input({
        mentees: [mentee('E1', ['a', 'b']), mentee('E2', ['a'])],
        mentors: [mentor('M3', ['a', 'b'], 5), mentor('M2', ['a'], 5), mentor('M1', ['a'], 5)],
      }),
    );
    expect(result.suggestions.map((s) => [s.mentorId, s.menteeId, s.fit.score])).toEqual([
      ['M3', 'E1', 2],
      ['M1', 'E2', 1],
    ]);
  });

  it.each([
    ['a capacity of 0 takes nobody', 0, [], ['E1', 'E2']],
    ['a capacity of 1 takes the best-scoring mentee', 1, ['M1→E2'], ['E1']],
    ['a capacity of 2 takes both', 2, ['M1→E2', 'M1→E1'], []],
  ])('%s', (_name, capacity, pairs, unmatched) => {
    const i = input({ mentees: [mentee('E1', ['a']), mentee('E2', ['a', 'b'])], mentors: [mentor('M1', ['a', 'b'], capacity)] });
    expect(pairsOf(i)).toEqual(pairs);
    expect(suggestMatches(i).unmatched.map((u) => [u.menteeId, u.reason])).toEqual(unmatched.map((id) => [id, 'no_capacity']));
  });

  it('counts live pairings (active or paused) against capacity, but not ended ones', () => {
    const base = { mentees: [mentee('E1', ['a'])], mentors: [mentor('M1', ['a'], 2)] };
    const live = (menteeId: string) => ({ mentorId: 'M1', menteeId, live: true });
    expect(pairsOf(input({ ...base, pairs: [live('X1')] }))).toEqual(['M1→E1']);
    expect(pairsOf(input({ ...base, pairs: [live('X1'), live('X2')] }))).toEqual([]);
    expect(pairsOf(input({ ...base, pairs: [live('X1'), { mentorId: 'M1', menteeId: 'X2', live: false }] }))).toEqual(['M1→E1']);
    expect(suggestMatches(input({ ...base, pairs: [live('X1')] })).suggestions[0]!.mentorPlacesLeft).toBe(0);
  });

  it('falls back to the next-best mentor when the best one fills up during the run', () => {
    const i = input({
      mentees: [mentee('E1', ['a', 'b']), mentee('E2', ['a', 'b'])],
      mentors: [mentor('M1', ['a', 'b'], 1), mentor('M2', ['a'], 1)],
    });
    expect(pairsOf(i)).toEqual(['M1→E1', 'M2→E2']);
  });

  it('leaves out mentees with a live pairing as mentee, and never suggests someone to themselves', () => {
    const i = input({
      mentees: [mentee('P1', ['a']), mentee('E1', ['a'])],
      mentors: [mentor('E1', ['a'], 3), mentor('M1', ['a'], 3)],
      pairs: [{ mentorId: 'M9', menteeId: 'P1', live: true }],
    });
    expect(pairsOf(i)).toEqual(['M1→E1']);
    expect(suggestMatches(i).unmatched).toEqual([]);
  });

  it('never suggests two people paired now (either way), or a skipped suggestion', () => {
    const i = input({
      mentees: [mentee('E1', ['a']), mentee('E2', ['a'])],
      mentors: [mentor('M1', ['a'], 3)],
      pairs: [{ mentorId: 'E1', menteeId: 'M1', live: true }],
      skips: [{ mentorId: 'M1', menteeId: 'E2' }],
    });
    expect(pairsOf(i)).toEqual([]);
    expect(suggestMatches(i).unmatched).toEqual([
      { menteeId: 'E1', reason: 'excluded', blocked: { paired_now: ['M1'] } },
      { menteeId: 'E2', reason: 'excluded', blocked: { skipped: ['M1'] } },
    ]);
    // A skip is one direction only: M1 may still be suggested to others, and E2 to other mentors.
    expect(pairsOf({ ...i, mentors: [...i.mentors, mentor('M2', ['a'])] })).toEqual(['M2→E1']);
  });

  it('leaves out people paired before unless asked, and says how many were left out', () => {
    const i = input({
      mentees: [mentee('E1', ['a', 'b'])],
      mentors: [mentor('M1', ['a', 'b']), mentor('M2', ['a'])],
      pairs: [{ mentorId: 'E1', menteeId: 'M1', live: false }],
    });
    expect(pairsOf(i)).toEqual(['M2→E1']);
    expect(suggestMatches(i).hiddenPreviousPairs).toBe(1);
    const again = suggestMatches({ ...i, includePrevious: true });
    expect(again.suggestions.map((s) => [s.mentorId, s.pairedBefore])).toEqual([['M1', true]]);
    expect(again.hiddenPreviousPairs).toBe(0);
  });

  it.each([
    ['setting off: same manager is fine', false, 'BOSS', 'BOSS', ['M1→E1']],
    ['setting on: same manager is left out', true, 'BOSS', 'BOSS', []],
    ['setting on: no manager on either side is fine', true, null, null, ['M1→E1']],
    ['setting on: different managers are fine', true, 'BOSS', 'OTHER', ['M1→E1']],
    ['setting on: the mentor manages the mentee', true, 'M1', null, []],
  ])('%s', (_name, avoidSameManager, menteeManager, mentorManager, pairs) => {
    const i = input({ avoidSameManager, mentees: [mentee('E1', ['a'], '', menteeManager)], mentors: [mentor('M1', ['a'], 1, mentorManager)] });
    expect(pairsOf(i)).toEqual(pairs);
  });

  it('says why a mentee got no suggestion', () => {
    const i = input({
      mentees: [mentee('E1', ['knitting']), mentee('E2', ['a']), mentee('E3', ['b'])],
      mentors: [mentor('M1', ['a'], 0), mentor('M2', ['b'])],
      skips: [{ mentorId: 'M2', menteeId: 'E3' }],
    });
    expect(suggestMatches(i).unmatched).toEqual([
      { menteeId: 'E1', reason: 'no_overlap' },
      { menteeId: 'E2', reason: 'no_capacity', mentorIds: ['M1'] },
      { menteeId: 'E3', reason: 'excluded', blocked: { skipped: ['M2'] } },
    ]);
  });

  it('gives the same answer whatever order the rows come in', () => {
    const mentees = Array.from({ length: 12 }, (_, n) => mentee(`E${String(n).padStart(2, '0')}`, ['a', 'b', 'c', 'd'].filter((_, k) => (n + k) % 3 !== 0)));
    const mentors = Array.from({ length: 5 }, (_, n) => mentor(`M${n}`, ['a', 'b', 'c', 'd'].filter((_, k) => (n * 2 + k) % 4 !== 0), n % 3 + 1));
    const shuffled = (xs: any[]) => [...xs].reverse().sort((a, b) => (a.userId.charCodeAt(2) % 3) - (b.userId.charCodeAt(2) % 3));
    const one = suggestMatches(input({ mentees, mentors }));
    const two = suggestMatches(input({ mentees: shuffled(mentees), mentors: shuffled(mentors) }));
    expect(two).toEqual(one);
    expect(one.suggestions.length).toBeGreaterThan(0);
  });
});

describe('pairBlocker (re-check on "Pair them")', () => {
  const base = input({ mentees: [mentee('E1', ['a'])], mentors: [mentor('M1', ['a'], 1)] });
  it.each([
    ['still eligible', base, 'M1', 'E1', undefined],
    ['same person', base, 'E1', 'E1', 'self'],
    ['mentee paired meanwhile', { ...base, pairs: [{ mentorId: 'M2', menteeId: 'E1', live: true }] }, 'M1', 'E1', 'mentee_unavailable'],
    ['mentee profile gone', { ...base, mentees: [] }, 'M1', 'E1', 'mentee_unavailable'],
    ['mentor profile gone', { ...base, mentors: [] }, 'M1', 'E1', 'mentor_unavailable'],
    ['mentor filled up', { ...base, pairs: [{ mentorId: 'M1', menteeId: 'X', live: true }] }, 'M1', 'E1', 'mentor_full'],
    ['skipped meanwhile', { ...base, skips: [{ mentorId: 'M1', menteeId: 'E1' }] }, 'M1', 'E1', 'skipped'],
    ['paired before', { ...base, pairs: [{ mentorId: 'M1', menteeId: 'E1', live: false }] }, 'M1', 'E1', 'paired_before'],
    ['paired before, run included them', { ...base, includePrevious: true, pairs: [{ mentorId: 'M1', menteeId: 'E1', live: false }] }, 'M1', 'E1', undefined],
  ])('%s', (_name, i, mentorId, menteeId, blocker) => {
    expect(pairBlocker(i, mentorId, menteeId)).toBe(blocker);
  });
});

describe('match message', () => {
  const suggestion = (n: number) => ({
    mentorId: `UMENTOR${n}`,
    menteeId: `UMENTEE${n}`,
    fit: { covered: ['SQL', '<!channel> & co'], gap: ['Stakeholder management'], score: 3 },
    pairedBefore: false,
    mentorOpenToReverse: n % 2 === 0,
    mentorPlacesLeft: 1,
  });

  it('round-trips button values and refuses anything else', () => {
    expect(parseSuggestionValue(suggestionValue({ mentorId: 'UA1', menteeId: 'UB2' }, true))).toEqual({ mentorId: 'UA1', menteeId: 'UB2', includePrevious: true });
    expect(parseSuggestionValue('UA1:UB2')).toEqual({ mentorId: 'UA1', menteeId: 'UB2', includePrevious: false });
    for (const bad of ['', 'UA1', 'UA1:UB2:x', 'ua1:UB2', 'UA1:UB2;drop']) expect(parseSuggestionValue(bad)).toBeUndefined();
  });

  it('caps a long run at 50 blocks with a note, keeping each suggestion with its buttons', () => {
    const run = {
      suggestions: Array.from({ length: 40 }, (_, n) => suggestion(n)),
      unmatched: Array.from({ length: 200 }, (_, n) => ({ menteeId: `ULEFT${n}`, reason: 'no_overlap' as const })),
      hiddenPreviousPairs: 2,
      includePrevious: false,
    };
    const reply = matchMessage(run);
    const blocks = reply.blocks!;
    expect(blocks).toHaveLength(50);
    expect(slackLimitViolations('chat.postMessage', reply)).toEqual([]);
    const rows = blocks.filter((b) => b.type === 'actions');
    expect(rows).toHaveLength(23);
    expect(JSON.stringify(blocks)).toContain('Showing the first 23 of 40 suggestions');
    expect(JSON.stringify(blocks)).toContain('…and ');
    expect(JSON.stringify(blocks)).toContain('Include previous pairs');
    // Person-written skill names cannot inject mentions.
    expect(JSON.stringify(blocks)).not.toContain('<!channel>');
  });

  it('shows everything when it fits, with no cap note', () => {
    const reply = matchMessage({ suggestions: [suggestion(1)], unmatched: [], hiddenPreviousPairs: 0, includePrevious: false });
    expect(reply.blocks).toHaveLength(3);
    expect(reply.text).toBe('1 suggested pair for unpaired mentees.');
  });
});

describe('join modal', () => {
  it('offers at most 100 program skills, each option within Slack limits, and prefills saved answers', () => {
    const programSkills = [...Array.from({ length: 130 }, (_, n) => `Skill number ${n} ${'x'.repeat(n % 3 === 0 ? 90 : 5)}`), 'skill NUMBER 1 xxxxx'];
    expect(skillOptions(programSkills)).toHaveLength(100);
    const view = joinModal({
      programSkills,
      mentee: { skills: ['Skill number 1 xxxxx', 'Pottery'], strengths: ['Writing'], gap: 'Estimation' },
      mentor: { skills: ['Skill number 2 xxxxx'], capacity: 3, openToReverse: true },
      managerId: 'UBOSS1',
    });
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    const byId = Object.fromEntries(view.blocks.filter((b: any) => b.block_id).map((b: any) => [b.block_id, b.element]));
    expect(byId.join_roles.initial_options.map((o: any) => o.value)).toEqual(['mentee', 'mentor']);
    expect(byId.mentee_skill_pick.initial_options.map((o: any) => o.value)).toEqual(['Skill number 1 xxxxx']);
    expect(byId.mentee_skills_other.initial_value).toBe('Pottery');
    expect(byId.mentor_capacity).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '20', initial_value: '3' });
    expect(byId.join_manager.initial_user).toBe('UBOSS1');
  });

  it('asks for skills as free text only when the program has no skill list', () => {
    const view = joinModal({ programSkills: [], mentee: null, mentor: null, managerId: null });
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    const ids = view.blocks.map((b: any) => b.block_id).filter(Boolean);
    expect(ids).not.toContain('mentee_skill_pick');
    expect(ids).toContain('mentee_skills_other');
  });
});
