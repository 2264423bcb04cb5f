import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { DEFAULT_SESSION_MINUTES, meetingDayProblem } from '../domain/follow-up.ts';
import { FieldErrors, UserError } from '../domain/errors.ts';
import type { SessionInput } from '../domain/inputs.ts';
import { goalsByIds, milestoneOwners, openGoalsOf, tickMilestones, type GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { defaultProgram, programsOfMemberPairs } from '../db/repositories/programs-repository.ts';
import { addSessionDetails, insertSession, sessionOnDayLocked, usualMinutes } from '../db/repositories/sessions-repository.ts';
import { claimDetails } from '../db/repositories/bookings-repository.ts';
import type { AdviceItem, Pair, Program, Session } from '../db/schema.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { programOfPair } from './program-scope.ts';

/** The "We met" form's one field; a rule the server checks is reported on it. */
export const MET_ON_FIELD = 'met_on';

/** How far back "the program's usual" session length looks. */
const USUAL_MINUTES_DAYS = 90;

/** What "We met" did: a session recorded, or the one already logged that day. */
export interface MeetingRecord {
  session: Session;
  pair: Pair;
  recorded: boolean;
  /** The presser's calendar day, and the day the next session is due after this one. */
  today: string;
  nextDueOn: string;
}

export class SessionService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The actor's calendar day, in their Slack time zone. */
  private async todayFor(actor: Actor): Promise<string> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    return dayIn(this.deps.clock.now(), member.tz);
  }

  /**
   * What the log form needs: the actor's day and the rules of the programs of the pairings it offers
   * (their own ones only). `program` is the pairing's program when the form is about one pairing (or
   * all are in one program); `maxAdviceLines` the most any of them allows, checked per pairing on save.
   */
  async formContext(actor: Actor, pairIds: number[] = []): Promise<{ program: Program; programs: Program[]; today: string; maxAdviceLines: number }> {
    const [found, today] = await Promise.all([programsOfMemberPairs(this.deps.db, actor.teamId, actor.userId, pairIds), this.todayFor(actor)]);
    const programs = found.length > 0 ? found : [await defaultProgram(this.deps.db, actor.teamId)];
    return { program: programs[0]!, programs, today, maxAdviceLines: Math.max(...programs.map((p) => p.max_advice_lines)) };
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
    // The pairing's own program sets the follow-up days, whichever program the form was opened with.
    const program = known.program?.id === pair.program_id ? known.program : await programOfPair(this.deps, pair);
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
        createdAt: now,
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

  /** What the "We met" form shows: the presser's day and the length the session will be recorded with. */
  async meetingForm(actor: Actor, pairId: number): Promise<{ pair: Pair; today: string; minutes: number }> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new sessions.');
    const today = await this.todayFor(actor);
    return { pair, today, minutes: await this.usualMinutes(actor, pair, today) };
  }

  /**
   * "We met" on a reminder: records a session on that day (the program's usual length) so the pair
   * is back on track. A day that already has a session of the pair records nothing more, so both
   * members answering the same reminder, or one answering twice, count one meeting.
   */
  async recordMeeting(actor: Actor, input: { pairId: number; heldOn: string }): Promise<MeetingRecord> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new sessions.');
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    const today = dayIn(this.deps.clock.now(), member.tz);
    const problem = meetingDayProblem(input.heldOn, { today, startedOn: dayIn(pair.started_at, member.tz) });
    if (problem) throw new FieldErrors({ [MET_ON_FIELD]: problem });
    const minutes = await this.usualMinutes(actor, pair, today);
    const { session, recorded } = await this.deps.db.transaction().execute(async (trx) => {
      const existing = await sessionOnDayLocked(trx, pair.id, input.heldOn);
      if (existing) return { session: existing, recorded: false };
      const { session } = await insertSession(trx, {
        teamId: actor.teamId,
        pairId: pair.id,
        heldOn: input.heldOn,
        minutes,
        topics: '',
        notes: '',
        usefulness: null,
        loggedBy: actor.userId,
        goalIds: [],
        advice: [],
        adviceFollowUpOn: input.heldOn,
        commitments: [],
      });
      return { session, recorded: true };
    });
    const anchor = pair.rhythm_anchor_on > input.heldOn ? pair.rhythm_anchor_on : input.heldOn;
    return { session, pair, recorded, today, nextDueOn: addDaysTo(anchor, pair.cadence_days) };
  }

  /** The program's usual session length: the median of the last 90 days' sessions, or 60 minutes. */
  private async usualMinutes(actor: Actor, pair: Pair, today: string): Promise<number> {
    const median = await usualMinutes(this.deps.db, actor.teamId, pair.program_id, addDaysTo(today, -USUAL_MINUTES_DAYS));
    return median !== null && median >= 1 ? Math.round(median) : DEFAULT_SESSION_MINUTES;
  }
}
