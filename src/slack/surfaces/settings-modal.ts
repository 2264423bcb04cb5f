import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { Program } from '../../services/settings-service.ts';
import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import { EXTRA_DAYS_LABEL } from '../../domain/plain-words.ts';
import { SETTINGS_LIMITS } from '../../services/settings-service.ts';
import { ADMIN_PROGRAM_SETTINGS, INPUT_ACTION, SETTINGS_CALLBACK, SETTINGS_FIELD } from '../ids.ts';
import { programSwitch, type ProgramOption } from './program-choice.ts';
import { header, option, section } from './blocks.ts';
import { celebrationChannelInput, modal, textInput } from './modal-parts.ts';
import { clockTime } from './settings-summary.ts';
import { surveySettingsBlocks } from './survey-settings.ts';

/** The one option of a yes/no checkbox. */
export const CHECKED = 'yes';

/** The last minute a timepicker can show stands for the end of the day (stored as 1440). */
export const END_OF_DAY_TIME = '23:59';

const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const WEEKDAY_OPTIONS: PlainTextOption[] = WEEKDAY_NAMES.map((name, i) => option(name, String(i + 1)));

/** Room for 50 skills of 40 characters, one per line, with some bullets and blank lines. */
const SKILLS_MAX_LENGTH = 3000;

function numberInput(field: string, label: string, value: number, range: { min: number; max: number }, hint: string): InputBlock {
  return {
    type: 'input',
    block_id: field,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: `${hint} Between ${range.min} and ${range.max}.` },
    element: { type: 'number_input', action_id: INPUT_ACTION, is_decimal_allowed: false, initial_value: String(value), min_value: String(range.min), max_value: String(range.max) },
  };
}

function timeInput(field: string, label: string, minute: number, hint: string): InputBlock {
  return {
    type: 'input',
    block_id: field,
    label: { type: 'plain_text', text: label },
    hint: { type: 'plain_text', text: hint },
    // No `timezone`: the window applies in each person's own zone, not the admin's.
    element: { type: 'timepicker', action_id: INPUT_ACTION, initial_time: minute >= 1440 ? END_OF_DAY_TIME : clockTime(minute) },
  };
}

function checkbox(field: string, label: string, text: string, checked: boolean, hint?: string): InputBlock {
  const only = option(text, CHECKED);
  return {
    type: 'input',
    block_id: field,
    optional: true,
    label: { type: 'plain_text', text: label },
    ...(hint ? { hint: { type: 'plain_text', text: hint } } : {}),
    // Slack rejects an empty initial_options, so an unchecked box has none at all.
    element: { type: 'checkboxes', action_id: INPUT_ACTION, options: [only], ...(checked ? { initial_options: [only] } : {}) },
  };
}

/** "Who picks the mentor": the program's admins (with `/mentor match`), or each mentee from three suggestions. */
export const MATCHING_MODE_OPTIONS: PlainTextOption[] = [
  option('Program admins', 'admin'),
  option('Mentees choose from three suggestions', 'mentee'),
];

function matchingModeInput(mode: string): InputBlock {
  return {
    type: 'input',
    block_id: SETTINGS_FIELD.matchingMode,
    label: { type: 'plain_text', text: 'Who picks the mentor' },
    hint: { type: 'plain_text', text: 'Mentees who choose see three suggested mentors with the reasons, and the mentor they ask accepts or declines.' },
    element: { type: 'radio_buttons', action_id: INPUT_ACTION, options: MATCHING_MODE_OPTIONS, initial_option: MATCHING_MODE_OPTIONS.find((o) => o.value === mode) ?? MATCHING_MODE_OPTIONS[0]! },
  };
}

/** The settings modal, prefilled with the program's current values. */
export function settingsModal(program: Program, choices: readonly ProgramOption[] = []): ModalView {
  const L = SETTINGS_LIMITS;
  const days = WEEKDAY_OPTIONS.filter((o) => program.work_days.includes(Number(o.value)));
  const blocks: KnownBlock[] = [
    section(`Rules for *${escapeMrkdwn(program.name)}*. Changes apply from the next reminder run; existing pairings keep their own cadence.`),
    ...programSwitch(choices, program, ADMIN_PROGRAM_SETTINGS),
    header('Rhythm'),
    numberInput(SETTINGS_FIELD.cadenceDays, 'Default cadence (days between sessions)', program.cadence_days, L.cadenceDays, 'For new pairings; /mentor pair … every 2w overrides it.'),
    numberInput(SETTINGS_FIELD.graceDays, EXTRA_DAYS_LABEL, program.grace_days, L.graceDays, 'Days after a missed session before both get a reminder.'),
    numberInput(SETTINGS_FIELD.followUpDays, 'Days before asking how advice went', program.follow_up_days, L.followUpDays, 'The mentee is asked to tell their mentor how it went this long after the session.'),
    numberInput(SETTINGS_FIELD.reviewMonths, 'Months until the pairing review', program.review_months, L.reviewMonths, 'For new pairings: continue, extend or conclude.'),
    header('When I send reminders'),
    timeInput(SETTINGS_FIELD.workStart, 'Working hours start', program.work_start_minute, "In each person's own time zone."),
    timeInput(SETTINGS_FIELD.workEnd, 'Working hours end', program.work_end_minute, `${END_OF_DAY_TIME} means until midnight.`),
    {
      type: 'input',
      block_id: SETTINGS_FIELD.workDays,
      label: { type: 'plain_text', text: 'Working days' },
      element: { type: 'checkboxes', action_id: INPUT_ACTION, options: WEEKDAY_OPTIONS, ...(days.length > 0 ? { initial_options: days } : {}) },
    },
    header('Visibility, celebrations and matching'),
    checkbox(SETTINGS_FIELD.menteesSeeStalled, 'Overdue pairings', 'Mentees see when their own pairing is overdue', program.mentees_see_stalled, 'Mentors and admins always see it.'),
    celebrationChannelInput(SETTINGS_FIELD.celebrationChannel, program.celebration_channel),
    textInput(SETTINGS_FIELD.skills, 'Skills for matching (one per line)', {
      multiline: true,
      maxLength: SKILLS_MAX_LENGTH,
      optional: true,
      placeholder: 'e.g. Public speaking',
      hint: `Up to ${L.skills} skills of ${L.skillLength} characters. Duplicates are merged.`,
      initial: program.skills.join('\n'),
    }),
    checkbox(SETTINGS_FIELD.avoidSameManager, 'Matching', 'Avoid pairing people with the same manager', program.avoid_same_manager),
    matchingModeInput(program.matching_mode),
    header('People who leave, and private notes'),
    numberInput(SETTINGS_FIELD.departureEndDays, 'Days before a deactivated member’s pairings end', program.departure_end_days, L.departureEndDays, 'Their pairings pause at once and end this long after; the partner is told and offered a new match.'),
    numberInput(SETTINGS_FIELD.retentionMonths, 'Months to keep the private text of ended pairings', program.retention_months, L.retentionMonths, 'Then session notes, advice, commitments, goals, reviews and survey notes are emptied; counts and dates stay.'),
    ...surveySettingsBlocks(program),
  ];
  return modal(SETTINGS_CALLBACK, 'Program settings', 'Save settings', blocks, { programId: program.id });
}
