import { sql, type Kysely } from 'kysely';

// "Ask how it went": the mentor may ask the mentee about an open piece of advice at most once a
// week; the last time they asked is kept on the item. The mentor's card reads the latest closed
// pieces of each pairing, newest first.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table advice_items add column asked_at timestamptz;
    create index advice_closed_by_pair on advice_items (pair_id, closed_at desc) where outcome <> 'open';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index advice_closed_by_pair;
    alter table advice_items drop column asked_at;
  `.execute(db);
}
