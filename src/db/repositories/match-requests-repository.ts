import type { Kysely } from 'kysely';
import type { Database, MatchRequest, MatchRequestStatus, MemberProfile, Program } from '../schema.ts';

/** A new pending request; undefined when the mentee already has one pending in the program. */
export async function insertMatchRequest(db: Kysely<Database>, r: { teamId: string; programId: number; menteeId: string; mentorId: string; at: Date }): Promise<MatchRequest | undefined> {
  return db
    .insertInto('match_requests')
    .values({ team_id: r.teamId, program_id: r.programId, mentee_id: r.menteeId, mentor_id: r.mentorId, created_at: r.at })
    .onConflict((oc) => oc.columns(['program_id', 'mentee_id']).where('status', '=', 'pending').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export function pendingRequestOf(db: Kysely<Database>, programId: number, menteeId: string): Promise<MatchRequest | undefined> {
  return db.selectFrom('match_requests').selectAll().where('program_id', '=', programId).where('mentee_id', '=', menteeId).where('status', '=', 'pending').executeTakeFirst();
}

/** One request in the workspace; with `lock`, its row is held until the transaction ends. */
export function matchRequestById(db: Kysely<Database>, teamId: string, id: number, opts: { lock?: boolean } = {}): Promise<MatchRequest | undefined> {
  const q = db.selectFrom('match_requests').selectAll().where('team_id', '=', teamId).where('id', '=', id);
  return (opts.lock ? q.forUpdate() : q).executeTakeFirst();
}

/** Mentors who declined this mentee, or were full when they answered: not suggested to them again. */
export async function mentorsWhoSaidNo(db: Kysely<Database>, programId: number, menteeId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('match_requests')
    .select('mentor_id')
    .distinct()
    .where('program_id', '=', programId)
    .where('mentee_id', '=', menteeId)
    .where('status', 'in', ['declined', 'expired'])
    .execute();
  return rows.map((r) => r.mentor_id);
}

/** Settles a pending request; undefined when it was no longer pending. */
export function settleMatchRequest(db: Kysely<Database>, id: number, status: Exclude<MatchRequestStatus, 'pending'>, at: Date): Promise<MatchRequest | undefined> {
  return db.updateTable('match_requests').set({ status, decided_at: at }).where('id', '=', id).where('status', '=', 'pending').returningAll().executeTakeFirst();
}

/**
 * The mentor's profile row, held until the transaction ends: two accepts for the same mentor (on two
 * replicas) take turns here, so the second counts the first one's pairing against the capacity.
 */
export function lockMentorProfile(trx: Kysely<Database>, teamId: string, programId: number, mentorId: string): Promise<MemberProfile | undefined> {
  return trx
    .selectFrom('member_profiles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('user_id', '=', mentorId)
    .where('role', '=', 'mentor')
    .forUpdate()
    .executeTakeFirst();
}

/** Live (active or paused) pairings in a program where the person is the mentor, and where they are the mentee. */
export async function liveRolesOf(db: Kysely<Database>, programId: number, userId: string): Promise<{ asMentor: number; asMentee: number }> {
  const rows = await db
    .selectFrom('pairs')
    .select(['mentor_id', 'mentee_id'])
    .where('program_id', '=', programId)
    .where('status', '<>', 'ended')
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .execute();
  return { asMentor: rows.filter((r) => r.mentor_id === userId).length, asMentee: rows.filter((r) => r.mentee_id === userId).length };
}

/** Programs where mentees choose and the person has a mentee profile, oldest first. */
export function menteeChoicePrograms(db: Kysely<Database>, teamId: string, userId: string): Promise<Program[]> {
  return db
    .selectFrom('programs as g')
    .innerJoin('member_profiles as p', (join) => join.onRef('p.program_id', '=', 'g.id').onRef('p.team_id', '=', 'g.team_id'))
    .selectAll('g')
    .where('g.team_id', '=', teamId)
    .where('g.matching_mode', '=', 'mentee')
    .where('g.archived_at', 'is', null)
    .where('p.user_id', '=', userId)
    .where('p.role', '=', 'mentee')
    .orderBy('g.id')
    .execute();
}
