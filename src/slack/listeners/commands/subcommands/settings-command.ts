import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { settingsModal } from '../../../surfaces/settings-modal.ts';
import { programPick, type Subcommand } from './types.ts';

/** `/mentor settings [program]` (admins): the program's rules in a modal. A refusal goes back via response_url. */
export const settings: Subcommand<Extract<MentorCommand, { kind: 'settings' }>> = async (ctx, command) => {
  const { program, choices } = await ctx.rt.services.settings.current(ctx.actor, programPick(ctx, command.program));
  await ctx.rt.client.views.open({ trigger_id: ctx.triggerId, view: settingsModal(program, choices) });
  return undefined;
};
