import { isCalendarDay } from '../../domain/calendar.ts';
import { LIMITS, type GoalInput } from '../../domain/inputs.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { FIELD, INPUT_ACTION } from '../ids.ts';
import { date, lines, metadata, pairIdFrom, text, type FormResult, type ViewValues } from './view-values.ts';

export function parseGoalForm(values: ViewValues, rawMetadata: string | undefined, today: string): FormResult<GoalInput> {
  const errors: Record<string, string> = {};
  const meta = metadata(rawMetadata);
  const pairId = pairIdFrom(values, FIELD.pair, meta);
  if (pairId === null) errors[FIELD.pair] = 'Choose the pairing this goal is for.';
  const title = text(values, FIELD.title);
  if (!title) errors[FIELD.title] = 'Give the goal a title.';
  else if (charLength(title) > LIMITS.goalTitle) errors[FIELD.title] = `Keep the title under ${LIMITS.goalTitle} characters.`;
  const outcome = text(values, FIELD.outcome);
  if (charLength(outcome) > LIMITS.goalOutcome) errors[FIELD.outcome] = `Keep this under ${LIMITS.goalOutcome} characters.`;
  const successMeasure = text(values, FIELD.successMeasure);
  if (charLength(successMeasure) > LIMITS.successMeasure) errors[FIELD.successMeasure] = `Keep this under ${LIMITS.successMeasure} characters.`;
  const targetDate = date(values, FIELD.targetDate);
  if (targetDate !== null && !isCalendarDay(targetDate)) errors[FIELD.targetDate] = 'Pick a date from the calendar.';
  else if (targetDate !== null && targetDate < today) errors[FIELD.targetDate] = 'The target date is in the past: pick today or a later day.';
  const milestones = lines(text(values, FIELD.milestones));
  if (milestones.length > LIMITS.milestones) errors[FIELD.milestones] = `Up to ${LIMITS.milestones} milestones, one per line (you have ${milestones.length}).`;
  else if (milestones.some((m) => charLength(m) > LIMITS.milestone)) errors[FIELD.milestones] = `Keep each milestone under ${LIMITS.milestone} characters.`;
  const objectiveBlock = values[FIELD.objective] !== undefined;
  const objective = text(values, FIELD.objective);
  if (charLength(objective) > LIMITS.objective) errors[FIELD.objective] = `Keep the objective under ${LIMITS.objective} characters.`;
  const celebratePublicly = (values[FIELD.celebrate]?.[INPUT_ACTION]?.selected_options ?? []).some((o) => o.value === 'yes');
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { pairId: pairId!, title, outcome, successMeasure, targetDate, milestones, celebratePublicly, ...(objectiveBlock && objective ? { objective } : {}), ...(meta.goalId !== undefined ? { goalId: meta.goalId } : {}) } };
}
