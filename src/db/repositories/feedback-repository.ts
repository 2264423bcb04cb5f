import type { Kysely } from 'kysely';
import type { Database, FeedbackNote } from '../schema.ts';

export function insertFeedback(
  db: Kysely<Database>,
  note: { teamId: string; programId: number; pairId: number | null; authorId: string; body: string; showAuthor: boolean; at: Date },
): Promise<FeedbackNote> {
  return db
    .insertInto('feedback_notes')
    .values({ team_id: note.teamId, program_id: note.programId, pair_id: note.pairId, author_id: note.authorId, body: note.body, show_author: note.showAuthor, created_at: note.at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A note as the admins' inbox reads it: with the two people of the pairing it is about, if any. */
export interface InboxRow extends FeedbackNote {
  mentor_id: string | null;
  mentee_id: string | null;
}

function inboxRows(db: Kysely<Database>) {
  return db
    .selectFrom('feedback_notes as f')
    .leftJoin('pairs as p', (join) => join.onRef('p.id', '=', 'f.pair_id').onRef('p.team_id', '=', 'f.team_id'))
    .selectAll('f')
    .select(['p.mentor_id', 'p.mentee_id']);
}

export function findInboxNote(db: Kysely<Database>, teamId: string, noteId: number): Promise<InboxRow | undefined> {
  return inboxRows(db).where('f.team_id', '=', teamId).where('f.id', '=', noteId).executeTakeFirst();
}

/** The program's unhandled notes, newest first, at most `limit`. */
export function unhandledInbox(db: Kysely<Database>, programId: number, limit: number): Promise<InboxRow[]> {
  return inboxRows(db).where('f.program_id', '=', programId).where('f.handled_at', 'is', null).orderBy('f.created_at', 'desc').orderBy('f.id', 'desc').limit(limit).execute();
}

/**
 * Marks a note handled by `by` at `at` (and replied, for a private reply) unless it already was:
 * the one update that wins is the one that may act, so two admins never both answer.
 */
export function claimFeedback(db: Kysely<Database>, teamId: string, noteId: number, by: string, at: Date, replied: boolean): Promise<FeedbackNote | undefined> {
  return db
    .updateTable('feedback_notes')
    .set({ handled_by: by, handled_at: at, replied_at: replied ? at : null })
    .where('team_id', '=', teamId)
    .where('id', '=', noteId)
    .where('handled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export async function recordFeedbackDms(db: Kysely<Database>, teamId: string, noteId: number, dms: Array<{ adminId: string; channel: string; ts: string }>): Promise<void> {
  if (dms.length === 0) return;
  await db
    .insertInto('feedback_dms')
    .values(dms.map((d) => ({ team_id: teamId, note_id: noteId, admin_id: d.adminId, channel_id: d.channel, message_ts: d.ts })))
    .onConflict((oc) => oc.columns(['note_id', 'admin_id']).doNothing())
    .execute();
}

export async function feedbackDmsOf(db: Kysely<Database>, teamId: string, noteId: number): Promise<Array<{ channel: string; ts: string }>> {
  const rows = await db.selectFrom('feedback_dms').select(['channel_id', 'message_ts']).where('team_id', '=', teamId).where('note_id', '=', noteId).orderBy('admin_id').execute();
  return rows.map((r) => ({ channel: r.channel_id, ts: r.message_ts }));
}
