import type { KnownBlock } from '@slack/types';
import { describeDay, type CalendarDay } from '../../domain/calendar.ts';
import { describeDays } from '../../domain/durations.ts';
import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import { PROGRAM_KIND_LABEL } from '../../domain/programs.ts';
import type { Program } from '../../services/settings-service.ts';
import { ENROLMENT_ACTION, PROGRAM_ACTION, programJoinBlockId } from '../ids.ts';
import { actions, button, context, header, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

const KIND_LINE: Record<Program['kind'], string> = {
  standard: 'Mentoring: a more experienced colleague helps you grow the skills you pick.',
  reverse: 'Reverse mentoring: a junior colleague shares what they know best with a more senior one.',
  buddy: 'Buddies: a colleague helps a newcomer find their feet.',
};

/** What kind of program it is, how often pairs meet, and its dates: the card's lines, also on Home. */
export function programFacts(program: Pick<Program, 'kind' | 'cadence_days' | 'review_months' | 'starts_on' | 'ends_on'>, today: CalendarDay): string {
  const rhythm = `Pairs meet every ${describeDays(program.cadence_days)} and look back together after ${program.review_months} month${program.review_months === 1 ? '' : 's'}.`;
  const dates = program.ends_on
    ? `Runs ${program.starts_on ? `from ${describeDay(program.starts_on, today)} ` : ''}until ${describeDay(program.ends_on, today)}.`
    : program.starts_on
      ? `Starts ${describeDay(program.starts_on, today)}.`
      : '';
  return [KIND_LINE[program.kind], rhythm, dates].filter(Boolean).join('\n');
}

/** A program's join buttons: a role each, or one *Join* for buddies (which asks both roles). */
export function joinButtons(program: Pick<Program, 'id' | 'kind'>, blockId: string): KnownBlock {
  const id = String(program.id);
  if (program.kind === 'buddy') return actions(blockId, button('Join', ENROLMENT_ACTION.join, id, 'primary'));
  return actions(blockId, button('Join as mentee', PROGRAM_ACTION.joinAsMentee, id, 'primary'), button('Join as mentor', PROGRAM_ACTION.joinAsMentor, id));
}

/** `/mentor announce`: a program's card in a channel, with its join buttons. */
export function programCard(program: Program, today: CalendarDay): Reply {
  const name = escapeMrkdwn(program.name);
  const blocks: KnownBlock[] = [
    header(program.name),
    ...(program.description ? [section(escapeMrkdwn(program.description))] : []),
    section(programFacts(program, today)),
    joinButtons(program, programJoinBlockId(program.id)),
    context(`${PROGRAM_KIND_LABEL[program.kind]} · Joining asks a few questions so admins can suggest a good match.`),
  ];
  return { text: `Join ${name}: ${KIND_LINE[program.kind]}`, blocks };
}
