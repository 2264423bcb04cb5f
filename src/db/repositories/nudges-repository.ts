import { sql, type Kysely } from 'kysely';
import type { Database, Nudge } from '../schema.ts';

/** A program's pending nudges whose time has come, grouped by recipient order. */
export function ripeNudges(db: Kysely<Database>, programId: number, now: Date): Promise<Nudge[]> {
  return db
    .selectFrom('nudges')
    .selectAll()
    .where('program_id', '=', programId)
    .where('status', '=', 'pending')
    .where('deliver_after', '<=', now)
    .orderBy('recipient_id')
    .orderBy('id')
    .execute();
}

/** Pending nudges that must never go out (muted or deactivated recipient). */
export async function dropPendingNudges(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable('nudges').set({ status: 'dropped' }).where('id', 'in', ids).where('status', '=', 'pending').execute();
}

/** Moves each nudge to its own later time, all in one statement. */
export async function deferNudges(db: Kysely<Database>, moves: Array<{ id: number; until: Date }>, opts: { pendingOnly: boolean }): Promise<void> {
  if (moves.length === 0) return;
  await sql`
    update nudges set deliver_after = m.until
    from unnest(${moves.map((m) => m.id)}::int[], ${moves.map((m) => m.until.toISOString())}::timestamptz[]) as m(id, until)
    where nudges.id = m.id ${opts.pendingOnly ? sql`and nudges.status = 'pending'` : sql``}
  `.execute(db);
}

/** Ties pending nudges to the deliveries that carry them, in one statement. */
export async function bundleNudges(db: Kysely<Database>, links: Array<{ id: number; deliveryId: number }>): Promise<void> {
  if (links.length === 0) return;
  await sql`
    update nudges set status = 'bundled', delivery_id = l.delivery_id
    from unnest(${links.map((l) => l.id)}::int[], ${links.map((l) => l.deliveryId)}::int[]) as l(id, delivery_id)
    where nudges.id = l.id and nudges.status = 'pending'
  `.execute(db);
}
