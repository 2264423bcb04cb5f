import { sql, type Kysely } from 'kysely';

// Matching profiles, skipped match suggestions, and celebration suggestions/shout-outs.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs add column avoid_same_manager boolean not null default false;

    create table member_profiles (
      team_id text not null,
      program_id integer not null,
      user_id text not null,
      role text not null check (role in ('mentee', 'mentor')),
      skills text[] not null default '{}',
      strengths text[] not null default '{}',
      gap text not null default '' check (length(gap) <= 500),
      capacity integer not null default 0 check (capacity between 0 and 20),
      open_to_reverse boolean not null default false,
      manager_id text,
      updated_at timestamptz not null default now(),
      primary key (program_id, user_id, role),
      check (role = 'mentor' or capacity = 0),
      foreign key (team_id, program_id) references programs (team_id, id) on delete cascade,
      foreign key (team_id, user_id) references members (team_id, user_id)
    );

    create table match_skips (
      program_id integer not null references programs (id) on delete cascade,
      mentor_id text not null,
      mentee_id text not null,
      skipped_by text not null,
      skipped_at timestamptz not null default now(),
      primary key (program_id, mentor_id, mentee_id)
    );

    create table celebrations (
      id integer generated always as identity primary key,
      team_id text not null,
      program_id integer not null,
      kind text not null check (kind in ('goal_achieved', 'tenth_session', 'pair_completed', 'five_loops', 'manual')),
      -- What the milestone is about (goal:7, pair:3, mentee:U1); a suggestion is made once per subject.
      subject text not null,
      people text[] not null,
      message text not null check (length(message) between 1 and 3000),
      channel_id text,
      suggested_at timestamptz,
      posted_at timestamptz,
      posted_by text,
      message_ts text,
      created_at timestamptz not null default now(),
      foreign key (team_id, program_id) references programs (team_id, id) on delete cascade
    );
    create unique index celebrations_one_suggestion on celebrations (program_id, kind, subject) where kind <> 'manual';
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table celebrations, match_skips, member_profiles;
    alter table programs drop column avoid_same_manager;
  `.execute(db);
}
