import { UserError } from '../domain/errors.ts';
import { escapeMrkdwn } from '../domain/mrkdwn.ts';
import { updateProgramSettings, type ProgramSettings } from '../db/repositories/programs-repository.ts';
import type { Program } from '../db/schema.ts';

export type { Program };
import { adminProgram, type AdminProgram, type ProgramPick } from './program-scope.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { ProgramSettings, SurveyToggles } from '../db/repositories/programs-repository.ts';

/** Ranges of the programs table's check constraints (migrations 0001), plus the skill list's size. */
export const SETTINGS_LIMITS = {
  cadenceDays: { min: 1, max: 365 },
  graceDays: { min: 0, max: 60 },
  followUpDays: { min: 1, max: 90 },
  reviewMonths: { min: 1, max: 36 },
  departureEndDays: { min: 1, max: 365 },
  retentionMonths: { min: 1, max: 120 },
  /** A window shorter than this could fall between two sweeps (every 15 minutes by default). */
  minWindowMinutes: 60,
  skills: 50,
  skillLength: 40,
} as const;

/**
 * What no check constraint covers (weekdays, the skill list, the window's length); the form
 * reports these per field, so reaching this means the input did not come through the form.
 */
function invalidSettings(s: ProgramSettings): string | undefined {
  if (s.workDays.length === 0 || s.workDays.some((d) => !Number.isInteger(d) || d < 1 || d > 7)) return 'Working days must be weekdays 1 (Monday) to 7 (Sunday), at least one.';
  if (s.workEndMinute - s.workStartMinute < SETTINGS_LIMITS.minWindowMinutes) return 'Working hours must span at least an hour.';
  if (s.skills.length > SETTINGS_LIMITS.skills || s.skills.some((k) => Array.from(k).length > SETTINGS_LIMITS.skillLength)) return 'Too many skills, or a skill is too long.';
  if (s.matchingMode !== undefined && s.matchingMode !== 'admin' && s.matchingMode !== 'mentee') return 'Who picks the mentor must be program admins or mentees.';
  if (s.surveys && (s.surveys.pulseDays.length < 1 || s.surveys.pulseDays.length > 4 || s.surveys.pulseDays.some((d) => !Number.isInteger(d) || d < 1 || d > 365))) return 'Pulse days must be 1 to 4 whole days between 1 and 365.';
  return undefined;
}

export class SettingsService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The program as it is now, for the settings modal: its admins only (see `adminProgram`). */
  current(actor: Actor, pick: ProgramPick = {}): Promise<AdminProgram> {
    return adminProgram(this.deps, actor, pick);
  }

  /** Re-checks the caller on submit against the modal's program: the modal being open proves nothing. */
  async save(actor: Actor, settings: ProgramSettings, pick: ProgramPick = {}): Promise<Program> {
    const { program } = await adminProgram(this.deps, actor, pick);
    const problem = invalidSettings(settings);
    if (problem) throw new UserError(problem);
    if (program.archived_at) throw new UserError(`*${escapeMrkdwn(program.name)}* is archived, so its settings can't be changed.`);
    return updateProgramSettings(this.deps.db, actor.teamId, program.id, settings);
  }
}
