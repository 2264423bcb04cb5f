import { sql, type Kysely } from 'kysely';

// When someone first gave a role's answers in a program: admins see how long a mentee has waited
// for a match. Saving the answers again keeps it; existing profiles start from their last save.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member_profiles add column joined_at timestamptz not null default now()`.execute(db);
  await sql`update member_profiles set joined_at = updated_at`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`alter table member_profiles drop column joined_at`.execute(db);
}
