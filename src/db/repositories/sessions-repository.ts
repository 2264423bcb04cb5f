import { sql, type Kysely } from 'kysely';
import type { AdviceItem, Database, Session } from '../schema.ts';

export interface NewSession {
  teamId: string;
  pairId: number;
  heldOn: string;
  minutes: number;
  topics: string;
  notes: string;
  usefulness: number | null;
  loggedBy: string;
  goalIds: number[];
  advice: string[];
  adviceFollowUpOn: string;
  commitments: string[];
  /** When the advice was given, on the service's clock (the monthly advice-impact DM counts by it); default the database's. */
  createdAt?: Date;
}

/** A session with its advice items, commitments and goals touched; call inside a transaction. */
export async function insertSession(db: Kysely<Database>, input: NewSession): Promise<{ session: Session; advice: AdviceItem[] }> {
  const session = await db
    .insertInto('sessions')
    .values({
      team_id: input.teamId,
      pair_id: input.pairId,
      held_on: input.heldOn,
      minutes: input.minutes,
      topics: input.topics,
      notes: input.notes,
      usefulness: input.usefulness,
      logged_by: input.loggedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { session, advice: await addSessionParts(db, session, input) };
}

/**
 * The details of a session recorded in one tap ("Yes, we met"), from the log form: its row is
 * rewritten and its advice, commitments and goals added; call inside a transaction.
 */
export async function addSessionDetails(db: Kysely<Database>, sessionId: number, input: NewSession): Promise<{ session: Session; advice: AdviceItem[] } | undefined> {
  const session = await db
    .updateTable('sessions')
    .set({ held_on: input.heldOn, minutes: input.minutes, topics: input.topics, notes: input.notes, usefulness: input.usefulness })
    .where('id', '=', sessionId)
    .where('team_id', '=', input.teamId)
    .where('pair_id', '=', input.pairId)
    .returningAll()
    .executeTakeFirst();
  if (!session) return undefined;
  return { session, advice: await addSessionParts(db, session, input) };
}

async function addSessionParts(db: Kysely<Database>, session: Session, input: NewSession): Promise<AdviceItem[]> {
  if (input.goalIds.length > 0) {
    await db
      .insertInto('session_goals')
      .values(input.goalIds.map((goal_id) => ({ session_id: session.id, goal_id })))
      .execute();
  }
  const advice =
    input.advice.length === 0
      ? []
      : await db
          .insertInto('advice_items')
          .values(
            input.advice.map((text) => ({
              team_id: input.teamId,
              pair_id: input.pairId,
              session_id: session.id,
              text,
              follow_up_on: input.adviceFollowUpOn,
              ...(input.createdAt ? { created_at: input.createdAt } : {}),
            })),
          )
          .returningAll()
          .execute();
  if (input.commitments.length > 0) {
    await db
      .insertInto('commitments')
      .values(input.commitments.map((text) => ({ team_id: input.teamId, pair_id: input.pairId, session_id: session.id, text })))
      .execute();
  }
  // Keep the pair's rhythm in step; a session logged late never moves it backwards. The update
  // matches (and so locks the pair's row) only when the day moves forward, so members logging at
  // the same time rarely wait on each other.
  await db
    .updateTable('pairs')
    .set({ last_session_on: input.heldOn, rhythm_anchor_on: sql<string>`greatest(rhythm_anchor_on, ${input.heldOn}::date)` })
    .where('id', '=', input.pairId)
    .where((eb) => eb.or([eb('last_session_on', 'is', null), eb('last_session_on', '<', input.heldOn)]))
    .execute();
  return advice;
}

export interface SessionSummary {
  pairId: number;
  lastHeldOn: string | null;
  count: number;
}

export async function sessionSummaries(db: Kysely<Database>, teamId: string, pairIds: number[]): Promise<Map<number, SessionSummary>> {
  const result = new Map<number, SessionSummary>();
  if (pairIds.length === 0) return result;
  const rows = await db
    .selectFrom('sessions')
    .select((eb) => ['pair_id', eb.fn.max('held_on').as('last'), eb.fn.countAll<number>().as('count')])
    .where('team_id', '=', teamId)
    .where('pair_id', 'in', pairIds)
    .groupBy('pair_id')
    .execute();
  for (const row of rows) result.set(row.pair_id, { pairId: row.pair_id, lastHeldOn: (row.last as string | null) ?? null, count: Number(row.count) });
  return result;
}

/**
 * The session a pair already has on `day`, if any, read with the pair's row locked: call inside the
 * transaction that would add one, so two members recording the same meeting at once record it once.
 */
export async function sessionOnDayLocked(trx: Kysely<Database>, pairId: number, day: string): Promise<Session | undefined> {
  await trx.selectFrom('pairs').select('id').where('id', '=', pairId).forUpdate().execute();
  return trx.selectFrom('sessions').selectAll().where('pair_id', '=', pairId).where('held_on', '=', day).orderBy('id').executeTakeFirst();
}

/** The median length of the sessions a program's pairs logged since `sinceDay`; null when there are none. */
export async function usualMinutes(db: Kysely<Database>, teamId: string, programId: number, sinceDay: string): Promise<number | null> {
  const row = await db
    .selectFrom('sessions as s')
    .innerJoin('pairs as p', 'p.id', 's.pair_id')
    .select(sql<number | null>`percentile_disc(0.5) within group (order by ${sql.ref('s.minutes')})`.as('median'))
    .where('s.team_id', '=', teamId)
    .where('p.program_id', '=', programId)
    .where('s.held_on', '>=', sinceDay)
    .executeTakeFirst();
  return row?.median === null || row?.median === undefined ? null : Number(row.median);
}

export function findSession(db: Kysely<Database>, teamId: string, sessionId: number): Promise<Session | undefined> {
  return db.selectFrom('sessions').selectAll().where('team_id', '=', teamId).where('id', '=', sessionId).executeTakeFirst();
}
