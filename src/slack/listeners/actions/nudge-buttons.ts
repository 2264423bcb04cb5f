import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { describeDay } from '../../../domain/calendar.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { askConfidence } from '../../confidence-prompts.ts';
import { ACTION } from '../../ids.ts';
import { noticeMilestone } from '../../milestones.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { loopClosedMessage } from '../../surfaces/dm-messages.ts';
import { buttonCallback, type Press } from './button.ts';

/** A nudge button: changes one thing and says what it did in place of the buttons. */
type Run = (rt: SlackRuntime, press: Press) => Promise<string>;

const snoozeStall: Run = async (rt, { actor, id }) => {
  const { until } = await rt.services.pairs.snoozeStall(actor, id);
  return `Snoozed for a week by ${mention(actor.userId)}: no reminders to meet for this pairing until ${await rt.services.members.describeDayFor(actor, until)}.`;
};

const pausePair: Run = async (rt, { actor, id }) => {
  const pair = await rt.services.pairs.pausePair(actor, id);
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  return `Pairing paused by ${mention(actor.userId)}. \`/mentor resume\` restarts it.`;
};

const loopNotYet: Run = async (rt, { actor, id }) => {
  const until = await rt.services.advice.snoozeAdvice(actor, id);
  return `Not yet: I'll ask again on ${describeDay(until, await rt.services.members.todayFor(actor))}.`;
};

const loopDidntApply: Run = async (rt, { actor, id }) => {
  const { advice, pair } = await rt.services.advice.closeLoop(actor, { adviceId: id, outcome: 'not_applicable', outcomeText: null, usefulness: null });
  await rt.messenger.dm(actor.teamId, pair.mentor_id, loopClosedMessage(advice, pair));
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  await noticeMilestone(rt, { kind: 'loop_closed', teamId: actor.teamId, pairId: pair.id, menteeId: pair.mentee_id });
  return `Marked as not applicable; ${mention(pair.mentor_id)} has been told.`;
};

const goalStatus = (status: 'achieved' | 'dropped'): Run => async (rt, { actor, id }) => {
  const { pair, changed, goal } = await rt.services.goals.setGoalStatus(actor, id, status);
  if (!changed) return `This goal was already ${goal.status}.`;
  await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
  if (status === 'achieved') await noticeMilestone(rt, { kind: 'goal_achieved', teamId: actor.teamId, goalId: goal.id });
  await askConfidence(rt, actor.teamId, goal.id, status);
  return status === 'achieved' ? `:tada: Marked achieved by ${mention(actor.userId)}. Congratulations!` : `Goal dropped by ${mention(actor.userId)}.`;
};

export function registerNudgeButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, run: Run) => app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run: (press) => run(rt, press) }));
  on(ACTION.snoozeStall, snoozeStall);
  on(ACTION.pausePair, pausePair);
  on(ACTION.loopNotYet, loopNotYet);
  on(ACTION.loopDidntApply, loopDidntApply);
  on(ACTION.goalAchieved, goalStatus('achieved'));
  on(ACTION.goalDrop, goalStatus('dropped'));
}
