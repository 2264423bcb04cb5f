import { dayIn, describeDay } from '../../../domain/calendar.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { parseGoalDateForm, parseReviewForm } from '../../parse/review-forms.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { partnerOf } from '../../../services/access.ts';
import { proposalWords, reviewForPartnerMessage, reviewSavedText } from '../../surfaces/review-messages.ts';
import { submissionCallback } from './submission.ts';
import { askConfidenceForPair } from '../../confidence-prompts.ts';

export function goalDateSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'goal_date',
    parse: async (values, meta, actor) => {
      const today = await rt.services.members.todayFor(actor);
      const parsed = parseGoalDateForm(values, meta, today);
      return parsed.ok ? { ok: true as const, value: { ...parsed.value, today } } : parsed;
    },
    save: async (actor, input) => ({ ...(await rt.services.goals.setGoalDate(actor, input.goalId, input.targetDate)), meta: input.meta, today: input.today }),
    confirmation: ({ goal, today }) => ({ title: 'New date saved', text: `:dart: New target date: ${describeDay(goal.target_date!, today)}.` }),
    afterSave: async (actor, { pair, goal, meta, today }) => {
      await replaceActionsLater(rt, actor.teamId, meta.message, `New target date ${describeDay(goal.target_date!, today)} set by ${mention(actor.userId)}.`);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
    },
  });
}

/**
 * A member's review: the answers go to the partner and both Homes. Continuing takes effect at once;
 * extending or concluding is a proposal the partner answers with "Agree / Let's talk".
 */
export function reviewSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'review',
    parse: async (values, meta) => parseReviewForm(values, meta),
    save: async (actor, input) => ({ ...(await rt.services.reviews.submit(actor, input)), meta: input.meta, today: dayIn(rt.clock.now(), 'UTC') }),
    confirmation: ({ pair, review, today }) => ({ title: 'Review saved', text: reviewSavedText(review, partnerOf(pair, review.reviewed_by), pair.review_on, today) }),
    afterSave: async (actor, { pair, review, meta, today }) => {
      const done = review.status === 'pending' ? `Reviewed by ${mention(actor.userId)}: proposed to ${proposalWords(review)}.` : `Reviewed by ${mention(actor.userId)}: next review on ${describeDay(pair.review_on, today)}.`;
      await replaceActionsLater(rt, actor.teamId, meta.message, done);
      await rt.messenger.dm(actor.teamId, partnerOf(pair, actor.userId), reviewForPartnerMessage(review, pair, today));
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      // The mentee rates their open goals again: under the review's day, or as the end when it concluded.
      await askConfidenceForPair(rt, actor.teamId, pair.id);
    },
  });
}
