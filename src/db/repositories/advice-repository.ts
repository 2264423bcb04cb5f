import type { Kysely } from 'kysely';
import type { AdviceItem, AdviceOutcome, Database } from '../schema.ts';

export function findAdvice(db: Kysely<Database>, teamId: string, adviceId: number): Promise<AdviceItem | undefined> {
  return db.selectFrom('advice_items').selectAll().where('team_id', '=', teamId).where('id', '=', adviceId).executeTakeFirst();
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
