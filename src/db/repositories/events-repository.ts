import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** How long a claim on an event whose handler never finished (a crash) keeps its retries away. */
const CLAIM_SECONDS = 60;

/**
 * Takes an event for handling; false when it was handled already, or is being handled right now
 * (Slack retried the delivery). A claim older than a minute that never finished is taken over.
 */
export async function claimEvent(db: Kysely<Database>, teamId: string, eventId: string): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ event_id: eventId, team_id: teamId })
    .onConflict((oc) =>
      oc
        .column('event_id')
        .doUpdateSet({ received_at: sql`now()` })
        .where('processed_events.handled_at', 'is', null)
        .where('processed_events.received_at', '<', sql<Date>`now() - make_interval(secs => ${CLAIM_SECONDS})`),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Records that the event's handler succeeded: its retries are skipped from now on. */
export async function markEventHandled(db: Kysely<Database>, eventId: string): Promise<void> {
  await db.updateTable('processed_events').set({ handled_at: sql`now()` }).where('event_id', '=', eventId).execute();
}

/** Gives up a claim after the handler failed, so Slack's retry of the event is handled. */
export async function releaseEvent(db: Kysely<Database>, eventId: string): Promise<void> {
  await db.deleteFrom('processed_events').where('event_id', '=', eventId).where('handled_at', 'is', null).execute();
}
