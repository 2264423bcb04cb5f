import type { Kysely } from 'kysely';
import type { Database, Goal, GoalMilestone, GoalStatus } from '../schema.ts';

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
export function openGoalsOf(db: Kysely<Database>, teamId: string, pairIds: number[]): Promise<GoalWithProgress[]> {
  return goalsWithProgress(db, teamId, pairIds, ['open']);
}

/** Every goal of a pair, achieved and dropped ones too, with their milestones (the review looks back on all of them). */
export function allGoalsOf(db: Kysely<Database>, teamId: string, pairId: number): Promise<GoalWithProgress[]> {
  return goalsWithProgress(db, teamId, [pairId], ['open', 'achieved', 'dropped']);
}

async function goalsWithProgress(db: Kysely<Database>, teamId: string, pairIds: number[], statuses: GoalStatus[]): Promise<GoalWithProgress[]> {
  if (pairIds.length === 0) return [];
  const goals = await db
    .selectFrom('goals')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('pair_id', 'in', pairIds)
    .where('status', 'in', statuses)
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

/** A goal of the team with its milestones, in their order; undefined when it is not the team's. */
export async function goalWithMilestones(db: Kysely<Database>, teamId: string, goalId: number): Promise<GoalWithProgress | undefined> {
  const goal = await findGoal(db, teamId, goalId);
  if (!goal) return undefined;
  const milestones = await db.selectFrom('goal_milestones').selectAll().where('goal_id', '=', goal.id).orderBy('position').execute();
  return { ...goal, milestones };
}

export interface GoalChanges {
  title: string;
  outcome: string;
  successMeasure: string;
  targetDate: string | null;
  celebratePublicly: boolean;
}

/** Rewrites an open goal's fields; undefined when it was closed meanwhile. */
export function updateOpenGoal(db: Kysely<Database>, goalId: number, changes: GoalChanges): Promise<Goal | undefined> {
  return db
    .updateTable('goals')
    .set({
      title: changes.title,
      outcome: changes.outcome,
      success_measure: changes.successMeasure,
      target_date: changes.targetDate,
      celebrate_publicly: changes.celebratePublicly,
    })
    .where('id', '=', goalId)
    .where('status', '=', 'open')
    .returningAll()
    .executeTakeFirst();
}

/**
 * Replaces a goal's milestones with these titles, in order; a title that was there before keeps
 * whether (and when) it was done. Call inside a transaction.
 */
export async function replaceMilestones(db: Kysely<Database>, goalId: number, titles: string[]): Promise<void> {
  const before = await db.selectFrom('goal_milestones').selectAll().where('goal_id', '=', goalId).execute();
  await db.deleteFrom('goal_milestones').where('goal_id', '=', goalId).execute();
  if (titles.length === 0) return;
  await db
    .insertInto('goal_milestones')
    .values(
      titles.map((title, position) => {
        const kept = before.find((m) => m.title === title);
        return { goal_id: goalId, position, title, done: kept?.done ?? false, done_at: kept?.done ? kept.done_at : null };
      }),
    )
    .execute();
}

/** Sets which milestones of one goal are done; the others become not done. */
export async function setMilestonesDone(db: Kysely<Database>, goalId: number, doneIds: number[], at: Date): Promise<void> {
  if (doneIds.length > 0) {
    await db.updateTable('goal_milestones').set({ done: true, done_at: at }).where('goal_id', '=', goalId).where('id', 'in', doneIds).where('done', '=', false).execute();
  }
  let undo = db.updateTable('goal_milestones').set({ done: false, done_at: null }).where('goal_id', '=', goalId).where('done', '=', true);
  if (doneIds.length > 0) undo = undo.where('id', 'not in', doneIds);
  await undo.execute();
}

/** Ticks milestones (already checked to belong to open goals of one pair); done ones stay as they were. */
export async function tickMilestones(db: Kysely<Database>, milestoneIds: number[], at: Date): Promise<void> {
  if (milestoneIds.length === 0) return;
  await db.updateTable('goal_milestones').set({ done: true, done_at: at }).where('id', 'in', milestoneIds).where('done', '=', false).execute();
}

export interface MilestoneOwner {
  id: number;
  goal_id: number;
  pair_id: number;
  goal_status: Goal['status'];
}

/** The goal and pair each of these milestones belongs to, within the team; unknown ids are left out. */
export function milestoneOwners(db: Kysely<Database>, teamId: string, milestoneIds: number[]): Promise<MilestoneOwner[]> {
  if (milestoneIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('goal_milestones as m')
    .innerJoin('goals as g', 'g.id', 'm.goal_id')
    .select(['m.id', 'm.goal_id', 'g.pair_id', 'g.status as goal_status'])
    .where('g.team_id', '=', teamId)
    .where('m.id', 'in', milestoneIds)
    .execute();
}

export function setGoalConsent(db: Kysely<Database>, goalId: number, celebratePublicly: boolean): Promise<Goal> {
  return db.updateTable('goals').set({ celebrate_publicly: celebratePublicly }).where('id', '=', goalId).returningAll().executeTakeFirstOrThrow();
}
