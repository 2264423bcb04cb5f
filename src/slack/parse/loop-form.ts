import { LIMITS, type LoopInput } from '../../domain/inputs.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { FIELD, INPUT_ACTION } from '../ids.ts';
import { metadata, text, usefulness, type FormResult, type ViewValues } from './view-values.ts';

const OUTCOMES = ['tried_worked', 'tried_didnt', 'not_applicable'] as const;

export function parseLoopForm(values: ViewValues, rawMetadata: string | undefined): FormResult<LoopInput> {
  const errors: Record<string, string> = {};
  const adviceId = metadata(rawMetadata).adviceId;
  const chosen = values[FIELD.loopOutcome]?.[INPUT_ACTION]?.selected_option?.value;
  const outcome = OUTCOMES.find((o) => o === chosen);
  if (!outcome) errors[FIELD.loopOutcome] = 'Say whether you tried it.';
  const outcomeText = text(values, FIELD.outcomeText);
  if (outcome && outcome !== 'not_applicable' && !outcomeText) errors[FIELD.outcomeText] = 'Tell your mentor what happened when you tried it.';
  else if (charLength(outcomeText) > LIMITS.outcomeText) errors[FIELD.outcomeText] = `Keep this under ${LIMITS.outcomeText} characters.`;
  if (adviceId === undefined) errors[FIELD.loopOutcome] = 'This form lost track of its advice: close it and press "Close the loop" again.';
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, value: { adviceId: adviceId!, outcome: outcome!, outcomeText: outcomeText || null, usefulness: usefulness(values, FIELD.usefulness) } };
}
