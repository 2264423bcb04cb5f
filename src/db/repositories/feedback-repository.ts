import type { Kysely } from 'kysely';
import type { Database, FeedbackNote } from '../schema.ts';

export function insertFeedback(
  db: Kysely<Database>,
  note: { teamId: string; programId: number; pairId: number | null; authorId: string; body: string },
): Promise<FeedbackNote> {
  return db
    .insertInto('feedback_notes')
    .values({ team_id: note.teamId, program_id: note.programId, pair_id: note.pairId, author_id: note.authorId, body: note.body })
    .returningAll()
    .executeTakeFirstOrThrow();
}
