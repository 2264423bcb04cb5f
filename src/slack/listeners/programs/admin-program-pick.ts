import type { AllMiddlewareArgs, BlockAction, SlackActionMiddlewareArgs, StaticSelectAction } from '@slack/bolt';
import { parseMentorCommand } from '../../../domain/command-parser.ts';
import { ADMIN_PROGRAM_HOME, ADMIN_PROGRAM_SETTINGS, adminProgramCommandOf } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { settingsModal } from '../../surfaces/settings-modal.ts';
import { commandErrorReply, run } from '../commands/mentor-command.ts';
import type { CommandContext } from '../commands/subcommands/types.ts';

type PickArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<StaticSelectAction>>;

/**
 * An admin picked a program in "Which program?" or switched program on a reply, the settings
 * modal or Home: the pick is checked and remembered, then what the select was for runs for it
 * (the command again, with that program; the settings modal redrawn; Home published again).
 */
export function adminProgramPickCallback(rt: SlackRuntime) {
  return async ({ ack, body, action, respond }: PickArgs): Promise<void> => {
    await ack();
    const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const value = action.selected_option?.value ?? '';
    const programId = /^\d{1,9}$/.test(value) ? Number(value) : NaN;
    const command = adminProgramCommandOf(action.block_id) ?? '';
    const logContext = { team: actor.teamId, user: actor.userId, interaction: `action:admin_program:${command.split(' ')[0] ?? ''}` };
    const view = (body as { view?: { id?: string; type?: string } }).view;
    try {
      const picked = await rt.services.programs.pickForAdmin(actor, programId);
      if (command === ADMIN_PROGRAM_HOME) return await rt.homes.publish(actor.teamId, actor.userId);
      if (command === ADMIN_PROGRAM_SETTINGS && view?.id) {
        await rt.client.views.update({ view_id: view.id, view: settingsModal(picked.program, picked.choices) });
        return;
      }
      const ctx: CommandContext = { rt, actor, triggerId: body.trigger_id, text: command, program: { programId: picked.program.id } };
      const outcome = await run(ctx, parseMentorCommand(command));
      if (!outcome) return;
      const { afterAck, ...reply } = outcome;
      await respond({ response_type: 'ephemeral', replace_original: true, ...reply });
      const more = afterAck ? await afterAck() : undefined;
      if (more) await respond({ response_type: 'ephemeral', ...more });
    } catch (error) {
      const reply = commandErrorReply(error, command, rt.logger, logContext);
      // Home and modals have no response_url: the refusal is logged there, and shown everywhere else.
      if (view?.type === 'home' || view?.type === 'modal') rt.logger.warn({ ...logContext, reason: reply.text }, 'program pick refused');
      else await respond({ response_type: 'ephemeral', replace_original: false, ...reply }).catch(() => undefined);
    }
  };
}
