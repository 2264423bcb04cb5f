import { sql, type Kysely } from 'kysely';
import type { Database, GoalStatus } from '../schema.ts';
import type { ProgramScope } from './report-repository.ts';

// Rows for `/mentor export`: metadata and counts that program admins may see. Session notes and
// topics, advice and outcome text, commitments and goal details are never selected.

export interface SessionExportRow {
  id: number;
  pair_id: number;
  mentor_id: string;
  mentee_id: string;
  held_on: string;
  minutes: number;
  usefulness: number | null;
  logged_by: string;
  created_at: Date;
  advice_items: number;
  commitments: number;
  goals_touched: number;
}

export async function sessionsForExport(db: Kysely<Database>, scope: ProgramScope): Promise<SessionExportRow[]> {
  const rows = await db
    .selectFrom('sessions as s')
    .innerJoin('pairs as p', 'p.id', 's.pair_id')
    .select(['s.id', 's.pair_id', 'p.mentor_id', 'p.mentee_id', 's.held_on', 's.minutes', 's.usefulness', 's.logged_by', 's.created_at'])
    .select((eb) => [
      eb.selectFrom('advice_items as a').select((a) => a.fn.countAll<number>().as('n')).whereRef('a.session_id', '=', 's.id').as('advice_items'),
      eb.selectFrom('commitments as c').select((c) => c.fn.countAll<number>().as('n')).whereRef('c.session_id', '=', 's.id').as('commitments'),
      eb.selectFrom('session_goals as sg').select((g) => g.fn.countAll<number>().as('n')).whereRef('sg.session_id', '=', 's.id').as('goals_touched'),
    ])
    .where('p.program_id', '=', scope.programId)
    .where('s.team_id', '=', scope.teamId)
    .orderBy('s.held_on')
    .orderBy('s.id')
    .execute();
  return rows.map((r) => ({ ...r, advice_items: Number(r.advice_items ?? 0), commitments: Number(r.commitments ?? 0), goals_touched: Number(r.goals_touched ?? 0) }));
}

export interface GoalExportRow {
  id: number;
  pair_id: number;
  mentee_id: string;
  /** Empty unless the goal may be celebrated publicly: consent decides, in SQL. */
  public_title: string;
  celebrate_publicly: boolean;
  status: GoalStatus;
  target_date: string | null;
  created_at: Date;
  achieved_at: Date | null;
  milestones: number;
  milestones_done: number;
}

export async function goalsForExport(db: Kysely<Database>, scope: ProgramScope): Promise<GoalExportRow[]> {
  const rows = await db
    .selectFrom('goals as g')
    .innerJoin('pairs as p', 'p.id', 'g.pair_id')
    .select(['g.id', 'g.pair_id', 'p.mentee_id', 'g.celebrate_publicly', 'g.status', 'g.target_date', 'g.created_at', 'g.achieved_at'])
    .select(sql<string>`case when g.celebrate_publicly then g.title else '' end`.as('public_title'))
    .select((eb) => [
      eb.selectFrom('goal_milestones as m').select((m) => m.fn.countAll<number>().as('n')).whereRef('m.goal_id', '=', 'g.id').as('milestones'),
      eb.selectFrom('goal_milestones as m').select((m) => m.fn.countAll<number>().as('n')).whereRef('m.goal_id', '=', 'g.id').where('m.done', '=', true).as('milestones_done'),
    ])
    .where('p.program_id', '=', scope.programId)
    .where('g.team_id', '=', scope.teamId)
    .orderBy('g.id')
    .execute();
  return rows.map((r) => ({ ...r, milestones: Number(r.milestones ?? 0), milestones_done: Number(r.milestones_done ?? 0) }));
}
