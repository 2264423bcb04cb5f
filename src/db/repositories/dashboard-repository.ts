import type { Kysely } from 'kysely';
import { jsonArrayFrom, jsonObjectFrom } from 'kysely/helpers/postgres';
import type { AdviceItem, Commitment, Database, GoalMilestone, Pair, PairReview, Program } from '../schema.ts';
import type { GoalWithProgress } from './goals-repository.ts';

/** What a card needs of the pairing's own program: its name, end date and the rules the card applies. */
export type PairProgram = Pick<Program, 'id' | 'name' | 'ends_on' | 'grace_days' | 'mentees_see_stalled'>;

/** A member's live pairing with what its dashboard card shows beside it. */
export interface DashboardPair {
  pair: Pair;
  program: PairProgram;
  lastHeldOn: string | null;
  sessionCount: number;
  /** Open goals with their milestones, in the order they were set. */
  goals: GoalWithProgress[];
  /** The pairing's latest review, for the two members' eyes only. */
  latestReview: PairReview | null;
  /** The first open commitments, oldest first, and how many are open in all. */
  commitments: Commitment[];
  commitmentCount: number;
  /** For the pair's mentor only: the latest outcomes of their advice, newest first. */
  adviceOutcomes: AdviceItem[];
}

/** Open commitments each dashboard card carries; the rest are counted. */
export const COMMITMENTS_READ = 5;
/** Closed advice the mentor's card shows with its outcome. */
export const OUTCOMES_READ = 3;

type JsonDates<T, K extends keyof T> = Omit<T, K> & { [P in K]: string | null };
type GoalJson = Omit<JsonDates<GoalWithProgress, 'created_at' | 'achieved_at'>, 'milestones'> & { milestones: Array<JsonDates<GoalMilestone, 'done_at'>> };

const date = (value: string | null): Date | null => (value === null ? null : new Date(value));

const reviewFromJson = (r: JsonDates<PairReview, 'created_at' | 'decided_at'> | null): PairReview | null =>
  r === null ? null : { ...r, created_at: new Date(r.created_at!), decided_at: date(r.decided_at) };

/**
 * Everything a dashboard card needs of the member's live pairings in one statement: the pairs, their
 * last session and session count, their open goals with milestones (as JSON, dates revived here), and
 * what the card needs of the pairing's own program (joined, so still one statement).
 */
export async function dashboardPairsOf(db: Kysely<Database>, teamId: string, userId: string): Promise<DashboardPair[]> {
  const rows = await db
    .selectFrom('pairs as p')
    .innerJoin('programs as pr', (j) => j.onRef('pr.id', '=', 'p.program_id').onRef('pr.team_id', '=', 'p.team_id'))
    .selectAll('p')
    .select(['pr.name as program_name', 'pr.ends_on as program_ends_on', 'pr.grace_days as program_grace_days', 'pr.mentees_see_stalled as program_mentees_see_stalled'])
    .select((eb) => [
      eb.selectFrom('sessions as s').select((s) => s.fn.max('s.held_on').as('last')).whereRef('s.pair_id', '=', 'p.id').as('last_held_on'),
      eb.selectFrom('sessions as s').select((s) => s.fn.countAll<number>().as('n')).whereRef('s.pair_id', '=', 'p.id').as('session_count'),
      jsonArrayFrom(
        eb
          .selectFrom('goals as g')
          .selectAll('g')
          .select((g) => [
            jsonArrayFrom(g.selectFrom('goal_milestones as m').selectAll('m').whereRef('m.goal_id', '=', 'g.id').orderBy('m.position')).as('milestones'),
          ])
          .whereRef('g.pair_id', '=', 'p.id')
          .where('g.status', '=', 'open')
          .orderBy('g.id'),
      ).as('goals'),
      jsonObjectFrom(eb.selectFrom('pair_reviews as r').selectAll('r').whereRef('r.pair_id', '=', 'p.id').orderBy('r.id', 'desc').limit(1)).as('latest_review'),
      jsonArrayFrom(
        eb.selectFrom('commitments as c').selectAll('c').whereRef('c.pair_id', '=', 'p.id').where('c.done', '=', false).orderBy('c.id').limit(COMMITMENTS_READ),
      ).as('commitments'),
      eb.selectFrom('commitments as c').select((c) => c.fn.countAll<number>().as('n')).whereRef('c.pair_id', '=', 'p.id').where('c.done', '=', false).as('commitment_count'),
      // Only the mentor's card shows what came of their advice.
      jsonArrayFrom(
        eb
          .selectFrom('advice_items as a')
          .selectAll('a')
          .whereRef('a.pair_id', '=', 'p.id')
          .where('a.outcome', '<>', 'open')
          .where('p.mentor_id', '=', userId)
          .orderBy('a.closed_at', 'desc')
          .orderBy('a.id', 'desc')
          .limit(OUTCOMES_READ),
      ).as('advice_outcomes'),
    ])
    .where('p.team_id', '=', teamId)
    .where('p.status', '<>', 'ended')
    .where((eb) => eb.or([eb('p.mentor_id', '=', userId), eb('p.mentee_id', '=', userId)]))
    .orderBy('p.started_at')
    .orderBy('p.id')
    .execute();
  return rows.map(({ program_name, program_ends_on, program_grace_days, program_mentees_see_stalled, last_held_on, session_count, goals, latest_review, commitments, commitment_count, advice_outcomes, ...pair }) => ({
    pair: pair as Pair,
    program: { id: pair.program_id, name: program_name, ends_on: program_ends_on, grace_days: program_grace_days, mentees_see_stalled: program_mentees_see_stalled },
    lastHeldOn: (last_held_on as string | null) ?? null,
    sessionCount: Number(session_count ?? 0),
    goals: (goals as unknown as GoalJson[]).map((g) => ({
      ...g,
      created_at: new Date(g.created_at!),
      achieved_at: date(g.achieved_at),
      milestones: g.milestones.map((m) => ({ ...m, done_at: date(m.done_at) })),
    })),
    latestReview: reviewFromJson(latest_review as unknown as JsonDates<PairReview, 'created_at' | 'decided_at'> | null),
    commitments: (commitments as unknown as Array<JsonDates<Commitment, 'created_at' | 'done_at'>>).map((c) => ({ ...c, created_at: new Date(c.created_at!), done_at: date(c.done_at) })),
    commitmentCount: Number(commitment_count ?? 0),
    adviceOutcomes: (advice_outcomes as unknown as Array<JsonDates<AdviceItem, 'created_at' | 'closed_at' | 'asked_at'>>).map((a) => ({
      ...a,
      created_at: new Date(a.created_at!),
      closed_at: date(a.closed_at),
      asked_at: date(a.asked_at),
    })),
  }));
}

/** The workspace's default program and whether `userId` was granted admin of it, in one statement. */
export async function programAndGrant(db: Kysely<Database>, teamId: string, userId: string) {
  return db
    .selectFrom('programs as p')
    .selectAll('p')
    .select((eb) => eb.exists(eb.selectFrom('program_admins as a').select('a.user_id').whereRef('a.program_id', '=', 'p.id').where('a.user_id', '=', userId)).as('granted_admin'))
    .where('p.team_id', '=', teamId)
    .where('p.is_default', '=', true)
    .executeTakeFirst();
}
