import { addDaysTo, addMonthsTo, dayIn } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { findAdvice } from '../db/repositories/advice-repository.ts';
import { setPairStatus } from '../db/repositories/pairs-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import type { Goal, Pair } from '../db/schema.ts';
import { requirePairMember } from './access.ts';
import { ONLY_MENTEE_CLOSES } from './advice-service.ts';
import type { Actor, ServiceDeps } from './context.ts';

export const SNOOZE_DAYS = 7;

export type ReviewDecision = { decision: 'continue' } | { decision: 'extend'; months: number } | { decision: 'conclude' };

/** What the buttons on nudges do; every one re-checks that the presser belongs to the pair. */
export class NudgeActionsService {
  constructor(private readonly deps: ServiceDeps) {}

  private async today(actor: Actor): Promise<string> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    return dayIn(this.deps.clock.now(), member.tz);
  }

  /** Keeps the stalled rule quiet for this pair for a week; it resumes by itself. */
  async snoozeStall(actor: Actor, pairId: number): Promise<{ pair: Pair; until: Date }> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    const until = new Date(this.deps.clock.now().getTime() + SNOOZE_DAYS * 86_400_000);
    await this.deps.db
      .insertInto('rule_snoozes')
      .values({ team_id: actor.teamId, pair_id: pair.id, rule: 'stalled', until, snoozed_by: actor.userId })
      .onConflict((oc) => oc.columns(['pair_id', 'rule']).doUpdateSet({ until, snoozed_by: actor.userId }))
      .execute();
    return { pair, until };
  }

  async pausePair(actor: Actor, pairId: number): Promise<Pair> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended.');
    return setPairStatus(this.deps.db, actor.teamId, pair.id, { status: 'paused', pausedUntil: null });
  }

  /** "Not yet": the mentee is asked again about this advice in a week. */
  async snoozeAdvice(actor: Actor, adviceId: number): Promise<string> {
    const advice = Number.isSafeInteger(adviceId) ? await findAdvice(this.deps.db, actor.teamId, adviceId) : undefined;
    if (!advice) throw new AccessError("That advice isn't yours to see.");
    const pair = await requirePairMember(this.deps, actor, advice.pair_id);
    if (pair.mentee_id !== actor.userId) throw new AccessError(ONLY_MENTEE_CLOSES);
    if (advice.outcome !== 'open') throw new UserError('You already closed the loop on this advice.');
    const until = addDaysTo(await this.today(actor), SNOOZE_DAYS);
    await this.deps.db.updateTable('advice_items').set({ snoozed_until: until }).where('id', '=', advice.id).execute();
    return until;
  }

  /** A goal the actor may change (either member of its pair), with its pair. */
  async changeableGoal(actor: Actor, goalId: number): Promise<{ goal: Goal; pair: Pair }> {
    const goal = Number.isSafeInteger(goalId)
      ? await this.deps.db.selectFrom('goals').selectAll().where('team_id', '=', actor.teamId).where('id', '=', goalId).executeTakeFirst()
      : undefined;
    if (!goal) throw new AccessError("That goal isn't yours to change.");
    const pair = await requirePairMember(this.deps, actor, goal.pair_id);
    return { goal, pair };
  }

  async setGoalStatus(actor: Actor, goalId: number, status: 'achieved' | 'dropped'): Promise<{ goal: Goal; pair: Pair; changed: boolean }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.status !== 'open') return { goal, pair, changed: false };
    const updated = await this.deps.db
      .updateTable('goals')
      .set({ status, achieved_at: status === 'achieved' ? this.deps.clock.now() : null })
      .where('id', '=', goal.id)
      .where('status', '=', 'open')
      .returningAll()
      .executeTakeFirst();
    return { goal: updated ?? goal, pair, changed: updated !== undefined };
  }

  async setGoalDate(actor: Actor, goalId: number, targetDate: string): Promise<{ goal: Goal; pair: Pair }> {
    const { goal, pair } = await this.changeableGoal(actor, goalId);
    if (goal.status !== 'open') throw new UserError('That goal is no longer open.');
    const updated = await this.deps.db.updateTable('goals').set({ target_date: targetDate }).where('id', '=', goal.id).returningAll().executeTakeFirstOrThrow();
    return { goal: updated, pair };
  }

  async todayFor(actor: Actor): Promise<string> {
    return this.today(actor);
  }

  /** Records the review and applies the decision: a new review date, or the end of the pairing. */
  async review(actor: Actor, pairId: number, achieved: string, choice: ReviewDecision): Promise<Pair> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has already ended.');
    const program = await defaultProgram(this.deps.db, actor.teamId);
    const today = await this.today(actor);
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      await trx
        .insertInto('pair_reviews')
        .values({ team_id: actor.teamId, pair_id: pair.id, reviewed_by: actor.userId, achieved, decision: choice.decision, months: choice.decision === 'extend' ? choice.months : null })
        .execute();
      if (choice.decision === 'conclude') return setPairStatus(trx, actor.teamId, pair.id, { status: 'ended', endedAt: now });
      const from = pair.review_on > today ? pair.review_on : today;
      const reviewOn = addMonthsTo(from, choice.decision === 'extend' ? choice.months : program.review_months);
      return trx.updateTable('pairs').set({ review_on: reviewOn }).where('id', '=', pair.id).returningAll().executeTakeFirstOrThrow();
    });
  }
}
