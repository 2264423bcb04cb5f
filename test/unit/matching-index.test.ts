// suggestMatches indexes mentors by skill instead of comparing every mentee with every mentor.
// Whatever the index skips must not change an answer: this checks it against the definition,
// written pair by pair from fitOf and pairBlocker, on many random programs.
import { describe, expect, it } from 'vitest';
import { fitOf, pairBlocker, suggestMatches, type MatchInput, type MatchResult, type Suggestion, type Unmatched } from '../../src/domain/matching.ts';

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The ranking as documented: every mentee against every mentor. */
function byDefinition(input: MatchInput): MatchResult {
  const live = new Set(input.pairs.filter((p) => p.live).map((p) => p.menteeId));
  const ended = new Set(input.pairs.filter((p) => !p.live).flatMap((p) => [`${p.mentorId} ${p.menteeId}`, `${p.menteeId} ${p.mentorId}`]));
  const mentees = [...input.mentees].sort((a, b) => compare(a.userId, b.userId)).filter((m) => !live.has(m.userId));
  const mentors = [...input.mentors].sort((a, b) => compare(a.userId, b.userId));
  const candidates: Array<{ menteeId: string; mentorId: string; fit: ReturnType<typeof fitOf>; reverse: boolean }> = [];
  const blocked = new Map<string, Record<string, string[]>>();
  let hidden = 0;
  for (const mentee of mentees) {
    for (const mentor of mentors) {
      const fit = fitOf(mentee, mentor);
      if (fit.score === 0) continue;
      const why = pairBlocker(input, mentor.userId, mentee.userId);
      if (why === undefined || why === 'mentor_full') {
        candidates.push({ menteeId: mentee.userId, mentorId: mentor.userId, fit, reverse: mentor.openToReverse });
      } else if (why !== 'self') {
        if (why === 'paired_before') hidden += 1;
        const entry = blocked.get(mentee.userId) ?? {};
        (entry[why] ??= []).push(mentor.userId);
        blocked.set(mentee.userId, entry);
      }
    }
  }
  candidates.sort((a, b) => b.fit.score - a.fit.score || compare(a.menteeId, b.menteeId) || compare(a.mentorId, b.mentorId));
  const mentoring = new Map<string, number>();
  for (const p of input.pairs) if (p.live) mentoring.set(p.mentorId, (mentoring.get(p.mentorId) ?? 0) + 1);
  const left = new Map(mentors.map((m) => [m.userId, Math.max(0, m.capacity - (mentoring.get(m.userId) ?? 0))]));
  const suggestions: Suggestion[] = [];
  const done = new Set<string>();
  for (const c of candidates) {
    const places = left.get(c.mentorId)!;
    if (done.has(c.menteeId) || places <= 0) continue;
    done.add(c.menteeId);
    left.set(c.mentorId, places - 1);
    suggestions.push({ mentorId: c.mentorId, menteeId: c.menteeId, fit: c.fit, pairedBefore: ended.has(`${c.mentorId} ${c.menteeId}`), mentorOpenToReverse: c.reverse, mentorPlacesLeft: places - 1 });
  }
  const unmatched: Unmatched[] = mentees
    .filter((m) => !done.has(m.userId))
    .map((m) => {
      const full = candidates.filter((c) => c.menteeId === m.userId).map((c) => c.mentorId);
      if (full.length > 0) return { menteeId: m.userId, reason: 'no_capacity', mentorIds: full };
      if (blocked.has(m.userId)) return { menteeId: m.userId, reason: 'excluded', blocked: blocked.get(m.userId)! };
      return { menteeId: m.userId, reason: 'no_overlap' };
    });
  return { suggestions, unmatched, hiddenPreviousPairs: hidden };
}

function randomProgram(seed: number): MatchInput {
  let state = seed;
  const rnd = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const pick = <T>(list: T[]) => list[Math.floor(rnd() * list.length)]!;
  // Spellings that share a key, a skill inside another's name, an accent, a blank one.
  const skills = ['SQL', 'sql ', 'Java', 'JavaScript', 'Public speaking', 'public  Speaking', 'Go', 'Design', 'C++', 'Hiring', 'Écriture', ' '];
  const ids = Array.from({ length: 5 + Math.floor(rnd() * 40) }, (_, i) => `U${String.fromCharCode(65 + ((i * 7) % 26))}${i}`);
  const manager = () => (rnd() < 0.3 ? null : pick(['UM1', 'UM2', ...ids.slice(0, 3)]));
  const some = (max: number) => Array.from({ length: Math.floor(rnd() * (max + 1)) }, () => pick(skills));
  return {
    mentees: ids.filter(() => rnd() < 0.6).map((userId) => ({ userId, skills: some(3), gap: `I need ${pick(skills)} and ${pick(skills).toLowerCase()}, not javascripting`, managerId: manager() })),
    mentors: ids.filter(() => rnd() < 0.5).map((userId) => ({ userId, skills: some(4), capacity: Math.floor(rnd() * 3), managerId: manager(), openToReverse: rnd() < 0.5 })),
    pairs: Array.from({ length: Math.floor(rnd() * 8) }, () => ({ mentorId: pick(ids), menteeId: pick(ids), live: rnd() < 0.5 })),
    skips: Array.from({ length: Math.floor(rnd() * 6) }, () => ({ mentorId: pick(ids), menteeId: pick(ids) })),
    avoidSameManager: rnd() < 0.5,
    includePrevious: rnd() < 0.5,
  };
}

describe('suggestMatches through its skill index', () => {
  it('gives the same suggestions, unmatched reasons and counts as the pair-by-pair definition', () => {
    let withSuggestions = 0;
    let withExclusions = 0;
    for (let seed = 1; seed <= 300; seed += 1) {
      const program = randomProgram(seed);
      const expected = byDefinition(program);
      expect(suggestMatches(program), `program ${seed}`).toEqual(expected);
      if (expected.suggestions.length > 0) withSuggestions += 1;
      if (expected.unmatched.some((u) => u.reason === 'excluded')) withExclusions += 1;
    }
    // The random programs do exercise the rules, not only empty answers.
    expect(withSuggestions).toBeGreaterThan(100);
    expect(withExclusions).toBeGreaterThan(10);
  });
});
