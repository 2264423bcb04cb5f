import type { AllMiddlewareArgs, App, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { describeDay } from '../../../domain/calendar.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { partnerOf } from '../../../services/access.ts';
import type { Actor } from '../../../services/context.ts';
import { ACTION } from '../../ids.ts';
import { replaceActions } from '../../message-updates.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { loopClosedMessage } from '../../surfaces/dm-messages.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { goalDateModal, reviewModal, type MessageRef } from '../../surfaces/review-modals.ts';
import { openReportModal } from '../reports/open-report.ts';
import { replyForError } from '../reply-errors.ts';
import { noticeMilestone } from '../../milestones.ts';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

interface Press {
  actor: Actor;
  id: number;
  triggerId: string;
  /** The nudge message and the pressed row, when the button sits in a message. */
  ref: MessageRef | undefined;
  blocks: KnownBlock[] | undefined;
  text: string;
}

/** What a press did, shown in place of the buttons; undefined when a modal took over. */
type PressHandler = (rt: SlackRuntime, press: Press) => Promise<string | undefined>;

function pressOf(body: BlockAction, action: ButtonAction): Press {
  const message = (body as { message?: { ts: string; text?: string; blocks?: KnownBlock[] } }).message;
  const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  return {
    actor: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    id: action.value && /^\d{1,9}$/.test(action.value) ? Number(action.value) : NaN,
    triggerId: body.trigger_id,
    ref: message && channel ? { channel, ts: message.ts, blockId: action.block_id } : undefined,
    blocks: message?.blocks,
    text: message?.text ?? '',
  };
}

/** Acks, runs the handler (which re-checks the presser), then shows the outcome or the refusal. */
function handle(rt: SlackRuntime, handler: PressHandler) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const press = pressOf(body, action);
    try {
      const done = await handler(rt, press);
      if (done && press.ref) await replaceActions(rt, press.ref, press.blocks, press.text, done);
    } catch (error) {
      const reply = replyForError(error, rt.logger, { team: press.actor.teamId, user: press.actor.userId, interaction: `action:${action.action_id}` });
      await rt.client.views.open({ trigger_id: press.triggerId, view: noticeModal("Can't do that", reply.text) }).catch(() => undefined);
    }
  };
}

const snoozeStall: PressHandler = async (rt, { actor, id }) => {
  const { until } = await rt.services.pairs.snoozeStall(actor, id);
  const day = until.toISOString().slice(0, 10);
  return `Snoozed for a week by ${mention(actor.userId)}: no "gone quiet" reminders for this pairing until ${describeDay(day, day)}.`;
};

const pausePair: PressHandler = async (rt, { actor, id }) => {
  const pair = await rt.services.pairs.pausePair(actor, id);
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  return `Pairing paused by ${mention(actor.userId)}. \`/mentor resume\` restarts it.`;
};

const loopNotYet: PressHandler = async (rt, { actor, id }) => {
  const until = await rt.services.advice.snoozeAdvice(actor, id);
  return `Not yet: I'll ask again on ${describeDay(until, until)}.`;
};

const loopDidntApply: PressHandler = async (rt, { actor, id }) => {
  const { advice, pair } = await rt.services.advice.closeLoop(actor, { adviceId: id, outcome: 'not_applicable', outcomeText: null, usefulness: null });
  await rt.messenger.dm(actor.teamId, pair.mentor_id, loopClosedMessage(advice, pair));
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  await noticeMilestone(rt, { kind: 'loop_closed', teamId: actor.teamId, pairId: pair.id, menteeId: pair.mentee_id });
  return `Marked as not applicable; ${mention(pair.mentor_id)} has been told.`;
};

const goalStatus = (status: 'achieved' | 'dropped'): PressHandler => async (rt, { actor, id }) => {
  const { pair, changed, goal } = await rt.services.goals.setGoalStatus(actor, id, status);
  if (!changed) return `This goal was already ${goal.status}.`;
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  if (status === 'achieved') await noticeMilestone(rt, { kind: 'goal_achieved', teamId: actor.teamId, goalId: goal.id });
  return status === 'achieved' ? `:tada: Marked achieved by ${mention(actor.userId)}. Congratulations!` : `Goal dropped by ${mention(actor.userId)}.`;
};

const openGoalDate: PressHandler = async (rt, press) => {
  const { goal: found } = await rt.services.goals.changeableGoal(press.actor, press.id);
  await rt.client.views.open({ trigger_id: press.triggerId, view: goalDateModal({ goalId: found.id, title: found.title, ...(press.ref ? { message: press.ref } : {}) }) });
  return undefined;
};

const openReview: PressHandler = async (rt, press) => {
  const pair = await rt.services.pairs.visiblePair(press.actor, press.id);
  await rt.client.views.open({
    trigger_id: press.triggerId,
    view: reviewModal({ pairId: pair.id, partnerId: partnerOf(pair, press.actor.userId), objective: pair.objective, ...(press.ref ? { message: press.ref } : {}) }),
  });
  return undefined;
};

const openReport: PressHandler = async (rt, { actor, triggerId }) => {
  await rt.services.admins.requireAdmin(actor);
  await openReportModal(rt, actor, triggerId);
  return undefined;
};

export function registerNudgeButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, handler: PressHandler) => app.action<BlockAction<ButtonAction>>(actionId, handle(rt, handler));
  on(ACTION.snoozeStall, snoozeStall);
  on(ACTION.pausePair, pausePair);
  on(ACTION.loopNotYet, loopNotYet);
  on(ACTION.loopDidntApply, loopDidntApply);
  on(ACTION.goalAchieved, goalStatus('achieved'));
  on(ACTION.goalDrop, goalStatus('dropped'));
  on(ACTION.goalNewDate, openGoalDate);
  on(ACTION.openReview, openReview);
  on(ACTION.openReport, openReport);
}
