import { sql, type Kysely } from 'kysely';

// Report charts uploaded to Slack, one per program, chart and day: the image is rendered and
// uploaded once a day and its file id reused, rather than on every report or Home open.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table chart_uploads (
      team_id text not null,
      program_id integer not null,
      kind text not null,
      day date not null,
      -- Null while the chart is being rendered and uploaded by whoever claimed it.
      file_id text,
      alt_text text not null default '',
      claimed_at timestamptz not null,
      created_at timestamptz not null default now(),
      primary key (program_id, kind, day),
      foreign key (team_id, program_id) references programs (team_id, id) on delete cascade
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table chart_uploads`.execute(db);
}
