import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** One pairing of a program, and whether its mentee said a goal may be celebrated publicly. */
export interface GraduateRow {
  mentor_id: string;
  mentee_id: string;
  consented: boolean;
}

/** Every pairing of the program (running or ended) with the mentee's public consent on any of its goals. */
export async function programGraduates(db: Kysely<Database>, teamId: string, programId: number): Promise<GraduateRow[]> {
  const rows = await db
    .selectFrom('pairs')
    .select(['mentor_id', 'mentee_id'])
    .select(({ exists, selectFrom }) =>
      exists(selectFrom('goals as g').select('g.id').whereRef('g.pair_id', '=', 'pairs.id').where('g.celebrate_publicly', '=', true)).as('consented'),
    )
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({ mentor_id: r.mentor_id, mentee_id: r.mentee_id, consented: Boolean(r.consented) }));
}

/** The unposted or posted graduation suggestion of a program, if one was made. */
export function graduationSuggestion(db: Kysely<Database>, teamId: string, programId: number) {
  return db.selectFrom('celebrations').selectAll().where('team_id', '=', teamId).where('program_id', '=', programId).where('kind', '=', 'graduation').executeTakeFirst();
}

/**
 * Moves the running pairings (active or paused) of one program into another, with their pending
 * reminders; the pending wrap-ups of the program they leave are dropped. Returns the pairings moved.
 * Call inside a transaction.
 */
export async function moveRunningPairings(trx: Kysely<Database>, teamId: string, fromId: number, toId: number): Promise<number[]> {
  const moved = await trx
    .updateTable('pairs')
    .set({ program_id: toId })
    .where('team_id', '=', teamId)
    .where('program_id', '=', fromId)
    .where('status', 'in', ['active', 'paused'])
    .returning('id')
    .execute();
  const ids = moved.map((p) => p.id);
  if (ids.length === 0) return ids;
  await trx
    .updateTable('nudges')
    .set({ status: 'dropped' })
    .where('team_id', '=', teamId)
    .where('pair_id', 'in', ids)
    .where('rule', '=', 'cohort_end')
    .where('status', '=', 'pending')
    .execute();
  await trx
    .updateTable('nudges')
    .set({ program_id: toId })
    .where('team_id', '=', teamId)
    .where('program_id', '=', fromId)
    .where('pair_id', 'in', ids)
    .where('status', '=', 'pending')
    .where('rule', '<>', 'cohort_end')
    .execute();
  return ids;
}

/** How many pairings of the program are still running. */
export async function countRunningPairings(db: Kysely<Database>, teamId: string, programId: number): Promise<number> {
  const row = await db
    .selectFrom('pairs')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('status', 'in', ['active', 'paused'])
    .executeTakeFirstOrThrow();
  return row.n;
}
