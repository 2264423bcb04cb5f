import { sql, type Kysely } from 'kysely';

// An event is recorded as handled only once its handler succeeded; until then its row is a claim
// (received_at is when it was taken), released when the handler fails so Slack's retry is handled.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table processed_events add column handled_at timestamptz;
    update processed_events set handled_at = received_at;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table processed_events drop column handled_at`.execute(db);
}
