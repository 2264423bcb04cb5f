import type { KnownBlock, SectionBlock, StaticSelect } from '@slack/types';
import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import { ADMIN_PROGRAM_ACTION, adminProgramBlockId } from '../ids.ts';
import { option, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

/** A program an admin could act on, as the select lists it. */
export interface ProgramOption {
  id: number;
  name: string;
}

/** Slack allows 100 options in a static select. */
const MAX_OPTIONS = 100;

function programSelect(choices: readonly ProgramOption[], current: ProgramOption | undefined, placeholder: string): StaticSelect {
  const options = choices.slice(0, MAX_OPTIONS).map((c) => option(c.name, String(c.id)));
  const initial = current ? options.find((o) => o.value === String(current.id)) : undefined;
  return {
    type: 'static_select',
    action_id: ADMIN_PROGRAM_ACTION,
    placeholder: { type: 'plain_text', text: placeholder },
    options,
    ...(initial ? { initial_option: initial } : {}),
  };
}

/**
 * "Which program?": an admin of several programs named none and has not picked one before.
 * Picking one remembers it and runs `command` (the command text, or what the select is for) for it.
 */
export function whichProgramReply(choices: readonly ProgramOption[], command: string): Reply {
  const text = 'Which program? You run several: pick one and I’ll remember it for your next commands.';
  const block: SectionBlock = { type: 'section', block_id: adminProgramBlockId(command), text: { type: 'mrkdwn', text: `*Which program?* You run ${choices.length} programs: pick one and I’ll remember it for your next commands.` }, accessory: programSelect(choices, undefined, 'Choose a program') };
  return { text, blocks: [block] };
}

/**
 * The program an admin reply, modal or Home is about, with a select to switch to another program
 * they run (remembered); nothing for an admin of one program, so one-program workspaces look as before.
 */
export function programSwitch(choices: readonly ProgramOption[], current: ProgramOption, command: string): KnownBlock[] {
  if (choices.length <= 1) return [];
  const block: SectionBlock = { ...section(`*Program:* ${escapeMrkdwn(current.name)}`), block_id: adminProgramBlockId(command), accessory: programSelect(choices, current, 'Switch program') };
  return [block];
}

/** A program's name for headings, only where there is more than one to tell apart. */
export function programLabel(choices: readonly ProgramOption[], current: ProgramOption): string {
  return choices.length > 1 ? ` · ${current.name}` : '';
}
