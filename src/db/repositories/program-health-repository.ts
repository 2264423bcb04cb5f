import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database, PairStatus } from '../schema.ts';
import type { LoopRow, ProgramScope } from './report-repository.ts';

// The program-health read model's one statement. Counts, dates and ids only: nothing here selects
// session notes or topics, advice or outcome text, commitments or goal details. One statement is
// one snapshot, so every figure agrees with the others without a transaction.

export interface HealthPair {
  id: number;
  mentor_id: string;
  mentee_id: string;
  status: PairStatus;
  cadence_days: number;
  rhythm_anchor_on: string;
  review_on: string;
  last_session_on: string | null;
  /** A review proposal waiting for the partner: the decision only, never the answers. */
  proposal: { decision: 'extend' | 'conclude'; months: number | null } | null;
  /** The UTC day of the pairing's booked next session, if any (it holds off the stall). */
  booked_on: string | null;
}

export interface HealthRows {
  /** Every pairing of the program, oldest first, with the day of its last session. */
  pairs: HealthPair[];
  /** Sessions per day held in the window (inclusive), oldest first. */
  sessionDays: Array<{ day: string; count: number }>;
  usefulness: { sum: number; rated: number };
  goals: { set: number; achieved: number };
  loops: LoopRow[];
  feedbackNotes: number;
  /** Feedback notes no admin has handled yet. */
  unhandledFeedback: number;
  /** Nudges that could not be delivered since `failuresSince`, newest first, 50 at most. */
  deliveryFailures: DeliveryFailure[];
}

export interface DeliveryFailure {
  recipient_id: string;
  last_error: string | null;
  created_at: Date;
}

/** Dates inside JSON arrive as text. */
const instant = (value: Date | string): Date => new Date(value);
const instantOrNull = (value: Date | string | null): Date | null => (value === null ? null : new Date(value));

/** Everything program health is made of, in one query. */
export async function programHealthRows(db: Kysely<Database>, scope: ProgramScope, sessionWindow: { from: string; to: string }, failuresSince: Date): Promise<HealthRows> {
  const { programId, teamId } = scope;
  const row = await db
    .selectNoFrom((eb) => [
      jsonArrayFrom(
        eb
          .selectFrom('pairs as p')
          .select(['p.id', 'p.mentor_id', 'p.mentee_id', 'p.status', 'p.cadence_days', 'p.rhythm_anchor_on', 'p.review_on'])
          .select((e) => e.selectFrom('sessions as s').select((s) => s.fn.max('s.held_on').as('last')).whereRef('s.pair_id', '=', 'p.id').as('last_session_on'))
          .select((e) => jsonObjectFrom(e.selectFrom('pair_reviews as r').select(['r.decision', 'r.months']).whereRef('r.pair_id', '=', 'p.id').where('r.status', '=', 'pending')).as('proposal'))
          .select((e) => e.selectFrom('bookings as b').select(sql<string>`(b.starts_at at time zone 'UTC')::date::text`.as('day')).whereRef('b.pair_id', '=', 'p.id').where('b.status', '=', 'booked').as('booked_on'))
          .where('p.program_id', '=', programId)
          .where('p.team_id', '=', teamId)
          .orderBy('p.id'),
      ).as('pairs'),
      jsonArrayFrom(
        eb
          .selectFrom('sessions as s')
          .innerJoin('pairs as p', 'p.id', 's.pair_id')
          .select((e) => ['s.held_on as day', e.fn.countAll<number>().as('count')])
          .where('p.program_id', '=', programId)
          .where('s.team_id', '=', teamId)
          .where('s.held_on', '>=', sessionWindow.from)
          .where('s.held_on', '<=', sessionWindow.to)
          .groupBy('s.held_on')
          .orderBy('s.held_on'),
      ).as('session_days'),
      jsonObjectFrom(
        eb
          .selectFrom('sessions as s')
          .innerJoin('pairs as p', 'p.id', 's.pair_id')
          .select((e) => [e.fn.coalesce(e.fn.sum<number>('s.usefulness'), sql<number>`0`).as('sum'), e.fn.count<number>('s.usefulness').as('rated')])
          .where('p.program_id', '=', programId)
          .where('s.team_id', '=', teamId),
      ).as('usefulness'),
      jsonObjectFrom(
        eb
          .selectFrom('goals as g')
          .innerJoin('pairs as p', 'p.id', 'g.pair_id')
          .select((e) => [e.fn.countAll<number>().as('set'), e.fn.countAll<number>().filterWhere('g.status', '=', 'achieved').as('achieved')])
          .where('p.program_id', '=', programId)
          .where('g.team_id', '=', teamId),
      ).as('goals'),
      jsonArrayFrom(
        eb
          .selectFrom('advice_items as a')
          .innerJoin('pairs as p', 'p.id', 'a.pair_id')
          .innerJoin('sessions as s', 's.id', 'a.session_id')
          .select(['a.id', 'a.pair_id', 'a.session_id', 's.held_on as given_on', 'a.follow_up_on', 'a.outcome', 'a.closed_at', 'a.usefulness'])
          .where('p.program_id', '=', programId)
          .where('a.team_id', '=', teamId)
          .orderBy('a.id'),
      ).as('loops'),
      eb.selectFrom('feedback_notes').select((e) => e.fn.countAll<number>().as('n')).where('program_id', '=', programId).as('feedback_notes'),
      eb.selectFrom('feedback_notes').select((e) => e.fn.countAll<number>().as('n')).where('program_id', '=', programId).where('handled_at', 'is', null).as('unhandled_feedback'),
      jsonArrayFrom(
        eb
          .selectFrom('deliveries')
          .select(['recipient_id', 'last_error', 'created_at'])
          .where('team_id', '=', teamId)
          .where('status', '=', 'failed')
          .where('created_at', '>=', failuresSince)
          .orderBy('created_at', 'desc')
          .limit(50),
      ).as('delivery_failures'),
    ])
    .executeTakeFirstOrThrow();
  return {
    pairs: row.pairs.map((p) => ({ ...p, last_session_on: (p.last_session_on as string | null) ?? null, proposal: (p.proposal as HealthPair['proposal']) ?? null, booked_on: (p.booked_on as string | null) ?? null })),
    sessionDays: row.session_days.map((d) => ({ day: d.day, count: Number(d.count) })),
    usefulness: { sum: Number(row.usefulness?.sum ?? 0), rated: Number(row.usefulness?.rated ?? 0) },
    goals: { set: Number(row.goals?.set ?? 0), achieved: Number(row.goals?.achieved ?? 0) },
    loops: row.loops.map((l) => ({ ...l, closed_at: instantOrNull(l.closed_at) })),
    feedbackNotes: Number(row.feedback_notes ?? 0),
    unhandledFeedback: Number(row.unhandled_feedback ?? 0),
    deliveryFailures: row.delivery_failures.map((f) => ({ ...f, created_at: instant(f.created_at) })),
  };
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
