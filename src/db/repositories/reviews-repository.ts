import type { Kysely } from 'kysely';
import type { Database, Pair, PairReview, ReviewDecisionKind } from '../schema.ts';

export interface NewPairReview {
  teamId: string;
  pairId: number;
  reviewedBy: string;
  achieved: string;
  nextSteps: string;
  decision: ReviewDecisionKind;
  months: number | null;
  /** Extending or concluding waits for the partner; continuing takes effect at once. */
  status: 'applied' | 'pending';
}

export function insertPairReview(db: Kysely<Database>, review: NewPairReview): Promise<PairReview> {
  return db
    .insertInto('pair_reviews')
    .values({
      team_id: review.teamId,
      pair_id: review.pairId,
      reviewed_by: review.reviewedBy,
      achieved: review.achieved,
      next_steps: review.nextSteps,
      decision: review.decision,
      months: review.months,
      status: review.status,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findPairReview(db: Kysely<Database>, teamId: string, reviewId: number): Promise<PairReview | undefined> {
  return db.selectFrom('pair_reviews').selectAll().where('team_id', '=', teamId).where('id', '=', reviewId).executeTakeFirst();
}

/** The proposal of a pairing still waiting for the partner, if any. */
export function pendingProposal(db: Kysely<Database>, teamId: string, pairId: number): Promise<PairReview | undefined> {
  return db.selectFrom('pair_reviews').selectAll().where('team_id', '=', teamId).where('pair_id', '=', pairId).where('status', '=', 'pending').executeTakeFirst();
}

/**
 * Settles a proposal that is still pending; undefined when it was already settled (a double press,
 * or a newer review or an admin got there first), so the caller changes nothing else.
 */
export function settleProposal(db: Kysely<Database>, reviewId: number, status: 'agreed' | 'talk', by: string, at: Date): Promise<PairReview | undefined> {
  return db
    .updateTable('pair_reviews')
    .set({ status, decided_by: by, decided_at: at })
    .where('id', '=', reviewId)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst();
}

/** A newer review, or an admin's decision, replaces whatever proposal of the pairing was waiting. */
export function replacePendingProposals(db: Kysely<Database>, pairId: number, by: string, at: Date): Promise<PairReview[]> {
  return db
    .updateTable('pair_reviews')
    .set({ status: 'replaced', decided_by: by, decided_at: at })
    .where('pair_id', '=', pairId)
    .where('status', '=', 'pending')
    .returningAll()
    .execute();
}

/**
 * An admin ends a pairing: the pairing ends and a proposal still waiting is settled by the admin's
 * decision, in one statement (the command's budget before its ack is four queries).
 */
export function endPairByAdmin(db: Kysely<Database>, teamId: string, pairId: number, adminId: string, at: Date): Promise<Pair> {
  return db
    .with('settled', (qb) =>
      qb.updateTable('pair_reviews').set({ status: 'replaced', decided_by: adminId, decided_at: at }).where('team_id', '=', teamId).where('pair_id', '=', pairId).where('status', '=', 'pending').returning('id'),
    )
    .updateTable('pairs')
    .set({ status: 'ended', paused_until: null, ended_at: at })
    .where('team_id', '=', teamId)
    .where('id', '=', pairId)
    .returningAll()
    .executeTakeFirstOrThrow();
}
