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
  const hay = skillKey(text);
  const needle = skillKey(skill);
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

const unordered = (a: string, b: string) => (a < b ? `${a} ${b}` : `${b} ${a}`);
const directed = (mentorId: string, menteeId: string) => `${mentorId} ${menteeId}`;

/** The facts every rule reads, indexed once. */
function indexOf(input: MatchInput) {
  const liveTogether = new Set<string>();
  const endedTogether = new Set<string>();
  const liveAsMentor = new Map<string, number>();
  const liveAsMentee = new Set<string>();
  for (const pair of input.pairs) {
    const key = unordered(pair.mentorId, pair.menteeId);
    if (pair.live) {
      liveTogether.add(key);
      liveAsMentor.set(pair.mentorId, (liveAsMentor.get(pair.mentorId) ?? 0) + 1);
      liveAsMentee.add(pair.menteeId);
    } else {
      endedTogether.add(key);
    }
  }
  const skipped = new Set(input.skips.map((s) => directed(s.mentorId, s.menteeId)));
  const placesLeft = (mentor: MentorProfileInput) => Math.max(0, mentor.capacity - (liveAsMentor.get(mentor.userId) ?? 0));

  /** The first rule that rules the two out, in a fixed order; undefined when they may be suggested. */
  const blocker = (mentee: MenteeProfileInput, mentor: MentorProfileInput): Blocker | undefined => {
    if (mentee.userId === mentor.userId) return 'self';
    const key = unordered(mentee.userId, mentor.userId);
    if (liveTogether.has(key)) return 'paired_now';
    if (skipped.has(directed(mentor.userId, mentee.userId))) return 'skipped';
    if (input.avoidSameManager && sameManager(mentee, mentor)) return 'same_manager';
    if (!input.includePrevious && endedTogether.has(key)) return 'paired_before';
    return undefined;
  };
  return { liveAsMentee, endedTogether, placesLeft, blocker };
}

/** Two people share a (known) manager, or one manages the other. */
function sameManager(a: { userId: string; managerId: string | null }, b: { userId: string; managerId: string | null }): boolean {
  if (a.managerId !== null && a.managerId === b.managerId) return true;
  return a.managerId === b.userId || b.managerId === a.userId;
}

/**
 * Suggests at most one mentor for each unpaired mentee. Candidate pairs with at least one skill in
 * common are taken greedily, best score first (ties: mentee id, then mentor id), while the mentor has
 * places left; a mentor's live pairings count against their capacity.
 */
export function suggestMatches(input: MatchInput): MatchResult {
  const facts = indexOf(input);
  const mentees = [...input.mentees].sort(byId).filter((m) => !facts.liveAsMentee.has(m.userId));
  const mentors = [...input.mentors].sort(byId);

  const candidates: Array<{ mentee: MenteeProfileInput; mentor: MentorProfileInput; fit: Fit }> = [];
  const blockedFor = new Map<string, Partial<Record<Blocker, string[]>>>();
  let hiddenPreviousPairs = 0;
  for (const mentee of mentees) {
    for (const mentor of mentors) {
      const fit = fitOf(mentee, mentor);
      if (fit.score === 0) continue;
      const blocker = facts.blocker(mentee, mentor);
      if (blocker === undefined) {
        candidates.push({ mentee, mentor, fit });
        continue;
      }
      if (blocker === 'self') continue;
      if (blocker === 'paired_before') hiddenPreviousPairs += 1;
      const blocked = blockedFor.get(mentee.userId) ?? {};
      (blocked[blocker] ??= []).push(mentor.userId);
      blockedFor.set(mentee.userId, blocked);
    }
  }
  candidates.sort((a, b) => b.fit.score - a.fit.score || compareIds(a.mentee.userId, b.mentee.userId) || compareIds(a.mentor.userId, b.mentor.userId));

  const placesLeft = new Map(mentors.map((m) => [m.userId, facts.placesLeft(m)]));
  const suggested = new Set<string>();
  const suggestions: Suggestion[] = [];
  for (const { mentee, mentor, fit } of candidates) {
    const left = placesLeft.get(mentor.userId) ?? 0;
    if (suggested.has(mentee.userId) || left <= 0) continue;
    suggested.add(mentee.userId);
    placesLeft.set(mentor.userId, left - 1);
    suggestions.push({
      mentorId: mentor.userId,
      menteeId: mentee.userId,
      fit,
      pairedBefore: facts.endedTogether.has(unordered(mentee.userId, mentor.userId)),
      mentorOpenToReverse: mentor.openToReverse,
      mentorPlacesLeft: left - 1,
    });
  }

  const unmatched: Unmatched[] = [];
  for (const mentee of mentees) {
    if (suggested.has(mentee.userId)) continue;
    const full = candidates.filter((c) => c.mentee === mentee).map((c) => c.mentor.userId);
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
