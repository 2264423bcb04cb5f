import type { ExpressionBuilder, Kysely } from 'kysely';
import { jsonArrayFrom } from 'kysely/helpers/postgres';
import type { Database, Program } from '../schema.ts';

/** What Home shows of a program someone could join. */
export type JoinableProgram = Pick<Program, 'id' | 'name' | 'description' | 'kind' | 'cadence_days' | 'review_months' | 'starts_on' | 'ends_on'>;

/** A mentee waiting for a match: their profile and no live pairing as mentee in the program. */
export interface WaitingMentee {
  user_id: string;
  joined_at: Date;
}

export interface HomeEnrolment {
  joinable: JoinableProgram[];
  /** Only when asked for (admins): the program's waiting mentees, longest waiting first, and how many in all. */
  waiting: { total: number; first: WaitingMentee[] } | undefined;
}

/**
 * The programs a person could join now: enrolment open, not archived, not ended before `today`,
 * where they have no profile and no live pairing. Oldest first.
 */
function joinable(eb: ExpressionBuilder<Database, never>, teamId: string, userId: string, today: string, limit: number) {
  return eb
    .selectFrom('programs as g')
    .select(['g.id', 'g.name', 'g.description', 'g.kind', 'g.cadence_days', 'g.review_months', 'g.starts_on', 'g.ends_on'])
    .where('g.team_id', '=', teamId)
    .where('g.enrolment_open', '=', true)
    .where('g.archived_at', 'is', null)
    .where((w) => w.or([w('g.ends_on', 'is', null), w('g.ends_on', '>=', today)]))
    .where(({ not, exists, selectFrom }) => not(exists(selectFrom('member_profiles as p').select('p.user_id').whereRef('p.program_id', '=', 'g.id').where('p.user_id', '=', userId))))
    .where(({ not, exists, selectFrom }) =>
      not(exists(
        selectFrom('pairs as q')
          .select('q.id')
          .whereRef('q.program_id', '=', 'g.id')
          .where('q.status', '!=', 'ended')
          .where((q) => q.or([q('q.mentor_id', '=', userId), q('q.mentee_id', '=', userId)])),
      )),
    )
    .orderBy('g.id')
    .limit(limit);
}

/** Mentees (active human members) of a program with no live pairing as mentee there, longest waiting first. */
function waitingIn(db: Kysely<Database>, teamId: string, programId: number) {
  return db
    .selectFrom('member_profiles as wp')
    .innerJoin('members as m', (join) => join.onRef('m.team_id', '=', 'wp.team_id').onRef('m.user_id', '=', 'wp.user_id'))
    .where('wp.team_id', '=', teamId)
    .where('wp.program_id', '=', programId)
    .where('wp.role', '=', 'mentee')
    .where('m.deactivated', '=', false)
    .where('m.is_bot', '=', false)
    .where(({ not, exists, selectFrom }) =>
      not(exists(selectFrom('pairs').select('pairs.id').whereRef('pairs.program_id', '=', 'wp.program_id').whereRef('pairs.mentee_id', '=', 'wp.user_id').where('pairs.status', '!=', 'ended'))),
    );
}

/**
 * Home's enrolment sections in one statement: the programs this person could join and, for an
 * admin (`waiting`), the first mentees of that program waiting for a match with how many in all.
 */
export async function homeEnrolment(
  db: Kysely<Database>,
  p: { teamId: string; userId: string; today: string; limit: number; waiting?: { programId: number; limit: number } },
): Promise<HomeEnrolment> {
  const w = p.waiting;
  const row = await db
    .selectNoFrom((eb) => [jsonArrayFrom(joinable(eb, p.teamId, p.userId, p.today, p.limit)).as('joinable')])
    .$if(w !== undefined, (qb) =>
      qb.select([
        jsonArrayFrom(waitingIn(db, p.teamId, w!.programId).select(['wp.user_id', 'wp.joined_at']).orderBy('wp.joined_at').orderBy('wp.user_id').limit(w!.limit)).as('waiting'),
        waitingIn(db, p.teamId, w!.programId).select((c) => c.fn.countAll<string>().as('n')).as('waiting_total'),
      ]),
    )
    .executeTakeFirstOrThrow();
  return {
    joinable: row.joinable,
    waiting: w ? { total: Number(row.waiting_total ?? 0), first: (row.waiting ?? []).map((r) => ({ user_id: r.user_id, joined_at: new Date(r.joined_at) })) } : undefined,
  };
}

/** How many mentees of a program wait for a match (the digest's count). */
export async function waitingCount(db: Kysely<Database>, teamId: string, programId: number): Promise<number> {
  const row = await waitingIn(db, teamId, programId).select((c) => c.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return Number(row.n);
}
