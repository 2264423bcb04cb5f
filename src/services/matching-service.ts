import { dayIn } from '../domain/calendar.ts';
import { UserError } from '../domain/errors.ts';
import { choicesFor, pairBlocker, suggestMatches, type Choice, type JoinInput, type MatchInput, type MatchResult, type PairBlocker } from '../domain/matching.ts';
import { REQUEST_WAIT_DAYS, requestLapsed } from '../domain/mentee-choice.ts';
import { escapeMrkdwn, mention } from '../domain/mrkdwn.ts';
import { hasProfile, loadMatchPool, profilesOf, recordSkip, saveProfiles, type MatchPool } from '../db/repositories/profiles-repository.ts';
import { defaultProgram, programOf } from '../db/repositories/programs-repository.ts';
import {
  insertMatchRequest,
  liveRolesOf,
  lockMentorProfile,
  matchRequestById,
  menteeChoicePrograms,
  mentorsWhoSaidNo,
  pendingRequestOf,
  settleMatchRequest,
} from '../db/repositories/match-requests-repository.ts';
import type { MatchRequest, Member, MemberProfile, Pair, Program } from '../db/schema.ts';
import { AccessError } from '../domain/errors.ts';
import { adminProgram, type AdministeredProgram, type ProgramPick } from './program-scope.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { PairService } from './pair-service.ts';

export interface ProfileForm {
  program: Program;
  programSkills: string[];
  mentee: MemberProfile | undefined;
  mentor: MemberProfile | undefined;
  managerId: string | null;
}

export interface MatchRun extends MatchResult {
  includePrevious: boolean;
  /** The program suggested in, and the programs this admin could switch to. */
  program?: Program;
  choices?: AdministeredProgram[];
}

export interface SuggestionRef {
  mentorId: string;
  menteeId: string;
  /** The suggestion came from a run that included people paired before. */
  includePrevious: boolean;
}

export type { MatchRequest, MemberProfile, Program };

/** A mentor a mentee may ask, with the name their button shows. */
export interface NamedChoice extends Choice {
  name: string;
}

/** What a mentee sees when they choose their mentor: three choices, or why there are none to make. */
export type MenteeChoices =
  | { state: 'choose'; program: Program; choices: NamedChoice[] }
  | { state: 'pending'; program: Program; request: MatchRequest }
  | { state: 'paired'; program: Program };

/** A mentor's answer to a request, as it came out. */
export type RequestAnswer =
  | { outcome: 'paired'; pair: Pair; request: MatchRequest; program: Program }
  /** The mentor had no place left (or no longer mentors here): the mentee picks again. */
  | { outcome: 'full'; request: MatchRequest; program: Program };

/** What the kickoff says about each person: what the mentee wants to grow and what the mentor offers. */
export interface KickoffIntro {
  program: Program;
  mentee: MemberProfile | undefined;
  mentor: MemberProfile | undefined;
}

/** The first word of a person's name, for a button ("Ask Maya"). */
export function firstName(member: Pick<Member, 'display_name' | 'real_name' | 'user_id'>): string {
  const name = (member.real_name || member.display_name).trim().split(/\s+/)[0];
  return name || member.user_id;
}

/** Someone already in a program may change their answers; nobody new joins a closed, ended or archived one. */
function refuseNewJoiner(program: Program, alreadyIn: boolean, today: string): void {
  if (alreadyIn && !program.archived_at) return;
  const name = `*${escapeMrkdwn(program.name)}*`;
  if (program.archived_at) throw new UserError(`${name} is archived, so nobody new can join it.`);
  if (program.ends_on !== null && program.ends_on < today) throw new UserError(`${name} has ended, so nobody new can join it. Its program admins can tell you about the next one.`);
  if (!program.enrolment_open) throw new UserError(`${name} isn't taking new people right now. Its program admins can tell you when it opens.`);
}

/** Profiles from `/mentor join`, and `/mentor match` suggestions with their Pair / Skip actions. */
export class MatchingService {
  /** Presses on suggestions of one program run one at a time, so two quick presses cannot both pass the re-check. */
  private readonly queues = new Map<number, Promise<unknown>>();

  constructor(
    private readonly deps: ServiceDeps,
    private readonly pairs: PairService,
  ) {}

  /** What the join modal shows: the program's skill list and the person's saved answers. */
  async profileForm(actor: Actor, programId?: number): Promise<ProfileForm> {
    await this.joiner(actor);
    const program = await this.programToJoin(actor, programId);
    const rows = await profilesOf(this.deps.db, actor.teamId, program.id, actor.userId);
    refuseNewJoiner(program, rows.length > 0, dayIn(this.deps.clock.now(), 'UTC'));
    return {
      program,
      programSkills: program.skills,
      mentee: rows.find((r) => r.role === 'mentee'),
      mentor: rows.find((r) => r.role === 'mentor'),
      managerId: rows[0]?.manager_id ?? null,
    };
  }

  async programSkills(actor: Actor, programId?: number): Promise<string[]> {
    return (await this.programToJoin(actor, programId)).skills;
  }

  /** The program a join names (from an announcement), or the workspace's default one. */
  private async programToJoin(actor: Actor, programId: number | undefined): Promise<Program> {
    if (programId === undefined) return defaultProgram(this.deps.db, actor.teamId);
    const program = Number.isSafeInteger(programId) ? await programOf(this.deps.db, actor.teamId, programId) : undefined;
    if (!program) throw new UserError('That program no longer exists. Ask a program admin which one to join.');
    return program;
  }

  /**
   * Saves the roles picked and drops a role no longer picked; `updated` when a profile existed.
   * With `role` (joined by that role's button) only that role is saved and the other one stays;
   * `updated` then says whether that role's answers existed.
   */
  async saveProfile(actor: Actor, input: JoinInput, programId?: number, role?: 'mentee' | 'mentor'): Promise<{ mentee: boolean; mentor: boolean; updated: boolean; program: Program }> {
    if (role) input = { ...input, mentee: role === 'mentee' ? input.mentee : null, mentor: role === 'mentor' ? input.mentor : null };
    if (!input.mentee && !input.mentor) throw new UserError('Pick at least one role: mentee, mentor or both.');
    await this.joiner(actor);
    const program = await this.programToJoin(actor, programId);
    const at = this.deps.clock.now();
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      const before = await profilesOf(trx, actor.teamId, program.id, actor.userId);
      refuseNewJoiner(program, before.length > 0, dayIn(at, 'UTC'));
      await saveProfiles(trx, { teamId: actor.teamId, programId: program.id, userId: actor.userId, managerId: input.managerId, mentee: input.mentee, mentor: input.mentor, at, keepOtherRole: role !== undefined });
      return role ? before.some((r) => r.role === role) : before.length > 0;
    });
    return { mentee: input.mentee !== null, mentor: input.mentor !== null, updated, program };
  }

  /** Admins: suggested pairs for the program's unpaired mentees. */
  async suggest(actor: Actor, opts: { includePrevious: boolean }, pick: ProgramPick = {}): Promise<MatchRun> {
    const { program, choices } = await adminProgram(this.deps, actor, pick);
    const pool = await loadMatchPool(this.deps.db, actor.teamId, program.id);
    return { ...suggestMatches(matchInput(pool, program, opts.includePrevious)), includePrevious: opts.includePrevious, program, choices };
  }

  /** "Pair them": the suggestion is re-checked, then paired exactly as `/mentor pair` does. */
  async pairSuggestion(actor: Actor, ref: SuggestionRef, pick: ProgramPick = {}): Promise<Pair> {
    const { program } = await adminProgram(this.deps, actor, pick);
    return this.oneAtATime(program.id, async () => {
      const pool = await loadMatchPool(this.deps.db, actor.teamId, program.id, ref);
      const blocker = pairBlocker(matchInput(pool, program, ref.includePrevious), ref.mentorId, ref.menteeId);
      if (blocker) throw new UserError(blockerMessage(blocker, ref));
      try {
        return await this.pairs.pair(actor, { mentorId: ref.mentorId, menteeId: ref.menteeId, cadence: undefined, reverse: false, program: { programId: program.id } });
      } catch (error) {
        // Another replica paired the same two a moment ago: the live-pair unique index said no.
        if ((error as { code?: string }).code === '23505') throw new UserError(blockerMessage('mentee_unavailable', ref));
        throw error;
      }
    });
  }

  /** "Skip": this mentor is never suggested for this mentee again; false when already skipped. */
  async skipSuggestion(actor: Actor, ref: Omit<SuggestionRef, 'includePrevious'>, pick: ProgramPick = {}): Promise<boolean> {
    const { program } = await adminProgram(this.deps, actor, pick);
    if (ref.mentorId === ref.menteeId) throw new UserError(blockerMessage('self', ref));
    const [mentee, mentor] = await Promise.all([
      hasProfile(this.deps.db, actor.teamId, program.id, ref.menteeId, 'mentee'),
      hasProfile(this.deps.db, actor.teamId, program.id, ref.mentorId, 'mentor'),
    ]);
    if (!mentee) throw new UserError(blockerMessage('mentee_unavailable', ref));
    if (!mentor) throw new UserError(blockerMessage('mentor_unavailable', ref));
    return recordSkip(this.deps.db, { teamId: program.team_id, programId: program.id, mentorId: ref.mentorId, menteeId: ref.menteeId, skippedBy: actor.userId, at: this.deps.clock.now() });
  }

  /**
   * Mentee-choice programs: the mentee's three best mentors to ask, each with why they fit. The
   * program is the one named, else the first mentee-choice program the person is a mentee in.
   */
  async menteeChoices(actor: Actor, programId?: number): Promise<MenteeChoices> {
    const program = await this.choiceProgram(actor, programId);
    const [roles, pending] = await Promise.all([liveRolesOf(this.deps.db, program.id, actor.userId), this.waitingRequest(program.id, actor.userId)]);
    if (roles.asMentee > 0) return { state: 'paired', program };
    if (pending) return { state: 'pending', program, request: pending };
    const [pool, saidNo] = await Promise.all([loadMatchPool(this.deps.db, actor.teamId, program.id), mentorsWhoSaidNo(this.deps.db, program.id, actor.userId)]);
    const choices = choicesFor(matchInput(pool, program, false), actor.userId, { exclude: saidNo, limit: 3 });
    const named = await Promise.all(choices.map(async (c) => ({ ...c, name: firstName(await this.deps.directory.get(actor.teamId, c.mentorId)) })));
    return { state: 'choose', program, choices: named };
  }

  /** "Ask Maya": a pending request to that mentor, after the same checks as a suggestion. */
  async askMentor(actor: Actor, programId: number, mentorId: string): Promise<{ request: MatchRequest; program: Program; mentee: MemberProfile }> {
    const program = await this.choiceProgram(actor, programId);
    const pending = await this.waitingRequest(program.id, actor.userId);
    if (pending) throw new UserError(pendingMessage(pending));
    const [pool, saidNo] = await Promise.all([
      loadMatchPool(this.deps.db, actor.teamId, program.id, { mentorId, menteeId: actor.userId }),
      mentorsWhoSaidNo(this.deps.db, program.id, actor.userId),
    ]);
    const blocker = pairBlocker(matchInput(pool, program, false), mentorId, actor.userId);
    if (blocker) throw new UserError(askBlockerMessage(blocker, mentorId));
    if (saidNo.includes(mentorId)) throw new UserError(`${mention(mentorId)} can’t take you on this time. Press *Show my suggestions* for others.`);
    const request = await insertMatchRequest(this.deps.db, { teamId: actor.teamId, programId: program.id, menteeId: actor.userId, mentorId, at: this.deps.clock.now() });
    if (!request) {
      const now = await pendingRequestOf(this.deps.db, program.id, actor.userId);
      throw new UserError(now ? pendingMessage(now) : 'You asked a mentor a moment ago. Wait for their answer.');
    }
    const mentee = pool.profiles.find((p) => p.user_id === actor.userId && p.role === 'mentee')!;
    return { request, program, mentee };
  }

  /**
   * The mentor accepts: in one transaction the request and the mentor's profile are locked, the
   * mentor's live pairings counted against their capacity and the mentee checked still unpaired; then
   * the pairing is made as `/mentor pair` makes it (reverse in a reverse program).
   */
  async acceptRequest(actor: Actor, requestId: number): Promise<RequestAnswer> {
    const first = await this.requestToAnswer(actor, requestId);
    const [mentor, mentee] = await Promise.all([this.pairs.pairable(actor.teamId, first.mentor_id), this.pairs.pairable(actor.teamId, first.mentee_id)]);
    const program = await programOf(this.deps.db, actor.teamId, first.program_id);
    if (!program) throw new UserError(STALE);
    const at = this.deps.clock.now();
    const answer = await this.deps.db.transaction().execute(async (trx) => {
      const request = await matchRequestById(trx, actor.teamId, requestId, { lock: true });
      if (!request || request.status !== 'pending') return { outcome: 'stale' as const, request };
      // The program may have closed, or the mentee left it, since they asked.
      if (program.archived_at || !(await hasProfile(trx, actor.teamId, program.id, request.mentee_id, 'mentee'))) {
        return { outcome: 'closed' as const, request: await settleMatchRequest(trx, request.id, 'expired', at) };
      }
      const profile = await lockMentorProfile(trx, actor.teamId, program.id, request.mentor_id);
      const [mentorRoles, menteeRoles] = await Promise.all([liveRolesOf(trx, program.id, request.mentor_id), liveRolesOf(trx, program.id, request.mentee_id)]);
      if (menteeRoles.asMentee > 0) return { outcome: 'mentee_paired' as const, request: await settleMatchRequest(trx, request.id, 'expired', at) };
      if (!profile || mentorRoles.asMentor >= profile.capacity) return { outcome: 'full' as const, request: (await settleMatchRequest(trx, request.id, 'expired', at))! };
      const pair = await this.pairs.pairInTransaction(trx, { program, mentor, mentee, reverse: program.kind === 'reverse', cadenceDays: undefined, createdBy: actor.userId, at, tz: mentor.tz });
      return { outcome: 'paired' as const, pair, request: (await settleMatchRequest(trx, request.id, 'accepted', at))! };
    });
    if (answer.outcome === 'stale') throw new UserError(staleMessage(answer.request ?? first));
    if (answer.outcome === 'closed') {
      throw new UserError(program.archived_at
        ? `*${escapeMrkdwn(program.name)}* is archived, so it makes no new pairings. The request is closed.`
        : `${mention(first.mentee_id)} is no longer looking for a mentor in *${escapeMrkdwn(program.name)}*, so there is nothing to accept.`);
    }
    if (answer.outcome === 'mentee_paired') throw new UserError(`${mention(first.mentee_id)} has found a mentor meanwhile, so there is nothing to accept. Thank you all the same!`);
    return { ...answer, program };
  }

  /** The mentor declines: the request is settled and the mentee picks again, without this mentor. */
  async declineRequest(actor: Actor, requestId: number): Promise<{ request: MatchRequest; program: Program }> {
    const first = await this.requestToAnswer(actor, requestId);
    const request = await settleMatchRequest(this.deps.db, first.id, 'declined', this.deps.clock.now());
    if (!request) throw new UserError(staleMessage((await matchRequestById(this.deps.db, actor.teamId, requestId)) ?? first));
    const program = await programOf(this.deps.db, actor.teamId, request.program_id);
    if (!program) throw new UserError(STALE);
    return { request, program };
  }

  /** What the kickoff introduces: both people's profiles in the pairing's program (either may have none). */
  async kickoffIntro(teamId: string, pair: Pair): Promise<KickoffIntro | undefined> {
    const program = await programOf(this.deps.db, teamId, pair.program_id);
    if (!program) return undefined;
    const [mentee, mentor] = await Promise.all([profilesOf(this.deps.db, teamId, program.id, pair.mentee_id), profilesOf(this.deps.db, teamId, program.id, pair.mentor_id)]);
    return { program, mentee: mentee.find((p) => p.role === 'mentee'), mentor: mentor.find((p) => p.role === 'mentor') };
  }

  /** The mentee's request still waiting for an answer; one that waited a week is closed, so they may ask someone else. */
  private async waitingRequest(programId: number, menteeId: string): Promise<MatchRequest | undefined> {
    const pending = await pendingRequestOf(this.deps.db, programId, menteeId);
    const now = this.deps.clock.now();
    if (!pending || !requestLapsed(pending.created_at, now)) return pending;
    await settleMatchRequest(this.deps.db, pending.id, 'expired', now);
    return undefined;
  }

  /** A request only its mentor may answer; the same refusal for a request of another workspace. */
  private async requestToAnswer(actor: Actor, requestId: number): Promise<MatchRequest> {
    const request = Number.isSafeInteger(requestId) ? await matchRequestById(this.deps.db, actor.teamId, requestId) : undefined;
    if (!request) throw new UserError(STALE);
    if (request.mentor_id !== actor.userId) throw new AccessError(`Only ${mention(request.mentor_id)}, the mentor ${mention(request.mentee_id)} asked, can answer this request.`);
    if (request.status !== 'pending') throw new UserError(staleMessage(request));
    return request;
  }

  /** The mentee-choice program a mentee acts in, checked: mentees choose there and they are one of its mentees. */
  private async choiceProgram(actor: Actor, programId: number | undefined): Promise<Program> {
    let program: Program | undefined;
    if (programId !== undefined) program = Number.isSafeInteger(programId) ? await programOf(this.deps.db, actor.teamId, programId) : undefined;
    else program = (await menteeChoicePrograms(this.deps.db, actor.teamId, actor.userId))[0] ?? (await defaultProgram(this.deps.db, actor.teamId));
    if (!program) throw new UserError('That program no longer exists.');
    const name = `*${escapeMrkdwn(program.name)}*`;
    if (program.matching_mode !== 'mentee') throw new UserError(`In ${name}, program admins choose each mentee’s mentor. You’ll hear from me once they pair you.`);
    if (program.archived_at) throw new UserError(`${name} is archived, so it makes no new pairings.`);
    if (!(await hasProfile(this.deps.db, actor.teamId, program.id, actor.userId, 'mentee'))) {
      throw new UserError(`Join ${name} as a mentee first (\`/mentor join\`): your skills to grow are what I suggest mentors from.`);
    }
    return program;
  }

  /** The person joining: a real member of the workspace (this also keeps their members row, which profiles reference). */
  private async joiner(actor: Actor): Promise<void> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    if (member.is_bot) throw new UserError('Bots cannot join the mentoring program.');
  }

  private oneAtATime<T>(key: number, work: () => Promise<T>): Promise<T> {
    const previous = this.queues.get(key) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(work);
    const settled = next.catch(() => undefined);
    this.queues.set(key, settled);
    void settled.then(() => {
      if (this.queues.get(key) === settled) this.queues.delete(key);
    });
    return next;
  }
}

function matchInput(pool: MatchPool, program: Program, includePrevious: boolean): MatchInput {
  return {
    mentees: pool.profiles.filter((p) => p.role === 'mentee').map((p) => ({ userId: p.user_id, skills: p.skills, gap: p.gap, managerId: p.manager_id })),
    mentors: pool.profiles
      .filter((p) => p.role === 'mentor')
      .map((p) => ({ userId: p.user_id, skills: p.skills, capacity: p.capacity, managerId: p.manager_id, openToReverse: p.open_to_reverse })),
    pairs: pool.pairs.map((p) => ({ mentorId: p.mentor_id, menteeId: p.mentee_id, live: p.live })),
    skips: pool.skips.map((s) => ({ mentorId: s.mentor_id, menteeId: s.mentee_id })),
    avoidSameManager: program.avoid_same_manager,
    includePrevious,
  };
}

const FRESH = 'Run `/mentor match` for fresh suggestions.';

function blockerMessage(blocker: PairBlocker, ref: { mentorId: string; menteeId: string }): string {
  const [mentor, mentee] = [mention(ref.mentorId), mention(ref.menteeId)];
  switch (blocker) {
    case 'self': return 'A person cannot mentor themselves.';
    case 'mentee_unavailable': return `${mentee} is no longer waiting for a mentor: they were paired meanwhile, or their profile changed. ${FRESH}`;
    case 'mentor_unavailable': return `${mentor} no longer offers to mentor. ${FRESH}`;
    case 'mentor_full': return `${mentor} has no places left: their live pairings fill their capacity. ${FRESH}`;
    case 'paired_now': return `${mentor} and ${mentee} are already paired with each other.`;
    case 'skipped': return `This suggestion was skipped, so I won't pair ${mentor} and ${mentee} from here. \`/mentor pair\` still can.`;
    case 'same_manager': return `${mentor} and ${mentee} share a manager (or one manages the other), and the program avoids that.`;
    case 'paired_before': return `${mentor} and ${mentee} were paired before. ${FRESH}`;
  }
}

const STALE = 'That request is no longer open.';

function pendingMessage(request: MatchRequest): string {
  return `You’ve asked ${mention(request.mentor_id)} already and they haven’t answered yet. You can ask someone else once they do, or after ${REQUEST_WAIT_DAYS} days without an answer; I’ll tell you either way.`;
}

function staleMessage(request: MatchRequest): string {
  const [mentor, mentee] = [mention(request.mentor_id), mention(request.mentee_id)];
  switch (request.status) {
    case 'accepted': return `This request is already accepted: ${mentor} mentors ${mentee}.`;
    case 'declined': return `This request was already declined. ${mentee} has been offered other mentors.`;
    case 'withdrawn': return `${mentee} withdrew this request.`;
    case 'expired': return `This request is closed: ${mentee} found a mentor, or ${mentor} had no place left.`;
    case 'pending': return STALE;
  }
}

function askBlockerMessage(blocker: PairBlocker, mentorId: string): string {
  const mentor = mention(mentorId);
  switch (blocker) {
    case 'self': return 'You can’t be your own mentor. Pick one of the suggestions.';
    case 'mentee_unavailable': return 'You already have a mentor in this program, or your mentee profile changed. `/mentor status` shows your pairings.';
    case 'mentor_unavailable': return `${mentor} no longer offers to mentor here. Press *Show my suggestions* for fresh ones.`;
    case 'mentor_full': return `${mentor} has no places left. Press *Show my suggestions* for others.`;
    case 'paired_now': return `${mentor} already mentors you.`;
    case 'skipped':
    case 'same_manager':
    case 'paired_before': return `I can’t suggest ${mentor} for you in this program. Press *Show my suggestions* for others.`;
  }
}
