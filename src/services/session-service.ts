import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { FieldErrors, UserError } from '../domain/errors.ts';
import type { SessionInput } from '../domain/inputs.ts';
import { goalsByIds, milestoneOwners, openGoalsOf, tickMilestones, type GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { claimDetails } from '../db/repositories/bookings-repository.ts';
import { addSessionDetails, insertSession } from '../db/repositories/sessions-repository.ts';
import type { AdviceItem, Pair, Program, Session } from '../db/schema.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export class SessionService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The actor's calendar day, in their Slack time zone. */
  private async todayFor(actor: Actor): Promise<string> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    return dayIn(this.deps.clock.now(), member.tz);
  }

  /** What the log form needs: the actor's day and the program's rules. */
  async formContext(actor: Actor): Promise<{ program: Program; today: string }> {
    const [program, today] = await Promise.all([defaultProgram(this.deps.db, actor.teamId), this.todayFor(actor)]);
    return { program, today };
  }

  /** The open goals of these pairs, offered in the log form. */
  openGoals(actor: Actor, pairIds: number[]): Promise<GoalWithProgress[]> {
    return openGoalsOf(this.deps.db, actor.teamId, pairIds);
  }

  /**
   * Writes the session, its advice items (each with a follow-up date) and commitments in one
   * transaction, and ticks the milestones it completed (open goals of the same pair only).
   * Advice is followed up the program's follow-up days after the session, and never
   * before tomorrow, so a session logged late still gives the mentee time to try the advice.
   * `detailsOf` names a booking whose session "Yes, we met" recorded: the form then fills in that
   * session, once, instead of adding another.
   */
  async logSession(actor: Actor, input: SessionInput, known: { program?: Program; today?: string; detailsOf?: number } = {}): Promise<{ session: Session; advice: AdviceItem[]; pair: Pair }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new sessions.');
    const goals = await goalsByIds(this.deps.db, actor.teamId, input.goalIds);
    if (goals.length !== new Set(input.goalIds).size || goals.some((g) => g.pair_id !== pair.id)) {
      throw new FieldErrors({ goal_ids: 'Pick only goals of the pairing this session belongs to.' });
    }
    const milestoneIds = [...new Set(input.milestoneIds)];
    const owners = await milestoneOwners(this.deps.db, actor.teamId, milestoneIds);
    if (owners.length !== milestoneIds.length || owners.some((m) => m.pair_id !== pair.id || m.goal_status !== 'open')) {
      throw new FieldErrors({ milestone_ids: 'Tick only open milestones of the pairing this session belongs to.' });
    }
    const program = known.program ?? (await defaultProgram(this.deps.db, actor.teamId));
    const today = known.today ?? (await this.todayFor(actor));
    const followUp = addDaysTo(input.heldOn, program.follow_up_days);
    const tomorrow = addDaysTo(today, 1);
    const now = this.deps.clock.now();
    const { session, advice } = await this.deps.db.transaction().execute(async (trx) => {
      await tickMilestones(trx, milestoneIds, now);
      const row = {
        teamId: actor.teamId,
        pairId: pair.id,
        heldOn: input.heldOn,
        minutes: input.minutes,
        topics: input.topics,
        notes: input.notes,
        usefulness: input.usefulness,
        loggedBy: actor.userId,
        goalIds: [...new Set(input.goalIds)],
        advice: input.advice,
        adviceFollowUpOn: followUp < tomorrow ? tomorrow : followUp,
        commitments: input.commitments,
      };
      if (known.detailsOf === undefined) return insertSession(trx, row);
      const booking = await claimDetails(trx, actor.teamId, known.detailsOf, now);
      const detailed = booking && booking.pair_id === pair.id ? await addSessionDetails(trx, booking.session_id!, row) : undefined;
      if (!detailed) throw new UserError('The details of this session were already added. `/mentor log` records another session.');
      return detailed;
    });
    return { session, advice, pair };
  }
}
