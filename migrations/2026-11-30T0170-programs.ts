import { sql, type Kysely } from 'kysely';

// Programs become something admins create and edit: a description, a kind, dates, enrolment and
// archiving. Every existing row stays in its workspace's default program, which keeps its
// defaults (standard, open, no dates), so nothing changes until a second program exists.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table programs
      add column description text not null default '' check (length(description) <= 1000),
      add column kind text not null default 'standard' check (kind in ('standard', 'reverse', 'buddy')),
      add column starts_on date,
      add column ends_on date,
      add column enrolment_open boolean not null default true,
      add column archived_at timestamptz,
      add constraint programs_name_not_blank check (btrim(name) <> ''),
      add constraint programs_ends_after_start check (starts_on is null or ends_on is null or ends_on > starts_on),
      -- Every command without a program still acts on the default one, so it cannot be archived.
      add constraint programs_default_not_archived check (not (is_default and archived_at is not null))
  `.execute(db);
  // Names were never checked for repeats: keep every row, telling repeats apart by their id.
  await sql`
    update programs p set name = left(p.name, 70) || ' (' || p.id || ')'
    where exists (select 1 from programs q where q.team_id = p.team_id and lower(q.name) = lower(p.name) and q.id < p.id)
  `.execute(db);
  await sql`create unique index programs_unique_name on programs (team_id, lower(name))`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index programs_unique_name`.execute(db);
  await sql`
    alter table programs
      drop constraint programs_default_not_archived,
      drop constraint programs_ends_after_start,
      drop constraint programs_name_not_blank,
      drop column archived_at,
      drop column enrolment_open,
      drop column ends_on,
      drop column starts_on,
      drop column kind,
      drop column description
  `.execute(db);
}
