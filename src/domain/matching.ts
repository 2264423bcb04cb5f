// Match suggestions for unpaired mentees: pure ranking with no SQL and no Slack. Every input list is
// re-sorted here, so the same data always gives the same suggestions in the same order.

/** What a mentoring profile may hold; the join modal and the service check against these. */
export const PROFILE_LIMITS = {
  skill: 100,
  skills: 30,
  strength: 150,
  strengths: 10,
  gap: 500,
  capacityMin: 0,
  capacityMax: 20,
} as const;

/** A person's answers in the join modal; a role they did not pick is null (and its profile removed). */
export interface JoinInput {
  mentee: { skills: string[]; strengths: string[]; gap: string } | null;
  mentor: { skills: string[]; capacity: number; openToReverse: boolean } | null;
  managerId: string | null;
}

/** Skills compare trimmed, case-insensitively, with inner runs of spaces collapsed. */
export function skillKey(skill: string): string {
  return skill.normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
}

/**
 * One list from several (picked + typed), without repeats by key. A skill that is on the program's
 * list takes the program's spelling, so "sql " and "SQL" are stored the same way.
 */
export function mergeSkills(lists: string[][], canonical: string[] = []): string[] {
  const spelling = new Map<string, string>();
  for (const skill of canonical) {
    const key = skillKey(skill);
    if (key && !spelling.has(key)) spelling.set(key, skill.trim());
  }
  const out = new Map<string, string>();
  for (const skill of lists.flat()) {
    const key = skillKey(skill);
    if (key && !out.has(key)) out.set(key, spelling.get(key) ?? skill.trim().replace(/\s+/g, ' '));
  }
  return [...out.values()];
}

export interface MenteeProfileInput {
  userId: string;
  /** Skills they want to grow. */
  skills: string[];
  /** What limits their next step, in their words. */
  gap: string;
  managerId: string | null;
}

export interface MentorProfileInput {
  userId: string;
  /** Skills they can help with. */
  skills: string[];
  capacity: number;
  managerId: string | null;
  openToReverse: boolean;
}

/** A pairing in the program's history; live means active or paused. */
export interface PairRecord {
  mentorId: string;
  menteeId: string;
  live: boolean;
}

export interface MatchInput {
  mentees: MenteeProfileInput[];
  mentors: MentorProfileInput[];
  pairs: PairRecord[];
  /** Suggestions an admin skipped: never suggested again. */
  skips: Array<{ mentorId: string; menteeId: string }>;
  /** The program's "avoid pairing people with the same manager" setting. */
  avoidSameManager: boolean;
  /** Suggest people who were paired before (an ended pairing of the same two) after all. */
  includePrevious: boolean;
}

/** Why a mentor fits a mentee: the mentee's skills to grow the mentor offers, and the mentor's skills the gap names. */
export interface Fit {
  /** In the mentee's spelling and order. */
  covered: string[];
  /** In the mentor's spelling and order; never repeats a covered skill. */
  gap: string[];
  /** covered + gap: one point per skill, nothing hidden. */
  score: number;
}

export interface Suggestion {
  mentorId: string;
  menteeId: string;
  fit: Fit;
  /** Only with includePrevious: these two were paired before. */
  pairedBefore: boolean;
  mentorOpenToReverse: boolean;
  /** The mentor's places left once this and the earlier suggestions of the run are taken. */
  mentorPlacesLeft: number;
}

/** Why a mentor with matching skills is not suggested to a mentee. */
export type Blocker = 'self' | 'paired_now' | 'skipped' | 'same_manager' | 'paired_before';

export type Unmatched =
  | { menteeId: string; reason: 'no_overlap' }
  /** Mentors match, but every one of them is full (counting live pairings and this run's suggestions). */
  | { menteeId: string; reason: 'no_capacity'; mentorIds: string[] }
  /** Mentors match, but every one of them is ruled out; the mentors by reason. */
  | { menteeId: string; reason: 'excluded'; blocked: Partial<Record<Blocker, string[]>> };

export interface MatchResult {
  suggestions: Suggestion[];
  unmatched: Unmatched[];
  /** Matching mentor–mentee pairs left out only because the two were paired before. */
  hiddenPreviousPairs: number;
}

const byId = <T extends { userId: string }>(a: T, b: T) => compareIds(a.userId, b.userId);

/** Plain code-unit order: the same everywhere, unlike localeCompare. */
function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const isWordChar = (char: string | undefined) => char !== undefined && /[\p{L}\p{N}]/u.test(char);

/** Whether the text names the skill as a whole word or phrase ("Java" is not in "JavaScript"). */
export function mentions(text: string, skill: string): boolean {
  return mentionsKey(skillKey(text), skillKey(skill));
}

/** mentions() on text and skill already passed through skillKey. */
function mentionsKey(hay: string, needle: string): boolean {
  if (!needle) return false;
  for (let at = hay.indexOf(needle); at !== -1; at = hay.indexOf(needle, at + 1)) {
    if (!isWordChar(hay[at - 1]) && !isWordChar(hay[at + needle.length])) return true;
  }
  return false;
}

export function fitOf(mentee: Pick<MenteeProfileInput, 'skills' | 'gap'>, mentor: Pick<MentorProfileInput, 'skills'>): Fit {
  const offered = new Set(mentor.skills.map(skillKey).filter(Boolean));
  const covered = mergeSkills([mentee.skills]).filter((skill) => offered.has(skillKey(skill)));
  const coveredKeys = new Set(covered.map(skillKey));
  const gap = mergeSkills([mentor.skills]).filter((skill) => !coveredKeys.has(skillKey(skill)) && mentions(mentee.gap, skill));
  return { covered, gap, score: covered.length + gap.length };
}

/** A relation between two people, looked up either way round without building keys. */
class Relation {
  private readonly of = new Map<string, Set<string>>();
  add(a: string, b: string): void {
    const set = this.of.get(a);
    if (set) set.add(b);
    else this.of.set(a, new Set([b]));
  }
  has(a: string, b: string): boolean {
    return this.of.get(a)?.has(b) ?? false;
  }
  /** Everyone related to `a` (empty when nobody is). */
  partnersOf(a: string): ReadonlySet<string> {
    return this.of.get(a) ?? NOBODY;
  }
}
const NOBODY: ReadonlySet<string> = new Set();

/** The facts every rule reads, indexed once. */
function indexOf(input: MatchInput) {
  const liveTogether = new Relation();
  const endedTogether = new Relation();
  const liveAsMentor = new Map<string, number>();
  const liveAsMentee = new Set<string>();
  for (const pair of input.pairs) {
    const together = pair.live ? liveTogether : endedTogether;
    together.add(pair.mentorId, pair.menteeId);
    together.add(pair.menteeId, pair.mentorId);
    if (pair.live) {
      liveAsMentor.set(pair.mentorId, (liveAsMentor.get(pair.mentorId) ?? 0) + 1);
      liveAsMentee.add(pair.menteeId);
    }
  }
  // Skips are directed: a skipped suggestion of A to mentor B says nothing of B to mentor A.
  const skipped = new Relation();
  const skippedFor = new Relation();
  for (const skip of input.skips) {
    skipped.add(skip.mentorId, skip.menteeId);
    skippedFor.add(skip.menteeId, skip.mentorId);
  }
  const placesLeft = (mentor: MentorProfileInput) => Math.max(0, mentor.capacity - (liveAsMentor.get(mentor.userId) ?? 0));

  /** The first rule that rules the two out, in a fixed order; undefined when they may be suggested. */
  const blocker = (mentee: MenteeProfileInput, mentor: MentorProfileInput): Blocker | undefined => {
    if (mentee.userId === mentor.userId) return 'self';
    if (liveTogether.has(mentee.userId, mentor.userId)) return 'paired_now';
    if (skipped.has(mentor.userId, mentee.userId)) return 'skipped';
    if (input.avoidSameManager && sameManager(mentee, mentor)) return 'same_manager';
    if (!input.includePrevious && endedTogether.has(mentee.userId, mentor.userId)) return 'paired_before';
    return undefined;
  };
  /** `blocker` for one mentee and many mentors: the mentee's relations are looked up once. */
  const blockerFor = (mentee: MenteeProfileInput) => {
    const live = liveTogether.partnersOf(mentee.userId);
    const ended = endedTogether.partnersOf(mentee.userId);
    const skippedBy = skippedFor.partnersOf(mentee.userId);
    return (mentor: MentorProfileInput): Blocker | undefined => {
      if (mentee.userId === mentor.userId) return 'self';
      if (live.has(mentor.userId)) return 'paired_now';
      if (skippedBy.has(mentor.userId)) return 'skipped';
      if (input.avoidSameManager && sameManager(mentee, mentor)) return 'same_manager';
      if (!input.includePrevious && ended.has(mentor.userId)) return 'paired_before';
      return undefined;
    };
  };
  return { liveAsMentee, endedTogether, placesLeft, blocker, blockerFor };
}

/** Two people share a (known) manager, or one manages the other. */
function sameManager(a: { userId: string; managerId: string | null }, b: { userId: string; managerId: string | null }): boolean {
  if (a.managerId !== null && a.managerId === b.managerId) return true;
  return a.managerId === b.userId || b.managerId === a.userId;
}

/** A mentee's side of every fit, worked out once: skills in their spelling with keys, and what the gap names. */
interface PreparedMentee {
  mentee: MenteeProfileInput;
  skills: Array<{ skill: string; key: string }>;
  skillKeys: Set<string>;
  /** Keys of the mentors' skills (across the program) that the gap mentions. */
  gapKeys: Set<string>;
}

/** A mentor's side of every fit, worked out once. */
interface PreparedMentor {
  mentor: MentorProfileInput;
  order: number;
  offered: Set<string>;
  skills: Array<{ skill: string; key: string }>;
}

const keyed = (skills: string[]) => mergeSkills([skills]).map((skill) => ({ skill, key: skillKey(skill) }));

/** fitOf for prepared profiles: the same answer without re-normalising anything. */
function preparedFit(mentee: PreparedMentee, mentor: PreparedMentor): Fit {
  const covered = mentee.skills.filter((s) => mentor.offered.has(s.key));
  const coveredKeys = new Set(covered.map((s) => s.key));
  const gap = mentor.skills.filter((s) => !coveredKeys.has(s.key) && mentee.gapKeys.has(s.key));
  return { covered: covered.map((s) => s.skill), gap: gap.map((s) => s.skill), score: covered.length + gap.length };
}

/**
 * Suggests at most one mentor for each unpaired mentee. Candidate pairs with at least one skill in
 * common are taken greedily, best score first (ties: mentee id, then mentor id), while the mentor has
 * places left; a mentor's live pairings count against their capacity.
 *
 * Every profile is normalised once and mentors are indexed by skill, so each mentee is compared only
 * with the mentors who offer one of their skills or a skill their gap names (a large program is not a
 * mentees × mentors scan). Candidates come out in mentee, then mentor order, so grouping them by score
 * gives the ranking without a sort, and they are grouped by mentee once for the unmatched reasons.
 */
export function suggestMatches(input: MatchInput): MatchResult {
  const facts = indexOf(input);
  const mentees = [...input.mentees].sort(byId).filter((m) => !facts.liveAsMentee.has(m.userId));
  const mentors = [...input.mentors].sort(byId);

  const preparedMentors: PreparedMentor[] = mentors.map((mentor, order) => {
    const skills = keyed(mentor.skills);
    return { mentor, order, skills, offered: new Set(mentor.skills.map(skillKey).filter(Boolean)) };
  });
  const offeredBy = new Map<string, PreparedMentor[]>();
  const mentorKeys = new Set<string>();
  for (const prepared of preparedMentors) {
    for (const key of prepared.offered) {
      const list = offeredBy.get(key);
      if (list) list.push(prepared);
      else offeredBy.set(key, [prepared]);
    }
    for (const { key } of prepared.skills) mentorKeys.add(key);
  }

  // Candidates per score as flat (mentee index, mentor index) pairs: a large program makes millions.
  const byScore: number[][] = [];
  const preparedMentees: PreparedMentee[] = [];
  /** Each mentee's candidates as flat (mentor index, score) pairs, in mentor order. */
  const candidatesOf = new Map<string, number[]>();
  const blockedFor = new Map<string, Partial<Record<Blocker, string[]>>>();
  let hiddenPreviousPairs = 0;
  const scores = new Int32Array(preparedMentors.length);
  mentees.forEach((mentee, menteeIndex) => {
    const skills = keyed(mentee.skills);
    const gapText = skillKey(mentee.gap);
    const prepared: PreparedMentee = {
      mentee,
      skills,
      skillKeys: new Set(skills.map((s) => s.key)),
      gapKeys: new Set([...mentorKeys].filter((key) => mentionsKey(gapText, key))),
    };
    preparedMentees.push(prepared);
    // The fit score through the skill index: one point per mentee skill a mentor offers, one per
    // mentor skill the gap names that is not already covered (fitOf's score, counted per mentor).
    // Mentors offering none of these never appear, and score zero.
    const reachable: number[] = [];
    const count = (key: string) => {
      for (const m of offeredBy.get(key) ?? []) {
        if (scores[m.order] === 0) reachable.push(m.order);
        scores[m.order] = scores[m.order]! + 1;
      }
    };
    for (const key of prepared.skillKeys) count(key);
    for (const key of prepared.gapKeys) if (!prepared.skillKeys.has(key)) count(key);
    reachable.sort((a, b) => a - b);
    const blocker = facts.blockerFor(mentee);
    let mine: number[] | undefined;
    for (const order of reachable) {
      const score = scores[order]!;
      scores[order] = 0;
      const mentor = preparedMentors[order]!.mentor;
      const blockedBy = blocker(mentor);
      if (blockedBy === undefined) {
        (byScore[score] ??= []).push(menteeIndex, order);
        (mine ??= []).push(order, score);
        continue;
      }
      if (blockedBy === 'self') continue;
      if (blockedBy === 'paired_before') hiddenPreviousPairs += 1;
      const blocked = blockedFor.get(mentee.userId) ?? {};
      (blocked[blockedBy] ??= []).push(mentor.userId);
      blockedFor.set(mentee.userId, blocked);
    }
    if (mine) candidatesOf.set(mentee.userId, mine);
  });

  const placesLeft = preparedMentors.map((m) => facts.placesLeft(m.mentor));
  const suggested = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (let score = byScore.length - 1; score > 0; score -= 1) {
    const flat = byScore[score] ?? [];
    for (let i = 0; i < flat.length; i += 2) {
      const prepared = preparedMentees[flat[i]!]!;
      const candidate = preparedMentors[flat[i + 1]!]!;
      const { mentee } = prepared;
      const { mentor } = candidate;
      const left = placesLeft[candidate.order]!;
      if (left <= 0 || suggested.has(mentee.userId)) continue;
      suggested.add(mentee.userId);
      placesLeft[candidate.order] = left - 1;
      suggestions.push({
        mentorId: mentor.userId,
        menteeId: mentee.userId,
        fit: preparedFit(prepared, candidate),
        pairedBefore: facts.endedTogether.has(mentee.userId, mentor.userId),
        mentorOpenToReverse: mentor.openToReverse,
        mentorPlacesLeft: left - 1,
      });
    }
  }

  const unmatched: Unmatched[] = [];
  for (const mentee of mentees) {
    if (suggested.has(mentee.userId)) continue;
    // In ranking order: best score first, then mentor id.
    const flat = candidatesOf.get(mentee.userId) ?? [];
    const mine = Array.from({ length: flat.length / 2 }, (_, i) => ({ order: flat[2 * i]!, score: flat[2 * i + 1]! }));
    const full = mine.sort((a, b) => b.score - a.score || a.order - b.order).map((c) => preparedMentors[c.order]!.mentor.userId);
    const blocked = blockedFor.get(mentee.userId);
    if (full.length > 0) unmatched.push({ menteeId: mentee.userId, reason: 'no_capacity', mentorIds: full });
    else if (blocked) unmatched.push({ menteeId: mentee.userId, reason: 'excluded', blocked });
    else unmatched.push({ menteeId: mentee.userId, reason: 'no_overlap' });
  }
  return { suggestions, unmatched, hiddenPreviousPairs };
}

export type PairBlocker = Blocker | 'mentee_unavailable' | 'mentor_unavailable' | 'mentor_full';

/**
 * Re-checks one suggestion when an admin acts on it: the mentee still has a profile and no live
 * pairing as mentee, the mentor still has a profile and a place, and no rule rules the two out.
 * Skill overlap is not re-checked: an admin may pair anyone with `/mentor pair` anyway.
 */
export function pairBlocker(input: MatchInput, mentorId: string, menteeId: string): PairBlocker | undefined {
  const facts = indexOf(input);
  if (mentorId === menteeId) return 'self';
  const mentee = input.mentees.find((m) => m.userId === menteeId);
  if (!mentee || facts.liveAsMentee.has(menteeId)) return 'mentee_unavailable';
  const mentor = input.mentors.find((m) => m.userId === mentorId);
  if (!mentor) return 'mentor_unavailable';
  const blocker = facts.blocker(mentee, mentor);
  if (blocker) return blocker;
  if (facts.placesLeft(mentor) <= 0) return 'mentor_full';
  return undefined;
}

/** A mentor a mentee may choose: why they fit, and their places left now. */
export interface Choice {
  mentorId: string;
  fit: Fit;
  placesLeft: number;
}

/**
 * The best mentors for one unpaired mentee to choose from (mentee-choice programs): at least one skill in
 * common, no rule ruling the two out, a place left, and not one of `exclude` (mentors who declined or
 * were just full). Best score first, then the most places left, then mentor id: the same data always
 * gives the same choices. Empty when the mentee has no profile or is already paired.
 */
export function choicesFor(input: MatchInput, menteeId: string, opts: { exclude?: Iterable<string>; limit?: number } = {}): Choice[] {
  const facts = indexOf(input);
  const mentee = input.mentees.find((m) => m.userId === menteeId);
  if (!mentee || facts.liveAsMentee.has(menteeId)) return [];
  const excluded = new Set(opts.exclude ?? []);
  const blocker = facts.blockerFor(mentee);
  const choices: Choice[] = [];
  for (const mentor of input.mentors) {
    if (excluded.has(mentor.userId) || blocker(mentor) !== undefined) continue;
    const placesLeft = facts.placesLeft(mentor);
    if (placesLeft <= 0) continue;
    const fit = fitOf(mentee, mentor);
    if (fit.score > 0) choices.push({ mentorId: mentor.userId, fit, placesLeft });
  }
  choices.sort((a, b) => b.fit.score - a.fit.score || b.placesLeft - a.placesLeft || compareIds(a.mentorId, b.mentorId));
  return choices.slice(0, opts.limit ?? 3);
}
