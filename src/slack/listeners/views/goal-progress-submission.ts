import { escapeMrkdwn, truncate } from '../../../domain/mrkdwn.ts';
import { parseGoalProgressForm } from '../../parse/goal-progress-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from './submission.ts';

export function goalProgressSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'goal_progress',
    parse: async (values, meta) => parseGoalProgressForm(values, meta),
    save: (actor, input) => rt.services.goals.updateProgress(actor, input.goalId, input.doneIds),
    confirmation: ({ goal }) => {
      const done = goal.milestones.filter((m) => m.done).length;
      return {
        title: 'Progress saved',
        text: `:white_check_mark: *${escapeMrkdwn(truncate(goal.title, 150))}*: ${done} of ${goal.milestones.length} milestones done. When the whole goal is done, choose *Mark achieved* in its menu.`,
      };
    },
    afterSave: (actor, { pair }) => rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]),
  });
}
