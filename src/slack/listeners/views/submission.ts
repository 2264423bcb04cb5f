import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from '@slack/bolt';
import { FieldErrors } from '../../../domain/errors.ts';
import type { Actor } from '../../../services/context.ts';
import type { FormResult, ViewValues } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';

export type SubmissionArgs = AllMiddlewareArgs & SlackViewMiddlewareArgs<ViewSubmitAction>;

export interface SubmissionHandler<T, R> {
  name: string;
  parse(values: ViewValues, privateMetadata: string, actor: Actor): Promise<FormResult<T>>;
  save(actor: Actor, input: T): Promise<R>;
  /** The closing confirmation shown in place of the form. */
  confirmation(result: R): { title: string; text: string };
  /** Messages and home refreshes, sent only after the write committed and the modal answered. */
  afterSave(actor: Actor, result: R): Promise<void>;
}

/**
 * The one shape of every modal submission: parse → field errors, or write → confirm → follow up.
 * Access and business-rule failures replace the form with an explanation; nothing is written.
 * Nothing before the ack calls Slack's Web API: profiles come from the cache and are refreshed after.
 */
export function submissionCallback<T, R>(rt: SlackRuntime, handler: SubmissionHandler<T, R>) {
  return async ({ ack, body, view }: SubmissionArgs): Promise<void> => {
    const actor: Actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    const logContext = { team: actor.teamId, user: actor.userId, interaction: `view:${handler.name}` };
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
      result = await profiles.run(() => handler.save(actor, parsed.value));
    } catch (error) {
      if (error instanceof FieldErrors) {
        await ack({ response_action: 'errors', errors: error.fields });
      } else {
        const reply = replyForError(error, rt.logger, logContext);
        await ack({ response_action: 'update', view: noticeModal("Couldn't save", reply.text) });
      }
      await refreshProfiles();
      return;
    }
    const { title, text } = handler.confirmation(result);
    await ack({ response_action: 'update', view: noticeModal(title, text) });
    await refreshProfiles();
    await handler.afterSave(actor, result).catch((error: unknown) => rt.logger.error({ ...logContext, err: error }, 'follow-up after save failed'));
  };
}
