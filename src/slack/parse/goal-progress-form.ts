import { GOAL_FIELD } from '../ids.ts';
import { metadata, selectedMany, type FormResult, type ViewValues } from './view-values.ts';

export interface GoalProgressInput {
  goalId: number;
  doneIds: number[];
}

/** The progress modal: its goal (from the metadata, re-checked on save) and the ticked milestones. */
export function parseGoalProgressForm(values: ViewValues, rawMetadata: string | undefined): FormResult<GoalProgressInput> {
  const { goalId } = metadata(rawMetadata);
  const doneIds = selectedMany(values, GOAL_FIELD.milestonesDone).map((v) => (/^\d{1,9}$/.test(v) ? Number(v) : NaN));
  if (goalId === undefined) return { ok: false, errors: { [GOAL_FIELD.milestonesDone]: 'This form lost track of its goal: open it again from the goal’s menu on my Home tab.' } };
  if (doneIds.some((id) => !Number.isSafeInteger(id))) return { ok: false, errors: { [GOAL_FIELD.milestonesDone]: 'Tick milestones from the list.' } };
  return { ok: true, value: { goalId, doneIds } };
}
