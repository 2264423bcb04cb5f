import type { Program } from '../../src/db/schema.ts';

/** A programs row with the schema's defaults, for pure builder and parser tests. */
export function programRow(overrides: Partial<Program> = {}): Program {
  return {
    id: 1,
    team_id: 'T1',
    name: 'Mentoring',
    is_default: true,
    cadence_days: 14,
    grace_days: 3,
    follow_up_days: 7,
    review_months: 6,
    work_start_minute: 540,
    work_end_minute: 1020,
    work_days: [1, 2, 3, 4, 5],
    celebration_channel: null,
    mentees_see_stalled: true,
    max_advice_lines: 10,
    skills: [],
    avoid_same_manager: false,
    pulse_enabled: true,
    pulse_days: [30, 90],
    confidence_enabled: true,
    exit_survey_enabled: true,
    did_it_stick_enabled: true,
    advice_impact_enabled: true,
    departure_end_days: 14,
    retention_months: 24,
    description: '',
    kind: 'standard',
    starts_on: null,
    ends_on: null,
    enrolment_open: true,
    archived_at: null,
    created_at: new Date('2026-01-01T00:00:00Z'),
    matching_mode: 'admin',
    ...overrides,
  };
}

/**
 * Time zones the app must treat as UTC: unknown or malformed names and missing values, as a
 * members row or a Slack profile may carry them. [label, zone] rows for it.each.
 */
export const INVALID_TIME_ZONES: Array<[label: string, zone: string | null | undefined]> = [
  ['an unknown zone', 'Mars/Olympus_Mons'],
  ['garbage', 'not a zone'],
  ['an empty string', ''],
  ['null', null],
  ['undefined', undefined],
];
