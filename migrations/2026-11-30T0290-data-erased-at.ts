import { sql, type Kysely } from 'kysely';

// When a person last deleted their data: the pairings that ended then ask them no survey
// (no exit survey, no "did it stick"), while their partner's questions go out as usual.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table members add column data_erased_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table members drop column data_erased_at`.execute(db);
}
