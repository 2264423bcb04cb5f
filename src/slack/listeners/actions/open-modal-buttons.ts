import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { ACTION, isNudgeActionsBlockId } from '../../ids.ts';
import { openGoalModal, openLogModal, openLoopModal } from '../../modal-openers.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

/** A button's value names a pair or an advice item; the opener re-checks the presser against it. */
function idFrom(value: string | undefined): number {
  return value && /^\d{1,9}$/.test(value) ? Number(value) : NaN;
}

function opener(rt: SlackRuntime, open: typeof openGoalModal) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    // Pressed in a nudge DM: the modal remembers the message so saving can mark the nudge done.
    const message = (body as { message?: { ts: string } }).message;
    const channel = body.channel?.id;
    const ref = message && channel && isNudgeActionsBlockId(action.block_id) ? { channel, ts: message.ts, blockId: action.block_id } : undefined;
    try {
      await open(rt, actor, body.trigger_id, idFrom(action.value), ref);
    } catch (error) {
      const reply = replyForError(error, rt.logger, { team: actor.teamId, user: actor.userId, interaction: `action:${action.action_id}` });
      await rt.client.views.open({ trigger_id: body.trigger_id, view: noticeModal("Can't do that", reply.text) }).catch(() => undefined);
    }
  };
}

export function registerOpenModalButtons(app: import('@slack/bolt').App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(ACTION.openGoal, opener(rt, openGoalModal));
  app.action<BlockAction<ButtonAction>>(ACTION.openLog, opener(rt, openLogModal));
  app.action<BlockAction<ButtonAction>>(ACTION.openLoop, opener(rt, (r, a, t, id, ref) => openLoopModal(r, a, t, id ?? NaN, ref)));
}
