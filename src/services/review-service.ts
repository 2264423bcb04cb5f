import { addMonthsTo, dayIn } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { mention } from '../domain/mrkdwn.ts';
import { allGoalsOf, type GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { setPairReviewOn, setPairStatus } from '../db/repositories/pairs-repository.ts';
import { findPairReview, insertPairReview, pendingProposal, replacePendingProposals, settleProposal } from '../db/repositories/reviews-repository.ts';
import type { Pair, PairReview } from '../db/schema.ts';
import { NOT_IN_PAIR, partnerOf, requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { programOfPair } from './program-scope.ts';

export type { PairReview } from '../db/schema.ts';

export type ReviewDecision = { decision: 'continue' } | { decision: 'extend'; months: number } | { decision: 'conclude' };

export interface ReviewInput {
  pairId: number;
  achieved: string;
  nextSteps: string;
  choice: ReviewDecision;
}

/** What the review modal shows: the pairing, its objective and every goal with its progress, and a proposal waiting, if any. */
export interface Reviewable {
  pair: Pair;
  partnerId: string;
  goals: GoalWithProgress[];
  pending: PairReview | undefined;
}

/**
 * The pairing review is a conversation between the two members: both see the answers, and extending
 * or concluding is a proposal that only the partner's agreement (or an admin ending the pairing) settles.
 */
export class ReviewService {
  constructor(private readonly deps: ServiceDeps) {}

  async reviewable(actor: Actor, pairId: number): Promise<Reviewable> {
    const pair = await this.livePair(actor, pairId);
    const [goals, pending] = await Promise.all([allGoalsOf(this.deps.db, actor.teamId, pair.id), pendingProposal(this.deps.db, actor.teamId, pair.id)]);
    return { pair, partnerId: partnerOf(pair, actor.userId), goals, pending };
  }

  /**
   * Records a member's review. Continuing moves the review date at once; extending or concluding
   * becomes the pairing's one proposal, replacing any that was waiting, and changes nothing yet.
   */
  async submit(actor: Actor, input: ReviewInput): Promise<{ pair: Pair; review: PairReview; replaced: PairReview[] }> {
    const pair = await this.livePair(actor, input.pairId);
    const { choice } = input;
    const now = this.deps.clock.now();
    const today = choice.decision === 'continue' ? dayIn(now, (await this.deps.directory.get(actor.teamId, actor.userId)).tz) : undefined;
    // Continuing moves the review by the pairing's own program's review months.
    const program = choice.decision === 'continue' ? await programOfPair(this.deps, pair) : undefined;
    return this.deps.db.transaction().execute(async (trx) => {
      const replaced = await replacePendingProposals(trx, pair.id, actor.userId, now);
      const review = await insertPairReview(trx, {
        teamId: actor.teamId,
        pairId: pair.id,
        reviewedBy: actor.userId,
        achieved: input.achieved,
        nextSteps: input.nextSteps,
        decision: choice.decision,
        months: choice.decision === 'extend' ? choice.months : null,
        status: choice.decision === 'continue' ? 'applied' : 'pending',
      });
      if (choice.decision !== 'continue') return { pair, review, replaced };
      const from = pair.review_on > today! ? pair.review_on : today!;
      return { pair: await setPairReviewOn(trx, pair.id, addMonthsTo(from, program!.review_months)), review, replaced };
    });
  }

  /** The partner agrees: the proposal takes effect (the pairing ends, or its review moves by the months proposed). */
  async agree(actor: Actor, reviewId: number): Promise<{ pair: Pair; review: PairReview }> {
    const { pair, proposal } = await this.answerable(actor, reviewId);
    const now = this.deps.clock.now();
    const today = dayIn(now, (await this.deps.directory.get(actor.teamId, actor.userId)).tz);
    const agreed = await this.deps.db.transaction().execute(async (trx) => {
      const review = await settleProposal(trx, proposal.id, 'agreed', actor.userId, now);
      if (!review) return undefined;
      if (review.decision === 'conclude') return { pair: await setPairStatus(trx, actor.teamId, pair.id, { status: 'ended', endedAt: now }), review };
      const from = pair.review_on > today ? pair.review_on : today;
      return { pair: await setPairReviewOn(trx, pair.id, addMonthsTo(from, review.months ?? 1)), review };
    });
    // Someone settled it between the check and the update (a double press): explained outside the transaction.
    if (!agreed) throw new UserError(await this.staleAnswer(actor, reviewId));
    return agreed;
  }

  /** "Let's talk": the proposer hears it, and the pairing stays as it is. */
  async talk(actor: Actor, reviewId: number): Promise<{ pair: Pair; review: PairReview }> {
    const { pair, proposal } = await this.answerable(actor, reviewId);
    const review = await settleProposal(this.deps.db, proposal.id, 'talk', actor.userId, this.deps.clock.now());
    if (!review) throw new UserError(await this.staleAnswer(actor, reviewId));
    return { pair, review };
  }

  private async livePair(actor: Actor, pairId: number): Promise<Pair> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has already ended.');
    return pair;
  }

  /** A proposal the actor may answer: in their pairing, made by their partner, still waiting, the pairing not ended. */
  private async answerable(actor: Actor, reviewId: number): Promise<{ pair: Pair; proposal: PairReview }> {
    const proposal = Number.isSafeInteger(reviewId) ? await findPairReview(this.deps.db, actor.teamId, reviewId) : undefined;
    if (!proposal) throw new AccessError(NOT_IN_PAIR);
    const pair = await requirePairMember(this.deps, actor, proposal.pair_id);
    if (proposal.status !== 'pending') throw new UserError(await this.staleAnswer(actor, reviewId));
    if (proposal.reviewed_by === actor.userId) {
      throw new UserError(`This is your own proposal: ${mention(partnerOf(pair, actor.userId))} decides. To change it, open the review again; a new review replaces it.`);
    }
    if (pair.status === 'ended') throw new UserError('That pairing has already ended.');
    return { pair, proposal };
  }

  /** Why a proposal can no longer be answered; nothing was changed. */
  private async staleAnswer(actor: Actor, reviewId: number): Promise<string> {
    const review = await findPairReview(this.deps.db, actor.teamId, reviewId);
    const by = review?.decided_by ? mention(review.decided_by) : 'someone';
    switch (review?.status) {
      case 'agreed':
        return `${by} already agreed to that proposal. Nothing more to do.`;
      case 'talk':
        return `${by} already asked to talk that proposal over, so it no longer stands. Nothing changed; either of you can open the review again.`;
      case 'replaced':
        return 'That proposal was replaced by a newer review or an admin’s decision, so nothing changed. The latest review is on your Home tab.';
      default:
        return 'That proposal is no longer waiting for an answer. Nothing changed.';
    }
  }
}
