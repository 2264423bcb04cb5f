import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import type { Button } from '@slack/types';
import { FieldErrors } from '../../../domain/errors.ts';
import type { Actor } from '../../../services/context.ts';
import type { SubmissionKey } from '../../../services/once-service.ts';
import type { FormResult, ViewValues } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';

export type SubmissionArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export interface SubmissionHandler<T, R> {
  name: string;
  parse(values: ViewValues, privateMetadata: string, actor: Actor): Promise<FormResult<T>>;
  save(actor: Actor, input: T): Promise<R>;
  /** The closing confirmation shown in place of the form, with an optional next step (a repeat shows the same). */
  confirmation(result: R): { title: string; text: string; next?: Button };
  /** Messages and home refreshes, sent only after the write committed and the modal answered. */
  afterSave(actor: Actor, result: R): Promise<void>;
}

/** How long a repeated submission waits for the first one's answer before saying it is still saving. */
const REPEAT_WAIT_MS = 2000;

/**
 * The one shape of every modal submission: parse → field errors, or write → confirm → follow up.
 * Access and business-rule failures replace the form with an explanation; nothing is written.
 * Each view (its id and hash) is saved once: a submission that took longer than Slack's 3 seconds is
 * shown as failed, and pressing Save again sends the same view. That repeat writes nothing and sends
 * nothing: it gets the first one's confirmation.
 * Nothing before the ack calls Slack's Web API: profiles come from the cache and are refreshed after.
 */
export function submissionCallback<T, R>(rt: SlackRuntime, handler: SubmissionHandler<T, R>) {
  return async ({ ack, body, view }: SubmissionArgs): Promise<void> => {
    const actor: Actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const logContext = { team: actor.teamId, user: actor.userId, interaction: `view:${handler.name}` };
    const { once } = rt.services;
    const submission: SubmissionKey = { teamId: actor.teamId, viewId: view.id, viewHash: view.hash ?? '' };
    let claimed = false;
    // Slack allows 3 seconds: answer from cached profiles and refresh stale ones after the ack.
    const profiles = rt.services.members.cachedProfiles();
    const refreshProfiles = () => profiles.refresh().catch((error: unknown) => rt.logger.warn({ ...logContext, err: error }, 'profile refresh after save failed'));
    let result: R;
    try {
      const parsed = await profiles.run(() => handler.parse(view.state.values as ViewValues, view.private_metadata ?? '', actor));
      if (!parsed.ok) {
        await ack({ response_action: 'errors', errors: parsed.errors });
        await refreshProfiles();
        return;
      }
      if (!(await once.claimSubmission(submission, actor.userId, handler.name))) {
        const earlier = await firstAnswer(rt, submission);
        await ack({
          response_action: 'update',
          view: earlier
            ? noticeModal(earlier.title, earlier.text, earlier.next as Button | undefined)
            : noticeModal('Still saving', "I'm still saving what you sent a moment ago. Look for it on my Home tab in a minute before sending it again."),
        });
        await refreshProfiles();
        return;
      }
      claimed = true;
      result = await profiles.run(() => handler.save(actor, parsed.value));
    } catch (error) {
      if (claimed) await once.releaseSubmission(submission).catch((releaseError: unknown) => rt.logger.warn({ ...logContext, err: releaseError }, 'submission claim not released'));
      if (error instanceof FieldErrors) {
        await ack({ response_action: 'errors', errors: error.fields });
      } else {
        const reply = replyForError(error, rt.logger, logContext);
        await ack({ response_action: 'update', view: noticeModal("Couldn't save", reply.text) });
      }
      await refreshProfiles();
      return;
    }
    const { title, text, next } = handler.confirmation(result);
    await once.submissionSaved(submission, { title, text, ...(next ? { next } : {}) }).catch((error: unknown) => rt.logger.warn({ ...logContext, err: error }, 'confirmation not recorded'));
    await ack({ response_action: 'update', view: noticeModal(title, text, next) });
    await refreshProfiles();
    await handler.afterSave(actor, result).catch((error: unknown) => rt.logger.error({ ...logContext, err: error }, 'follow-up after save failed'));
  };
}

/** The confirmation of the first submission of the same view, waiting a little while it is still saving. */
async function firstAnswer(rt: SlackRuntime, submission: SubmissionKey): Promise<{ title: string; text: string; next?: unknown } | undefined> {
  const deadline = Date.now() + REPEAT_WAIT_MS;
  for (;;) {
    const found = await rt.services.once.confirmationOf(submission);
    if (found || Date.now() >= deadline) return found;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
