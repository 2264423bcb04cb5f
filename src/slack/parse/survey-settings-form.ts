import { DEFAULT_PULSE_DAYS, normalizePulseDays } from '../../domain/survey-policy.ts';
import type { SurveyToggles } from '../../services/settings-service.ts';
import { SETTINGS_FIELD as F } from '../ids.ts';
import { SURVEY_ON } from '../surfaces/survey-settings.ts';
import { selectedMany, text, type ViewValues } from './view-values.ts';

export const MAX_PULSE_DAYS = 4;

/**
 * The survey section of the settings form; undefined when the form has none (a modal opened before
 * it existed), so saving keeps the surveys as they are. Field errors go into `errors`.
 */
export function parseSurveySettings(values: ViewValues, errors: Record<string, string>): SurveyToggles | undefined {
  if (values[F.pulseEnabled] === undefined) return undefined;
  const pulseEnabled = selectedMany(values, F.pulseEnabled).includes(SURVEY_ON);
  const raw = text(values, F.pulseDays);
  const parts = raw.split(/[\s,;]+/).filter(Boolean);
  const days = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  let pulseDays = normalizePulseDays(days);
  if (days.some((d) => Number.isNaN(d) || d < 1 || d > 365)) errors[F.pulseDays] = 'Write whole days between 1 and 365, separated by commas (e.g. 30, 90).';
  else if (pulseDays.length > MAX_PULSE_DAYS) errors[F.pulseDays] = `Up to ${MAX_PULSE_DAYS} days (you wrote ${pulseDays.length}).`;
  else if (pulseDays.length === 0 && pulseEnabled) errors[F.pulseDays] = 'Write at least one day, or turn the pulse check off.';
  if (pulseDays.length === 0) pulseDays = [...DEFAULT_PULSE_DAYS];
  return {
    pulseEnabled,
    pulseDays,
    exitSurveyEnabled: selectedMany(values, F.exitSurveyEnabled).includes(SURVEY_ON),
    didItStickEnabled: selectedMany(values, F.didItStickEnabled).includes(SURVEY_ON),
    // Forms opened before these two boxes existed keep them as they are.
    ...(values[F.confidenceEnabled] !== undefined ? { confidenceEnabled: selectedMany(values, F.confidenceEnabled).includes(SURVEY_ON) } : {}),
    ...(values[F.adviceImpactEnabled] !== undefined ? { adviceImpactEnabled: selectedMany(values, F.adviceImpactEnabled).includes(SURVEY_ON) } : {}),
  };
}
