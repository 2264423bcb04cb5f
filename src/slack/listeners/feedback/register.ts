import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { UserError } from '../../../domain/errors.ts';
import { FEEDBACK_ACTION, FEEDBACK_REPLY_CALLBACK } from '../../ids.ts';
import { openFeedbackReplyModal } from '../../modal-openers.ts';
import { parseFeedbackReplyForm } from '../../parse/feedback-reply-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { feedbackNoteDoneMessage, feedbackReplyMessage } from '../../surfaces/feedback-inbox.ts';
import type { Actor } from '../../../services/context.ts';
import { buttonCallback } from '../actions/button.ts';
import { submissionCallback } from '../views/submission.ts';

/** The Homes of the note's program's admins list its unhandled notes: refreshed whenever one comes or goes. */
async function refreshAdminHomes(rt: SlackRuntime, teamId: string, programId: number): Promise<void> {
  await rt.homes.publishAll(teamId, await rt.services.feedback.programAdmins(teamId, programId));
}

/** Every admin's DM of the note shows who handled it, so nobody acts on it again; `except` was already updated. */
async function showHandledEverywhere(rt: SlackRuntime, actor: Actor, noteId: number, done: string, except?: { channel: string; ts: string }): Promise<void> {
  const { note, dms } = await rt.services.feedback.copiesOf(actor, noteId);
  const message = feedbackNoteDoneMessage(note, done);
  await Promise.all(
    dms
      .filter((dm) => !(except && dm.channel === except.channel && dm.ts === except.ts))
      .map((dm) =>
        rt.client.chat
          .update({ channel: dm.channel, ts: dm.ts, text: message.text, blocks: message.blocks ?? [] })
          .catch((error: unknown) => rt.logger.warn({ team: actor.teamId, channel: dm.channel, slackError: slackErrorCode(error) ?? String(error) }, 'feedback note DM not updated')),
      ),
  );
}

/** "Mark handled", "Reply privately" and the reply modal of the feedback inbox. */
export function registerFeedbackListeners(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.markHandled,
    buttonCallback(rt, {
      run: async (press) => {
        const { changed, answer, note } = await rt.services.feedback.markHandled(press.actor, press.id);
        if (changed) await Promise.all([refreshAdminHomes(rt, press.actor.teamId, note.programId), showHandledEverywhere(rt, press.actor, press.id, answer, press.message)]);
        // In a DM the answer replaces the buttons; on Home the note leaves the list, or the answer explains why not.
        if (!changed && !press.message) throw new UserError(answer);
        return answer;
      },
    }),
  );
  app.action<BlockAction<ButtonAction>>(
    FEEDBACK_ACTION.reply,
    buttonCallback(rt, {
      run: async (press) => {
        await openFeedbackReplyModal(rt, press.actor, press.triggerId, press.id);
      },
    }),
  );
  app.view(
    FEEDBACK_REPLY_CALLBACK,
    submissionCallback(rt, {
      name: 'feedback_reply',
      parse: async (values, privateMetadata) => parseFeedbackReplyForm(values, privateMetadata),
      save: (actor, input) => rt.services.feedback.reply(actor, input),
      confirmation: () => ({ title: 'Reply sent', text: ':lock: Your reply goes to the author by DM, from "the program admins". The note is marked handled.' }),
      afterSave: async (actor, { toAuthor, noteId, programId, done }) => {
        await rt.messenger.dm(toAuthor.teamId, toAuthor.authorId, feedbackReplyMessage(toAuthor));
        await Promise.all([refreshAdminHomes(rt, actor.teamId, programId), showHandledEverywhere(rt, actor, noteId, done)]);
      },
    }),
  );
}
