import { addMonthsTo, dayIn, describeDayOf } from '../domain/calendar.ts';
import type { Duration } from '../domain/durations.ts';
import { AccessError, NotPairedError, UserError } from '../domain/errors.ts';
import { escapeMrkdwn, mention } from '../domain/mrkdwn.ts';
import { findLivePair, findLivePairsBetween, insertPair, livePairsOf, pauseAllPairsOf, setPairStatus, snoozePairRule } from '../db/repositories/pairs-repository.ts';
import { programOf } from '../db/repositories/programs-repository.ts';
import { endPairByAdmin } from '../db/repositories/reviews-repository.ts';
import { programsAmong } from '../db/repositories/programs-repository.ts';
import type { Kysely } from 'kysely';
import type { Database, Member, Pair, Program } from '../db/schema.ts';
import { ADMINS_ONLY, partnerOf, requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { UnknownUserError } from './member-directory.ts';
import { adminProgram, adminPrograms, NOT_ADMIN_OF, type AdministeredProgram, type ProgramPick } from './program-scope.ts';

/** How long "Snooze a week" keeps the gone-quiet reminder away from a pair. */
export const STALL_SNOOZE_DAYS = 7;

/** A pairing as the services hand it out. */
export type { Pair };

export interface PairInput {
  mentorId: string;
  menteeId: string;
  cadence: Duration | undefined;
  reverse: boolean;
  /** The program to pair in; by default the admin's current one. */
  program?: ProgramPick;
}

export class PairService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Admin creates a pairing; both people must be real, active, human members of the workspace. */
  async pair(actor: Actor, input: PairInput): Promise<Pair> {
    return (await this.pairIn(actor, input)).pair;
  }

  /**
   * The same, with the program it went into: the one the admin names or runs (see `adminProgram`),
   * with that program's cadence and review; a reverse-mentoring program makes reverse pairings.
   */
  async pairIn(actor: Actor, input: PairInput): Promise<{ pair: Pair; program: Program; choices: AdministeredProgram[] }> {
    // One query for all three profiles when the cache is fresh, which it usually is.
    const known = await this.deps.directory.freshProfiles(actor.teamId, [actor.userId, input.mentorId, input.menteeId]);
    const { program, choices } = await adminProgram(this.deps, actor, input.program ?? {}, known.has(actor.userId) ? { member: known.get(actor.userId)! } : {});
    if (input.mentorId === input.menteeId) throw new UserError('A person cannot mentor themselves: mention two different people.');
    if (program.archived_at) throw new UserError(`*${escapeMrkdwn(program.name)}* is archived, so it takes no new pairings.`);
    const [mentor, mentee] = await Promise.all([this.person(actor.teamId, input.mentorId, known), this.person(actor.teamId, input.menteeId, known)]);
    const now = this.deps.clock.now();
    const pair = await this.deps.db.transaction().execute((trx) =>
      this.pairInTransaction(trx, { program, mentor, mentee, reverse: input.reverse, cadenceDays: input.cadence?.days, createdBy: actor.userId, at: now, tz: known.get(actor.userId)?.tz }),
    );
    return { pair, program, choices };
  }

  /**
   * The pairing itself, inside the caller's transaction: refused when the two are already paired,
   * else inserted with the program's cadence and review; a reverse-mentoring program makes reverse
   * pairings. `/mentor pair`, a match and a mentor's accepted request all pair this way.
   */
  async pairInTransaction(
    trx: Kysely<Database>,
    p: { program: Program; mentor: Member; mentee: Member; reverse: boolean; cadenceDays: number | undefined; createdBy: string; at: Date; tz?: string | null | undefined },
  ): Promise<Pair> {
    const { program, mentor, mentee, at: now } = p;
    const existing = await findLivePair(trx, program.id, mentor.user_id, mentee.user_id);
    if (existing) {
      throw new UserError(
        `${mention(mentor.user_id)} already mentors ${mention(mentee.user_id)} (${existing.status === 'paused' ? 'paused' : 'active'} since ${describeDayOf(existing.started_at, p.tz, now)}).`,
      );
    }
    return insertPair(trx, {
      teamId: program.team_id,
      programId: program.id,
      mentorId: mentor.user_id,
      menteeId: mentee.user_id,
      kind: p.reverse || program.kind === 'reverse' ? 'reverse' : 'standard',
      cadenceDays: p.cadenceDays ?? program.cadence_days,
      startedAt: now,
      startedOn: dayIn(now, 'UTC'),
      reviewOn: addMonthsTo(dayIn(now, mentee.tz), program.review_months),
      createdBy: p.createdBy,
    });
  }

  /**
   * Ends the live pairing of these two in a program the admin runs (the named one, else any of
   * theirs); a pairing only in a program they don't run is refused and left as it is.
   */
  async end(actor: Actor, mentorId: string, menteeId: string, pick: ProgramPick = {}): Promise<Pair> {
    const named = pick.programId !== undefined || pick.name ? (await adminProgram(this.deps, actor, pick)).program : undefined;
    const { everyProgram, choices } = named ? { everyProgram: false, choices: [{ ...named, remembered: true }] } : await adminPrograms(this.deps, actor);
    if (!named && choices.length === 0 && !everyProgram) throw new AccessError(ADMINS_ONLY);
    const runs = (programId: number) => everyProgram || choices.some((c) => c.id === programId);
    const live = await findLivePairsBetween(this.deps.db, actor.teamId, mentorId, menteeId);
    const mine = live.filter((p) => runs(p.program_id));
    const nothing = `${mention(mentorId)} is not mentoring ${mention(menteeId)} right now${named ? ` in *${escapeMrkdwn(named.name)}*` : ''}, so there is nothing to end.`;
    if (mine.length === 0) {
      const elsewhere = live[0] && !named ? await programOf(this.deps.db, actor.teamId, live[0].program_id) : undefined;
      if (elsewhere) throw new AccessError(NOT_ADMIN_OF(elsewhere));
      throw new UserError(nothing);
    }
    if (mine.length > 1) {
      throw new UserError(`${mention(mentorId)} mentors ${mention(menteeId)} in several of your programs: say which, as \`/mentor end @mentor @mentee in <program>\`.`);
    }
    const pair = mine[0]!;
    // An admin's decision also settles a review proposal that was still waiting for the partner.
    return endPairByAdmin(this.deps.db, actor.teamId, pair.id, actor.userId, this.deps.clock.now());
  }

  /** A pairing the actor belongs to; the same refusal whether or not it exists. */
  visiblePair(actor: Actor, pairId: number): Promise<Pair> {
    return requirePairMember(this.deps, actor, pairId);
  }

  livePairs(actor: Actor): Promise<Pair[]> {
    return livePairsOf(this.deps.db, actor.teamId, actor.userId);
  }

  /**
   * The names of the programs of these pairs (the actor's own), to tell them apart in a select;
   * empty, and no query, when they are all in one program.
   */
  async programNames(actor: Actor, pairs: Pair[]): Promise<Map<number, string>> {
    const ids = [...new Set(pairs.map((p) => p.program_id))];
    if (ids.length <= 1) return new Map();
    return new Map((await programsAmong(this.deps.db, actor.teamId, ids)).map((p) => [p.id, p.name]));
  }

  async pause(actor: Actor, input: { duration: Duration | undefined; partnerId: string | undefined }): Promise<Pair> {
    const pair = await this.pickPair(actor, input.partnerId, 'active', 'pause');
    const until = input.duration ? new Date(this.deps.clock.now().getTime() + input.duration.days * 86_400_000) : null;
    return setPairStatus(this.deps.db, actor.teamId, pair.id, { status: 'paused', pausedUntil: until });
  }

  async resume(actor: Actor, partnerId: string | undefined): Promise<Pair> {
    const pair = await this.pickPair(actor, partnerId, 'paused', 'resume');
    return setPairStatus(this.deps.db, actor.teamId, pair.id, { status: 'active' });
  }

  /** Keeps the stalled rule quiet for this pair for a week; it resumes by itself. */
  async snoozeStall(actor: Actor, pairId: number): Promise<{ pair: Pair; until: Date }> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    const until = new Date(this.deps.clock.now().getTime() + STALL_SNOOZE_DAYS * 86_400_000);
    await snoozePairRule(this.deps.db, { teamId: actor.teamId, pairId: pair.id, rule: 'stalled', until, snoozedBy: actor.userId });
    return { pair, until };
  }

  /** "Pause" on a nudge: this pairing, until someone resumes it. */
  async pausePair(actor: Actor, pairId: number): Promise<Pair> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended.');
    return setPairStatus(this.deps.db, actor.teamId, pair.id, { status: 'paused', pausedUntil: null });
  }

  /** Someone left the workspace: their pairs stop nudging anyone until an admin decides. */
  async pauseForDeparture(teamId: string, userId: string): Promise<Pair[]> {
    return pauseAllPairsOf(this.deps.db, teamId, userId);
  }

  private async pickPair(actor: Actor, partnerId: string | undefined, status: 'active' | 'paused', verb: string): Promise<Pair> {
    const pairs = await this.livePairs(actor);
    if (pairs.length === 0) throw new NotPairedError();
    const candidates = pairs.filter((p) => p.status === status && (!partnerId || partnerOf(p, actor.userId) === partnerId));
    if (partnerId && !pairs.some((p) => partnerOf(p, actor.userId) === partnerId)) {
      throw new UserError(`You're not paired with ${mention(partnerId)}.`);
    }
    if (candidates.length === 0) {
      throw new UserError(status === 'active' ? 'That pairing is already paused. Use `/mentor resume` to restart it.' : 'That pairing is not paused.');
    }
    if (candidates.length > 1) {
      const names = candidates.map((p) => mention(partnerOf(p, actor.userId))).join(', ');
      throw new UserError(`You're in several pairings (${names}). Say which one: \`/mentor ${verb} @partner\`.`);
    }
    return candidates[0]!;
  }

  /** Someone who may be paired: a real, active, human member of the workspace. */
  pairable(teamId: string, userId: string): Promise<Member> {
    return this.person(teamId, userId, new Map());
  }

  private async person(teamId: string, userId: string, known: Map<string, Member>) {
    try {
      const member = known.get(userId) ?? (await this.deps.directory.get(teamId, userId));
      if (member.is_bot) throw new UserError(`${mention(userId)} is a bot: pair people only.`);
      if (member.deactivated) throw new UserError(`${mention(userId)} is deactivated in this workspace.`);
      return member;
    } catch (error) {
      if (error instanceof UnknownUserError) throw new UserError(`I can't find ${mention(userId)} in this workspace.`);
      throw error;
    }
  }
}
