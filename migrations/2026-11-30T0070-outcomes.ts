import { sql, type Kysely } from 'kysely';

// Outcome surveys: pulse checks, confidence before and after a goal, the exit survey and "did it
// stick". One row per survey and person: a second answer updates the first (the unique keys).
// Answers are private to the person; admin surfaces read counts only.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs
      add column pulse_enabled boolean not null default true,
      add column pulse_days integer[] not null default '{30,90}',
      add column confidence_enabled boolean not null default true,
      add column exit_survey_enabled boolean not null default true,
      add column did_it_stick_enabled boolean not null default true,
      add column advice_impact_enabled boolean not null default true,
      add constraint programs_pulse_days_check check (
        cardinality(pulse_days) <= 4 and array_position(pulse_days, null) is null and 1 <= all (pulse_days) and 365 >= all (pulse_days)
      );

    -- Each survey is asked through the scheduler, as a nudge with its own exactly-once key.
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact')
    );

    create table pulse_answers (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      respondent_id text not null,
      -- Which pulse: the day of the pairing it was asked on.
      day integer not null check (day between 1 and 365),
      answer text not null check (answer in ('going_well', 'could_be_better', 'not_working')),
      note text check (length(note) between 1 and 2000),
      answered_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (pair_id, respondent_id, day),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade,
      foreign key (team_id, respondent_id) references members (team_id, user_id)
    );

    create table confidence_ratings (
      id integer generated always as identity primary key,
      team_id text not null,
      goal_id integer not null,
      moment text not null check (moment in ('set', 'achieved', 'dropped', 'review', 'end')),
      -- A pairing may be reviewed more than once: the review's day tells those ratings apart.
      review_on date,
      rating smallint not null check (rating between 1 and 5),
      rated_by text not null,
      rated_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      check ((moment = 'review') = (review_on is not null)),
      unique nulls not distinct (goal_id, moment, review_on),
      foreign key (team_id, goal_id) references goals (team_id, id) on delete cascade,
      foreign key (team_id, rated_by) references members (team_id, user_id)
    );

    create table exit_survey_answers (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      respondent_id text not null,
      objective_reached text not null check (objective_reached in ('yes', 'partly', 'no')),
      satisfaction smallint not null check (satisfaction between 1 and 5),
      -- Kept for the pair; admins read it only when the person shared it.
      what_changed text check (length(what_changed) between 1 and 3000),
      share_with_admins boolean not null default false,
      recommend smallint not null check (recommend between 0 and 10),
      answered_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (pair_id, respondent_id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade,
      foreign key (team_id, respondent_id) references members (team_id, user_id)
    );

    create table did_it_stick_answers (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      mentee_id text not null,
      answer text not null check (answer in ('yes', 'partly', 'no')),
      answered_at timestamptz not null default now(),
      updated_at timestamptz not null default now(),
      unique (pair_id, mentee_id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade,
      foreign key (team_id, mentee_id) references members (team_id, user_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table did_it_stick_answers, exit_survey_answers, confidence_ratings, pulse_answers;
    delete from nudges where rule in ('pulse', 'exit_survey', 'did_it_stick', 'advice_impact');
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest'));
    alter table programs
      drop constraint programs_pulse_days_check,
      drop column advice_impact_enabled,
      drop column did_it_stick_enabled,
      drop column exit_survey_enabled,
      drop column confidence_enabled,
      drop column pulse_days,
      drop column pulse_enabled;
  `.execute(db);
}
