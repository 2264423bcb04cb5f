import { sql, type Kysely } from 'kysely';

// Milestones are ticked from Home and from the session log: a done milestone records when, and an
// undone one carries no date.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`update goal_milestones set done_at = null where not done`.execute(db);
  await sql`update goal_milestones set done_at = now() where done and done_at is null`.execute(db);
  await sql`alter table goal_milestones add constraint goal_milestones_done_has_date check (done = (done_at is not null))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table goal_milestones drop constraint goal_milestones_done_has_date`.execute(db);
}
