import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** How long Slack event ids and modal submissions are remembered: retries and double saves come within minutes. */
export const DEDUPLICATION_KEEP_DAYS = 3;

/**
 * Forgets a workspace's Slack event ids and modal submissions older than DEDUPLICATION_KEEP_DAYS,
 * on the database's clock (the one that stamped them), whatever instant the sweep simulates.
 */
export async function pruneDeduplication(db: Kysely<Database>, teamId: string): Promise<number> {
  const before = sql<Date>`now() - make_interval(days => ${DEDUPLICATION_KEEP_DAYS})`;
  const events = await db.deleteFrom('processed_events').where('team_id', '=', teamId).where('received_at', '<', before).executeTakeFirst();
  const views = await db.deleteFrom('view_submissions').where('team_id', '=', teamId).where('submitted_at', '<', before).executeTakeFirst();
  return Number(events.numDeletedRows) + Number(views.numDeletedRows);
}

/**
 * Empties the private text of pairings ended at least their program's `retention_months` before
 * `now` (a batch at a time): session topics and notes, advice and what came of it, commitments,
 * goals and milestones, review answers, session agendas, pulse notes, what changed (exit survey),
 * handled feedback notes about the pairing, the objective. Rows, counts, dates and outcomes stay.
 * Returns the pairings cleared; each is marked so it is cleared once.
 */
/** What a handled feedback note reads once its retention has passed (the column may not be empty). */
export const CLEARED_NOTE = '(cleared after the retention period)';

export async function clearExpiredPrivateText(db: Kysely<Database>, teamId: string, now: Date, limit = 500): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const pairs = await trx
      .selectFrom('pairs')
      .innerJoin('programs as pr', 'pr.id', 'pairs.program_id')
      .select('pairs.id')
      .where('pairs.team_id', '=', teamId)
      .where('pairs.status', '=', 'ended')
      .where('pairs.private_text_cleared_at', 'is', null)
      .where(sql<boolean>`pairs.ended_at <= ${now}::timestamptz - make_interval(months => pr.retention_months)`)
      .orderBy('pairs.ended_at')
      .limit(limit)
      .forUpdate('pairs')
      .skipLocked()
      .execute();
    const ids = pairs.map((p) => p.id);
    if (ids.length === 0) return 0;
    await trx.updateTable('sessions').set({ topics: '', notes: '' }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('advice_items').set({ text: '', outcome_text: null }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('commitments').set({ text: '' }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('goal_milestones').set({ title: '' }).where('goal_id', 'in', trx.selectFrom('goals').select('id').where('pair_id', 'in', ids)).execute();
    await trx.updateTable('goals').set({ title: '', outcome: '', success_measure: '' }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('pair_reviews').set({ achieved: '', next_steps: '' }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('bookings').set({ agenda: null }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('pulse_answers').set({ note: null }).where('pair_id', 'in', ids).execute();
    await trx.updateTable('exit_survey_answers').set({ what_changed: null }).where('pair_id', 'in', ids).execute();
    // Notes to the admins about the pairing, once handled: the words go, the note's row stays counted.
    await trx.updateTable('feedback_notes').set({ body: CLEARED_NOTE }).where('pair_id', 'in', ids).where('handled_at', 'is not', null).execute();
    await trx.updateTable('pairs').set({ objective: null, private_text_cleared_at: now }).where('id', 'in', ids).execute();
    return ids.length;
  });
}
