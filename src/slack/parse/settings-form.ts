import { charLength } from '../../domain/mrkdwn.ts';
import { SETTINGS_LIMITS, type ProgramSettings } from '../../services/settings-service.ts';
import { INPUT_ACTION } from '../ids.ts';
import { SETTINGS_FIELD as F } from '../ids.ts';
import { CHECKED, END_OF_DAY_TIME } from '../surfaces/settings-modal.ts';
import { clockTime } from '../surfaces/settings-summary.ts';
import { parseSurveySettings } from './survey-settings-form.ts';
import { lines, selected, selectedMany, text, type FormResult, type ViewValues } from './view-values.ts';

/** The element states this form adds to ViewValues' common ones (timepicker, conversations_select). */
type ElementState = { selected_time?: string | null; selected_conversation?: string | null };

function state(values: ViewValues, field: string): ElementState {
  return (values[field]?.[INPUT_ACTION] ?? {}) as ElementState;
}

/** A whole number in range; number_input sends it as a string, and a forged one may be anything. */
function wholeNumber(values: ViewValues, field: string, range: { min: number; max: number }, unit: string, errors: Record<string, string>): number {
  const raw = text(values, field);
  const n = /^[-+]?\d{1,9}$/.test(raw) ? Number(raw) + 0 : NaN; // + 0: '-0' reads as 0, not -0
  if (!raw) errors[field] = `Enter a number of ${unit} (${range.min}–${range.max}).`;
  else if (Number.isNaN(n)) errors[field] = `Enter a whole number of ${unit} (${range.min}–${range.max}).`;
  else if (n < range.min || n > range.max) errors[field] = `Choose between ${range.min} and ${range.max} ${unit}.`;
  return n;
}

/** 'HH:mm' → minute of the day; undefined when it is not a time. */
function minuteOf(time: string | null | undefined): number | undefined {
  const m = /^([01]\d|2[0-3]):([0-5]\d)$/.exec(time ?? '');
  return m ? Number(m[1]) * 60 + Number(m[2]) : undefined;
}

/** Trimmed, inner spaces collapsed, and deduplicated ignoring case: the first spelling wins. */
export function skillList(raw: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const line of lines(raw)) {
    const skill = line.replace(/\s+/g, ' ');
    const key = skill.normalize('NFC').toLocaleLowerCase('en');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(skill);
  }
  return out;
}

/** A public channel id from the conversations_select; anything else (a DM, garbage) is refused. */
export const CHANNEL_ID = /^C[A-Z0-9]{2,20}$/;

export function parseSettingsForm(values: ViewValues): FormResult<ProgramSettings> {
  const L = SETTINGS_LIMITS;
  const errors: Record<string, string> = {};
  const cadenceDays = wholeNumber(values, F.cadenceDays, L.cadenceDays, 'days', errors);
  const graceDays = wholeNumber(values, F.graceDays, L.graceDays, 'days', errors);
  const followUpDays = wholeNumber(values, F.followUpDays, L.followUpDays, 'days', errors);
  const reviewMonths = wholeNumber(values, F.reviewMonths, L.reviewMonths, 'months', errors);
  const departureEndDays = wholeNumber(values, F.departureEndDays, L.departureEndDays, 'days', errors);
  const retentionMonths = wholeNumber(values, F.retentionMonths, L.retentionMonths, 'months', errors);

  const start = minuteOf(state(values, F.workStart).selected_time);
  const endTime = state(values, F.workEnd).selected_time;
  const end = endTime === END_OF_DAY_TIME ? 1440 : minuteOf(endTime);
  if (start === undefined) errors[F.workStart] = 'Pick the time working hours start.';
  if (end === undefined) errors[F.workEnd] = 'Pick the time working hours end.';
  else if (start !== undefined && end <= start) errors[F.workEnd] = `Working hours must end after they start (${clockTime(start)}).`;
  else if (start !== undefined && end - start < L.minWindowMinutes) errors[F.workEnd] = 'Working hours must span at least an hour, so every reminder run can reach people.';

  const picked = selectedMany(values, F.workDays);
  const workDays = [...new Set(picked.map(Number))].sort((a, b) => a - b);
  if (picked.length === 0) errors[F.workDays] = 'Choose at least one working day, or reminders could never be sent.';
  else if (workDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) errors[F.workDays] = 'Choose days from the list.';

  const channel = state(values, F.celebrationChannel).selected_conversation ?? null;
  if (channel !== null && !CHANNEL_ID.test(channel)) errors[F.celebrationChannel] = 'Choose a public channel from the list.';

  const skills = skillList(text(values, F.skills));
  const tooLong = skills.find((s) => charLength(s) > L.skillLength);
  if (skills.length > L.skills) errors[F.skills] = `Up to ${L.skills} skills, one per line (you have ${skills.length} different ones).`;
  else if (tooLong) errors[F.skills] = `Keep each skill to ${L.skillLength} characters: "${Array.from(tooLong).slice(0, 20).join('')}…" has ${charLength(tooLong)}.`;

  const surveys = parseSurveySettings(values, errors);

  // A modal opened before the setting existed has no such block: the mode stays as it is.
  const mode = values[F.matchingMode] ? selected(values, F.matchingMode) : undefined;
  if (mode !== undefined && mode !== 'admin' && mode !== 'mentee') errors[F.matchingMode] = 'Choose who picks the mentor.';

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    value: {
      cadenceDays,
      graceDays,
      followUpDays,
      reviewMonths,
      workStartMinute: start!,
      workEndMinute: end!,
      workDays,
      celebrationChannel: channel,
      menteesSeeStalled: selectedMany(values, F.menteesSeeStalled).includes(CHECKED),
      skills,
      avoidSameManager: selectedMany(values, F.avoidSameManager).includes(CHECKED),
      departureEndDays,
      retentionMonths,
      ...(surveys ? { surveys } : {}),
      ...(mode === 'admin' || mode === 'mentee' ? { matchingMode: mode } : {}),
    },
  };
}
