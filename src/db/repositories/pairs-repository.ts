import type { Kysely } from 'kysely';
import type { Database, Pair, PairKind } from '../schema.ts';

export interface NewPair {
  teamId: string;
  programId: number;
  mentorId: string;
  menteeId: string;
  kind: PairKind;
  cadenceDays: number;
  startedAt: Date;
  /** The start as a calendar day: cadence counts from it until the first session. */
  startedOn: string;
  reviewOn: string;
  createdBy: string;
}

export function insertPair(db: Kysely<Database>, pair: NewPair): Promise<Pair> {
  return db
    .insertInto('pairs')
    .values({
      team_id: pair.teamId,
      program_id: pair.programId,
      mentor_id: pair.mentorId,
      mentee_id: pair.menteeId,
      kind: pair.kind,
      cadence_days: pair.cadenceDays,
      started_at: pair.startedAt,
      rhythm_anchor_on: pair.startedOn,
      review_on: pair.reviewOn,
      created_by: pair.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPair(db: Kysely<Database>, teamId: string, pairId: number): Promise<Pair | undefined> {
  return db.selectFrom('pairs').selectAll().where('team_id', '=', teamId).where('id', '=', pairId).executeTakeFirst();
}

export function findLivePair(db: Kysely<Database>, programId: number, mentorId: string, menteeId: string): Promise<Pair | undefined> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('program_id', '=', programId)
    .where('mentor_id', '=', mentorId)
    .where('mentee_id', '=', menteeId)
    .where('status', '<>', 'ended')
    .executeTakeFirst();
}

/** The pairs someone is in and that have not ended, oldest first. */
export function livePairsOf(db: Kysely<Database>, teamId: string, userId: string): Promise<Pair[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('status', '<>', 'ended')
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .orderBy('started_at')
    .orderBy('id')
    .execute();
}

export async function setPairStatus(
  db: Kysely<Database>,
  teamId: string,
  pairId: number,
  change: { status: 'active' } | { status: 'paused'; pausedUntil: Date | null } | { status: 'ended'; endedAt: Date },
): Promise<Pair> {
  return db
    .updateTable('pairs')
    .set({
      status: change.status,
      paused_until: change.status === 'paused' ? change.pausedUntil : null,
      ended_at: change.status === 'ended' ? change.endedAt : null,
    })
    .where('team_id', '=', teamId)
    .where('id', '=', pairId)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Pauses every active pair of someone who left the workspace; returns the pairs paused. */
export function pauseAllPairsOf(db: Kysely<Database>, teamId: string, userId: string): Promise<Pair[]> {
  // Timed pauses become open-ended too: a pairing with someone who left never resumes by itself.
  return db
    .updateTable('pairs')
    .set({ status: 'paused', paused_until: null })
    .where('team_id', '=', teamId)
    .where('status', 'in', ['active', 'paused'])
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .returningAll()
    .execute();
}

export async function setPairObjective(db: Kysely<Database>, pairId: number, objective: string): Promise<void> {
  await db.updateTable('pairs').set({ objective }).where('id', '=', pairId).execute();
}

export function setPairReviewOn(db: Kysely<Database>, pairId: number, reviewOn: string): Promise<Pair> {
  return db.updateTable('pairs').set({ review_on: reviewOn }).where('id', '=', pairId).returningAll().executeTakeFirstOrThrow();
}

/** Keeps one scheduler rule quiet for a pair until `until`; a second snooze moves the date. */
export async function snoozePairRule(db: Kysely<Database>, snooze: { teamId: string; pairId: number; rule: 'stalled'; until: Date; snoozedBy: string }): Promise<void> {
  await db
    .insertInto('rule_snoozes')
    .values({ team_id: snooze.teamId, pair_id: snooze.pairId, rule: snooze.rule, until: snooze.until, snoozed_by: snooze.snoozedBy })
    .onConflict((oc) => oc.columns(['pair_id', 'rule']).doUpdateSet({ until: snooze.until, snoozed_by: snooze.snoozedBy }))
    .execute();
}

/** The live pairings of these two people (mentor, mentee) in any of a workspace's programs. */
export function findLivePairsBetween(db: Kysely<Database>, teamId: string, mentorId: string, menteeId: string): Promise<Pair[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('mentor_id', '=', mentorId)
    .where('mentee_id', '=', menteeId)
    .where('status', '<>', 'ended')
    .orderBy('id')
    .execute();
}
