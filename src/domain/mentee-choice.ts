// Plain words for a mentee choosing their mentor and for the kickoff's introductions: no SQL, no
// Slack. Callers pass names and skills already made safe for where the words are shown.

/** "a", "a and b", "a, b and c". */
export function wordList(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)!}`;
}

const places = (n: number) => (n === 1 ? 'Room for one more mentee.' : `Room for ${n} more mentees.`);

/**
 * Why a suggested mentor fits, spoken to the mentee: the skills to grow they offer, the mentor skills
 * the mentee's gap names, and the places they have left. "Maya offers Negotiation and Budgeting, and
 * has worked through the gap you named: Public speaking. Room for one more mentee."
 */
export function explainChoice(c: { name: string; covered: readonly string[]; gap: readonly string[]; placesLeft: number }): string {
  const offers = c.covered.length > 0 ? `offers ${wordList(c.covered)}` : '';
  const gap = c.gap.length > 0 ? `has worked through the gap you named: ${wordList(c.gap)}` : '';
  const why = offers && gap ? `${offers}, and ${gap}` : offers || gap || 'is open to mentoring';
  return `${c.name} ${why}. ${places(c.placesLeft)}`;
}

/** What a mentee wants to grow, for the mentor they asked and for the kickoff; empty without a profile. */
export function growthWords(mentee: { skills: readonly string[]; gap: string } | undefined): string {
  if (!mentee) return '';
  const skills = mentee.skills.length > 0 ? `wants to grow ${wordList(mentee.skills)}` : '';
  const gap = mentee.gap.trim() ? `what holds them back, in their words: “${mentee.gap.trim()}”` : '';
  return [skills, gap].filter(Boolean).join('; ');
}

/** Days a mentee's request waits for the mentor's answer; after that the mentee may ask someone else. */
export const REQUEST_WAIT_DAYS = 7;

/** Whether a pending request has waited its week out at `now`. */
export function requestLapsed(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() >= REQUEST_WAIT_DAYS * 86_400_000;
}
