import { NotPairedError, UserError } from '../../domain/errors.ts';
import type { Logger } from '../../logger.ts';
import { UnknownUserError } from '../../services/member-directory.ts';
import { isRateLimitedError } from '../slack-errors.ts';
import { usageReply, type Reply } from '../surfaces/help-message.ts';
import { notPairedReply } from '../surfaces/join-prompt.ts';

export const SOMETHING_WENT_WRONG =
  "Sorry, something went wrong on my side and nothing was saved. Please try again in a minute; if it keeps happening, tell your program admin.";

export const SLACK_BUSY = 'Slack is busy right now and asked me to slow down, so nothing happened. Please try again in a minute.';

/** Turns any failure into what the person should read; unexpected ones are logged with context. */
export function replyForError(error: unknown, logger: Logger, context: Record<string, unknown>): Reply {
  if (error instanceof NotPairedError) return notPairedReply(error.message);
  if (error instanceof UserError) return usageReply(error.message, error.usage);
  if (error instanceof UnknownUserError) return { text: "I couldn't find that person in this workspace." };
  if (isRateLimitedError(error)) {
    logger.warn({ ...context }, 'interaction rate limited by Slack');
    return { text: SLACK_BUSY };
  }
  logger.error({ ...context, err: error }, 'interaction failed');
  return { text: SOMETHING_WENT_WRONG };
}
