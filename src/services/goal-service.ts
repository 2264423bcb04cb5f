import { insertGoal } from '../db/repositories/goals-repository.ts';
import type { Goal, Pair } from '../db/schema.ts';
import type { GoalInput } from '../domain/inputs.ts';
import { UserError } from '../domain/errors.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export class GoalService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Either member may set a goal for their pair; milestones land with it or not at all. */
  async setGoal(actor: Actor, input: GoalInput): Promise<{ goal: Goal; pair: Pair }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new goals.');
    const goal = await this.deps.db.transaction().execute(async (trx) => {
      if (input.objective && input.objective !== pair.objective) {
        await trx.updateTable('pairs').set({ objective: input.objective }).where('id', '=', pair.id).execute();
      }
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
}
