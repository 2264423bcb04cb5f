import { sql, type Kysely } from 'kysely';

// Who picks a mentee's mentor: program admins (as before) or the mentee, from three suggestions.
// A mentee's request to a mentor waits for the mentor's answer; a mentee has at most one waiting.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs
      add column matching_mode text not null default 'admin' check (matching_mode in ('admin', 'mentee'))
  `.execute(db);
  await sql`
    create table match_requests (
      id integer generated always as identity primary key,
      team_id text not null,
      program_id integer not null,
      mentee_id text not null,
      mentor_id text not null,
      status text not null default 'pending' check (status in ('pending', 'accepted', 'declined', 'withdrawn', 'expired')),
      created_at timestamptz not null default now(),
      decided_at timestamptz,
      check (mentee_id <> mentor_id),
      check ((status = 'pending') = (decided_at is null)),
      foreign key (team_id, program_id) references programs (team_id, id) on delete cascade
    )
  `.execute(db);
  await sql`create unique index match_requests_one_pending on match_requests (program_id, mentee_id) where status = 'pending'`.execute(db);
  await sql`create index match_requests_by_mentee on match_requests (program_id, mentee_id, mentor_id)`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table match_requests`.execute(db);
  await sql`alter table programs drop column matching_mode`.execute(db);
}
