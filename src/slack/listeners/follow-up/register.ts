import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { describeDay } from '../../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../../domain/mrkdwn.ts';
import { partnerOf } from '../../../services/access.ts';
import { FOLLOW_UP_ACTION, WE_MET_CALLBACK } from '../../ids.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { noticeMilestone } from '../../milestones.ts';
import { parseWeMetForm } from '../../parse/we-met-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { askedHowItWentDone, askedHowItWentMessage, weMetConfirmation } from '../../surfaces/follow-up.ts';
import { buttonCallback, openNotice } from '../actions/button.ts';
import { submissionCallback } from '../views/submission.ts';

/** "Done" on a commitment, "Ask how it went" on the mentor's card, and the "We met" modal. */
export function registerFollowUpListeners(app: App, rt: SlackRuntime): void {
  // On Home the commitment simply leaves both cards; in a message the row says it is done.
  app.action<BlockAction<ButtonAction>>(
    FOLLOW_UP_ACTION.commitmentDone,
    buttonCallback(rt, {
      run: async (press) => {
        const { commitment, pair } = await rt.services.commitments.markDone(press.actor, press.id);
        await rt.homes.publishAll(press.actor.teamId, [pair.mentor_id, pair.mentee_id]);
        return press.message ? `Done: ${escapeMrkdwn(truncate(commitment.text, 200))}` : undefined;
      },
    }),
  );

  app.action<BlockAction<ButtonAction>>(
    FOLLOW_UP_ACTION.askHowItWent,
    buttonCallback(rt, {
      run: async (press) => {
        const { advice, pair } = await rt.services.advice.askHowItWent(press.actor, press.id);
        const sent = await rt.messenger.dm(press.actor.teamId, pair.mentee_id, askedHowItWentMessage(advice, pair));
        if (!sent) {
          await rt.services.advice.askNotDelivered(press.actor, advice);
          return `I couldn't reach ${mention(pair.mentee_id)} by DM just now, so nothing was sent. Try again later, or ask them at your next session.`;
        }
        await rt.homes.publish(press.actor.teamId, press.actor.userId);
        return askedHowItWentDone(pair, await rt.services.members.todayFor(press.actor));
      },
      showDone: (press, done) => openNotice(rt, press, 'Ask how it went', done),
    }),
  );

  app.view(
    WE_MET_CALLBACK,
    submissionCallback(rt, {
      name: 'we_met',
      parse: async (values, meta) => parseWeMetForm(values, meta),
      save: async (actor, input) => {
        const record = await rt.services.sessions.recordMeeting(actor, input);
        return { ...record, message: input.message, partnerId: partnerOf(record.pair, actor.userId) };
      },
      confirmation: ({ session, recorded, partnerId, today, nextDueOn }) => weMetConfirmation({ recorded, heldOn: session.held_on, minutes: session.minutes, partnerId, today, nextDueOn }),
      afterSave: async (actor, { session, recorded, pair, today, message }) => {
        const day = describeDay(session.held_on, today);
        await replaceActionsLater(rt, actor.teamId, message, recorded ? `${mention(actor.userId)} recorded a session on ${day}. Back on track!` : `A session on ${day} is already logged.`);
        if (!recorded) return;
        await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
        await noticeMilestone(rt, { kind: 'session_logged', teamId: actor.teamId, pairId: pair.id });
      },
    }),
  );
}
