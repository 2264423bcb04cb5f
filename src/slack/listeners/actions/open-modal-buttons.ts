import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Actor } from '../../../services/context.ts';
import { ACTION, FOLLOW_UP_ACTION, isNudgeActionsBlockId } from '../../ids.ts';
import { openGoalDateModal, openGoalModal, openJoinModal, openLogModal, openLoopModal, openReportModal, openReviewModal, openWeMetModal } from '../../modal-openers.ts';
import type { SlackRuntime } from '../../runtime.ts';
import type { MessageRef } from '../../surfaces/review-modals.ts';
import { buttonCallback, type Press } from './button.ts';

type Opener = (rt: SlackRuntime, actor: Actor, triggerId: string, id: number, message?: MessageRef) => Promise<void>;

/** Pressed in a nudge DM: the modal remembers the message so saving can mark the nudge done. */
function nudgeRow(press: Press): MessageRef | undefined {
  return press.message && isNudgeActionsBlockId(press.blockId) ? { channel: press.message.channel, ts: press.message.ts, blockId: press.blockId } : undefined;
}

/** A button's value names a pair, goal or advice item; the opener re-checks the presser against it. */
const opens = (rt: SlackRuntime, opener: Opener) =>
  buttonCallback(rt, {
    run: async (press) => {
      await opener(rt, press.actor, press.triggerId, press.id, nudgeRow(press));
    },
  });

export function registerOpenModalButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, opener: Opener) => app.action<BlockAction<ButtonAction>>(actionId, opens(rt, opener));
  on(ACTION.openGoal, openGoalModal);
  on(ACTION.openLog, openLogModal);
  on(FOLLOW_UP_ACTION.weMet, openWeMetModal);
  on(ACTION.openLoop, openLoopModal);
  on(ACTION.goalNewDate, openGoalDateModal);
  on(ACTION.openReview, openReviewModal);
  on(ACTION.openReport, (r, actor, triggerId, programId) => openReportModal(r, actor, triggerId, programId));
  on(ACTION.findNewMatch, (r, actor, triggerId) => openJoinModal(r, actor, triggerId));
  on(ACTION.openJoin, (r, actor, triggerId) => openJoinModal(r, actor, triggerId));
}
