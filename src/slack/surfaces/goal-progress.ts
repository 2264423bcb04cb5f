import type { KnownBlock, ModalView, Overflow, PlainTextOption } from '@slack/types';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { GOAL_ACTION, GOAL_FIELD, GOAL_MENU, GOAL_PROGRESS_CALLBACK, goalConsentBlockId, goalMenuValue, INPUT_ACTION } from '../ids.ts';
import { actions, button, option, section } from './blocks.ts';
import { modal } from './modal-parts.ts';

/** The menu beside each open goal on Home. */
export function goalMenu(goalId: number): Overflow {
  return {
    type: 'overflow',
    action_id: GOAL_ACTION.menu,
    options: [
      option('Mark achieved', goalMenuValue(GOAL_MENU.achieved, goalId)),
      option('Update progress', goalMenuValue(GOAL_MENU.progress, goalId)),
      option('Edit', goalMenuValue(GOAL_MENU.edit, goalId)),
      option('Drop', goalMenuValue(GOAL_MENU.drop, goalId)),
    ],
  };
}

export interface MilestoneChoice {
  id: number;
  title: string;
  done: boolean;
}

/** "Update progress": the goal's milestones as checkboxes, the done ones ticked. */
export function goalProgressModal(goal: { id: number; title: string; milestones: MilestoneChoice[] }): ModalView {
  const options = goal.milestones.slice(0, 10).map((m) => option(m.title, String(m.id)));
  const done = goal.milestones.slice(0, 10).filter((m) => m.done).map((m) => option(m.title, String(m.id)));
  return modal(
    GOAL_PROGRESS_CALLBACK,
    'Update progress',
    'Save progress',
    [
      section(`*${escapeMrkdwn(truncate(goal.title, 150))}*\nTick the milestones that are done.`),
      {
        type: 'input',
        block_id: GOAL_FIELD.milestonesDone,
        optional: true,
        label: { type: 'plain_text', text: 'Milestones' },
        element: { type: 'checkboxes', action_id: INPUT_ACTION, options, ...(done.length > 0 ? { initial_options: done } : {}) },
      },
    ],
    { goalId: goal.id },
  );
}

export interface LogMilestoneChoice {
  id: number;
  pairId: number;
  goalTitle: string;
  title: string;
}

/** The log modal's open milestones of the pair's goals: checkboxes while they fit, else a multi-select. */
export function logMilestonesBlock(milestones: LogMilestoneChoice[]): KnownBlock[] {
  if (milestones.length === 0) return [];
  const options: PlainTextOption[] = milestones.slice(0, 100).map((m) => option(`${m.title} (${m.goalTitle})`, String(m.id)));
  return [
    {
      type: 'input',
      block_id: GOAL_FIELD.milestoneIds,
      optional: true,
      label: { type: 'plain_text', text: 'Milestones reached' },
      element:
        options.length <= 10
          ? { type: 'checkboxes', action_id: INPUT_ACTION, options }
          : { type: 'multi_static_select', action_id: INPUT_ACTION, placeholder: { type: 'plain_text', text: 'Choose milestones' }, options },
    },
  ];
}

/** The DM asking the mentee whether a goal their mentor set or changed may be celebrated publicly. */
export function consentQuestion(goal: { id: number; title: string }, mentorId: string, edited: boolean): { text: string; blocks: KnownBlock[] } {
  const text = `${mention(mentorId)} ${edited ? 'changed' : 'set'} a goal for your pairing: *${escapeMrkdwn(truncate(goal.title, 150))}*. When it's achieved, may program admins celebrate it publicly? Only you decide this.`;
  return {
    text,
    blocks: [
      section(text),
      actions(goalConsentBlockId(goal.id), button('Yes', GOAL_ACTION.consentYes, String(goal.id), 'primary'), button('Not publicly', GOAL_ACTION.consentNo, String(goal.id))),
    ],
  };
}
