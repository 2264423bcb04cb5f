import { isCalendarDay } from '../../domain/calendar.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import type { ReviewDecision } from '../../services/review-service.ts';
import { FIELD, REVIEW_FIELD } from '../ids.ts';
import type { ModalMetadata } from '../surfaces/modal-parts.ts';
import { date, metadata, selected, text, type FormResult, type ViewValues } from './view-values.ts';

export function parseGoalDateForm(values: ViewValues, rawMetadata: string, today: string): FormResult<{ goalId: number; targetDate: string; meta: ModalMetadata }> {
  const meta = metadata(rawMetadata);
  const day = date(values, FIELD.newTargetDate);
  if (meta.goalId === undefined) return { ok: false, errors: { [FIELD.newTargetDate]: 'This form lost track of its goal: close it and press "New date" again.' } };
  if (!day || !isCalendarDay(day)) return { ok: false, errors: { [FIELD.newTargetDate]: 'Pick the new target date.' } };
  if (day < today) return { ok: false, errors: { [FIELD.newTargetDate]: 'The new date is in the past: pick today or a later day.' } };
  return { ok: true, value: { goalId: meta.goalId, targetDate: day, meta } };
}

export function parseReviewForm(values: ViewValues, rawMetadata: string): FormResult<{ pairId: number; achieved: string; nextSteps: string; choice: ReviewDecision; meta: ModalMetadata }> {
  const meta = metadata(rawMetadata);
  const errors: Record<string, string> = {};
  const achieved = text(values, FIELD.reviewAchieved);
  if (!achieved) errors[FIELD.reviewAchieved] = 'Say in a line or two what the pairing achieved.';
  else if (charLength(achieved) > 3000) errors[FIELD.reviewAchieved] = 'Keep this under 3000 characters.';
  const nextSteps = text(values, REVIEW_FIELD.nextSteps);
  if (charLength(nextSteps) > 3000) errors[REVIEW_FIELD.nextSteps] = 'Keep this under 3000 characters.';
  const decision = selected(values, FIELD.reviewDecision);
  const monthsText = selected(values, FIELD.reviewMonths);
  const months = monthsText && /^[1-6]$/.test(monthsText) ? Number(monthsText) : undefined;
  if (decision !== 'continue' && decision !== 'extend' && decision !== 'conclude') errors[FIELD.reviewDecision] = 'Choose what happens next.';
  else if (decision === 'extend' && months === undefined) errors[FIELD.reviewMonths] = 'Choose how many months to extend by.';
  if (meta.pairId === undefined) errors[FIELD.reviewDecision] = 'This form lost track of its pairing: close it and press "Open review" again.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const choice: ReviewDecision = decision === 'extend' ? { decision, months: months! } : { decision: decision as 'continue' | 'conclude' };
  return { ok: true, value: { pairId: meta.pairId!, achieved, nextSteps, choice, meta } };
}
