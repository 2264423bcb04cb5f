import { sql, type Kysely } from 'kysely';
import type { Database, Delivery, Nudge } from '../schema.ts';

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
 * Takes up to `limit` of a workspace's deliveries due by `dueBy` whose lease is free. The lease
 * runs on the database's clock from the moment of the claim (whatever instant the sweep
 * simulates), and `token` marks this claim: every later update must present it. SKIP LOCKED
 * keeps replicas apart.
 */
export function claimDeliveries(db: Kysely<Database>, opts: { teamId: string; dueBy: Date; leaseMs: number; token: string; limit: number }): Promise<Delivery[]> {
  return db
    .updateTable('deliveries')
    .set((eb) => ({
      claimed_until: sql<Date>`now() + ${`${opts.leaseMs} milliseconds`}::interval`,
      claim_token: opts.token,
      attempts: eb('attempts', '+', 1),
    }))
    .where(
      'id',
      'in',
      db
        .selectFrom('deliveries')
        .select('id')
        .where('team_id', '=', opts.teamId)
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', opts.dueBy)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', sql<Date>`now()`)]))
        .orderBy('next_attempt_at')
        .limit(opts.limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/** Each recipient's cached DM channel in one workspace, in one query for a batch. */
export async function dmChannels(db: Kysely<Database>, teamId: string, userIds: string[]): Promise<Map<string, string | null>> {
  if (userIds.length === 0) return new Map();
  const rows = await db.selectFrom('members').select(['user_id', 'dm_channel_id']).where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
  return new Map(rows.map((m) => [m.user_id, m.dm_channel_id]));
}

/** What must still hold when a claimed delivery is about to be posted. */
export interface DeliveryCheck {
  delivery_id: number;
  tz: string | null;
  muted_until: Date | null;
  deactivated: boolean;
  work_start_minute: number | null;
  work_end_minute: number | null;
  work_days: number[] | null;
  /** The delivery's nudges, and those whose pairing is no longer active (but for the surveys of ended pairings). */
  nudge_ids: number[];
  ended_nudge_ids: number[];
}

/** For claimed deliveries: the recipient's zone and mute, the program's hours, and which nudges lost their pairing. One query. */
export async function deliveryChecks(db: Kysely<Database>, ids: number[]): Promise<Map<number, DeliveryCheck>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('deliveries as d')
    .leftJoin('members as m', (j) => j.onRef('m.team_id', '=', 'd.team_id').onRef('m.user_id', '=', 'd.recipient_id'))
    .leftJoin('nudges as n', 'n.delivery_id', 'd.id')
    .leftJoin('programs as p', 'p.id', 'n.program_id')
    .leftJoin('pairs as pr', 'pr.id', 'n.pair_id')
    .select((eb) => [
      'd.id as delivery_id',
      'm.tz',
      'm.muted_until',
      eb.fn.coalesce('m.deactivated', sql<boolean>`false`).as('deactivated'),
      eb.fn.max('p.work_start_minute').as('work_start_minute'),
      eb.fn.max('p.work_end_minute').as('work_end_minute'),
      // All of a delivery's nudges come from one program, so max() just picks its values.
      sql<number[] | null>`max(p.work_days)`.as('work_days'),
      sql<number[]>`coalesce(array_agg(n.id) filter (where n.id is not null), '{}')`.as('nudge_ids'),
      // The surveys about an ended pairing are exempt (the confidence question at its end too): that it
      // ended is why they are asked. A program's wrap-up also goes to paused pairings, and is withdrawn
      // once its pairing was carried into another program.
      sql<number[]>`coalesce(array_agg(n.id) filter (where n.pair_id is not null and n.rule not in ('exit_survey', 'did_it_stick') and not (n.rule = 'confidence' and n.period = 'end') and (pr.id is null or (pr.status <> 'active' and not (n.rule = 'cohort_end' and pr.status = 'paused')) or (n.rule = 'cohort_end' and pr.program_id <> n.program_id))), '{}')`.as('ended_nudge_ids'),
    ])
    .where('d.id', 'in', ids)
    .groupBy(['d.id', 'm.tz', 'm.muted_until', 'm.deactivated'])
    .execute();
  return new Map(rows.map((r) => [r.delivery_id, r as DeliveryCheck]));
}

/**
 * Records an accepted post; false when the claim is no longer this sender's. `kept` replaces the
 * message: what later updates need, without private text.
 */
export async function markDeliverySent(db: Kysely<Database>, id: number, token: string, sent: { at: Date; channel: string | null; ts: string | null; kept: string }): Promise<boolean> {
  const result = await db
    .updateTable('deliveries')
    .set({ status: 'sent', sent_at: sent.at, message: sent.kept, claimed_until: null, claim_token: null, channel_id: sent.channel, message_ts: sent.ts, last_error: null })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Gives the claim back for another try at `at`; `uncount` takes back the attempt (a rate limit or a wait for working hours is not one). */
export async function retryDeliveryAt(db: Kysely<Database>, id: number, token: string, at: Date, lastError: string | null, opts: { uncount?: boolean } = {}): Promise<void> {
  await db
    .updateTable('deliveries')
    .set({
      claimed_until: null,
      claim_token: null,
      next_attempt_at: at,
      ...(lastError !== null ? { last_error: lastError } : {}),
      ...(opts.uncount ? { attempts: sql<number>`attempts - 1` } : {}),
    })
    .where('id', '=', id)
    .where('claim_token', '=', token)
    .execute();
}

/** Records that a delivery can never go out; `requeue` deletes its nudges so the policy decides them again. */
export async function markDeliveryFailed(db: Kysely<Database>, id: number, token: string, reason: string, opts: { requeue?: boolean; kept: string }): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const result = await trx
      .updateTable('deliveries')
      .set({ status: 'failed', message: opts.kept, claimed_until: null, claim_token: null, last_error: reason.slice(0, 500) })
      .where('id', '=', id)
      .where('claim_token', '=', token)
      .executeTakeFirst();
    const mine = Number(result.numUpdatedRows) > 0;
    if (mine && opts.requeue) await trx.deleteFrom('nudges').where('delivery_id', '=', id).execute();
    return mine;
  });
}

/**
 * Takes back a delivery that must not go out as composed: `drop` nudges are dropped for good,
 * the others wait to be bundled again at `rebundleAt`. The delivery row goes, freeing the day.
 */
export async function withdrawDelivery(db: Kysely<Database>, id: number, token: string, opts: { drop: number[]; rebundleAt: Date }): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const mine = await trx.selectFrom('deliveries').select('id').where('id', '=', id).where('claim_token', '=', token).forUpdate().executeTakeFirst();
    if (!mine) return;
    if (opts.drop.length > 0) await trx.updateTable('nudges').set({ status: 'dropped', delivery_id: null }).where('id', 'in', opts.drop).execute();
    await trx.updateTable('nudges').set({ status: 'pending', delivery_id: null, deliver_after: opts.rebundleAt }).where('delivery_id', '=', id).execute();
    await trx.deleteFrom('deliveries').where('id', '=', id).execute();
  });
}

/** A workspace's sent delivery found by where Slack put it: its kept message, its local day and its nudges. */
export async function deliveryAt(db: Kysely<Database>, teamId: string, channel: string, ts: string): Promise<{ message: unknown; local_day: string; nudges: Nudge[] } | undefined> {
  const row = await db.selectFrom('deliveries').select(['id', 'message', 'local_day']).where('team_id', '=', teamId).where('channel_id', '=', channel).where('message_ts', '=', ts).executeTakeFirst();
  if (!row) return undefined;
  const nudges = await db.selectFrom('nudges').selectAll().where('delivery_id', '=', row.id).orderBy('id').execute();
  return { message: row.message, local_day: row.local_day, nudges };
}

/** Keeps a sent delivery's stored message in step with what the person now sees in Slack. */
export async function updateDeliveryMessage(db: Kysely<Database>, teamId: string, channel: string, ts: string, message: string): Promise<void> {
  await db.updateTable('deliveries').set({ message }).where('team_id', '=', teamId).where('channel_id', '=', channel).where('message_ts', '=', ts).execute();
}
