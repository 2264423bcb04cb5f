import { dayIn, describeDay } from '../../../domain/calendar.ts';
import { escapeMrkdwn } from '../../../domain/mrkdwn.ts';
import { parseGoalForm } from '../../parse/goal-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from './submission.ts';

export function goalSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'goal',
    parse: async (values, meta, actor) => parseGoalForm(values, meta, await rt.services.members.todayFor(actor)),
    save: (actor, input) => rt.services.goals.setGoal(actor, input),
    confirmation: ({ goal }) => ({
      title: 'Goal saved',
      text: `:dart: *${escapeMrkdwn(goal.title)}* is set${goal.target_date ? `, with a target of ${describeDay(goal.target_date, dayIn(goal.created_at, 'UTC'))}` : ''}. It's on both your Home tabs.`,
    }),
    afterSave: (actor, { pair }) => rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]),
  });
}
