import type { KnownBlock } from '@slack/types';
import type { CalendarDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { Program } from '../../services/settings-service.ts';
import type { JoinableProgram, WaitingForMatch } from '../../services/dashboard-service.ts';
import { ENROLMENT_ACTION, joinableBlockId, waitingBlockId } from '../ids.ts';
import { actions, button, header, section } from './blocks.ts';
import { joinButtons, programFacts } from './program-card.ts';

const quoted = (program: Pick<Program, 'name'>) => `*${escapeMrkdwn(program.name)}*`;

/** What the join modal's confirmation says: where the person now is, and what happens next. */
export function joinedText(r: { mentee: boolean; mentor: boolean; updated: boolean; program: Pick<Program, 'name' | 'matching_mode'> }): string {
  const as = r.mentee && r.mentor ? 'a mentee and a mentor' : r.mentee ? 'a mentee' : 'a mentor';
  const lead = r.updated ? `:seedling: Your answers are updated: you're on ${quoted(r.program)}'s list as ${as}.` : `:seedling: You're on ${quoted(r.program)}'s list as ${as}.`;
  const next = r.mentee && r.program.matching_mode === 'mentee'
    ? "Here mentees choose their mentor: I’ve sent the mentors who fit you best to our DM, each with an *Ask* button. `/mentor suggestions` shows them again."
    : r.mentee
      ? "A program admin will pair you (usually within a week); you'll get a DM introducing your mentor."
      : "When a program admin pairs you with a mentee, you'll get a DM introducing them.";
  return `${lead} ${next} You can change your answers any time with \`/mentor join\`.`;
}


/** Home: "Programs you can join", for open programs the person is not in (none: no section). */
export function joinableProgramsBlocks(programs: JoinableProgram[], today: CalendarDay): KnownBlock[] {
  if (programs.length === 0) return [];
  return [
    header('Programs you can join'),
    ...programs.flatMap((program) => [
      section([quoted(program), ...(program.description ? [escapeMrkdwn(program.description)] : []), programFacts(program, today)].join('\n')),
      joinButtons(program, joinableBlockId(program.id)),
    ]),
  ];
}

/** How long someone has waited, in days. */
export function waitedFor(days: number): string {
  if (days <= 0) return 'since today';
  return days === 1 ? '1 day' : `${days} days`;
}

/** The *Suggest pairs* button: `/mentor match` for that program. */
export function suggestPairsRow(programId: number): KnownBlock {
  return actions(waitingBlockId(programId), button('Suggest pairs', ENROLMENT_ACTION.suggestPairs, String(programId), 'primary'));
}

/** Admin Home: mentees with a profile and no live pairing, longest waiting first, with *Suggest pairs*. */
export function waitingForMatchBlocks(waiting: WaitingForMatch | undefined): KnownBlock[] {
  if (!waiting || waiting.total === 0) return [];
  const names = waiting.first.map((w) => `${mention(w.userId)} (${waitedFor(w.days)})`);
  const more = waiting.total - waiting.first.length;
  const count = waiting.total === 1 ? '1 mentee is' : `${waiting.total} mentees are`;
  return [
    section(`*Waiting for a match* in ${quoted(waiting.program)}: ${count} waiting for a mentor.\n${names.join(', ')}${more > 0 ? ` and ${more} more` : ''}`),
    suggestPairsRow(waiting.program.id),
  ];
}

/** The digest's line: how many mentees wait for a match (nothing when none). */
export function waitingDigestBlocks(programId: number, count: number): KnownBlock[] {
  if (count === 0) return [];
  return [
    section(`*Waiting for a match*: ${count === 1 ? '1 mentee has' : `${count} mentees have`} no mentor yet.`),
    suggestPairsRow(programId),
  ];
}

