import type { Kysely } from 'kysely';
import type { AdviceItem, AdviceOutcome, Database } from '../schema.ts';

export function findAdvice(db: Kysely<Database>, teamId: string, adviceId: number): Promise<AdviceItem | undefined> {
  return db.selectFrom('advice_items').selectAll().where('team_id', '=', teamId).where('id', '=', adviceId).executeTakeFirst();
}

/** The text of these advice items, by id: read when a message is composed, never copied into nudges. */
export async function adviceTexts(db: Kysely<Database>, teamId: string, ids: number[]): Promise<Map<number, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('advice_items').select(['id', 'text']).where('team_id', '=', teamId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.text]));
}

/** Open advice of the given pairs, the earliest follow-up first. */
export function openAdviceOf(db: Kysely<Database>, teamId: string, pairIds: number[]): Promise<AdviceItem[]> {
  if (pairIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('advice_items')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('pair_id', 'in', pairIds)
    .where('outcome', '=', 'open')
    .orderBy('follow_up_on')
    .orderBy('id')
    .execute();
}

export interface AdviceClosure {
  outcome: Exclude<AdviceOutcome, 'open'>;
  outcomeText: string | null;
  usefulness: number | null;
  closedBy: string;
  closedAt: Date;
}

/** Closes an open item; undefined when it was already closed (a double submit changes nothing). */
export function closeAdvice(db: Kysely<Database>, teamId: string, adviceId: number, closure: AdviceClosure): Promise<AdviceItem | undefined> {
  return db
    .updateTable('advice_items')
    .set({
      outcome: closure.outcome,
      outcome_text: closure.outcomeText,
      usefulness: closure.usefulness,
      closed_by: closure.closedBy,
      closed_at: closure.closedAt,
    })
    .where('team_id', '=', teamId)
    .where('id', '=', adviceId)
    .where('outcome', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export interface OpenAdvicePreview {
  /** The earliest-due open items of each pair, at most `perPair` of them. */
  items: AdviceItem[];
  /** How many open items each pair has in all. */
  counts: Map<number, number>;
}

/** Open advice for dashboards: a few items per pair and the totals, not every open row. */
export async function openAdvicePreview(db: Kysely<Database>, teamId: string, pairIds: number[], perPair: number): Promise<OpenAdvicePreview> {
  if (pairIds.length === 0) return { items: [], counts: new Map() };
  // Ranked in a subquery of the one statement: the first few per pair and each pair's total.
  const rows = await db
    .selectFrom((qb) =>
      qb
        .selectFrom('advice_items')
        .selectAll()
        .select((eb) => [
          eb.fn.agg<number>('row_number').over((ob) => ob.partitionBy('pair_id').orderBy('follow_up_on').orderBy('id')).as('rank'),
          eb.fn.countAll<number>().over((ob) => ob.partitionBy('pair_id')).as('total'),
        ])
        .where('team_id', '=', teamId)
        .where('pair_id', 'in', pairIds)
        .where('outcome', '=', 'open')
        .as('ranked'),
    )
    .selectAll()
    .where('rank', '<=', perPair)
    .orderBy('pair_id')
    .orderBy('rank')
    .execute();
  const counts = new Map<number, number>();
  const items = rows.map(({ rank: _rank, total, ...item }) => {
    counts.set(item.pair_id, Number(total));
    return item as AdviceItem;
  });
  return { items, counts };
}

/** The mentee is asked about this advice again on `until` (a calendar day). */
export async function snoozeAdvice(db: Kysely<Database>, adviceId: number, until: string): Promise<void> {
  await db.updateTable('advice_items').set({ snoozed_until: until }).where('id', '=', adviceId).execute();
}

/**
 * Records that the mentor asked how an open item went, unless they already asked after `askedAfter`
 * (a week before now): one statement, so two presses at once ask once. Undefined when not recorded.
 */
export function markAdviceAsked(db: Kysely<Database>, teamId: string, adviceId: number, now: Date, askedAfter: Date): Promise<AdviceItem | undefined> {
  return db
    .updateTable('advice_items')
    .set({ asked_at: now })
    .where('team_id', '=', teamId)
    .where('id', '=', adviceId)
    .where('outcome', '=', 'open')
    .where((eb) => eb.or([eb('asked_at', 'is', null), eb('asked_at', '<=', askedAfter)]))
    .returningAll()
    .executeTakeFirst();
}

/** Forgets an ask whose message never reached the mentee, so the mentor may ask again at once. */
export async function unmarkAdviceAsked(db: Kysely<Database>, teamId: string, adviceId: number, askedAt: Date): Promise<void> {
  await db.updateTable('advice_items').set({ asked_at: null }).where('team_id', '=', teamId).where('id', '=', adviceId).where('asked_at', '=', askedAt).execute();
}
