import { dayIn, describeDay } from '../../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../../domain/mrkdwn.ts';
import { askConfidence } from '../../confidence-prompts.ts';
import { consentQuestion } from '../../surfaces/goal-progress.ts';
import { parseGoalForm } from '../../parse/goal-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from './submission.ts';

export function goalSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'goal',
    parse: async (values, meta, actor) => parseGoalForm(values, meta, await rt.services.members.todayFor(actor)),
    save: async (actor, input) => ({ ...(await rt.services.goals.setGoal(actor, input)), edited: input.goalId !== undefined }),
    confirmation: ({ goal, pair, askConsent, edited }) => ({
      title: 'Goal saved',
      text: [
        edited
          ? `:dart: *${escapeMrkdwn(goal.title)}* is updated on both your Home tabs.`
          : `:dart: *${escapeMrkdwn(goal.title)}* is set${goal.target_date ? `, with a target of ${describeDay(goal.target_date, dayIn(goal.created_at, 'UTC'))}` : ''}. It's on both your Home tabs.`,
        ...(askConsent ? [`I've asked ${mention(pair.mentee_id)} whether it may be celebrated publicly: only they decide that.`] : []),
      ].join(' '),
    }),
    afterSave: async (actor, { goal, pair, askConsent, edited }) => {
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      // The mentor set or changed it: consent is the mentee's to give.
      const consent = askConsent ? { to: pair.mentee_id, reply: consentQuestion(goal, actor.userId, edited) } : undefined;
      // A new goal: the mentee rates their confidence (in the same DM as the consent question).
      if (!edited) await askConfidence(rt, actor.teamId, goal.id, 'set', consent);
      else if (consent) await rt.messenger.dm(actor.teamId, consent.to, consent.reply);
    },
  });
}
