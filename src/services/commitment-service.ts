import { AccessError, UserError } from '../domain/errors.ts';
import { findCommitment, markCommitmentDone, openCommitmentsOf, openCommitmentsOfPair } from '../db/repositories/commitments-repository.ts';
import type { Commitment, Pair } from '../db/schema.ts';
import { requirePairMember, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { Commitment };

export const ONLY_MENTEE_TICKS = 'Only the mentee ticks off the commitments they made. Nothing was changed.';

/** Commitments made in a session log: shown until the mentee ticks them off. */
export class CommitmentService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * The open commitments of a pairing, oldest first: private text of the pair, for messages to its
   * two members only (the prep message, the log form). The caller has already checked who reads it.
   */
  async openCommitments(pairId: number): Promise<Commitment[]> {
    return Number.isSafeInteger(pairId) ? openCommitmentsOfPair(this.deps.db, pairId) : [];
  }

  /** The open commitments of the actor's pairings among `pairIds` (the log form of someone in several). */
  openCommitmentsFor(actor: Actor, pairIds: number[]): Promise<Commitment[]> {
    return openCommitmentsOf(this.deps.db, actor.teamId, pairIds, actor.userId);
  }

  /** "Done" on Home: the pairing's mentee only; a second press changes nothing and says so. */
  async markDone(actor: Actor, commitmentId: number): Promise<{ commitment: Commitment; pair: Pair }> {
    const found = Number.isSafeInteger(commitmentId) ? await findCommitment(this.deps.db, actor.teamId, commitmentId) : undefined;
    if (!found) throw new AccessError("That commitment isn't yours to change.");
    const pair = await requirePairMember(this.deps, actor, found.pair_id);
    if (roleIn(pair, actor.userId) !== 'mentee') throw new AccessError(ONLY_MENTEE_TICKS);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so its commitments stay as they were.');
    if (found.done) throw new UserError('You already ticked this one off. Well done!');
    const done = await markCommitmentDone(this.deps.db, actor.teamId, found.id, actor.userId, this.deps.clock.now());
    if (!done) throw new UserError('You already ticked this one off. Well done!');
    return { commitment: done, pair };
  }
}
