import type { Kysely } from 'kysely';
import type { Database, Program } from '../schema.ts';

/** The workspace's default program, created on first use with the defaults from the schema. */
export async function defaultProgram(db: Kysely<Database>, teamId: string): Promise<Program> {
  const existing = await db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('is_default', '=', true).executeTakeFirst();
  if (existing) return existing;
  await db
    .insertInto('programs')
    .values({ team_id: teamId, name: 'Mentoring', is_default: true })
    .onConflict((oc) => oc.column('team_id').where('is_default', '=', true).doNothing())
    .execute();
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('is_default', '=', true).executeTakeFirstOrThrow();
}

/** The rules an admin edits with `/mentor settings`; the sweep reads them afresh on every pass. */
export interface ProgramSettings {
  cadenceDays: number;
  graceDays: number;
  followUpDays: number;
  reviewMonths: number;
  workStartMinute: number;
  workEndMinute: number;
  /** ISO weekdays, 1 = Monday. */
  workDays: number[];
  celebrationChannel: string | null;
  menteesSeeStalled: boolean;
  skills: string[];
  avoidSameManager: boolean;
  /** Days after a member's deactivation before their pairings end. */
  departureEndDays: number;
  /** Months after a pairing ended before its private text is deleted. */
  retentionMonths: number;
  /** Which surveys are asked, and the pulse days; undefined keeps them as they are. */
  surveys?: SurveyToggles;
}

export interface SurveyToggles {
  pulseEnabled: boolean;
  pulseDays: number[];
  exitSurveyEnabled: boolean;
  didItStickEnabled: boolean;
}

/** Writes a program's settings in one statement; the team id keeps it inside its workspace. */
export function updateProgramSettings(db: Kysely<Database>, teamId: string, programId: number, settings: ProgramSettings): Promise<Program> {
  return db
    .updateTable('programs')
    .set({
      cadence_days: settings.cadenceDays,
      grace_days: settings.graceDays,
      follow_up_days: settings.followUpDays,
      review_months: settings.reviewMonths,
      work_start_minute: settings.workStartMinute,
      work_end_minute: settings.workEndMinute,
      work_days: settings.workDays,
      celebration_channel: settings.celebrationChannel,
      mentees_see_stalled: settings.menteesSeeStalled,
      skills: settings.skills,
      avoid_same_manager: settings.avoidSameManager,
      departure_end_days: settings.departureEndDays,
      retention_months: settings.retentionMonths,
      ...(settings.surveys
        ? { pulse_enabled: settings.surveys.pulseEnabled, pulse_days: settings.surveys.pulseDays, exit_survey_enabled: settings.surveys.exitSurveyEnabled, did_it_stick_enabled: settings.surveys.didItStickEnabled }
        : {}),
    })
    .where('team_id', '=', teamId)
    .where('id', '=', programId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** One program by id, in any workspace (for operators' command-line tools). */
export function programById(db: Kysely<Database>, id: number): Promise<Program | undefined> {
  return db.selectFrom('programs').selectAll().where('id', '=', id).executeTakeFirst();
}
