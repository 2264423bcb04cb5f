import { LIMITS, type FeedbackInput } from '../../domain/inputs.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { FEEDBACK_FIELD, FIELD, INPUT_ACTION } from '../ids.ts';
import { GENERAL_FEEDBACK, SHOW_NAME } from '../surfaces/feedback-modal.ts';
import { selected, text, type FormResult, type ViewValues } from './view-values.ts';

export function parseFeedbackForm(values: ViewValues): FormResult<FeedbackInput> {
  const errors: Record<string, string> = {};
  const about = selected(values, FIELD.pair);
  // "general:7": the program in general, for someone whose pairings are in several programs.
  const general = about?.startsWith(`${GENERAL_FEEDBACK}:`) ? about.slice(GENERAL_FEEDBACK.length + 1) : undefined;
  const programId = general === undefined ? undefined : /^\d{1,9}$/.test(general) ? Number(general) : NaN;
  const pairId = about === null || about === GENERAL_FEEDBACK || general !== undefined ? null : /^\d{1,9}$/.test(about) ? Number(about) : NaN;
  if (Number.isNaN(pairId) || Number.isNaN(programId)) errors[FIELD.pair] = 'Choose what the note is about.';
  const body = text(values, FIELD.feedbackBody);
  if (!body) errors[FIELD.feedbackBody] = 'Write your note.';
  else if (charLength(body) > LIMITS.feedback) errors[FIELD.feedbackBody] = `Keep the note under ${LIMITS.feedback} characters.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // Named unless the box was unticked; a form without the box (an older modal) names the author.
  const nameBox = values[FEEDBACK_FIELD.showName]?.[INPUT_ACTION];
  const showAuthor = nameBox === undefined || (nameBox.selected_options ?? []).some((o) => o.value === SHOW_NAME);
  return { ok: true, value: { pairId, body, showAuthor, ...(programId !== undefined ? { programId } : {}) } };
}
