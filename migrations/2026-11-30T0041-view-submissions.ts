import { sql, type Kysely } from 'kysely';

// Every accepted modal submission, keyed by its view (id and hash): a second press of Save on the
// same view (Slack showed the first as failed after 3 seconds) saves nothing and gets the first answer.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table view_submissions (
      team_id text not null,
      view_id text not null,
      view_hash text not null,
      user_id text not null,
      form text not null,
      confirmation_title text,
      confirmation_text text,
      submitted_at timestamptz not null default now(),
      primary key (team_id, view_id, view_hash)
    );
    create index view_submissions_submitted_at on view_submissions (submitted_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table view_submissions`.execute(db);
}
