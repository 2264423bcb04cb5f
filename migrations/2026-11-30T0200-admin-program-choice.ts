import { sql, type Kysely } from 'kysely';

// The program an admin of several last picked for report, export, settings and match, so the next
// command without a program acts on it. Forgotten with the program or the workspace.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table admin_program_choices (
      team_id text not null,
      user_id text not null,
      program_id integer not null references programs (id) on delete cascade,
      chosen_at timestamptz not null default now(),
      primary key (team_id, user_id)
    )
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table admin_program_choices`.execute(db);
}
