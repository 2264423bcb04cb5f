import { closeGoal, findGoal, insertGoal, setGoalTargetDate } from '../db/repositories/goals-repository.ts';
import { setPairObjective } from '../db/repositories/pairs-repository.ts';
import type { Goal, Pair } from '../db/schema.ts';
import type { GoalInput } from '../domain/inputs.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export class GoalService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Either member may set a goal for their pair; milestones land with it or not at all. */
  async setGoal(actor: Actor, input: GoalInput): Promise<{ goal: Goal; pair: Pair }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new goals.');
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
        celebratePublicly: input.celebratePublicly,
        createdBy: actor.userId,
      });
    });
    return { goal, pair: input.objective ? { ...pair, objective: input.objective } : pair };
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
