import { describeDay } from '../../../domain/calendar.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { parseGoalDateForm, parseReviewForm } from '../../parse/review-forms.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { pairEndedMessage } from '../../surfaces/dm-messages.ts';
import { submissionCallback } from './submission.ts';
import { noticeMilestone } from '../../milestones.ts';
import { askConfidenceForPair } from '../../confidence-prompts.ts';

export function goalDateSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'goal_date',
    parse: async (values, meta, actor) => parseGoalDateForm(values, meta, await rt.services.members.todayFor(actor)),
    save: async (actor, input) => ({ ...(await rt.services.goals.setGoalDate(actor, input.goalId, input.targetDate)), meta: input.meta, actor }),
    confirmation: ({ goal }) => ({ title: 'New date saved', text: `:dart: New target date: ${describeDay(goal.target_date!, goal.target_date!)}.` }),
    afterSave: async (actor, { pair, goal, meta }) => {
      await replaceActionsLater(rt, actor.teamId, meta.message, `New target date ${goal.target_date} set by ${mention(actor.userId)}.`);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
    },
  });
}

export function reviewSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'review',
    parse: async (values, meta) => parseReviewForm(values, meta),
    save: async (actor, input) => ({ pair: await rt.services.pairs.review(actor, input.pairId, input.achieved, input.choice), meta: input.meta }),
    confirmation: ({ pair }) =>
      pair.status === 'ended'
        ? { title: 'Pairing concluded', text: ':checkered_flag: The pairing is concluded. You both get a wrap-up message. Thank you!' }
        : { title: 'Review saved', text: `:white_check_mark: Review saved. Next review on ${describeDay(pair.review_on, pair.review_on)}.` },
    afterSave: async (actor, { pair, meta }) => {
      const done = pair.status === 'ended' ? `Reviewed by ${mention(actor.userId)}: pairing concluded.` : `Reviewed by ${mention(actor.userId)}: next review on ${pair.review_on}.`;
      await replaceActionsLater(rt, actor.teamId, meta.message, done);
      if (pair.status === 'ended') {
        await noticeMilestone(rt, { kind: 'pair_completed', teamId: actor.teamId, pairId: pair.id });
        await Promise.all([pair.mentor_id, pair.mentee_id].map((user) => rt.messenger.dm(actor.teamId, user, pairEndedMessage(pair, user, 'review'))));
      }
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      // The mentee rates their open goals again: under the review's day, or as the end when it concluded.
      await askConfidenceForPair(rt, actor.teamId, pair.id);
    },
  });
}
