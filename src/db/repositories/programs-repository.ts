import { sql, type Kysely } from 'kysely';
import type { ProgramFields } from '../../domain/programs.ts';
import type { Database, MatchingMode, Program } from '../schema.ts';

export type { ProgramFields };

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
  /** Who picks a mentee's mentor; undefined keeps it as it is. */
  matchingMode?: MatchingMode;
}

export interface SurveyToggles {
  pulseEnabled: boolean;
  pulseDays: number[];
  exitSurveyEnabled: boolean;
  didItStickEnabled: boolean;
  /** Undefined keeps it as it is. */
  confidenceEnabled?: boolean;
  adviceImpactEnabled?: boolean;
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
      ...(settings.matchingMode ? { matching_mode: settings.matchingMode } : {}),
      ...(settings.surveys
        ? { pulse_enabled: settings.surveys.pulseEnabled, pulse_days: settings.surveys.pulseDays, exit_survey_enabled: settings.surveys.exitSurveyEnabled, did_it_stick_enabled: settings.surveys.didItStickEnabled,
            ...(settings.surveys.confidenceEnabled !== undefined ? { confidence_enabled: settings.surveys.confidenceEnabled } : {}),
            ...(settings.surveys.adviceImpactEnabled !== undefined ? { advice_impact_enabled: settings.surveys.adviceImpactEnabled } : {}) }
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

/** A program for `/mentor program list`: its live pairings and its granted admins. */
export interface ProgramSummary extends Program {
  live_pairs: number;
  admin_ids: string[];
}

/** The settings a new program copies from the default one (the rest are the modal's). */
const COPIED_SETTINGS = [
  'cadence_days', 'grace_days', 'follow_up_days', 'review_months', 'work_start_minute', 'work_end_minute', 'work_days', 'mentees_see_stalled',
  'max_advice_lines', 'skills', 'avoid_same_manager', 'pulse_enabled', 'pulse_days', 'confidence_enabled', 'exit_survey_enabled',
  'did_it_stick_enabled', 'advice_impact_enabled', 'departure_end_days', 'retention_months',
] as const satisfies ReadonlyArray<keyof Program>;

function fieldColumns(fields: ProgramFields) {
  return {
    name: fields.name,
    description: fields.description,
    kind: fields.kind,
    starts_on: fields.startsOn,
    ends_on: fields.endsOn,
    celebration_channel: fields.celebrationChannel,
    enrolment_open: fields.enrolmentOpen,
  };
}

/** A new program with the modal's fields and the other settings of `copyFrom`, the default program. */
export function insertProgram(db: Kysely<Database>, copyFrom: Program, fields: ProgramFields): Promise<Program> {
  const copied = Object.fromEntries(COPIED_SETTINGS.map((column) => [column, copyFrom[column]])) as Pick<Program, (typeof COPIED_SETTINGS)[number]>;
  return db
    .insertInto('programs')
    .values({ ...copied, team_id: copyFrom.team_id, is_default: false, ...fieldColumns(fields) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The modal's fields of one program; the team id keeps it inside its workspace. */
export function updateProgramFields(db: Kysely<Database>, teamId: string, programId: number, fields: ProgramFields): Promise<Program | undefined> {
  return db.updateTable('programs').set(fieldColumns(fields)).where('team_id', '=', teamId).where('id', '=', programId).returningAll().executeTakeFirst();
}

/** Archives a program once; undefined when it was already archived (or is not in the workspace). */
export function archiveProgram(db: Kysely<Database>, teamId: string, programId: number, now: Date): Promise<Program | undefined> {
  return db
    .updateTable('programs')
    .set({ archived_at: now, enrolment_open: false })
    .where('team_id', '=', teamId)
    .where('id', '=', programId)
    .where('archived_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** A program of the workspace by name, ignoring case (names are unique that way). */
export function programByName(db: Kysely<Database>, teamId: string, name: string): Promise<Program | undefined> {
  return db
    .selectFrom('programs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
    .executeTakeFirst();
}

/** One program of the workspace by id. */
export function programOf(db: Kysely<Database>, teamId: string, programId: number): Promise<Program | undefined> {
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('id', '=', programId).executeTakeFirst();
}

/**
 * The workspace's programs with their live pairings and granted admins, in one statement:
 * every program, or only those `grantedTo` administers. Archived ones come last.
 */
export function programSummaries(db: Kysely<Database>, teamId: string, grantedTo?: string): Promise<ProgramSummary[]> {
  let q = db
    .selectFrom('programs as p')
    .selectAll('p')
    .select((eb) => [
      eb.selectFrom('pairs').select(eb.fn.countAll<number>().as('n')).whereRef('pairs.program_id', '=', 'p.id').where('pairs.status', '<>', 'ended').as('live_pairs'),
      eb
        .fn.coalesce(
          eb.selectFrom('program_admins as a').select((sub) => sub.fn.agg<string[]>('array_agg', ['a.user_id']).as('ids')).whereRef('a.program_id', '=', 'p.id'),
          sql<string[]>`'{}'::text[]`,
        )
        .as('admin_ids'),
    ])
    .where('p.team_id', '=', teamId);
  if (grantedTo !== undefined) {
    q = q.where((eb) => eb.exists(eb.selectFrom('program_admins as g').select('g.user_id').whereRef('g.program_id', '=', 'p.id').where('g.user_id', '=', grantedTo)));
  }
  return q
    .orderBy(sql`p.archived_at is not null`)
    .orderBy('p.is_default', 'desc')
    .orderBy(sql`lower(p.name)`)
    .execute() as Promise<ProgramSummary[]>;
}

/** A program an admin may act on, and whether it is the one they picked last. */
export type AdministeredProgram = Program & { remembered: boolean };

/**
 * The programs, not archived, that someone administers, in one statement: every one for a
 * workspace admin, else those granted to them; with the one they last picked marked.
 */
export function administeredPrograms(db: Kysely<Database>, teamId: string, userId: string, everyProgram: boolean): Promise<AdministeredProgram[]> {
  let q = db
    .selectFrom('programs as p')
    .leftJoin('admin_program_choices as c', (join) => join.onRef('c.program_id', '=', 'p.id').on('c.user_id', '=', userId).on('c.team_id', '=', teamId))
    .selectAll('p')
    .select(sql<boolean>`c.program_id is not null`.as('remembered'))
    .where('p.team_id', '=', teamId)
    .where('p.archived_at', 'is', null);
  if (!everyProgram) {
    q = q.where((eb) => eb.exists(eb.selectFrom('program_admins as g').select('g.user_id').whereRef('g.program_id', '=', 'p.id').where('g.user_id', '=', userId)));
  }
  return q.orderBy('p.is_default', 'desc').orderBy(sql`lower(p.name)`).execute();
}

/** Remembers the program an admin picked, replacing their earlier pick. */
export async function rememberProgramChoice(db: Kysely<Database>, teamId: string, userId: string, programId: number, at: Date): Promise<void> {
  await db
    .insertInto('admin_program_choices')
    .values({ team_id: teamId, user_id: userId, program_id: programId, chosen_at: at })
    .onConflict((oc) => oc.columns(['team_id', 'user_id']).doUpdateSet({ program_id: programId, chosen_at: at }))
    .execute();
}

/** The workspace's programs among `programIds`, for labels (a person's pairings in several programs). */
export function programsAmong(db: Kysely<Database>, teamId: string, programIds: number[]): Promise<Program[]> {
  if (programIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('id', 'in', [...new Set(programIds)]).orderBy('id').execute();
}

/** The programs of those of `pairIds` that `userId` is a member of (mentor or mentee), in one statement. */
export function programsOfMemberPairs(db: Kysely<Database>, teamId: string, userId: string, pairIds: number[]): Promise<Program[]> {
  const ids = [...new Set(pairIds)].filter((id) => Number.isSafeInteger(id));
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('programs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('pairs')
          .select('pairs.id')
          .whereRef('pairs.program_id', '=', 'programs.id')
          .where('pairs.team_id', '=', teamId)
          .where('pairs.id', 'in', ids)
          .where((p) => p.or([p('pairs.mentor_id', '=', userId), p('pairs.mentee_id', '=', userId)])),
      ),
    )
    .orderBy('id')
    .execute();
}

/** How many programs (archived ones left out) a workspace has: headings name the program only when there are several. */
export async function countLivePrograms(db: Kysely<Database>, teamId: string): Promise<number> {
  const row = await db.selectFrom('programs').select((eb) => eb.fn.countAll<string>().as('n')).where('team_id', '=', teamId).where('archived_at', 'is', null).executeTakeFirst();
  return Number(row?.n ?? 0);
}
