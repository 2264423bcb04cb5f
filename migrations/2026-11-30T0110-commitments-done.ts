import { sql, type Kysely } from 'kysely';

// Commitments are ticked off from Home by the mentee: a done commitment records when and by whom,
// an open one carries neither. Open commitments are read per pairing (Home, the log form, the prep message).
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table commitments
      add column done_at timestamptz,
      add column done_by text;
    update commitments set done_at = created_at where done;
    alter table commitments
      add constraint commitments_done_has_date check (done = (done_at is not null)),
      add constraint commitments_done_by_when_done check (done_by is null or done);
    create index commitments_open_by_pair on commitments (pair_id) where not done;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop index commitments_open_by_pair;
    alter table commitments
      drop constraint commitments_done_by_when_done,
      drop constraint commitments_done_has_date,
      drop column done_by,
      drop column done_at;
  `.execute(db);
}
