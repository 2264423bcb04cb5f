import { sql, type Insertable, type Kysely } from 'kysely';
import type { Database, NudgeRule, NudgesTable, Program } from '../schema.ts';

/** The programs of one workspace (every workspace's when `teamId` is undefined, for tools and benches). */
export function allPrograms(db: Kysely<Database>, teamId?: string): Promise<Program[]> {
  let q = db.selectFrom('programs').selectAll();
  if (teamId !== undefined) q = q.where('team_id', '=', teamId);
  return q.orderBy('id').execute();
}

/** Pauses with an end date that has passed become active again, unless one of the two has been deactivated. */
export async function resumeExpiredPauses(db: Kysely<Database>, now: Date, teamId: string): Promise<number> {
  const result = await db
    .updateTable('pairs')
    .set({ status: 'active', paused_until: null })
    .where('team_id', '=', teamId)
    .where('status', '=', 'paused')
    .where('paused_until', 'is not', null)
    .where('paused_until', '<=', now)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('members as m')
            .select('m.user_id')
            .whereRef('m.team_id', '=', 'pairs.team_id')
            .where((eb) => eb.or([eb('m.user_id', '=', eb.ref('pairs.mentor_id')), eb('m.user_id', '=', eb.ref('pairs.mentee_id'))]))
            .where('m.deactivated', '=', true),
        ),
      ),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export interface DepartedPairing {
  pair_id: number;
  program_id: number;
  mentor_id: string;
  mentee_id: string;
  /** The member whose deactivation ended it. */
  departed_id: string;
}

/**
 * Ends the live pairings of members deactivated for at least their program's `departure_end_days`
 * at `now`, and returns them (each once, whichever of the two left).
 */
export async function endDepartedPairings(db: Kysely<Database>, now: Date, teamId: string): Promise<DepartedPairing[]> {
  const rows = await sql<DepartedPairing>`
    update pairs set status = 'ended', ended_at = ${now}, paused_until = null
    from programs pr, members m
    where pairs.team_id = ${teamId}
      and pairs.status in ('active', 'paused')
      and pr.id = pairs.program_id
      and m.team_id = pairs.team_id
      and m.user_id in (pairs.mentor_id, pairs.mentee_id)
      and m.deactivated
      and m.deactivated_at <= ${now}::timestamptz - make_interval(days => pr.departure_end_days)
    returning pairs.id as pair_id, pairs.program_id, pairs.mentor_id, pairs.mentee_id, m.user_id as departed_id
  `.execute(db);
  return rows.rows;
}

export interface StalledCandidate {
  pair_id: number;
  team_id: string;
  mentor_id: string;
  mentee_id: string;
  rhythm_anchor_on: string;
  cadence_days: number;
  /** The UTC day of its booked session (passed by more than grace days), or null. */
  booked_on: string | null;
}

/**
 * Active pairs with no session for cadence + grace days: `isStalled` (domain/pair-health.ts) as a
 * range the expression index serves. A booked session holds the stall off until it has passed by
 * grace days; `booked_on` is its UTC day.
 */
export function stalledPairs(db: Kysely<Database>, program: Program, today: string, now: Date): Promise<StalledCandidate[]> {
  return db
    .selectFrom('pairs')
    .select(['pairs.id as pair_id', 'pairs.team_id', 'mentor_id', 'mentee_id', 'rhythm_anchor_on', 'cadence_days'])
    .select((eb) => eb.selectFrom('bookings as b').select(sql<string>`(b.starts_at at time zone 'UTC')::date::text`.as('day')).whereRef('b.pair_id', '=', 'pairs.id').where('b.status', '=', 'booked').as('booked_on'))
    .where('program_id', '=', program.id)
    .where('status', '=', 'active')
    .where(sql<boolean>`rhythm_anchor_on + cadence_days <= ${today}::date - ${program.grace_days}::int`)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('bookings as b')
            .select('b.pair_id')
            .whereRef('b.pair_id', '=', 'pairs.id')
            .where('b.status', '=', 'booked')
            .where(sql<boolean>`(b.starts_at at time zone 'UTC')::date >= ${today}::date - ${program.grace_days}::int`),
        ),
      ),
    )
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('rule_snoozes').select('rule_snoozes.pair_id').whereRef('rule_snoozes.pair_id', '=', 'pairs.id').where('rule', '=', 'stalled').where('until', '>', now))),
    )
    .execute();
}

export interface LoopCandidate {
  advice_id: number;
  pair_id: number;
  program_id: number;
  team_id: string;
  mentee_id: string;
  mentor_id: string;
  text: string;
  follow_up_on: string;
  snoozed_until: string | null;
}

/**
 * Open advice of active pairs whose follow-up day (or snooze) has come, in every program of a
 * workspace: the due advice is one index range whatever the program, so a sweep reads it once.
 */
export function dueLoops(db: Kysely<Database>, teamId: string, today: string): Promise<LoopCandidate[]> {
  return db
    .selectFrom('advice_items as a')
    .innerJoin('pairs as p', 'p.id', 'a.pair_id')
    .select(['a.id as advice_id', 'a.pair_id', 'p.program_id', 'a.team_id', 'p.mentee_id', 'p.mentor_id', 'a.text', 'a.follow_up_on', 'a.snoozed_until'])
    .where('a.team_id', '=', teamId)
    .where('a.outcome', '=', 'open')
    .where('a.follow_up_on', '<=', today)
    .where((eb) => eb.or([eb('a.snoozed_until', 'is', null), eb('a.snoozed_until', '<=', today)]))
    .where('p.team_id', '=', teamId)
    .where('p.status', '=', 'active')
    .execute();
}

export interface GoalCandidate {
  goal_id: number;
  pair_id: number;
  team_id: string;
  mentee_id: string;
  mentor_id: string;
  title: string;
  target_date: string;
}

export function overdueGoals(db: Kysely<Database>, program: Program, today: string): Promise<GoalCandidate[]> {
  return db
    .selectFrom('goals as g')
    .innerJoin('pairs as p', 'p.id', 'g.pair_id')
    .select(['g.id as goal_id', 'g.pair_id', 'g.team_id', 'p.mentee_id', 'p.mentor_id', 'g.title', 'g.target_date'])
    .where('g.status', '=', 'open')
    .where('g.target_date', '<', today)
    .where('p.program_id', '=', program.id)
    .where('p.status', '=', 'active')
    .$narrowType<{ target_date: string }>()
    .execute();
}

export interface ReviewCandidate {
  pair_id: number;
  team_id: string;
  mentee_id: string;
  mentor_id: string;
  review_on: string;
}

export function dueReviews(db: Kysely<Database>, program: Program, today: string): Promise<ReviewCandidate[]> {
  return db
    .selectFrom('pairs')
    .select(['id as pair_id', 'team_id', 'mentee_id', 'mentor_id', 'review_on'])
    .where('program_id', '=', program.id)
    .where('status', '=', 'active')
    .where('review_on', '<=', today)
    .execute();
}

/** People who must get nothing now: deactivated, or muted until later. */
export async function silencedPeople(db: Kysely<Database>, teamId: string, now: Date): Promise<Set<string>> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('deactivated', '=', true), eb('muted_until', '>', now)]))
    .execute();
  return new Set(rows.map((r) => r.user_id));
}

export async function timeZones(db: Kysely<Database>, teamId: string, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['user_id', 'tz']).where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((r) => [r.user_id, r.tz]));
}

/** A decided nudge as written: its detail already serialised to JSON. */
export type NewNudge = Pick<Insertable<NudgesTable>, 'team_id' | 'program_id' | 'rule' | 'subject' | 'period' | 'recipient_id' | 'pair_id'> & {
  detail: string;
  due_at: Date;
  deliver_after: Date;
};

/** Inserts nudges; one that exists already (same rule, subject, period, recipient) is left alone. */
export async function insertNudges(db: Kysely<Database>, nudges: NewNudge[]): Promise<number> {
  let inserted = 0;
  for (let i = 0; i < nudges.length; i += 1000) {
    const result = await db
      .insertInto('nudges')
      .values(nudges.slice(i, i + 1000))
      .onConflict((oc) => oc.columns(['team_id', 'rule', 'subject', 'period', 'recipient_id']).doNothing())
      .executeTakeFirst();
    inserted += Number(result.numInsertedOrUpdatedRows ?? 0);
  }
  return inserted;
}

/** Which of these keys exist already: one indexed join against the candidate keys, unnested from arrays. */
export async function existingNudgeKeys(db: Kysely<Database>, teamId: string, keys: Array<{ rule: string; subject: string; period: string; recipient_id: string }>): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < keys.length; i += 10_000) {
    const chunk = keys.slice(i, i + 10_000);
    if (chunk.length === 0) continue;
    const rows = await sql<{ rule: string; subject: string; period: string; recipient_id: string }>`
      select n.rule, n.subject, n.period, n.recipient_id
      from unnest(${chunk.map((k) => k.rule)}::text[], ${chunk.map((k) => k.subject)}::text[], ${chunk.map((k) => k.period)}::text[], ${chunk.map((k) => k.recipient_id)}::text[])
        as k(rule, subject, period, recipient_id)
      join nudges n on n.team_id = ${teamId} and n.rule = k.rule and n.subject = k.subject and n.period = k.period and n.recipient_id = k.recipient_id
    `.execute(db);
    for (const r of rows.rows) found.add(`${r.rule}|${r.subject}|${r.period}|${r.recipient_id}`);
  }
  return found;
}

export interface ProgramEndCandidate {
  pair_id: number;
  mentor_id: string;
  mentee_id: string;
}

/** The pairings still running (active or paused) in a program: those its end date wraps up. */
export function runningPairsOf(db: Kysely<Database>, program: Program): Promise<ProgramEndCandidate[]> {
  return db
    .selectFrom('pairs')
    .select(['id as pair_id', 'mentor_id', 'mentee_id'])
    .where('team_id', '=', program.team_id)
    .where('program_id', '=', program.id)
    .where('status', 'in', ['active', 'paused'])
    .orderBy('id')
    .execute();
}

/**
 * Archives a program whose end date has passed once none of its pairings is still running; the
 * default program never. Undefined when there was nothing to archive (so re-running changes nothing).
 */
export function archiveFinishedProgram(db: Kysely<Database>, program: Program, today: string, now: Date): Promise<{ id: number } | undefined> {
  return db
    .updateTable('programs')
    .set({ archived_at: now, enrolment_open: false })
    .where('team_id', '=', program.team_id)
    .where('id', '=', program.id)
    .where('is_default', '=', false)
    .where('archived_at', 'is', null)
    .where('ends_on', 'is not', null)
    .where('ends_on', '<=', today)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pairs').select('pairs.id').where('pairs.program_id', '=', program.id).where('pairs.status', 'in', ['active', 'paused']))),
    )
    .returning('id')
    .executeTakeFirst();
}
