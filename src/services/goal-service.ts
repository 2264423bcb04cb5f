import {
  closeGoal,
  findGoal,
  goalWithMilestones,
  insertGoal,
  replaceMilestones,
  setGoalConsent,
  setGoalTargetDate,
  setMilestonesDone,
  updateOpenGoal,
  type GoalWithProgress,
} from '../db/repositories/goals-repository.ts';
import { setPairObjective } from '../db/repositories/pairs-repository.ts';
import type { Goal, Pair } from '../db/schema.ts';
import type { GoalInput } from '../domain/inputs.ts';
import { AccessError, FieldErrors, UserError } from '../domain/errors.ts';
import { requirePairMember, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export const ONLY_MENTEE_CONSENTS = 'Only the mentee decides whether their goal may be celebrated publicly. Nothing was changed.';

/** A goal just set or edited, with its pair. */
export interface GoalChange {
  goal: Goal;
  pair: Pair;
  /** The mentor set or changed it: the mentee is asked whether it may be celebrated publicly. */
  askConsent: boolean;
}

function closedGoalMessage(goal: Goal): string {
  return goal.status === 'achieved' ? 'That goal was already marked achieved, so nothing was changed.' : 'That goal was dropped, so it can no longer be changed.';
}

export class GoalService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Either member may set a goal for their pair; milestones land with it or not at all. Only the
   * mentee's own submission sets "OK to celebrate publicly": a mentor's never does, whatever it
   * carries. With a goal id, the open goal is edited instead.
   */
  async setGoal(actor: Actor, input: GoalInput): Promise<GoalChange> {
    if (input.goalId !== undefined) return this.editGoal(actor, input.goalId, input);
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new goals.');
    const byMentee = roleIn(pair, actor.userId) === 'mentee';
    const goal = await this.deps.db.transaction().execute(async (trx) => {
      if (input.objective && input.objective !== pair.objective) await setPairObjective(trx, pair.id, input.objective);
      return insertGoal(trx, {
        teamId: actor.teamId,
        pairId: pair.id,
        title: input.title,
        outcome: input.outcome,
        successMeasure: input.successMeasure,
        targetDate: input.targetDate,
        milestones: input.milestones,
        celebratePublicly: byMentee && input.celebratePublicly,
        createdBy: actor.userId,
      });
    });
    return { goal, pair: input.objective ? { ...pair, objective: input.objective } : pair, askConsent: !byMentee };
  }

  /**
   * Edits an open goal (either member). The mentee's form sets consent; a mentor's edit keeps it,
   * unless the title changed: then the mentee is asked again and nothing is public meanwhile.
   */
  async editGoal(actor: Actor, goalId: number, input: GoalInput): Promise<GoalChange> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.pair_id !== input.pairId) throw new AccessError("That goal isn't yours to change.");
    if (goal.status !== 'open') throw new UserError(closedGoalMessage(goal));
    const byMentee = roleIn(pair, actor.userId) === 'mentee';
    const celebratePublicly = byMentee ? input.celebratePublicly : goal.celebrate_publicly && goal.title === input.title;
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      if (input.objective && input.objective !== pair.objective) await setPairObjective(trx, pair.id, input.objective);
      const row = await updateOpenGoal(trx, goal.id, { title: input.title, outcome: input.outcome, successMeasure: input.successMeasure, targetDate: input.targetDate, celebratePublicly });
      if (row) await replaceMilestones(trx, goal.id, input.milestones);
      return row;
    });
    if (!updated) throw new UserError('That goal was closed a moment ago, so your changes were not saved.');
    return { goal: updated, pair: input.objective ? { ...pair, objective: input.objective } : pair, askConsent: !byMentee };
  }

  /** An open goal with its milestones, for the edit and progress forms; a closed one is refused. */
  async openGoalForForm(actor: Actor, goalId: number): Promise<{ goal: GoalWithProgress; pair: Pair; role: 'mentor' | 'mentee' }> {
    const { pair } = await this.changeableGoal(actor, goalId);
    const goal = await goalWithMilestones(this.deps.db, actor.teamId, goalId);
    if (!goal) throw new AccessError("That goal isn't yours to change.");
    if (goal.status !== 'open') throw new UserError(closedGoalMessage(goal));
    return { goal, pair, role: roleIn(pair, actor.userId)! };
  }

  /** Sets which milestones are done; ids that are not this goal's are refused and nothing changes. */
  async updateProgress(actor: Actor, goalId: number, doneIds: number[]): Promise<{ goal: GoalWithProgress; pair: Pair }> {
    const { goal, pair } = await this.openGoalForForm(actor, goalId);
    const own = new Set(goal.milestones.map((m) => m.id));
    if (doneIds.some((id) => !own.has(id))) throw new FieldErrors({ milestones_done: 'Tick only milestones of this goal.' });
    const now = this.deps.clock.now();
    await this.deps.db.transaction().execute((trx) => setMilestonesDone(trx, goal.id, [...new Set(doneIds)], now));
    const after = await goalWithMilestones(this.deps.db, actor.teamId, goal.id);
    return { goal: after ?? goal, pair };
  }

  /** Marks an open goal achieved (any day, with or without a target date); a second press is refused. */
  async markAchieved(actor: Actor, goalId: number): Promise<{ goal: Goal; pair: Pair }> {
    return this.closeOpenGoal(actor, goalId, 'achieved');
  }

  async dropGoal(actor: Actor, goalId: number): Promise<{ goal: Goal; pair: Pair }> {
    return this.closeOpenGoal(actor, goalId, 'dropped');
  }

  private async closeOpenGoal(actor: Actor, goalId: number, status: 'achieved' | 'dropped'): Promise<{ goal: Goal; pair: Pair }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.status !== 'open') throw new UserError(closedGoalMessage(goal));
    const updated = await closeGoal(this.deps.db, goal.id, status, this.deps.clock.now());
    if (!updated) throw new UserError('That goal was closed a moment ago, so nothing was changed.');
    return { goal: updated, pair };
  }

  /** The mentee's answer to "OK to celebrate publicly?"; anyone else is refused and nothing changes. */
  async setConsent(actor: Actor, goalId: number, celebratePublicly: boolean): Promise<{ goal: Goal; pair: Pair }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (pair.mentee_id !== actor.userId) throw new AccessError(ONLY_MENTEE_CONSENTS);
    if (goal.status === 'dropped') throw new UserError('That goal was dropped, so there is nothing to celebrate.');
    return { goal: await setGoalConsent(this.deps.db, goal.id, celebratePublicly), pair };
  }

  /** A goal the actor may change (either member of its pair), with its pair. */
  async changeableGoal(actor: Actor, goalId: number): Promise<{ goal: Goal; pair: Pair }> {
    const goal = Number.isSafeInteger(goalId) ? await findGoal(this.deps.db, actor.teamId, goalId) : undefined;
    if (!goal) throw new AccessError("That goal isn't yours to change.");
    const pair = await requirePairMember(this.deps, actor, goal.pair_id);
    return { goal, pair };
  }

  /** Achieved or dropped from a nudge; a goal already closed stays as it is and says so. */
  async setGoalStatus(actor: Actor, goalId: number, status: 'achieved' | 'dropped'): Promise<{ goal: Goal; pair: Pair; changed: boolean }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.status !== 'open') return { goal, pair, changed: false };
    const updated = await closeGoal(this.deps.db, goal.id, status, this.deps.clock.now());
    return { goal: updated ?? goal, pair, changed: updated !== undefined };
  }

  async setGoalDate(actor: Actor, goalId: number, targetDate: string): Promise<{ goal: Goal; pair: Pair }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.status !== 'open') throw new UserError('That goal is no longer open.');
    return { goal: await setGoalTargetDate(this.deps.db, goal.id, targetDate), pair };
  }
}
