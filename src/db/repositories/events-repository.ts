import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Records an event id; false when it was seen before (Slack retried the delivery). */
export async function markEventProcessed(db: Kysely<Database>, teamId: string, eventId: string): Promise<boolean> {
  const result = await db
    .insertInto('processed_events')
    .values({ event_id: eventId, team_id: teamId })
    .onConflict((oc) => oc.column('event_id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
