import { sql, type Kysely } from 'kysely';

// The confidence question becomes a scheduler rule like the other surveys: asked once per goal and
// moment, in the mentee's working hours, bundled into their one message of the day.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left', 'session_prep', 'did_you_meet', 'cohort_end', 'cohort_end_admin', 'confidence')
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from nudges where rule = 'confidence';
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left', 'session_prep', 'did_you_meet', 'cohort_end', 'cohort_end_admin')
    );
  `.execute(db);
}
