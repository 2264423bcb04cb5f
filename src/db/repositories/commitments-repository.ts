import type { Kysely } from 'kysely';
import type { Commitment, Database } from '../schema.ts';

export function findCommitment(db: Kysely<Database>, teamId: string, commitmentId: number): Promise<Commitment | undefined> {
  return db.selectFrom('commitments').selectAll().where('team_id', '=', teamId).where('id', '=', commitmentId).executeTakeFirst();
}

/** Open commitments of those of the given pairs `memberId` belongs to, in the order they were made. */
export function openCommitmentsOf(db: Kysely<Database>, teamId: string, pairIds: number[], memberId: string): Promise<Commitment[]> {
  if (pairIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('commitments as c')
    .innerJoin('pairs as p', 'p.id', 'c.pair_id')
    .selectAll('c')
    .where('c.team_id', '=', teamId)
    .where('c.pair_id', 'in', pairIds)
    .where('c.done', '=', false)
    .where((eb) => eb.or([eb('p.mentor_id', '=', memberId), eb('p.mentee_id', '=', memberId)]))
    .orderBy('c.pair_id')
    .orderBy('c.id')
    .execute();
}

/** Open commitments of one pair (ids are unique across workspaces), in the order they were made. */
export function openCommitmentsOfPair(db: Kysely<Database>, pairId: number): Promise<Commitment[]> {
  return db.selectFrom('commitments').selectAll().where('pair_id', '=', pairId).where('done', '=', false).orderBy('id').execute();
}

/** Ticks an open commitment off; undefined when it was already done (a second press changes nothing). */
export function markCommitmentDone(db: Kysely<Database>, teamId: string, commitmentId: number, by: string, at: Date): Promise<Commitment | undefined> {
  return db
    .updateTable('commitments')
    .set({ done: true, done_at: at, done_by: by })
    .where('team_id', '=', teamId)
    .where('id', '=', commitmentId)
    .where('done', '=', false)
    .returningAll()
    .executeTakeFirst();
}
