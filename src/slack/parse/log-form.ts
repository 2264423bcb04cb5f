import { isCalendarDay } from '../../domain/calendar.ts';
import { LIMITS, type SessionInput } from '../../domain/inputs.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { FIELD, GOAL_FIELD } from '../ids.ts';
import { date, lines, metadata, pairIdFrom, selectedMany, text, usefulness, type FormResult, type ViewValues } from './view-values.ts';

export function parseLogForm(values: ViewValues, rawMetadata: string | undefined, today: string, maxAdviceLines: number): FormResult<SessionInput> {
  const errors: Record<string, string> = {};
  const pairId = pairIdFrom(values, FIELD.pair, metadata(rawMetadata));
  if (pairId === null) errors[FIELD.pair] = 'Choose the pairing this session belongs to.';
  const heldOn = date(values, FIELD.heldOn);
  if (heldOn === null || !isCalendarDay(heldOn)) errors[FIELD.heldOn] = 'Pick the day the session took place.';
  else if (heldOn > today) errors[FIELD.heldOn] = "That date is in the future: log a session once it's happened.";
  const minutesText = text(values, FIELD.minutes);
  const minutes = /^\d{1,6}$/.test(minutesText) ? Number(minutesText) : NaN;
  if (!minutesText) errors[FIELD.minutes] = 'How long was the session, in minutes?';
  else if (!Number.isInteger(minutes)) errors[FIELD.minutes] = 'Enter a whole number of minutes, e.g. 45.';
  else if (minutes < 1 || minutes > LIMITS.minutes) errors[FIELD.minutes] = `Enter between 1 and ${LIMITS.minutes} minutes.`;
  const topics = text(values, FIELD.topics);
  if (charLength(topics) > LIMITS.topics) errors[FIELD.topics] = `Keep topics under ${LIMITS.topics} characters.`;
  const notes = text(values, FIELD.notes);
  if (charLength(notes) > LIMITS.notes) errors[FIELD.notes] = `Keep notes under ${LIMITS.notes} characters.`;
  const advice = lines(text(values, FIELD.advice));
  if (advice.length > maxAdviceLines) errors[FIELD.advice] = `Up to ${maxAdviceLines} pieces of advice, one per line (you have ${advice.length}).`;
  else if (advice.some((a) => charLength(a) > LIMITS.adviceLine)) errors[FIELD.advice] = `Keep each piece of advice under ${LIMITS.adviceLine} characters.`;
  const commitments = lines(text(values, FIELD.commitments));
  if (commitments.length > LIMITS.commitments) errors[FIELD.commitments] = `Up to ${LIMITS.commitments} commitments, one per line.`;
  else if (commitments.some((c) => charLength(c) > LIMITS.commitment)) errors[FIELD.commitments] = `Keep each commitment under ${LIMITS.commitment} characters.`;
  const goalIds = selectedMany(values, FIELD.goalIds).map(Number);
  if (goalIds.some((id) => !Number.isSafeInteger(id))) errors[FIELD.goalIds] = 'Pick goals from the list.';
  const milestoneIds = selectedMany(values, GOAL_FIELD.milestoneIds).map((v) => (/^\d{1,9}$/.test(v) ? Number(v) : NaN));
  if (milestoneIds.some((id) => !Number.isSafeInteger(id))) errors[GOAL_FIELD.milestoneIds] = 'Tick milestones from the list.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: { pairId: pairId!, heldOn: heldOn!, minutes, topics, notes, advice, commitments, goalIds, milestoneIds, usefulness: usefulness(values, FIELD.usefulness) },
  };
}
