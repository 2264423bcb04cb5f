import { sql, type Kysely } from 'kysely';
import type { Database, Delivery } from '../schema.ts';

export interface NewDelivery {
  team_id: string;
  recipient_id: string;
  local_day: string;
  message: string;
  next_attempt_at: Date;
  created_at: Date;
}

/** Creates deliveries; a recipient whose local day has one already gets none. Returns the new ids by recipient. */
export async function insertDeliveries(db: Kysely<Database>, rows: NewDelivery[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (let i = 0; i < rows.length; i += 5000) {
    const created = await db
      .insertInto('deliveries')
      .values(rows.slice(i, i + 5000))
      .onConflict((oc) => oc.columns(['team_id', 'recipient_id', 'local_day']).doNothing())
      .returning(['id', 'recipient_id'])
      .execute();
    for (const d of created) ids.set(d.recipient_id, d.id);
  }
  return ids;
}

/**
 * Takes up to `limit` deliveries ready at `now` whose lease is free, leasing them until
 * `leaseUntil` and counting the attempt; SKIP LOCKED keeps replicas apart.
 */
export function claimDeliveries(db: Kysely<Database>, opts: { now: Date; leaseUntil: Date; limit: number }): Promise<Delivery[]> {
  return db
    .updateTable('deliveries')
    .set((eb) => ({ claimed_until: opts.leaseUntil, attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', opts.now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', opts.now)]))
        .orderBy('next_attempt_at')
        .limit(opts.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Each recipient's cached DM channel, keyed `team:user`, in one query for a batch. */
export async function dmChannels(db: Kysely<Database>, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['team_id', 'user_id', 'dm_channel_id']).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((m) => [`${m.team_id}:${m.user_id}`, m.dm_channel_id]));
}

export async function markDeliverySent(db: Kysely<Database>, id: number, sent: { at: Date; channel: string | null; ts: string | null }): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sent.at, claimed_until: null, channel_id: sent.channel, message_ts: sent.ts, last_error: null })
    .where('id', '=', id)
    .execute();
}

/** Gives the claim back for another try at `at`; `uncount` takes back the attempt (a rate limit is not one). */
export async function retryDeliveryAt(db: Kysely<Database>, id: number, at: Date, lastError: string | null, opts: { uncount?: boolean } = {}): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      claimed_until: null,
      next_attempt_at: at,
      ...(lastError !== null ? { last_error: lastError } : {}),
      ...(opts.uncount ? { attempts: sql<number>`attempts - 1` } : {}),
    })
    .where('id', '=', id)
    .execute();
}

export async function markDeliveryFailed(db: Kysely<Database>, id: number, reason: string): Promise<void> {
  await db.updateTable('deliveries').set({ status: 'failed', claimed_until: null, last_error: reason }).where('id', '=', id).execute();
}
