import { UserError } from '../domain/errors.ts';
import { pairBlocker, suggestMatches, type JoinInput, type MatchInput, type MatchResult, type PairBlocker } from '../domain/matching.ts';
import { escapeMrkdwn, mention } from '../domain/mrkdwn.ts';
import { hasProfile, loadMatchPool, profilesOf, recordSkip, saveProfiles, type MatchPool } from '../db/repositories/profiles-repository.ts';
import { defaultProgram, programOf } from '../db/repositories/programs-repository.ts';
import type { MemberProfile, Pair, Program } from '../db/schema.ts';
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

/** Someone already in a program may change their answers; nobody new joins a closed or archived one. */
function refuseNewJoiner(program: Program, alreadyIn: boolean): void {
  if (alreadyIn && !program.archived_at) return;
  const name = `*${escapeMrkdwn(program.name)}*`;
  if (program.archived_at) throw new UserError(`${name} is archived, so nobody new can join it.`);
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
    refuseNewJoiner(program, rows.length > 0);
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

  /** Saves the roles picked and drops a role no longer picked; `updated` when a profile existed. */
  async saveProfile(actor: Actor, input: JoinInput, programId?: number): Promise<{ mentee: boolean; mentor: boolean; updated: boolean; program: Program }> {
    if (!input.mentee && !input.mentor) throw new UserError('Pick at least one role: mentee, mentor or both.');
    await this.joiner(actor);
    const program = await this.programToJoin(actor, programId);
    const at = this.deps.clock.now();
    const updated = await this.deps.db.transaction().execute(async (trx) => {
      const before = await profilesOf(trx, actor.teamId, program.id, actor.userId);
      refuseNewJoiner(program, before.length > 0);
      await saveProfiles(trx, { teamId: actor.teamId, programId: program.id, userId: actor.userId, managerId: input.managerId, mentee: input.mentee, mentor: input.mentor, at });
      return before.length > 0;
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
