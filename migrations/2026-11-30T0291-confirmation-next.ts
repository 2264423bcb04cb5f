import { sql, type Kysely } from 'kysely';

// A modal's confirmation may carry a next step (a button such as "Book next session"): kept with
// the confirmation so a repeated submission of the same view shows it too.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table view_submissions add column confirmation_next jsonb`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table view_submissions drop column confirmation_next`.execute(db);
}
