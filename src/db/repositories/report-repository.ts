import { sql, type Kysely } from 'kysely';
import type { Database, PairKind, PairStatus } from '../schema.ts';

// Program export queries (and the advice-loop rows program health shares). Counts, dates and ids only: nothing here selects session
// notes or topics, advice text, outcome text, commitments or goal details; a goal title only
// leaves the database when its pair agreed to celebrate it publicly. Every query is scoped to one
// program and its workspace.

/** One program, named by its workspace too, so no query can wander into another workspace. */
export interface ProgramScope {
  programId: number;
  teamId: string;
}

export interface ReportPair {
  id: number;
  mentor_id: string;
  mentee_id: string;
  mentor_name: string | null;
  mentee_name: string | null;
  kind: PairKind;
  status: PairStatus;
  cadence_days: number;
  started_at: Date;
  rhythm_anchor_on: string;
  review_on: string;
  paused_until: Date | null;
  ended_at: Date | null;
  last_session_on: string | null;
  sessions: number;
}

/** Every pairing of the program, oldest first, with its last session day and session count. */
export async function programPairs(db: Kysely<Database>, scope: ProgramScope): Promise<ReportPair[]> {
  const rows = await db
    .selectFrom('pairs as p')
    .leftJoin('members as mr', (j) => j.onRef('mr.team_id', '=', 'p.team_id').onRef('mr.user_id', '=', 'p.mentor_id'))
    .leftJoin('members as me', (j) => j.onRef('me.team_id', '=', 'p.team_id').onRef('me.user_id', '=', 'p.mentee_id'))
    .select(['p.id', 'p.mentor_id', 'p.mentee_id', 'p.kind', 'p.status', 'p.cadence_days', 'p.started_at', 'p.rhythm_anchor_on', 'p.review_on', 'p.paused_until', 'p.ended_at'])
    .select(['mr.real_name as mentor_name', 'me.real_name as mentee_name'])
    .select((eb) => [
      eb.selectFrom('sessions as s').select((s) => s.fn.max('s.held_on').as('last')).whereRef('s.pair_id', '=', 'p.id').as('last_session_on'),
      eb.selectFrom('sessions as s').select((s) => s.fn.countAll<number>().as('n')).whereRef('s.pair_id', '=', 'p.id').as('sessions'),
    ])
    .where('p.program_id', '=', scope.programId)
    .where('p.team_id', '=', scope.teamId)
    .orderBy('p.id')
    .execute();
  return rows.map((r) => ({ ...r, last_session_on: (r.last_session_on as string | null) ?? null, sessions: Number(r.sessions ?? 0) }));
}

export interface LoopRow {
  id: number;
  pair_id: number;
  session_id: number;
  /** The day of the session the advice was given in. */
  given_on: string;
  follow_up_on: string;
  outcome: 'open' | 'tried_worked' | 'tried_didnt' | 'not_applicable';
  closed_at: Date | null;
  usefulness: number | null;
}

/** Every advice loop's status and dates, never its text or the outcome's story. */
export function adviceLoops(db: Kysely<Database>, scope: ProgramScope): Promise<LoopRow[]> {
  return db
    .selectFrom('advice_items as a')
    .innerJoin('pairs as p', 'p.id', 'a.pair_id')
    .innerJoin('sessions as s', 's.id', 'a.session_id')
    .select(['a.id', 'a.pair_id', 'a.session_id', 's.held_on as given_on', 'a.follow_up_on', 'a.outcome', 'a.closed_at', 'a.usefulness'])
    .where('p.program_id', '=', scope.programId)
    .where('a.team_id', '=', scope.teamId)
    .orderBy('a.id')
    .execute();
}

/** Advice loops counted by the day they were given and the UTC day they were closed (none while open): what closure over time is drawn from. */
export async function loopDates(db: Kysely<Database>, scope: ProgramScope): Promise<Array<{ givenOn: string; closedOn: string | null; count: number }>> {
  const closedOn = sql<string | null>`case when a.outcome <> 'open' and a.closed_at is not null then (a.closed_at at time zone 'UTC')::date end`;
  const rows = await db
    .selectFrom('advice_items as a')
    .innerJoin('pairs as p', 'p.id', 'a.pair_id')
    .innerJoin('sessions as s', 's.id', 'a.session_id')
    .select((eb) => ['s.held_on as givenOn', closedOn.as('closedOn'), eb.fn.countAll<number>().as('count')])
    .where('p.program_id', '=', scope.programId)
    .where('a.team_id', '=', scope.teamId)
    .groupBy(['s.held_on', closedOn])
    .execute();
  return rows.map((r) => ({ givenOn: r.givenOn, closedOn: r.closedOn, count: Number(r.count) }));
}
