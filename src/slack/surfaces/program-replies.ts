import type { KnownBlock } from '@slack/types';
import { describeDay, type CalendarDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import { PROGRAM_KIND_LABEL } from '../../domain/programs.ts';
import type { ProgramList, ProgramSummary, SavedProgram } from '../../services/program-service.ts';
import type { Program } from '../../services/settings-service.ts';
import { PROGRAM_ACTION, programArchiveBlockId } from '../ids.ts';
import { actions, button, capBlocks, context, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

/** "1 Dec 2026 – 31 May 2027", "from 1 Dec 2026", "until 31 May 2027", or "no dates". */
export function programDates(program: Pick<Program, 'starts_on' | 'ends_on'>, today: CalendarDay): string {
  const day = (d: string) => describeDay(d, today);
  if (program.starts_on && program.ends_on) return `${day(program.starts_on)} – ${day(program.ends_on)}`;
  if (program.starts_on) return `from ${day(program.starts_on)}`;
  if (program.ends_on) return `until ${day(program.ends_on)}`;
  return 'no end date';
}

function enrolment(program: Program): string {
  if (program.archived_at) return 'archived';
  return program.enrolment_open ? 'enrolment open' : 'enrolment closed';
}

/** One line of facts about a program: kind, dates, enrolment. */
export function programFacts(program: Program, today: CalendarDay): string {
  return [PROGRAM_KIND_LABEL[program.kind], programDates(program, today), enrolment(program)].join(' · ');
}

function programLine(p: ProgramSummary, today: CalendarDay): string {
  const pairings = `${p.live_pairs} pairing${p.live_pairs === 1 ? '' : 's'}`;
  const admins = p.admin_ids.length > 0 ? p.admin_ids.map(mention).join(', ') : 'none named';
  const description = p.description ? `\n${escapeMrkdwn(p.description)}` : '';
  return `*${escapeMrkdwn(p.name)}*${p.is_default ? ' (main program)' : ''}\n${programFacts(p, today)} · ${pairings}\nAdmins: ${admins}${description}`;
}

/** `/mentor program list`. */
export function programListReply(list: ProgramList, today: CalendarDay): Reply {
  const blocks: KnownBlock[] = [
    ...list.programs.map((p) => section(programLine(p, today))),
    context(
      list.everyProgram
        ? 'Workspace admins and owners run every program. `/mentor program new` adds one; `/mentor program edit <name>` changes one.'
        : 'These are the programs you run. `/mentor program edit <name>` changes one.',
    ),
  ];
  const count = list.programs.length;
  return { text: `${count} program${count === 1 ? '' : 's'}`, blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More programs than fit here.') };
}

/** The modal's confirmation once a program is created or saved. */
export function programSavedText(saved: SavedProgram, today: CalendarDay): string {
  const { program, adminIds } = saved;
  const admins = adminIds.length > 0 ? adminIds.map(mention).join(', ') : 'workspace admins and owners only';
  const verb = saved.created ? 'is ready' : 'is saved';
  return `:white_check_mark: *${escapeMrkdwn(program.name)}* ${verb}.\n${programFacts(program, today)}\nAdmins: ${admins}${
    program.celebration_channel ? `\nShout-outs go to <#${program.celebration_channel}>.` : ''
  }`;
}

/** `/mentor program archive <name>`: what archiving does, and the button that does it. */
export function archiveConfirmReply(program: Program): Reply {
  const name = escapeMrkdwn(program.name);
  return {
    text: `Archive ${program.name}?`,
    blocks: [
      section(`*Archive ${name}?*\nNobody new can join it or be paired in it. Pairings already running carry on until they end, and its reports stay.`),
      actions(programArchiveBlockId(program.id), button(`Archive ${program.name}`, PROGRAM_ACTION.archive, String(program.id), 'danger')),
    ],
  };
}

export function archivedText(program: Program, by: string): string {
  return `*${escapeMrkdwn(program.name)}* was archived by ${mention(by)}. Nobody new can join it or be paired in it.`;
}
