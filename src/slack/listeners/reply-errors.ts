import { UserError } from '../../domain/errors.ts';
import type { Logger } from '../../logger.ts';
import { UnknownUserError } from '../../services/member-directory.ts';
import { usageReply, type Reply } from '../surfaces/help-message.ts';

export const SOMETHING_WENT_WRONG =
  "Sorry, something went wrong on my side and nothing was saved. Please try again in a minute; if it keeps happening, tell your program admin.";

/** Turns any failure into what the person should read; unexpected ones are logged with context. */
export function replyForError(error: unknown, logger: Logger, context: Record<string, unknown>): Reply {
  if (error instanceof UserError) return usageReply(error.message, error.usage);
  if (error instanceof UnknownUserError) return { text: "I couldn't find that person in this workspace." };
  logger.error({ ...context, err: error }, 'interaction failed');
  return { text: SOMETHING_WENT_WRONG };
}
