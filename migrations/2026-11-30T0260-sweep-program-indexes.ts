import { sql, type Kysely } from 'kysely';

// A sweep decides program by program. Two reads were a pass over a whole table for every program:
// the people who get nothing now (muted or deactivated: a few rows among all members) and the
// pairings of one program in any status (ended ones for the exit survey and "did it stick", all of
// them for the monthly advice impact). With 20 programs that was 20 passes over each table a sweep.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index members_silenced on members (team_id) where deactivated or muted_until is not null`.execute(db);
  await sql`create index pairs_by_program on pairs (program_id, status)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index pairs_by_program`.execute(db);
  await sql`drop index members_silenced`.execute(db);
}
