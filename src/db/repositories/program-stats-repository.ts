import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Counts and dates only: these queries never select note, advice or outcome text. */
export async function sessionsBetween(db: Kysely<Database>, programId: number, fromDay: string, toDay: string): Promise<number> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('pairs as p', 'p.id', 's.pair_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.program_id', '=', programId)
    .where('s.held_on', '>=', fromDay)
    .where('s.held_on', '<=', toDay)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function loopsClosedSince(db: Kysely<Database>, programId: number, since: Date): Promise<number> {
  const row = await db
    .selectFrom('advice_items as a')
    .innerJoin('pairs as p', 'p.id', 'a.pair_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('p.program_id', '=', programId)
    .where('a.closed_at', '>=', since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export function reviewsDueBy(db: Kysely<Database>, programId: number, day: string) {
  return db
    .selectFrom('pairs')
    .select(['id', 'mentor_id', 'mentee_id', 'review_on'])
    .where('program_id', '=', programId)
    .where('status', '=', 'active')
    .where('review_on', '<=', day)
    .orderBy('review_on')
    .execute();
}

export interface DeliveryFailure {
  recipient_id: string;
  last_error: string | null;
  created_at: Date;
}

/** Nudges that could not be delivered (permanent errors), newest first. */
export function deliveryFailuresSince(db: Kysely<Database>, teamId: string, since: Date): Promise<DeliveryFailure[]> {
  return db
    .selectFrom('deliveries')
    .select(['recipient_id', 'last_error', 'created_at'])
    .where('team_id', '=', teamId)
    .where('status', '=', 'failed')
    .where('created_at', '>=', since)
    .orderBy('created_at', 'desc')
    .limit(50)
    .execute();
}

/** Pairs that got every stall nudge (the first and three "stalled again") and still have no session. */
export async function escalatedStalls(db: Kysely<Database>, programId: number): Promise<Set<number>> {
  const rows = await db
    .selectFrom('nudges as n')
    .innerJoin('pairs as p', 'p.id', 'n.pair_id')
    .select('n.pair_id')
    .where('n.program_id', '=', programId)
    .where('n.rule', '=', 'stalled')
    .where('p.status', '=', 'active')
    .where(sql<boolean>`n.period = p.rhythm_anchor_on::text || '#4'`)
    .distinct()
    .execute();
  return new Set(rows.map((r) => r.pair_id!));
}
