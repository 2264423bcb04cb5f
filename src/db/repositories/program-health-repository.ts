import { sql, type Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { Database } from '../schema.ts';
import type { ProgramScope } from './report-repository.ts';

// The program-health read model's one statement. Counts, dates and ids only: nothing here selects
// session notes or topics, advice or outcome text, commitments or goal details. One statement is
// one snapshot, so every figure agrees with the others without a transaction. The figures are
// counted in the database: what leaves it is a few numbers, the days of the sessions trend and
// the first few pairings of each list, whatever the size of the program.

/** A stalled pairing, with the days since its last session (or its start when none was logged). */
export interface StalledRow {
  id: number;
  mentor_id: string;
  mentee_id: string;
  days_since_last: number;
  last_session_on: string | null;
}

/** An active pairing whose review is near, or whose partner is asked to agree to a proposal. */
export interface ReviewDueRow {
  id: number;
  mentor_id: string;
  mentee_id: string;
  review_on: string;
  /** A review proposal waiting for the partner: the decision only, never the answers. */
  proposal: { decision: 'extend' | 'conclude'; months: number | null } | null;
}

export interface HealthRows {
  pairs: { active: number; paused: number; ended: number };
  /** Active pairs whose last session is no older than their cadence. */
  metWithinCadence: number;
  /** How many active pairings have stalled (`stalledFrom` in domain/pair-health.ts), and the first `stalledListed` of them, the longest quiet first. */
  stalledCount: number;
  stalled: StalledRow[];
  /** Active pairs whose review falls on or before `reviewsBy`, or with a proposal waiting; review day first. */
  reviewsDue: ReviewDueRow[];
  /** Sessions per day held in the window (inclusive), oldest first. */
  sessionDays: Array<{ day: string; count: number }>;
  usefulness: { sum: number; rated: number };
  goals: { set: number; achieved: number };
  /** Advice loops closed (tried or marked not applicable, with a closing time), still open, and the median days from advice to close. */
  loops: { closed: number; open: number; medianDaysToClose: number | null; closedSince: number };
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

export interface HealthQuery {
  /** The reader's day: rhythms, stalls and reviews count from it. */
  today: string;
  graceDays: number;
  /** Reviews on or before this day are due. */
  reviewsBy: string;
  /** Sessions held in this window (inclusive) are counted per day. */
  sessionWindow: { from: string; to: string };
  /** Loops closed at or after this instant are counted apart (the digest's week). */
  loopsClosedSince: Date;
  failuresSince: Date;
  /** How many stalled pairings to list (the rest are counted). */
  stalledListed: number;
}

/** Dates inside JSON arrive as text. */
const instant = (value: Date | string): Date => new Date(value);

/** Everything program health is made of, in one query. */
export async function programHealthRows(db: Kysely<Database>, scope: ProgramScope, q: HealthQuery): Promise<HealthRows> {
  const { programId, teamId } = scope;
  const today = sql<string>`${q.today}::date`;
  const row = await db
    // The program's pairings, read once for the counts, rhythms and lists. The sessions and advice
    // tallies join \`pairs\` itself: its statistics let the planner hash the pairings, not the sessions.
    .with('program_pairs', (qc) =>
      qc
        .selectFrom('pairs as p')
        .select(['p.id', 'p.mentor_id', 'p.mentee_id', 'p.status', 'p.cadence_days', 'p.rhythm_anchor_on', 'p.review_on'])
        .where('p.program_id', '=', programId)
        .where('p.team_id', '=', teamId),
    )
    .with('active', (qc) =>
      qc
        .selectFrom('program_pairs as p')
        .select(['p.id', 'p.mentor_id', 'p.mentee_id', 'p.cadence_days', 'p.rhythm_anchor_on', 'p.review_on'])
        .select((e) => e.selectFrom('sessions as s').select((s) => s.fn.max('s.held_on').as('last')).whereRef('s.pair_id', '=', 'p.id').as('last_session_on'))
        .select((e) => e.selectFrom('bookings as b').select(sql<string>`(b.starts_at at time zone 'UTC')::date`.as('day')).whereRef('b.pair_id', '=', 'p.id').where('b.status', '=', 'booked').as('booked_on'))
        .where('p.status', '=', 'active'),
    )
    // The rhythm counts from the last session, or from the anchor when none was logged. Stalled is
    // `isStalled` in domain/pair-health.ts: cadence + grace days past that, and no booked session
    // that has not yet passed by grace days (test/db/stalled-pairs.test.ts holds them together).
    .with('rhythm', (qc) =>
      qc
        .selectFrom('active as a')
        .select(['a.id', 'a.mentor_id', 'a.mentee_id', 'a.cadence_days', 'a.last_session_on'])
        .select(sql<number>`greatest(0, ${today} - coalesce(a.last_session_on, a.rhythm_anchor_on))`.as('days_since_last'))
        .select(
          sql<boolean>`coalesce(a.last_session_on, a.rhythm_anchor_on) + a.cadence_days + ${q.graceDays}::int <= ${today}
            and (a.booked_on is null or a.booked_on + ${q.graceDays}::int + 1 <= ${today})`.as('stalled'),
        ),
    )
    .with('session_days', (qc) =>
      qc
        .selectFrom('sessions as s')
        .innerJoin('pairs as p', 'p.id', 's.pair_id')
        .select((e) => ['s.held_on as day', e.fn.countAll<number>().as('count'), e.fn.sum<number>('s.usefulness').as('usefulness'), e.fn.count<number>('s.usefulness').as('rated')])
        .where('p.program_id', '=', programId)
        .where('s.team_id', '=', teamId)
        .groupBy('s.held_on'),
    )
    .selectNoFrom((eb) => [
      jsonObjectFrom(
        eb
          .selectFrom('program_pairs as p')
          .select((e) => [
            e.fn.countAll<number>().filterWhere('p.status', '=', 'active').as('active'),
            e.fn.countAll<number>().filterWhere('p.status', '=', 'paused').as('paused'),
            e.fn.countAll<number>().filterWhere('p.status', '=', 'ended').as('ended'),
          ]),
      ).as('pairs'),
      jsonObjectFrom(
        eb
          .selectFrom('rhythm as r')
          .select((e) => [
            e.fn.countAll<number>().filterWhere(sql<boolean>`r.last_session_on is not null and ${today} - r.last_session_on <= r.cadence_days`).as('met'),
            e.fn.countAll<number>().filterWhere('r.stalled', '=', true).as('stalled'),
          ]),
      ).as('rhythm'),
      jsonArrayFrom(
        eb
          .selectFrom('rhythm as r')
          .select(['r.id', 'r.mentor_id', 'r.mentee_id', 'r.days_since_last', 'r.last_session_on'])
          .where('r.stalled', '=', true)
          .orderBy('r.days_since_last', 'desc')
          .orderBy('r.id')
          .limit(q.stalledListed),
      ).as('stalled'),
      jsonArrayFrom(
        eb
          .selectFrom('active as a')
          .select(['a.id', 'a.mentor_id', 'a.mentee_id', 'a.review_on'])
          .select((e) => jsonObjectFrom(e.selectFrom('pair_reviews as v').select(['v.decision', 'v.months']).whereRef('v.pair_id', '=', 'a.id').where('v.status', '=', 'pending')).as('proposal'))
          .where((e) => e.or([e('a.review_on', '<=', q.reviewsBy), e.exists(e.selectFrom('pair_reviews as v').select('v.id').whereRef('v.pair_id', '=', 'a.id').where('v.status', '=', 'pending'))]))
          .orderBy('a.review_on')
          .orderBy('a.id'),
      ).as('reviews_due'),
      jsonArrayFrom(
        eb
          .selectFrom('session_days as d')
          .select(['d.day', 'd.count'])
          .where('d.day', '>=', q.sessionWindow.from)
          .where('d.day', '<=', q.sessionWindow.to)
          .orderBy('d.day'),
      ).as('session_days'),
      jsonObjectFrom(
        eb.selectFrom('session_days as d').select((e) => [e.fn.coalesce(e.fn.sum<number>('d.usefulness'), sql<number>`0`).as('sum'), e.fn.coalesce(e.fn.sum<number>('d.rated'), sql<number>`0`).as('rated')]),
      ).as('usefulness'),
      jsonObjectFrom(
        eb
          .selectFrom('goals as g')
          .innerJoin('program_pairs as p', 'p.id', 'g.pair_id')
          .select((e) => [e.fn.countAll<number>().as('set'), e.fn.countAll<number>().filterWhere('g.status', '=', 'achieved').as('achieved')])
          .where('g.team_id', '=', teamId),
      ).as('goals'),
      jsonObjectFrom(
        eb
          .selectFrom('advice_items as a')
          .innerJoin('program_pairs as p', 'p.id', 'a.pair_id')
          .select((e) => [
            e.fn.countAll<number>().as('total'),
            e.fn.countAll<number>().filterWhere(sql<boolean>`a.outcome <> 'open' and a.closed_at is not null`).as('closed'),
            e.fn.countAll<number>().filterWhere('a.closed_at', '>=', q.loopsClosedSince).as('closed_since'),
          ])
          .where('a.team_id', '=', teamId),
      ).as('loops'),
      // `daysToClose` (domain/report-stats.ts): UTC days from the session to the close, never below 0.
      eb
        .selectFrom('advice_items as a')
        .innerJoin('pairs as p', 'p.id', 'a.pair_id')
        .innerJoin('sessions as s', 's.id', 'a.session_id')
        .select(sql<number | null>`percentile_cont(0.5) within group (order by greatest(0, (a.closed_at at time zone 'UTC')::date - s.held_on))`.as('median'))
        .where('p.program_id', '=', programId)
        .where('a.team_id', '=', teamId)
        .where('a.outcome', '<>', 'open')
        .where('a.closed_at', 'is not', null)
        .as('median_days_to_close'),
      eb.selectFrom('feedback_notes').select((e) => e.fn.countAll<number>().as('n')).where('program_id', '=', programId).as('feedback_notes'),
      eb.selectFrom('feedback_notes').select((e) => e.fn.countAll<number>().as('n')).where('program_id', '=', programId).where('handled_at', 'is', null).as('unhandled_feedback'),
      jsonArrayFrom(
        eb
          .selectFrom('deliveries')
          .select(['recipient_id', 'last_error', 'created_at'])
          .where('team_id', '=', teamId)
          .where('status', '=', 'failed')
          .where('created_at', '>=', q.failuresSince)
          .orderBy('created_at', 'desc')
          .limit(50),
      ).as('delivery_failures'),
    ])
    .executeTakeFirstOrThrow();
  const loops = row.loops ?? { total: 0, closed: 0, closed_since: 0 };
  return {
    pairs: { active: Number(row.pairs?.active ?? 0), paused: Number(row.pairs?.paused ?? 0), ended: Number(row.pairs?.ended ?? 0) },
    metWithinCadence: Number(row.rhythm?.met ?? 0),
    stalledCount: Number(row.rhythm?.stalled ?? 0),
    stalled: row.stalled.map((s) => ({ ...s, days_since_last: Number(s.days_since_last), last_session_on: (s.last_session_on as string | null) ?? null })),
    reviewsDue: row.reviews_due.map((r) => ({ ...r, proposal: (r.proposal as ReviewDueRow['proposal']) ?? null })),
    sessionDays: row.session_days.map((d) => ({ day: d.day, count: Number(d.count) })),
    usefulness: { sum: Number(row.usefulness?.sum ?? 0), rated: Number(row.usefulness?.rated ?? 0) },
    goals: { set: Number(row.goals?.set ?? 0), achieved: Number(row.goals?.achieved ?? 0) },
    loops: {
      closed: Number(loops.closed),
      open: Number(loops.total) - Number(loops.closed),
      medianDaysToClose: row.median_days_to_close === null ? null : Number(row.median_days_to_close),
      closedSince: Number(loops.closed_since),
    },
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
