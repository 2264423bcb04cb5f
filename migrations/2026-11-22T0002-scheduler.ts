import { sql, type Kysely } from 'kysely';

// The scheduler: due rules become nudges with a deterministic key; nudges for one person and one
// local day are bundled into one delivery; deliveries are the outbox the sender drains.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- Denormalised so a sweep finds stalled pairs with one indexed range scan, not a max() over sessions.
    alter table pairs add column last_session_on date;
    alter table pairs add column rhythm_anchor_on date;
    update pairs set last_session_on = s.last from (select pair_id, max(held_on) as last from sessions group by pair_id) s where s.pair_id = pairs.id;
    update pairs set rhythm_anchor_on = coalesce(last_session_on, started_at::date);
    alter table pairs alter column rhythm_anchor_on set not null;
    create index pairs_stall_scan on pairs ((rhythm_anchor_on + cadence_days)) where status = 'active';
    create index pairs_review_scan on pairs (review_on) where status = 'active';
    create index pairs_paused_until on pairs (paused_until) where status = 'paused' and paused_until is not null;

    alter table advice_items add column snoozed_until date;
    create index advice_due_scan on advice_items (follow_up_on) where outcome = 'open';
    create index goals_due_scan on goals (target_date) where status = 'open' and target_date is not null;

    -- Snooze 1 week on a nudge: that rule stays quiet for that pair until then.
    create table rule_snoozes (
      team_id text not null,
      pair_id integer not null,
      rule text not null,
      until timestamptz not null,
      snoozed_by text not null,
      primary key (pair_id, rule),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );

    create table deliveries (
      id integer generated always as identity primary key,
      team_id text not null,
      recipient_id text not null,
      local_day date not null,
      status text not null default 'pending' check (status in ('pending', 'sent', 'failed')),
      message jsonb not null,
      attempts integer not null default 0,
      next_attempt_at timestamptz not null,
      claimed_until timestamptz,
      last_error text,
      channel_id text,
      message_ts text,
      created_at timestamptz not null default now(),
      sent_at timestamptz,
      -- Quiet: at most one nudge DM per person per local day.
      unique (team_id, recipient_id, local_day),
      foreign key (team_id, recipient_id) references members (team_id, user_id)
    );
    create index deliveries_ready on deliveries (next_attempt_at) where status = 'pending';
    create index deliveries_failed on deliveries (team_id, created_at) where status = 'failed';

    create table nudges (
      id integer generated always as identity primary key,
      team_id text not null,
      program_id integer not null,
      rule text not null check (rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest')),
      subject text not null,
      period text not null,
      recipient_id text not null,
      pair_id integer,
      detail jsonb not null default '{}',
      due_at timestamptz not null,
      deliver_after timestamptz not null,
      status text not null default 'pending' check (status in ('pending', 'bundled', 'dropped')),
      delivery_id integer references deliveries (id),
      created_at timestamptz not null default now(),
      -- Exactly once: a rule fires once per subject, period and recipient, whatever runs the sweep.
      unique (rule, subject, period, recipient_id),
      foreign key (team_id, program_id) references programs (team_id, id),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );
    create index nudges_pending on nudges (deliver_after) where status = 'pending';
    create index nudges_by_delivery on nudges (delivery_id);

    -- The review at the pairing's review date: what was achieved and what the pair decided.
    create table pair_reviews (
      id integer generated always as identity primary key,
      team_id text not null,
      pair_id integer not null,
      reviewed_by text not null,
      achieved text not null default '' check (length(achieved) <= 3000),
      decision text not null check (decision in ('continue', 'extend', 'conclude')),
      months integer check (months between 1 and 12),
      created_at timestamptz not null default now(),
      foreign key (team_id, pair_id) references pairs (team_id, id) on delete cascade
    );

    -- node-cron's run coordinator: one replica wins each scheduled fire.
    create table cron_leases (
      key text primary key,
      holder text not null,
      expires_at timestamptz not null
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table cron_leases, pair_reviews, nudges, deliveries, rule_snoozes;
    drop index advice_due_scan, goals_due_scan;
    alter table advice_items drop column snoozed_until;
    drop index pairs_stall_scan, pairs_review_scan, pairs_paused_until;
    alter table pairs drop column rhythm_anchor_on, drop column last_session_on;
  `.execute(db);
}
