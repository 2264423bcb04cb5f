import { extraDays } from '../../domain/plain-words.ts';
import type { Program } from '../../services/settings-service.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`;

/** A local minute of the day as 'HH:mm'; the end of the day (1440) reads '24:00'. */
export function clockTime(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
}

/** ISO weekdays as runs: [1..5] → 'Mon–Fri', [1,2,3,5] → 'Mon–Wed, Fri', [6,7] → 'Sat, Sun'. */
export function describeWorkDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].filter((d) => d >= 1 && d <= 7).sort((a, b) => a - b);
  if (sorted.length === 0) return 'no working days';
  const runs: Array<[number, number]> = [];
  for (const day of sorted) {
    const last = runs.at(-1);
    if (last && day === last[1] + 1) last[1] = day;
    else runs.push([day, day]);
  }
  return runs
    .flatMap(([from, to]) => (to - from >= 2 ? [`${WEEKDAYS[from - 1]}–${WEEKDAYS[to - 1]}`] : sorted.filter((d) => d >= from && d <= to).map((d) => WEEKDAYS[d - 1]!)))
    .join(', ');
}

/**
 * The program's rules on one mrkdwn line, e.g. "Every 14 days · 3 extra days before a reminder · follow-up 7 days ·
 * review at 6 months · Mon–Fri 09:00–17:00 · celebrations in <#C123>". Choices that differ from
 * the defaults (overdue status hidden from mentees, manager rule, skills, surveys turned off or other
 * pulse days) are appended only when they apply.
 */
export function settingsSummary(program: Program): string {
  const parts = [
    program.cadence_days === 1 ? 'Every day' : `Every ${program.cadence_days} days`,
    extraDays(program.grace_days),
    `follow-up ${plural(program.follow_up_days, 'day')}`,
    `review at ${plural(program.review_months, 'month')}`,
    `${describeWorkDays(program.work_days)} ${clockTime(program.work_start_minute)}–${clockTime(program.work_end_minute)}`,
    // Only a channel id is ever stored (the form accepts nothing else), so the link is safe to build.
    program.celebration_channel ? `celebrations in <#${program.celebration_channel}>` : 'no celebration channel',
  ];
  if (!program.mentees_see_stalled) parts.push('mentees don’t see when their pairing is overdue');
  if (program.avoid_same_manager) parts.push('no same-manager pairs');
  if (program.matching_mode === 'mentee') parts.push('mentees choose their mentor');
  if (program.skills.length > 0) parts.push(plural(program.skills.length, 'skill'));
  if (program.departure_end_days !== 14) parts.push(`pairings end ${plural(program.departure_end_days, 'day')} after a member leaves`);
  if (program.retention_months !== 24) parts.push(`private text kept ${plural(program.retention_months, 'month')} after a pairing ends`);
  parts.push(...surveyChoices(program));
  return parts.join(' · ');
}

/** The survey choices that differ from the defaults (every survey on, pulse checks on days 30 and 90). */
function surveyChoices(program: Program): string[] {
  const out: string[] = [];
  if (!program.pulse_enabled) out.push('no pulse checks');
  else if (program.pulse_days.join(',') !== '30,90') out.push(program.pulse_days.length === 0 ? 'no pulse checks' : `pulse checks on ${program.pulse_days.length === 1 ? 'day' : 'days'} ${program.pulse_days.join(', ')}`);
  if (!program.confidence_enabled) out.push('no confidence question');
  if (!program.exit_survey_enabled) out.push('no exit survey');
  if (!program.did_it_stick_enabled) out.push('no “still using it?” question');
  if (!program.advice_impact_enabled) out.push('no monthly advice note to mentors');
  return out;
}
