import { sql, type Kysely } from 'kysely';

// Deliveries carry the token of the sender that claimed them, so a sender whose lease ran out
// can no longer record an outcome over another's. Nudge keys and match skips carry the team, so
// deployments of several workspaces can share one database.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table deliveries add column claim_token text;
    create index deliveries_ready_by_team on deliveries (team_id, next_attempt_at) where status = 'pending';
    drop index deliveries_ready;

    alter table nudges drop constraint nudges_rule_subject_period_recipient_id_key;
    alter table nudges add constraint nudges_key unique (team_id, rule, subject, period, recipient_id);
    drop index nudges_pending;
    create index nudges_pending on nudges (program_id, deliver_after) where status = 'pending';

    alter table match_skips add column team_id text;
    update match_skips set team_id = p.team_id from programs p where p.id = match_skips.program_id;
    alter table match_skips alter column team_id set not null;
    alter table match_skips drop constraint match_skips_pkey;
    alter table match_skips add primary key (team_id, program_id, mentor_id, mentee_id);
    alter table match_skips add foreign key (team_id, program_id) references programs (team_id, id) on delete cascade;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table match_skips drop constraint match_skips_team_id_program_id_fkey;
    alter table match_skips drop constraint match_skips_pkey;
    alter table match_skips add primary key (program_id, mentor_id, mentee_id);
    alter table match_skips drop column team_id;
    drop index nudges_pending;
    create index nudges_pending on nudges (deliver_after) where status = 'pending';
    alter table nudges drop constraint nudges_key;
    alter table nudges add constraint nudges_rule_subject_period_recipient_id_key unique (rule, subject, period, recipient_id);
    create index deliveries_ready on deliveries (next_attempt_at) where status = 'pending';
    drop index deliveries_ready_by_team;
    alter table deliveries drop column claim_token;
  `.execute(db);
}
