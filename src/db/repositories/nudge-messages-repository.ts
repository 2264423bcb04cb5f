import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** What a nudge message sent from the outbox shows now (text and blocks as posted or last updated). */
export async function findSentMessage(db: Kysely<Database>, teamId: string, channelId: string, messageTs: string): Promise<unknown> {
  const delivery = await db.selectFrom('deliveries').select('message').where('team_id', '=', teamId).where('channel_id', '=', channelId).where('message_ts', '=', messageTs).executeTakeFirst();
  return delivery?.message;
}

/** Keeps the stored copy in step after the message was updated in Slack. */
export async function saveSentMessage(db: Kysely<Database>, teamId: string, channelId: string, messageTs: string, message: string): Promise<void> {
  await db.updateTable('deliveries').set({ message }).where('team_id', '=', teamId).where('channel_id', '=', channelId).where('message_ts', '=', messageTs).execute();
}
