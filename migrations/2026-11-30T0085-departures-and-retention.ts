import { sql, type Kysely } from 'kysely';

// Departures: a member's deactivation is dated, so their pairings end a program-set number of days
// later (the partner gets a "your partner has left" nudge). Retention: the private text of pairings
// ended longer ago than the program's retention is emptied once, which the pair records.
// Nudges and sent deliveries keep no private text: ids only, the text is read when composing.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs add column departure_end_days integer not null default 14 check (departure_end_days between 1 and 365);
    alter table programs add column retention_months integer not null default 24 check (retention_months between 1 and 120);
    alter table members add column deactivated_at timestamptz;
    update members set deactivated_at = now() where deactivated;
    alter table pairs add column private_text_cleared_at timestamptz;
    create index pairs_ended_at on pairs (ended_at) where status = 'ended' and private_text_cleared_at is null;
    -- Emptied by retention: the forms still refuse empty text, the database no longer does.
    alter table goals drop constraint goals_title_check, add constraint goals_title_check check (length(title) <= 150);
    alter table goal_milestones drop constraint goal_milestones_title_check, add constraint goal_milestones_title_check check (length(title) <= 150);
    alter table advice_items drop constraint advice_items_text_check, add constraint advice_items_text_check check (length(text) <= 500);
    alter table commitments drop constraint commitments_text_check, add constraint commitments_text_check check (length(text) <= 500);

    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left')
    );
    update nudges set detail = detail - 'text' where rule = 'close_loop';
    update nudges set detail = detail - 'title' where rule = 'goal_date';
    update deliveries set message = jsonb_build_object('text', message -> 'text') where status <> 'pending';
    create index processed_events_received_at on processed_events (received_at);
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index processed_events_received_at;
    delete from nudges where rule = 'partner_left';
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact')
    );
    alter table commitments drop constraint commitments_text_check, add constraint commitments_text_check check (length(text) between 1 and 500) not valid;
    alter table advice_items drop constraint advice_items_text_check, add constraint advice_items_text_check check (length(text) between 1 and 500) not valid;
    alter table goal_milestones drop constraint goal_milestones_title_check, add constraint goal_milestones_title_check check (length(title) between 1 and 150) not valid;
    alter table goals drop constraint goals_title_check, add constraint goals_title_check check (length(title) between 1 and 150) not valid;
    drop index pairs_ended_at;
    alter table pairs drop column private_text_cleared_at;
    alter table members drop column deactivated_at;
    alter table programs drop column retention_months;
    alter table programs drop column departure_end_days;
  `.execute(db);
}
