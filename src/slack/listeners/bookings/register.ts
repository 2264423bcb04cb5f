import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { describeDay } from '../../../domain/calendar.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { openAgendaModal, openBookingModal } from '../../booking-openers.ts';
import { AGENDA_CALLBACK, BOOKING_ACTION, BOOKING_CALLBACK, isNudgeActionsBlockId } from '../../ids.ts';
import { openLogModal } from '../../modal-openers.ts';
import { noticeMilestone } from '../../milestones.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { metRecordedBlock } from '../../surfaces/booking-messages.ts';
import { keptCopy } from '../../surfaces/nudge-message.ts';
import { buttonCallback, type Press } from '../actions/button.ts';
import { agendaSubmissionCallback, bookingSubmissionCallback } from './booking-submissions.ts';

const from = (press: Press) => ({
  actor: press.actor,
  triggerId: press.triggerId,
  inModal: press.inModal,
  message: press.message && isNudgeActionsBlockId(press.blockId) ? { channel: press.message.channel, ts: press.message.ts, blockId: press.blockId } : undefined,
});

/** "Yes" recorded the session: its row says so and offers "Add details" (the log form, filled in). */
async function showRecorded(rt: SlackRuntime, press: Press, text: string, bookingId: number): Promise<void> {
  if (!press.message?.blocks) return;
  const blocks = press.message.blocks.map((b) => ((b as { block_id?: string }).block_id === press.blockId ? metRecordedBlock(press.blockId, text, bookingId) : b));
  try {
    await rt.client.chat.update({ channel: press.message.channel, ts: press.message.ts, text: press.message.text, blocks });
    await rt.services.nudgeMessages.record(press.actor.teamId, press.message.channel, press.message.ts, keptCopy({ text: press.message.text, blocks }));
  } catch (error) {
    rt.logger.warn({ slackError: slackErrorCode(error) ?? String(error), channel: press.message.channel }, 'nudge message not updated');
  }
}

/** "Book next session", the agenda, and the answers to "Did you meet?". */
export function registerBookingListeners(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, run: (press: Press) => Promise<string | undefined | void>) => app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run }));
  on(BOOKING_ACTION.book, (press) => openBookingModal(rt, from(press), press.id));
  on(BOOKING_ACTION.agenda, (press) => openAgendaModal(rt, from(press), press.id));
  on(BOOKING_ACTION.metMoved, async (press) => openBookingModal(rt, from(press), (await rt.services.bookings.pairToRebook(press.actor, press.id)).id));
  on(BOOKING_ACTION.metYes, async (press) => {
    const answer = await rt.services.bookings.answerMet(press.actor, press.id);
    if (!answer.recorded) {
      const who = answer.booking.answered_by ? ` by ${mention(answer.booking.answered_by)}` : '';
      return answer.booking.status === 'met' ? `This session was already recorded${who}.` : `This booking was already answered${who}.`;
    }
    const { session, pair } = answer;
    await showRecorded(rt, press, `Recorded your ${session.minutes}-minute session on ${describeDay(session.held_on, session.held_on)}. Thank you!`, answer.booking.id);
    await rt.homes.publishAll(press.actor.teamId, [pair.mentor_id, pair.mentee_id]);
    await noticeMilestone(rt, { kind: 'session_logged', teamId: press.actor.teamId, pairId: pair.id });
  });
  on(BOOKING_ACTION.metNo, async (press) => {
    const { booking } = await rt.services.bookings.answerMissed(press.actor, press.id);
    return booking ? `Noted: you didn't meet this time. *Book next session* on my Home tab when you have a new time.` : 'This booking was already answered.';
  });
  on(BOOKING_ACTION.addDetails, async (press) => {
    const { pair, session, booking } = await rt.services.bookings.detailsForm(press.actor, press.id);
    await openLogModal(rt, press.actor, press.triggerId, pair.id, undefined, { bookingId: booking.id, heldOn: session.held_on, minutes: session.minutes });
  });
  app.view(BOOKING_CALLBACK, bookingSubmissionCallback(rt));
  app.view(AGENDA_CALLBACK, agendaSubmissionCallback(rt));
}
