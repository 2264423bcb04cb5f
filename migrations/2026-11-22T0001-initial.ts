import { sql, type Kysely } from 'kysely';

// Every table carries team_id: data belongs to a workspace and no query crosses workspaces.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table programs (
      id integer generated always as identity primary key,
      team_id text not null,
      name text not null check (length(name) between 1 and 80),
      is_default boolean not null default false,
      cadence_days integer not null default 14 check (cadence_days between 1 and 365),
      grace_days integer not null default 3 check (grace_days between 0 and 60),
      follow_up_days integer not null default 7 check (follow_up_days between 1 and 90),
      review_months integer not null default 6 check (review_months between 1 and 36),
      work_start_minute integer not null default 540 check (work_start_minute between 0 and 1439),
      work_end_minute integer not null default 1020 check (work_end_minute between 1 and 1440),
      work_days smallint[] not null default '{1,2,3,4,5}',
      celebration_channel text,
      mentees_see_stalled boolean not null default true,
      max_advice_lines integer not null default 10 check (max_advice_lines between 1 and 20),
      skills text[] not null default '{}',
      created_at timestamptz not null default now(),
      check (work_start_minute < work_end_minute),
      unique (team_id, id)
    );
    create unique index programs_one_default on programs (team_id) where is_default;

    create table members (
      team_id text not null,
      user_id text not null,
      display_name text not null default '',
      real_name text not null default '',
      tz text,
      is_workspace_admin boolean not null default false,
      is_bot boolean not null default false,
      deactivated boolean not null default false,
      dm_channel_id text,
      muted_until timestamptz,
      profile_refreshed_at timestamptz,
      created_at timestamptz not null default now(),
      primary key (team_id, user_id)
    );

    create table program_admins (
      team_id text not null,
      program_id integer not null,
      user_id text not null,
      granted_by text not null,
      granted_at timestamptz not null default now(),
      primary key (program_id, user_id),
      foreign key (team_id, program_id) references programs (team_id, id) on delete cascade,
      foreign key (team_id, user_id) references members (team_id, user_id)
    );

    create table pairs (
      id integer generated always as identity primary key,
      team_id text not null,
      program_id integer not null,
      mentor_id text not null,
      mentee_id text not null,
      kind text not null default 'standard' check (kind in ('standard', 'reverse')),
      cadence_days integer not null check (cadence_days between 1 and 365),
      status text not null default 'active' check (status in ('active', 'paused', 'ended')),
      paused_until timestamptz,
      started_at timestamptz not null,
      review_on date not null,
      objective text check (length(objective) <= 1000),
      created_by text not null,
      ended_at timestamptz,
      created_at timestamptz not null default now(),
      check (mentor_id <> mentee_id),
      check ((status = 'ended') = (ended_at is not null)),
      check (status = 'paused' or paused_until is null),
      unique (team_id, id),
      foreign key (team_id, program_id) references programs (team_id, id),
      foreign key (team_id, mentor_id) references members (team_id, user_id),
      foreign key (team_id, mentee_id) references members (team_id, user_id)
    );
    -- One live pairing per mentor and mentee in a program; ended ones may be renewed.
    create unique index pairs_one_live on pairs (program_id, mentor_id, mentee_id) where status <> 'ended';
    create index pairs_by_mentor on pairs (team_id, mentor_id) where status <> 'ended';
    create index pairs_by_mentee on pairs (team_id, mentee_id) where status <> 'ended';

    create table goals (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      title text not null check (length(title) between 1 and 150),
      outcome text not null default '' check (length(outcome) <= 1000),
      success_measure text not null default '' check (length(success_measure) <= 500),
      target_date date,
      status text not null default 'open' check (status in ('open', 'achieved', 'dropped')),
      celebrate_publicly boolean not null default false,
      created_by text not null,
      created_at timestamptz not null default now(),
      achieved_at timestamptz,
      check ((status = 'achieved') = (achieved_at is not null)),
      unique (team_id, id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );
    create index goals_by_pair on goals (pair_id);

    create table goal_milestones (
      id integer generated always as identity primary key,
      goal_id integer not null references goals (id) on delete cascade,
      position integer not null check (position >= 0),
      title text not null check (length(title) between 1 and 150),
      done boolean not null default false,
      done_at timestamptz,
      unique (goal_id, position)
    );

    create table sessions (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      held_on date not null,
      minutes integer not null check (minutes between 1 and 600),
      topics text not null default '' check (length(topics) <= 1000),
      notes text not null default '' check (length(notes) <= 3000),
      usefulness smallint check (usefulness between 1 and 5),
      logged_by text not null,
      created_at timestamptz not null default now(),
      unique (team_id, id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );
    create index sessions_by_pair on sessions (pair_id, held_on desc);

    create table session_goals (
      session_id integer not null references sessions (id) on delete cascade,
      goal_id integer not null references goals (id) on delete cascade,
      primary key (session_id, goal_id)
    );

    create table advice_items (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      session_id integer not null references sessions (id) on delete cascade,
      text text not null check (length(text) between 1 and 500),
      follow_up_on date not null,
      outcome text not null default 'open' check (outcome in ('open', 'tried_worked', 'tried_didnt', 'not_applicable')),
      outcome_text text check (length(outcome_text) <= 2000),
      usefulness smallint check (usefulness between 1 and 5),
      closed_at timestamptz,
      closed_by text,
      created_at timestamptz not null default now(),
      check ((outcome = 'open') = (closed_at is null)),
      unique (team_id, id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );
    create index advice_open_by_pair on advice_items (pair_id) where outcome = 'open';

    create table commitments (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      session_id integer not null references sessions (id) on delete cascade,
      text text not null check (length(text) between 1 and 500),
      done boolean not null default false,
      created_at timestamptz not null default now(),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );
    create index commitments_by_pair on commitments (pair_id);

    create table feedback_notes (
      id integer generated always as identity primary key,
      team_id text not null,
      program_id integer not null,
      pair_id integer,
      author_id text not null,
      body text not null check (length(body) between 1 and 3000),
      created_at timestamptz not null default now(),
      foreign key (team_id, program_id) references programs (team_id, id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete set null (pair_id)
    );

    -- Slack retries event deliveries; the envelope's event_id is seen once.
    create table processed_events (
      event_id text primary key,
      team_id text not null,
      received_at timestamptz not null default now()
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table processed_events, feedback_notes, commitments, advice_items, session_goals, sessions,
      goal_milestones, goals, pairs, program_admins, members, programs;
  `.execute(db);
}
