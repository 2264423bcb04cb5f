import { charLength } from '../../domain/mrkdwn.ts';
import type { Reached } from '../../domain/outcomes.ts';
import { SURVEY_LIMITS, type ExitSurveyAnswers, type PulseNoteInput } from '../../domain/survey-inputs.ts';
import { parsePulseButtonValue, SURVEY_FIELD as F } from '../ids.ts';
import { SHARE } from '../surfaces/survey-messages.ts';
import { metadata, selected, selectedMany, text, type FormResult, type ViewValues } from './view-values.ts';

/** The pulse note: its pulse comes from the metadata ("pair:day"), re-checked by the service. */
export function parsePulseNoteForm(values: ViewValues, rawMetadata: string): FormResult<PulseNoteInput> {
  const { pairId, day } = parsePulseButtonValue(rawMetadata);
  const note = text(values, F.pulseNote);
  if (Number.isNaN(pairId)) return { ok: false, errors: { [F.pulseNote]: "I can't tell which answer this note is for. Press *Add a private note* again." } };
  if (charLength(note) > SURVEY_LIMITS.pulseNote) return { ok: false, errors: { [F.pulseNote]: `Keep the note under ${SURVEY_LIMITS.pulseNote} characters.` } };
  return { ok: true, value: { pairId, day, note: note || null } };
}

/** A whole number from a list, within range; anything else (a forged value) is refused. */
function choice(values: ViewValues, field: string, min: number, max: number): number | null {
  const raw = selected(values, field);
  const n = raw !== null && /^\d{1,2}$/.test(raw) ? Number(raw) : NaN;
  return Number.isInteger(n) && n >= min && n <= max ? n : null;
}

export function parseExitSurveyForm(values: ViewValues, rawMetadata: string): FormResult<ExitSurveyAnswers> {
  const meta = metadata(rawMetadata);
  const errors: Record<string, string> = {};
  const reached = selected(values, F.objective);
  if (reached !== 'yes' && reached !== 'partly' && reached !== 'no') errors[F.objective] = 'Choose yes, partly or no.';
  const satisfaction = choice(values, F.satisfaction, 1, 5);
  if (satisfaction === null) errors[F.satisfaction] = 'Choose from 1 to 5.';
  const recommend = choice(values, F.recommend, 0, 10);
  if (recommend === null) errors[F.recommend] = 'Choose from 0 to 10.';
  const whatChanged = text(values, F.whatChanged);
  if (charLength(whatChanged) > SURVEY_LIMITS.whatChanged) errors[F.whatChanged] = `Keep it under ${SURVEY_LIMITS.whatChanged} characters.`;
  const share = selectedMany(values, F.share).includes(SHARE);
  if (share && !whatChanged) errors[F.share] = 'There is nothing to share: write what changed, or untick the box.';
  if (meta.pairId === undefined) errors[F.objective] = "I can't tell which pairing this is about. Press the survey's button again.";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { pairId: meta.pairId!, objectiveReached: reached as Reached, satisfaction: satisfaction!, whatChanged: whatChanged || null, shareWithAdmins: share, recommend: recommend! },
  };
}
