import { sql, type Kysely } from 'kysely';

// The monthly advice-impact DM reads one month of advice given and of advice reported back on, per
// program, on every sweep of the month: both month ranges are index scans, not a pass over all advice.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index advice_by_created_at on advice_items (created_at)`.execute(db);
  await sql`create index advice_by_closed_at on advice_items (closed_at) where closed_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index advice_by_closed_at`.execute(db);
  await sql`drop index advice_by_created_at`.execute(db);
}
