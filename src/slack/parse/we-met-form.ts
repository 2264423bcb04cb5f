import { isCalendarDay } from '../../domain/calendar.ts';
import { WE_MET_FIELD } from '../ids.ts';
import type { MessageRef } from '../surfaces/review-modals.ts';
import { date, metadata, type FormResult, type ViewValues } from './view-values.ts';

export interface WeMetInput {
  pairId: number;
  heldOn: string;
  /** The reminder the modal was opened from, updated once the session is recorded. */
  message: MessageRef | undefined;
}

/** The day of "We met"; whether it is too early or too late for the pairing is the service's rule. */
export function parseWeMetForm(values: ViewValues, rawMetadata: string | undefined): FormResult<WeMetInput> {
  const meta = metadata(rawMetadata);
  const heldOn = date(values, WE_MET_FIELD.metOn);
  if (heldOn === null || !isCalendarDay(heldOn)) return { ok: false, errors: { [WE_MET_FIELD.metOn]: 'Pick the day you met.' } };
  if (meta.pairId === undefined) return { ok: false, errors: { [WE_MET_FIELD.metOn]: 'I lost track of which pairing this is. Close this and press *We met* on the reminder again.' } };
  return { ok: true, value: { pairId: meta.pairId, heldOn, message: meta.message } };
}
