import { dayIn, isCalendarDay, type CalendarDay } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import type { ConfidenceMoment } from '../domain/outcomes.ts';
import { findGoal, openGoalsOf } from '../db/repositories/goals-repository.ts';
import { findPair } from '../db/repositories/pairs-repository.ts';
import { insertNudges } from '../db/repositories/scheduler-repository.ts';
import { confidenceEnabledForPair, recordConfidence, type ConfidenceRatingRow } from '../db/repositories/surveys-repository.ts';
import type { Goal, Pair } from '../db/schema.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { ConfidenceMoment, ConfidenceRatingRow };

export const ONLY_MENTEE_RATES = 'Only the mentee rates their own confidence in a goal, so nothing was saved.';
export const CONFIDENCE_OFF = 'This program no longer asks about confidence, so nothing was saved.';

/** A rating the mentee is asked for: which goals, at which moment (a review names its day). */
export interface ConfidenceQuestion {
  teamId: string;
  programId: number;
  pairId: number;
  menteeId: string;
  mentorId: string;
  moment: ConfidenceMoment;
  reviewOn?: CalendarDay;
  goals: Array<{ id: number; title: string }>;
}

/** How much a goal can be rated at each moment: the moment must fit the goal and the pairing now. */
function momentFits(moment: ConfidenceMoment, goal: Goal, pair: Pair, reviewOn: string | undefined, today: CalendarDay): boolean {
  switch (moment) {
    case 'set':
      return true;
    case 'achieved':
    case 'dropped':
      return goal.status === moment;
    case 'review':
      return reviewOn !== undefined && isCalendarDay(reviewOn) && reviewOn >= dayIn(pair.started_at, 'UTC') && reviewOn <= today;
    case 'end':
      return pair.status === 'ended';
    default:
      return false;
  }
}

const MOMENTS: readonly ConfidenceMoment[] = ['set', 'achieved', 'dropped', 'review', 'end'];

/**
 * "How confident are you at this today?" 1–5: the mentee's rating of a goal when it is set, when it
 * is achieved or dropped, at each review and at the end. Private to the mentee; the report reads the
 * median change only. The program can turn the question off.
 */
export class ConfidenceService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The mentee's rating; anyone else is refused. A second rating of the same moment updates the first. */
  async rate(actor: Actor, input: { goalId: number; moment: string; reviewOn?: string; rating: number }): Promise<{ goal: Goal; rating: ConfidenceRatingRow }> {
    const goal = Number.isSafeInteger(input.goalId) ? await findGoal(this.deps.db, actor.teamId, input.goalId) : undefined;
    if (!goal) throw new AccessError("That goal isn't one of yours.");
    const pair = await requirePairMember(this.deps, actor, goal.pair_id);
    if (pair.mentee_id !== actor.userId) throw new AccessError(ONLY_MENTEE_RATES);
    if (!Number.isInteger(input.rating) || input.rating < 1 || input.rating > 5) throw new UserError('Pick a number from 1 to 5.');
    const moment = MOMENTS.find((m) => m === input.moment);
    const now = this.deps.clock.now();
    if (!moment || !momentFits(moment, goal, pair, input.reviewOn, dayIn(now, 'UTC'))) throw new UserError("That question isn't one I asked about this goal, so nothing was saved.");
    if (!(await confidenceEnabledForPair(this.deps.db, actor.teamId, pair.id))) throw new UserError(CONFIDENCE_OFF);
    const rating = await recordConfidence(this.deps.db, {
      teamId: actor.teamId,
      goalId: goal.id,
      moment,
      ...(moment === 'review' ? { reviewOn: input.reviewOn! } : {}),
      rating: input.rating,
      ratedBy: actor.userId,
      at: now,
    });
    // The insert re-checks that the rater is the goal's mentee: a pairing changed since the read writes nothing.
    if (!rating) throw new AccessError(ONLY_MENTEE_RATES);
    return { goal, rating };
  }

  /** The question after a goal was set, achieved or dropped; undefined when the program does not ask. */
  async questionForGoal(teamId: string, goalId: number, moment: 'set' | 'achieved' | 'dropped'): Promise<ConfidenceQuestion | undefined> {
    const goal = await findGoal(this.deps.db, teamId, goalId);
    const pair = goal && (await findPair(this.deps.db, teamId, goal.pair_id));
    if (!goal || !pair || !(await confidenceEnabledForPair(this.deps.db, teamId, pair.id))) return undefined;
    return { teamId, programId: pair.program_id, pairId: pair.id, menteeId: pair.mentee_id, mentorId: pair.mentor_id, moment, goals: [{ id: goal.id, title: goal.title }] };
  }

  /**
   * The question after a review (the pairing's open goals, under the review's day) or at the end
   * (a review that concluded it, or an admin's `/mentor end`); undefined when there is nothing to ask.
   */
  async questionForPair(teamId: string, pairId: number): Promise<ConfidenceQuestion | undefined> {
    const pair = await findPair(this.deps.db, teamId, pairId);
    if (!pair || !(await confidenceEnabledForPair(this.deps.db, teamId, pair.id))) return undefined;
    const goals = await openGoalsOf(this.deps.db, teamId, [pair.id]);
    if (goals.length === 0) return undefined;
    const ended = pair.status === 'ended';
    return {
      teamId,
      programId: pair.program_id,
      pairId: pair.id,
      menteeId: pair.mentee_id,
      mentorId: pair.mentor_id,
      moment: ended ? 'end' : 'review',
      ...(ended ? {} : { reviewOn: dayIn(this.deps.clock.now(), 'UTC') }),
      goals: goals.map((g) => ({ id: g.id, title: g.title })),
    };
  }

  /**
   * Queues the question after a goal was set, achieved or dropped: the sweep sends it to the mentee
   * in their working hours, bundled into their one message of the day, once per goal and moment.
   * False when the program does not ask (or the goal is gone).
   */
  async queueForGoal(teamId: string, goalId: number, moment: 'set' | 'achieved' | 'dropped'): Promise<boolean> {
    const question = await this.questionForGoal(teamId, goalId, moment);
    return question ? this.queue(question) : false;
  }

  /** Queues the question after a review (its day) or at the end of a pairing, for its open goals. */
  async queueForPair(teamId: string, pairId: number): Promise<boolean> {
    const question = await this.questionForPair(teamId, pairId);
    return question ? this.queue(question) : false;
  }

  /** One nudge per question: a goal's moment, or a pairing's review day or end. Titles are read when it is composed. */
  private async queue(q: ConfidenceQuestion): Promise<boolean> {
    const now = this.deps.clock.now();
    const byGoal = q.moment === 'set' || q.moment === 'achieved' || q.moment === 'dropped';
    const inserted = await insertNudges(this.deps.db, [{
      team_id: q.teamId,
      program_id: q.programId,
      rule: 'confidence',
      subject: byGoal ? `goal:${q.goals[0]!.id}` : `pair:${q.pairId}`,
      period: q.moment === 'review' ? `review:${q.reviewOn}` : q.moment,
      recipient_id: q.menteeId,
      pair_id: q.pairId,
      detail: JSON.stringify({ moment: q.moment, ...(q.reviewOn ? { reviewOn: q.reviewOn } : {}), mentorId: q.mentorId, goalIds: q.goals.map((g) => g.id) }),
      due_at: now,
      deliver_after: now,
    }]);
    return inserted > 0;
  }
}
