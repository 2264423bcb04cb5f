import { sql, type Kysely } from 'kysely';

// The next session: a pairing books it (an instant, in UTC, and a duration). A pairing has at most
// one upcoming booking: booking again replaces it. A booking ends as met (with the session it
// recorded), missed, or replaced. The mentee's agenda is private text of the pair.
// Two nudge rules come with it: the prep DM the working day before, "Did you meet?" the day after.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table bookings (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      starts_at timestamptz not null,
      minutes integer not null check (minutes between 15 and 480),
      booked_by text not null,
      agenda text check (length(agenda) <= 2000),
      status text not null default 'booked' check (status in ('booked', 'met', 'missed', 'replaced')),
      session_id integer references sessions (id) on delete set null,
      answered_by text,
      answered_at timestamptz,
      -- When the session recorded by "Yes, we met" got its details from the log form (once).
      details_at timestamptz,
      created_at timestamptz not null default now(),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade,
      check (session_id is null or status = 'met'),
      check (details_at is null or session_id is not null),
      check ((status in ('met', 'missed')) = (answered_by is not null and answered_at is not null))
    );
    create unique index bookings_one_upcoming on bookings (pair_id) where status = 'booked';
    create index bookings_booked_at on bookings (starts_at) where status = 'booked';

    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left', 'session_prep', 'did_you_meet')
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from nudges where rule in ('session_prep', 'did_you_meet');
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left')
    );
    drop table bookings;
  `.execute(db);
}
