import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { Database, MemberProfile } from '../schema.ts';

/** A person's mentoring profiles in a program: none, one (mentee or mentor) or both. */
export function profilesOf(db: Kysely<Database>, teamId: string, programId: number, userId: string): Promise<MemberProfile[]> {
  return db
    .selectFrom('member_profiles')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('user_id', '=', userId)
    .orderBy('role')
    .execute();
}

export interface ProfileWrite {
  teamId: string;
  programId: number;
  userId: string;
  managerId: string | null;
  mentee: { skills: string[]; strengths: string[]; gap: string } | null;
  mentor: { skills: string[]; capacity: number; openToReverse: boolean } | null;
  at: Date;
  /** Joined by one role's button: the other role's answers stay (only the manager is shared). */
  keepOtherRole?: boolean;
}

/** Writes the roles given and removes the role left out (unless `keepOtherRole`); call it inside a transaction. */
export async function saveProfiles(db: Kysely<Database>, p: ProfileWrite): Promise<void> {
  const rows = [
    p.mentee && { role: 'mentee' as const, skills: p.mentee.skills, strengths: p.mentee.strengths, gap: p.mentee.gap, capacity: 0, open_to_reverse: false },
    p.mentor && { role: 'mentor' as const, skills: p.mentor.skills, strengths: [], gap: '', capacity: p.mentor.capacity, open_to_reverse: p.mentor.openToReverse },
  ].filter((row) => row !== null);
  for (const row of rows) {
    const values = { ...row, manager_id: p.managerId, updated_at: p.at };
    await db
      .insertInto('member_profiles')
      .values({ team_id: p.teamId, program_id: p.programId, user_id: p.userId, ...values, joined_at: p.at })
      .onConflict((oc) => oc.columns(['program_id', 'user_id', 'role']).doUpdateSet(values))
      .execute();
  }
  if (p.keepOtherRole) {
    await db.updateTable('member_profiles').set({ manager_id: p.managerId }).where('team_id', '=', p.teamId).where('program_id', '=', p.programId).where('user_id', '=', p.userId).execute();
    return;
  }
  const kept = rows.map((row) => row.role);
  let removal = db.deleteFrom('member_profiles').where('team_id', '=', p.teamId).where('program_id', '=', p.programId).where('user_id', '=', p.userId);
  if (kept.length > 0) removal = removal.where('role', 'not in', kept);
  await removal.execute();
}

export async function hasProfile(db: Kysely<Database>, teamId: string, programId: number, userId: string, role: 'mentee' | 'mentor'): Promise<boolean> {
  const row = await db
    .selectFrom('member_profiles')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('user_id', '=', userId)
    .where('role', '=', role)
    .executeTakeFirst();
  return row !== undefined;
}

export interface MatchPool {
  profiles: MemberProfile[];
  pairs: Array<{ mentor_id: string; mentee_id: string; live: boolean }>;
  skips: Array<{ mentor_id: string; mentee_id: string }>;
}

/**
 * What matching reads for one program: the profiles of active human members, the program's pairings
 * (live and ended) and its skipped suggestions. With `only`, just what concerns those two people.
 */
export async function loadMatchPool(db: Kysely<Database>, teamId: string, programId: number, only?: { mentorId: string; menteeId: string }): Promise<MatchPool> {
  const people = only ? [only.mentorId, only.menteeId] : undefined;
  let profiles = db
    .selectFrom('member_profiles as p')
    .innerJoin('members as m', (join) => join.onRef('m.team_id', '=', 'p.team_id').onRef('m.user_id', '=', 'p.user_id'))
    .selectAll('p')
    .where('p.team_id', '=', teamId)
    .where('p.program_id', '=', programId)
    .where('m.deactivated', '=', false)
    .where('m.is_bot', '=', false);
  if (only) {
    profiles = profiles.where((eb) =>
      eb.or([eb.and([eb('p.user_id', '=', only.menteeId), eb('p.role', '=', 'mentee')]), eb.and([eb('p.user_id', '=', only.mentorId), eb('p.role', '=', 'mentor')])]),
    );
  }
  // Past and live pairs and skipped suggestions come back together: one statement for both exclusions.
  let pairs = db
    .selectFrom('pairs')
    .select(['mentor_id', 'mentee_id', sql<string>`status::text`.as('status'), sql<number>`0`.as('kind'), 'id as ord'])
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId);
  if (people) pairs = pairs.where((eb) => eb.or([eb('mentor_id', 'in', people), eb('mentee_id', 'in', people)]));
  // Built from the outer statement's expression builder: part of the same statement, not a second one.
  const skips = (eb: ExpressionBuilder<Database, 'pairs'>) => {
    let q = eb
      .selectFrom('match_skips')
      .select(['mentor_id', 'mentee_id', sql<string>`'skipped'`.as('status'), sql<number>`1`.as('kind'), sql<number>`0`.as('ord')])
      .where('team_id', '=', teamId)
      .where('program_id', '=', programId);
    if (only) q = q.where('mentor_id', '=', only.mentorId).where('mentee_id', '=', only.menteeId);
    return q;
  };
  const [profileRows, exclusionRows] = await Promise.all([
    profiles.orderBy('p.user_id').orderBy('p.role').execute(),
    pairs.unionAll(skips).orderBy('kind').orderBy('ord').orderBy('mentor_id').orderBy('mentee_id').execute(),
  ]);
  const pairRows = exclusionRows.filter((r) => Number(r.kind) === 0);
  return {
    profiles: profileRows,
    pairs: pairRows.map((r) => ({ mentor_id: r.mentor_id, mentee_id: r.mentee_id, live: r.status !== 'ended' })),
    skips: exclusionRows.filter((r) => Number(r.kind) === 1).map((r) => ({ mentor_id: r.mentor_id, mentee_id: r.mentee_id })),
  };
}

/** Records a skipped suggestion; false when it was already skipped. */
export async function recordSkip(db: Kysely<Database>, s: { teamId: string; programId: number; mentorId: string; menteeId: string; skippedBy: string; at: Date }): Promise<boolean> {
  const result = await db
    .insertInto('match_skips')
    .values({ team_id: s.teamId, program_id: s.programId, mentor_id: s.mentorId, mentee_id: s.menteeId, skipped_by: s.skippedBy, skipped_at: s.at })
    .onConflict((oc) => oc.columns(['team_id', 'program_id', 'mentor_id', 'mentee_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

