import { sql, type Kysely } from 'kysely';

// A program's end: the members' wrap-up (`cohort_end`) and the admins' end-of-program message
// (`cohort_end_admin`) are nudges, and the graduation shout-out is a suggestion like the others.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left', 'session_prep', 'did_you_meet', 'cohort_end', 'cohort_end_admin')
    );
    alter table celebrations drop constraint celebrations_kind_check;
    alter table celebrations add constraint celebrations_kind_check check (
      kind in ('goal_achieved', 'tenth_session', 'pair_completed', 'five_loops', 'manual', 'graduation')
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    delete from nudges where rule in ('cohort_end', 'cohort_end_admin');
    delete from celebrations where kind = 'graduation';
    alter table nudges drop constraint nudges_rule_check;
    alter table nudges add constraint nudges_rule_check check (
      rule in ('stalled', 'close_loop', 'goal_date', 'review_due', 'admin_digest', 'pulse', 'exit_survey', 'did_it_stick', 'advice_impact', 'partner_left', 'session_prep', 'did_you_meet')
    );
    alter table celebrations drop constraint celebrations_kind_check;
    alter table celebrations add constraint celebrations_kind_check check (
      kind in ('goal_achieved', 'tenth_session', 'pair_completed', 'five_loops', 'manual')
    );
  `.execute(db);
}
