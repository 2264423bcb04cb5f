import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { dayIn } from '../../../domain/calendar.ts';
import { CONFIDENCE_ACTION_PATTERN, parseConfidenceButtonValue, ratingOfConfidenceAction } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { confidenceSavedText, withConfidenceSaved } from '../../surfaces/confidence-message.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { buttonCallback } from './button.ts';

/**
 * A confidence rating, 1–5: the service re-checks that the presser is the goal's mentee and keeps one
 * rating per goal and moment. The buttons stay, the chosen one marked, so a second press changes it.
 */
export function registerConfidenceButtons(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    CONFIDENCE_ACTION_PATTERN,
    buttonCallback(rt, {
      run: async ({ actor, actionId, value }) => {
        const ref = parseConfidenceButtonValue(value);
        const { rating } = await rt.services.confidence.rate(actor, { ...ref, rating: ratingOfConfidenceAction(actionId) });
        return String(rating.rating);
      },
      showDone: async (press, done) => {
        if (!press.message?.blocks) return;
        const ref = parseConfidenceButtonValue(press.value);
        const rating = Number(done);
        const saved = confidenceSavedText(rating, ref.moment, ref.reviewOn, dayIn(rt.clock.now(), 'UTC'));
        const blocks = withConfidenceSaved(press.message.blocks, ref, rating, saved);
        await rt.client.chat.update({ channel: press.message.channel, ts: press.message.ts, text: press.message.text, blocks }).catch((error: unknown) => {
          rt.logger.warn({ team: press.actor.teamId, slackError: slackErrorCode(error) ?? String(error) }, 'confidence question not updated');
        });
      },
    }),
  );
}
