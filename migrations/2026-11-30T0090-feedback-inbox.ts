import { sql, type Kysely } from 'kysely';

// The feedback inbox: whether admins may see the author's name, and who handled a note and when.
// A note is handled once: by "Mark handled", or by the private reply that answered it. Each
// admin's DM of a note is remembered so every copy can show who handled it.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    alter table feedback_notes
      add column show_author boolean not null default true,
      add column handled_by text,
      add column handled_at timestamptz,
      add column replied_at timestamptz,
      add constraint feedback_notes_handled_together check ((handled_by is null) = (handled_at is null)),
      add constraint feedback_notes_replied_when_handled check (replied_at is null or handled_at is not null);
    create index feedback_notes_unhandled on feedback_notes (program_id, created_at desc) where handled_at is null;

    -- Each admin's DM of a note, so all of them show who handled it once one admin did.
    create table feedback_dms (
      team_id text not null,
      note_id integer not null references feedback_notes (id) on delete cascade,
      admin_id text not null,
      channel_id text not null,
      message_ts text not null check (message_ts <> ''),
      primary key (note_id, admin_id)
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    drop table feedback_dms;
    drop index feedback_notes_unhandled;
    alter table feedback_notes
      drop constraint feedback_notes_replied_when_handled,
      drop constraint feedback_notes_handled_together,
      drop column replied_at,
      drop column handled_at,
      drop column handled_by,
      drop column show_author;
  `.execute(db);
}
