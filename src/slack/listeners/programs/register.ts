import type { App, BlockAction, ButtonAction, StaticSelectAction } from '@slack/bolt';
import { ADMIN_PROGRAM_ACTION, CARRY_OVER_CALLBACK, ENROLMENT_ACTION, PROGRAM_ACTION, PROGRAM_CALLBACK } from '../../ids.ts';
import { adminProgramPickCallback } from './admin-program-pick.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { openJoinModal } from '../../modal-openers.ts';
import { withRowDone } from '../../surfaces/blocks.ts';
import { archivedText } from '../../surfaces/program-replies.ts';
import { buttonCallback, type Press } from '../actions/button.ts';
import { registerCarryOver } from './carry-over.ts';
import { programSubmissionCallback } from './program-submission.ts';

/** The confirmation is ephemeral: it changes through response_url, or a new note follows. */
async function showArchived(rt: SlackRuntime, press: Press, done: string): Promise<void> {
  const reply = press.message?.blocks
    ? { replace_original: true, text: done, blocks: withRowDone(press.message.blocks, press.blockId, done) }
    : { response_type: 'ephemeral' as const, replace_original: false, text: done };
  await press.respond(reply).catch((error: unknown) => rt.logger.warn({ team: press.actor.teamId, err: error }, 'archive confirmation not updated'));
}

/** Registers the program modal's submission, the archive button and carrying pairings over. */
export function registerProgramListeners(app: App, rt: SlackRuntime): void {
  app.view(PROGRAM_CALLBACK, programSubmissionCallback(rt));
  app.action<BlockAction<StaticSelectAction>>(ADMIN_PROGRAM_ACTION, adminProgramPickCallback(rt));
  registerCarryOver(app, rt, CARRY_OVER_CALLBACK);
  app.action<BlockAction<ButtonAction>>(
    PROGRAM_ACTION.archive,
    buttonCallback(rt, {
      run: async (press) => archivedText(await rt.services.programs.archive(press.actor, press.id), press.actor.userId),
      showDone: (press, done) => showArchived(rt, press, done),
    }),
  );
  // Anyone may press a card's join buttons: the join service checks the program is still open.
  for (const [actionId, role] of [[PROGRAM_ACTION.joinAsMentee, 'mentee'], [PROGRAM_ACTION.joinAsMentor, 'mentor']] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run: (press) => openJoinModal(rt, press.actor, press.triggerId, { programId: press.id, role }) }));
  }
  // A buddy program's *Join* on Home: the program's join modal with both roles.
  app.action<BlockAction<ButtonAction>>(ENROLMENT_ACTION.join, buttonCallback(rt, { run: (press) => openJoinModal(rt, press.actor, press.triggerId, { programId: press.id }) }));
}
