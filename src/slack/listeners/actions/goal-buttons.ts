import type { App, BlockAction, ButtonAction, OverflowAction } from '@slack/bolt';
import { UserError } from '../../../domain/errors.ts';
import { escapeMrkdwn, mention, truncate } from '../../../domain/mrkdwn.ts';
import { askConfidence } from '../../confidence-prompts.ts';
import { GOAL_ACTION, GOAL_MENU } from '../../ids.ts';
import { noticeMilestone } from '../../milestones.ts';
import { openGoalEditModal, openGoalProgressModal } from '../../modal-openers.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { buttonCallback, openNotice, type Press } from './button.ts';

const MENU_VALUE = new RegExp(`^(${Object.values(GOAL_MENU).join('|')}):(\\d{1,9})$`);

/** A choice in a goal's menu on Home; each one re-checks the presser through the goal service. */
async function menuChoice(rt: SlackRuntime, press: Press): Promise<string | undefined> {
  const match = MENU_VALUE.exec(press.value ?? '');
  if (!match) throw new UserError("I don't know that choice. Open my Home tab again and pick from the goal's menu.");
  const goalId = Number(match[2]);
  const { actor } = press;
  switch (match[1]) {
    case GOAL_MENU.achieved: {
      const { goal, pair } = await rt.services.goals.markAchieved(actor, goalId);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      await noticeMilestone(rt, { kind: 'goal_achieved', teamId: actor.teamId, goalId: goal.id });
      await askConfidence(rt, actor.teamId, goal.id, 'achieved');
      return `:tada: *${escapeMrkdwn(truncate(goal.title, 150))}* is marked achieved by ${mention(actor.userId)}. Congratulations!`;
    }
    case GOAL_MENU.drop: {
      const { goal, pair } = await rt.services.goals.dropGoal(actor, goalId);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      await askConfidence(rt, actor.teamId, goal.id, 'dropped');
      return `*${escapeMrkdwn(truncate(goal.title, 150))}* was dropped. It no longer shows on your Home tabs.`;
    }
    case GOAL_MENU.progress:
      await openGoalProgressModal(rt, actor, press.triggerId, goalId);
      return undefined;
    default:
      await openGoalEditModal(rt, actor, press.triggerId, goalId);
      return undefined;
  }
}

/** The mentee's answer to "may this goal be celebrated publicly?"; anyone else is refused. */
const consent = (rt: SlackRuntime, yes: boolean) => async (press: Press): Promise<string> => {
  const { goal } = await rt.services.goals.setConsent(press.actor, press.id, yes);
  const title = `*${escapeMrkdwn(truncate(goal.title, 150))}*`;
  return yes ? `You said yes: ${title} may be celebrated publicly when it's achieved.` : `Not publicly: ${title} stays between you, your mentor and the program's counts.`;
};

export function registerGoalButtons(app: App, rt: SlackRuntime): void {
  // On Home there is no message to update: the answer is a small modal, and both Homes are refreshed.
  app.action<BlockAction<OverflowAction>>(GOAL_ACTION.menu, buttonCallback(rt, { run: (press) => menuChoice(rt, press), showDone: (press, done) => openNotice(rt, press, 'Goal updated', done) }));
  app.action<BlockAction<ButtonAction>>(GOAL_ACTION.consentYes, buttonCallback(rt, { run: consent(rt, true) }));
  app.action<BlockAction<ButtonAction>>(GOAL_ACTION.consentNo, buttonCallback(rt, { run: consent(rt, false) }));
}
