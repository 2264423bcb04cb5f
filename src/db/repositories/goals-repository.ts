import type { Kysely } from 'kysely';
import type { Database, Goal, GoalMilestone } from '../schema.ts';

export interface NewGoal {
  teamId: string;
  pairId: number;
  title: string;
  outcome: string;
  successMeasure: string;
  targetDate: string | null;
  milestones: string[];
  celebratePublicly: boolean;
  createdBy: string;
}

/** Inserts a goal and its milestones; call inside a transaction so both land or neither. */
export async function insertGoal(db: Kysely<Database>, goal: NewGoal): Promise<Goal> {
  const row = await db
    .insertInto('goals')
    .values({
      team_id: goal.teamId,
      pair_id: goal.pairId,
      title: goal.title,
      outcome: goal.outcome,
      success_measure: goal.successMeasure,
      target_date: goal.targetDate,
      celebrate_publicly: goal.celebratePublicly,
      created_by: goal.createdBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  if (goal.milestones.length > 0) {
    await db
      .insertInto('goal_milestones')
      .values(goal.milestones.map((title, position) => ({ goal_id: row.id, position, title })))
      .execute();
  }
  return row;
}

export interface GoalWithProgress extends Goal {
  milestones: GoalMilestone[];
}

/** Open goals of the given pairs with their milestones, in the order they were set. */
export async function openGoalsOf(db: Kysely<Database>, teamId: string, pairIds: number[]): Promise<GoalWithProgress[]> {
  if (pairIds.length === 0) return [];
  const goals = await db
    .selectFrom('goals')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('pair_id', 'in', pairIds)
    .where('status', '=', 'open')
    .orderBy('id')
    .execute();
  if (goals.length === 0) return [];
  const milestones = await db
    .selectFrom('goal_milestones')
    .selectAll()
    .where(
      'goal_id',
      'in',
      goals.map((g) => g.id),
    )
    .orderBy('goal_id')
    .orderBy('position')
    .execute();
  return goals.map((goal) => ({ ...goal, milestones: milestones.filter((m) => m.goal_id === goal.id) }));
}

export function goalsByIds(db: Kysely<Database>, teamId: string, goalIds: number[]): Promise<Goal[]> {
  if (goalIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('goals').selectAll().where('team_id', '=', teamId).where('id', 'in', goalIds).execute();
}

export function findGoal(db: Kysely<Database>, teamId: string, goalId: number): Promise<Goal | undefined> {
  return db.selectFrom('goals').selectAll().where('team_id', '=', teamId).where('id', '=', goalId).executeTakeFirst();
}

/** Closes an open goal; undefined when it was no longer open (closed twice, or by the partner). */
export function closeGoal(db: Kysely<Database>, goalId: number, status: 'achieved' | 'dropped', at: Date): Promise<Goal | undefined> {
  return db
    .updateTable('goals')
    .set({ status, achieved_at: status === 'achieved' ? at : null })
    .where('id', '=', goalId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

export function setGoalTargetDate(db: Kysely<Database>, goalId: number, targetDate: string): Promise<Goal> {
  return db.updateTable('goals').set({ target_date: targetDate }).where('id', '=', goalId).returningAll().executeTakeFirstOrThrow();
}
