import { LIMITS, type FeedbackReplyInput } from '../../domain/inputs.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { FEEDBACK_FIELD } from '../ids.ts';
import { text, type FormResult, type ViewValues } from './view-values.ts';

/** The note id comes back in private_metadata: read defensively, re-checked by the service. */
function noteIdOf(rawMetadata: string): number {
  try {
    const parsed = JSON.parse(rawMetadata || '{}') as { noteId?: unknown };
    return typeof parsed.noteId === 'number' && Number.isSafeInteger(parsed.noteId) && parsed.noteId > 0 ? parsed.noteId : NaN;
  } catch {
    return NaN;
  }
}

export function parseFeedbackReplyForm(values: ViewValues, rawMetadata: string): FormResult<FeedbackReplyInput> {
  const reply = text(values, FEEDBACK_FIELD.reply);
  if (!reply) return { ok: false, errors: { [FEEDBACK_FIELD.reply]: 'Write your reply.' } };
  if (charLength(reply) > LIMITS.feedbackReply) return { ok: false, errors: { [FEEDBACK_FIELD.reply]: `Keep the reply under ${LIMITS.feedbackReply} characters.` } };
  return { ok: true, value: { noteId: noteIdOf(rawMetadata), text: reply } };
}
