import { INPUT_ACTION } from '../../src/slack/ids.ts';
import type { ViewValues } from '../../src/slack/parse/view-values.ts';
import { SETTINGS_FIELD as F } from '../../src/slack/ids.ts';

/** What a person changes in the settings modal; anything left out keeps the default. */
export interface SettingsValues {
  cadence?: string;
  grace?: string;
  followUp?: string;
  review?: string;
  start?: string | null;
  end?: string | null;
  days?: readonly string[];
  channel?: string | null;
  seeStalled?: boolean;
  skills?: string;
  avoidManager?: boolean;
  /** Who picks the mentor; left out, the block is missing (a modal opened before it existed). */
  matchingMode?: string | null;
  departureDays?: string;
  retentionMonths?: string;
  /** The survey section; `surveys: false` leaves it out, as a modal opened before it existed. */
  surveys?: boolean;
  pulse?: boolean;
  pulseDays?: string;
  exitSurvey?: boolean;
  didItStick?: boolean;
  confidence?: boolean;
  adviceImpact?: boolean;
}

/** The settings modal's view.state.values as Slack sends them: block_id → action → element state. */
export function settingsViewValues(f: SettingsValues = {}): ViewValues {
  const v = (state: Record<string, unknown>) => ({ [INPUT_ACTION]: state });
  const box = (checked: boolean | undefined) => v({ type: 'checkboxes', selected_options: checked ? [{ value: 'yes' }] : [] });
  return {
    [F.cadenceDays]: v({ type: 'number_input', value: f.cadence ?? '14' }),
    [F.graceDays]: v({ type: 'number_input', value: f.grace ?? '3' }),
    [F.followUpDays]: v({ type: 'number_input', value: f.followUp ?? '7' }),
    [F.reviewMonths]: v({ type: 'number_input', value: f.review ?? '6' }),
    [F.workStart]: v({ type: 'timepicker', selected_time: f.start === undefined ? '09:00' : f.start }),
    [F.workEnd]: v({ type: 'timepicker', selected_time: f.end === undefined ? '17:00' : f.end }),
    [F.workDays]: v({ type: 'checkboxes', selected_options: (f.days ?? ['1', '2', '3', '4', '5']).map((value) => ({ value })) }),
    [F.celebrationChannel]: v({ type: 'conversations_select', selected_conversation: f.channel ?? null }),
    [F.menteesSeeStalled]: box(f.seeStalled ?? true),
    [F.skills]: v({ type: 'plain_text_input', value: f.skills ?? null }),
    [F.avoidSameManager]: box(f.avoidManager),
    ...(f.matchingMode !== undefined ? { [F.matchingMode]: v({ type: 'radio_buttons', selected_option: f.matchingMode === null ? null : { value: f.matchingMode } }) } : {}),
    [F.departureEndDays]: v({ type: 'number_input', value: f.departureDays ?? '14' }),
    [F.retentionMonths]: v({ type: 'number_input', value: f.retentionMonths ?? '24' }),
    ...(f.surveys === false
      ? {}
      : {
          [F.pulseEnabled]: v({ type: 'checkboxes', selected_options: (f.pulse ?? true) ? [{ value: 'on' }] : [] }),
          [F.pulseDays]: v({ type: 'plain_text_input', value: f.pulseDays ?? '30, 90' }),
          [F.exitSurveyEnabled]: v({ type: 'checkboxes', selected_options: (f.exitSurvey ?? true) ? [{ value: 'on' }] : [] }),
          [F.didItStickEnabled]: v({ type: 'checkboxes', selected_options: (f.didItStick ?? true) ? [{ value: 'on' }] : [] }),
          [F.confidenceEnabled]: v({ type: 'checkboxes', selected_options: (f.confidence ?? true) ? [{ value: 'on' }] : [] }),
          [F.adviceImpactEnabled]: v({ type: 'checkboxes', selected_options: (f.adviceImpact ?? true) ? [{ value: 'on' }] : [] }),
        }),
  } as ViewValues;
}
