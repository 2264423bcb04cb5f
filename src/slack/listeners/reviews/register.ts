import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { dayIn } from '../../../domain/calendar.ts';
import { REVIEW_ACTION } from '../../ids.ts';
import { replaceActions } from '../../message-updates.ts';
import { askConfidenceForPair } from '../../confidence-prompts.ts';
import { noticeMilestone } from '../../milestones.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { pairEndedMessage } from '../../surfaces/dm-messages.ts';
import { letsTalkMessage, proposalAgreedMessage, proposalAnswerDone } from '../../surfaces/review-messages.ts';
import { buttonCallback, openNotice, type Press } from '../actions/button.ts';

/** In the DM the answer replaces the buttons; on Home (no message) it shows in a small modal, and both Homes are refreshed. */
async function showAnswer(rt: SlackRuntime, press: Press, done: string): Promise<void> {
  if (!press.message) return openNotice(rt, press, 'Review', done);
  await replaceActions(rt, press.actor.teamId, { channel: press.message.channel, ts: press.message.ts, blockId: press.blockId }, press.message.blocks, press.message.text, done);
}

/** "Agree" and "Let's talk" on a review proposal; the service re-checks that the presser is the partner and that the proposal still stands. */
export function registerReviewListeners(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    REVIEW_ACTION.agree,
    buttonCallback(rt, {
      run: async (press) => {
        const { actor } = press;
        const { pair, review } = await rt.services.reviews.agree(actor, press.id);
        const people = [pair.mentor_id, pair.mentee_id];
        if (pair.status === 'ended') {
          // What happens on conclusion: the milestone for admins, the wrap-up to both.
          await noticeMilestone(rt, { kind: 'pair_completed', teamId: actor.teamId, pairId: pair.id });
          await Promise.all(people.map((user) => rt.messenger.dm(actor.teamId, user, pairEndedMessage(pair, user, 'review'))));
          // The mentee rates their open goals one last time.
          await askConfidenceForPair(rt, actor.teamId, pair.id);
        } else {
          await rt.messenger.dm(actor.teamId, review.reviewed_by, proposalAgreedMessage(review, pair, dayIn(rt.clock.now(), 'UTC')));
        }
        await rt.homes.publishAll(actor.teamId, people);
        return proposalAnswerDone(review, 'agreed');
      },
      showDone: (press, done) => showAnswer(rt, press, done),
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    REVIEW_ACTION.talk,
    buttonCallback(rt, {
      run: async (press) => {
        const { actor } = press;
        const { pair, review } = await rt.services.reviews.talk(actor, press.id);
        await rt.messenger.dm(actor.teamId, review.reviewed_by, letsTalkMessage(review));
        await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
        return proposalAnswerDone(review, 'talk');
      },
      showDone: (press, done) => showAnswer(rt, press, done),
    }),
  );
}
