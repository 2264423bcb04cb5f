import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export interface SubmissionKey {
  teamId: string;
  viewId: string;
  viewHash: string;
}

const byKey = (key: SubmissionKey) => ({ team_id: key.teamId, view_id: key.viewId, view_hash: key.viewHash });

/** How long a submission is remembered: repeats come within seconds of the first. */
const KEEP_HOURS = 24;

/**
 * Takes a view's submission for saving; false when the same view (id and hash) was taken before.
 * The same statement forgets submissions older than a day, so the table stays small.
 */
export async function claimSubmission(db: Kysely<Database>, key: SubmissionKey, userId: string, form: string): Promise<boolean> {
  const result = await db
    .with('forgotten', (qb) => qb.deleteFrom('view_submissions').where('submitted_at', '<', sql<Date>`now() - make_interval(hours => ${KEEP_HOURS})`))
    .insertInto('view_submissions')
    .values({ ...byKey(key), user_id: userId, form })
    .onConflict((oc) => oc.columns(['team_id', 'view_id', 'view_hash']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Stores the answer a saved submission got, for a repeat of it to get the same. */
/** A submission's confirmation; `next` is its next step as stored JSON (a button), if it had one. */
export interface StoredConfirmation {
  title: string;
  text: string;
  next?: unknown;
}

export async function recordConfirmation(db: Kysely<Database>, key: SubmissionKey, confirmation: StoredConfirmation): Promise<void> {
  await db
    .updateTable('view_submissions')
    .set({ confirmation_title: confirmation.title, confirmation_text: confirmation.text, confirmation_next: confirmation.next === undefined ? null : JSON.stringify(confirmation.next) })
    .where('team_id', '=', key.teamId)
    .where('view_id', '=', key.viewId)
    .where('view_hash', '=', key.viewHash)
    .execute();
}

/** The confirmation of a submission taken before; undefined while it is still being saved. */
export async function findConfirmation(db: Kysely<Database>, key: SubmissionKey): Promise<StoredConfirmation | undefined> {
  const row = await db
    .selectFrom('view_submissions')
    .select(['confirmation_title', 'confirmation_text', 'confirmation_next'])
    .where('team_id', '=', key.teamId)
    .where('view_id', '=', key.viewId)
    .where('view_hash', '=', key.viewHash)
    .executeTakeFirst();
  if (row?.confirmation_title == null || row.confirmation_text == null) return undefined;
  return { title: row.confirmation_title, text: row.confirmation_text, ...(row.confirmation_next != null ? { next: row.confirmation_next } : {}) };
}

/** Gives a submission back after its save failed (nothing was written), so pressing Save again saves it. */
export async function releaseSubmission(db: Kysely<Database>, key: SubmissionKey): Promise<void> {
  await db
    .deleteFrom('view_submissions')
    .where('team_id', '=', key.teamId)
    .where('view_id', '=', key.viewId)
    .where('view_hash', '=', key.viewHash)
    .where('confirmation_text', 'is', null)
    .execute();
}
