import type { KnownBlock } from '@slack/types';
import type { Blocker, Suggestion, Unmatched } from '../../domain/matching.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { MatchRun } from '../../services/matching-service.ts';
import { actions, button, context, MAX_MESSAGE_BLOCKS, MAX_SECTION_TEXT, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { programSwitch } from './program-choice.ts';
import { BLOCK, MATCH_ACTION, suggestionBlockId } from '../ids.ts';

const USER = '[UW][A-Z0-9]{2,20}';
const VALUE = new RegExp(`^(${USER}):(${USER})(:again)?(?:@(\\d{1,9}))?$`);

/** What a Pair / Skip button carries: the two people, whether the run included previous pairs, and its program. */
export function suggestionValue(s: { mentorId: string; menteeId: string }, includePrevious: boolean, programId?: number): string {
  return `${s.mentorId}:${s.menteeId}${includePrevious ? ':again' : ''}${programId === undefined ? '' : `@${programId}`}`;
}

/** A button from before programs were named carries none: the admin's current program. */
export function parseSuggestionValue(value: string | undefined): { mentorId: string; menteeId: string; includePrevious: boolean; programId?: number } | undefined {
  const m = VALUE.exec(value ?? '');
  return m ? { mentorId: m[1]!, menteeId: m[2]!, includePrevious: m[3] !== undefined, ...(m[4] ? { programId: Number(m[4]) } : {}) } : undefined;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const skillList = (skills: string[]) => skills.map((s) => `*${escapeMrkdwn(s)}*`).join(', ');

function suggestionText(s: Suggestion): string {
  const parts = [s.fit.covered.length > 0 ? `${s.fit.covered.length} to grow` : '', s.fit.gap.length > 0 ? `${s.fit.gap.length} in the gap` : ''].filter(Boolean);
  const lines = [`*${mention(s.mentorId)} could mentor ${mention(s.menteeId)}* · score ${s.fit.score} (${parts.join(' + ')})`];
  if (s.fit.covered.length > 0) lines.push(`Covers their skills to grow: ${skillList(s.fit.covered)}`);
  if (s.fit.gap.length > 0) lines.push(`Named in their gap: ${skillList(s.fit.gap)}`);
  const notes = [`${mention(s.mentorId)} has ${plural(s.mentorPlacesLeft, 'place')} left after this`];
  if (s.mentorOpenToReverse) notes.push('open to a reverse pairing too');
  if (s.pairedBefore) notes.push('these two were paired before');
  lines.push(`_${notes.join(' · ')}_`);
  return lines.join('\n');
}

const BLOCKER_LABEL: Record<Blocker, string> = {
  self: 'themselves',
  paired_now: 'already paired with them',
  skipped: 'skipped',
  same_manager: 'same manager',
  paired_before: 'paired before',
};

function unmatchedLine(u: Unmatched): string {
  const who = mention(u.menteeId);
  if (u.reason === 'no_overlap') return `• ${who}: no skill overlap: no mentor offers their skills to grow or what their gap names`;
  if (u.reason === 'no_capacity') return `• ${who}: no capacity: the mentors who match are full (${u.mentorIds.map(mention).join(', ')})`;
  const why = (Object.entries(u.blocked) as Array<[Blocker, string[]]>).map(([blocker, ids]) => `${BLOCKER_LABEL[blocker]}: ${ids.map(mention).join(', ')}`);
  return `• ${who}: the mentors who match are ruled out (${why.join('; ')})`;
}

/** Lines under one section's limit, ending with how many did not fit. */
function fitLines(title: string, lines: string[]): string {
  let text = title;
  for (let i = 0; i < lines.length; i++) {
    const more = `\n…and ${lines.length - i} more`;
    if (text.length + 1 + lines[i]!.length + more.length > MAX_SECTION_TEXT) return text + more;
    text += `\n${lines[i]}`;
  }
  return text;
}

/** The `/mentor match` reply: ranked suggestions with Pair / Skip, the mentees left over and why. */
export function matchMessage(run: MatchRun): Reply {
  const n = run.suggestions.length;
  const switcher = run.program && run.choices ? programSwitch(run.choices, run.program, 'match') : [];
  // Buttons name the program only when the admin runs several (with one, it is always that one).
  const programId = switcher.length > 0 ? run.program?.id : undefined;
  if (n === 0 && run.unmatched.length === 0) {
    const text = 'No unpaired mentees with a profile right now. People add themselves with `/mentor join`.';
    return switcher.length > 0 ? { text, blocks: [section(text), ...switcher] } : { text };
  }
  const intro = section(
    [
      `*Suggested pairs for unpaired mentees* · ${plural(n, 'suggestion')}`,
      'Score: one point for each of the mentee’s skills to grow the mentor offers, and each mentor skill their gap names. A mentor’s live pairings count against their capacity.',
      ...(run.includePrevious ? ['_Including people who were paired before._'] : []),
    ].join('\n'),
  );
  const tail: KnownBlock[] = [];
  if (run.unmatched.length > 0) tail.push(section(fitLines(`*No suggestion for ${plural(run.unmatched.length, 'mentee')}*`, run.unmatched.map(unmatchedLine))));
  if (!run.includePrevious && run.hiddenPreviousPairs > 0) {
    tail.push({
      ...section(`${plural(run.hiddenPreviousPairs, 'matching pair')} left out because the two were paired before.`, button('Include previous pairs', MATCH_ACTION.again, programId === undefined ? 'again' : String(programId))),
      block_id: BLOCK.matchAgain,
    });
  }
  // Two blocks per suggestion; when they do not all fit, the last block says so.
  const room = MAX_MESSAGE_BLOCKS - 1 - switcher.length - tail.length;
  const shown = n * 2 <= room ? n : Math.floor((room - 1) / 2);
  const rows = run.suggestions.slice(0, shown).flatMap((s): KnownBlock[] => [
    section(suggestionText(s)),
    actions(
      suggestionBlockId(s.mentorId, s.menteeId),
      button('Pair them', MATCH_ACTION.pair, suggestionValue(s, run.includePrevious, programId), 'primary'),
      button('Skip', MATCH_ACTION.skip, suggestionValue(s, run.includePrevious, programId)),
    ),
  ]);
  const capNote = shown < n ? [context(`Showing the first ${shown} of ${n} suggestions (a message holds ${MAX_MESSAGE_BLOCKS} blocks). Pair or skip these, then run \`/mentor match\` again for the rest.`)] : [];
  return {
    text: `${plural(n, 'suggested pair')} for unpaired mentees${run.unmatched.length > 0 ? `; ${run.unmatched.length} without a suggestion` : ''}.`,
    blocks: [intro, ...switcher, ...rows, ...capNote, ...tail],
  };
}
