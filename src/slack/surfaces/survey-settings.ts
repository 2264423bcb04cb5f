import type { InputBlock, KnownBlock } from '@slack/types';
import { SURVEY_LATE_DAYS } from '../../domain/survey-policy.ts';
import type { Program } from '../../services/settings-service.ts';
import { INPUT_ACTION, SETTINGS_FIELD } from '../ids.ts';
import { header, option } from './blocks.ts';
import { textInput } from './modal-parts.ts';

/** The one option of each survey's on/off box. */
export const SURVEY_ON = 'on';

function onOff(field: string, label: string, text: string, on: boolean, hint: string): InputBlock {
  const only = option(text, SURVEY_ON);
  return {
    type: 'input',
    block_id: field,
    optional: true,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    element: { type: 'checkboxes', action_id: INPUT_ACTION, options: [only], ...(on ? { initial_options: [only] } : {}) },
  };
}

/** The settings modal's survey section: each survey on or off, and the days of the pulse check. */
export function surveySettingsBlocks(program: Program): KnownBlock[] {
  return [
    header('Surveys'),
    onOff(SETTINGS_FIELD.pulseEnabled, 'Pulse check', 'Ask each member how the mentoring is going', program.pulse_enabled, 'Going well / Could be better / Not working. Answers are private; admins see totals.'),
    textInput(SETTINGS_FIELD.pulseDays, 'Days of a pairing to ask on', {
      maxLength: 40,
      placeholder: 'e.g. 30, 90',
      hint: `Up to 4 days between 1 and 365, separated by commas. Asked up to ${SURVEY_LATE_DAYS} days late, never twice.`,
      initial: program.pulse_days.join(', '),
    }),
    onOff(SETTINGS_FIELD.exitSurveyEnabled, 'Exit survey', 'Ask each member about the pairing when it ends', program.exit_survey_enabled, 'Objective reached, satisfaction, what changed, would they recommend it.'),
    onOff(SETTINGS_FIELD.didItStickEnabled, 'Did it stick', 'Ask the mentee three months after the end', program.did_it_stick_enabled, '“Are you still using what you learned?”'),
    onOff(SETTINGS_FIELD.confidenceEnabled, 'Confidence', 'Ask the mentee how confident they are at each goal', program.confidence_enabled, '1–5 when a goal is set, achieved or dropped, at the review and at the end. Admins see the median change.'),
    onOff(SETTINGS_FIELD.adviceImpactEnabled, 'Advice impact for mentors', 'Send each mentor a monthly note on their advice', program.advice_impact_enabled, 'How much of their advice was tried and worked, in their mentees’ words. Only the mentor sees it.'),
  ];
}
