import { sql, type Kysely } from 'kysely';

// "Ask how it went": the mentor may ask the mentee about an open piece of advice at most once a
// week; the last time they asked is kept on the item.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table advice_items add column asked_at timestamptz`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table advice_items drop column asked_at`.execute(db);
}
