import { isGrantedAdmin, isGrantedAdminOfAny } from '../db/repositories/admins-repository.ts';
import { insertSuggestion } from '../db/repositories/celebrations-repository.ts';
import { countRunningPairings, graduationSuggestion, moveRunningPairings, programGraduates } from '../db/repositories/cohort-end-repository.ts';
import { programByName, programOf, programSummaries } from '../db/repositories/programs-repository.ts';
import type { Celebration, Program } from '../db/schema.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { escapeMrkdwn } from '../domain/mrkdwn.ts';
import { graduationShoutOut, graduatesOf, programName } from '../domain/programs.ts';
import { ADMINS_ONLY, isAdminBy } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { ProgramHealth } from './program-health-service.ts';
import { UNKNOWN_PROGRAM } from './program-service.ts';
import type { ReportService } from './report-service.ts';

/** What a program's admins get when it ends: the graduation draft, the final report, and what still runs. */
export interface ProgramWrapUp {
  program: Program;
  /** The shout-out draft naming the mentees who said a goal may be celebrated publicly; none when nobody did. */
  graduation: Celebration | undefined;
  /** People who took part and are not named (they did not consent), counted only. */
  unnamed: number;
  report: ProgramHealth;
  /** Pairings still active or paused, which an admin may carry over into another program. */
  running: number;
}

/** The carry-over modal: where the running pairings of a program may go. */
export interface CarryOverChoices {
  from: Program;
  running: number;
  targets: Program[];
}

export interface CarriedOver {
  from: Program;
  to: Program;
  moved: number;
}

const quoted = (name: string) => `*${escapeMrkdwn(name)}*`;
const NOT_ADMIN_OF = (program: Program, what: string) => `You're not an admin of ${quoted(program.name)}, so you can't ${what}. Its own admins or a workspace admin can.`;
const GONE = 'That program no longer exists.';

/**
 * A program's end: the admins' graduation shout-out and final report (composed for the message the
 * sweep decides), and carrying the pairings still running into another program instead of ending them.
 */
export class CohortEndService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly reports: Pick<ReportService, 'finalFor'>,
  ) {}

  /**
   * For the admins' end-of-program message, as of `now`. The graduation draft is recorded once per
   * program (a suggestion like the others, posted with *Post to #channel*); it names only mentees
   * who agreed to a public celebration on one of their goals and counts everyone else.
   */
  async wrapUpFor(teamId: string, programId: number, now: Date): Promise<ProgramWrapUp | undefined> {
    const program = await programOf(this.deps.db, teamId, programId);
    if (!program) return undefined;
    const graduates = graduatesOf(await programGraduates(this.deps.db, teamId, programId));
    let graduation = await graduationSuggestion(this.deps.db, teamId, programId);
    if (!graduation && graduates.named.length > 0) {
      graduation =
        (await insertSuggestion(this.deps.db, {
          teamId,
          programId,
          kind: 'graduation',
          subject: `program:${programId}`,
          people: graduates.named,
          message: graduationShoutOut(program.name, graduates),
          channelId: program.celebration_channel,
          suggestedAt: now,
        })) ?? (await graduationSuggestion(this.deps.db, teamId, programId));
    }
    const [report, running] = await Promise.all([this.reports.finalFor(program, now), countRunningPairings(this.deps.db, teamId, programId)]);
    return { program, graduation, unnamed: graduates.unnamed, report, running };
  }

  /** *Carry over pairings*: the other running programs this admin runs, for the modal. */
  async carryOverChoices(actor: Actor, fromId: number): Promise<CarryOverChoices> {
    const from = await this.programOrGone(actor, fromId);
    const workspaceAdmin = await this.requireAdminOf(actor, from, 'move its pairings');
    this.refuseArchived(from);
    const running = await countRunningPairings(this.deps.db, actor.teamId, from.id);
    if (running === 0) throw new UserError(`No pairing of ${quoted(from.name)} is still running, so there is nothing to carry over.`);
    const targets = (await programSummaries(this.deps.db, actor.teamId, workspaceAdmin ? undefined : actor.userId)).filter((p) => !p.archived_at && p.id !== from.id);
    if (targets.length === 0) throw new UserError(`There's no other running program you administer to carry them into. \`/mentor program new\` creates one.`);
    return { from, running, targets };
  }

  /** `/mentor program carry-over <name>`: as the button, for a program named in the command. */
  async carryOverChoicesByName(actor: Actor, name: string): Promise<CarryOverChoices> {
    const program = await programByName(this.deps.db, actor.teamId, programName(name));
    if (program) return this.carryOverChoices(actor, program.id);
    // Someone who runs no program learns nothing about which programs exist.
    const anyAdmin = isAdminBy(await this.deps.directory.get(actor.teamId, actor.userId), false) || (await isGrantedAdminOfAny(this.deps.db, actor.teamId, actor.userId));
    throw anyAdmin ? new UserError(UNKNOWN_PROGRAM(programName(name))) : new AccessError(ADMINS_ONLY);
  }

  /**
   * Moves the running pairings of `fromId` into `toId`, with their open goals, sessions and pending
   * reminders, in one transaction; they get no wrap-up from the program they leave. Checked again:
   * an admin of both programs, two different programs, neither archived.
   */
  async carryOver(actor: Actor, fromId: number, toId: number): Promise<CarriedOver> {
    const from = await this.programOrGone(actor, fromId);
    const to = await this.programOrGone(actor, toId);
    await this.requireAdminOf(actor, from, 'move its pairings');
    await this.requireAdminOf(actor, to, 'move pairings into it');
    if (from.id === to.id) throw new UserError(`The pairings are already in ${quoted(from.name)}: choose another program.`);
    this.refuseArchived(from);
    if (to.archived_at) throw new UserError(`${quoted(to.name)} is archived, so it takes no pairings. Choose a running program.`);
    const moved = await this.deps.db.transaction().execute(async (trx) => {
      // Read again inside the transaction: either may have been archived meanwhile.
      const [fromNow, toNow] = await Promise.all([programOf(trx, actor.teamId, from.id), programOf(trx, actor.teamId, to.id)]);
      if (!fromNow || !toNow) throw new UserError(GONE);
      this.refuseArchived(fromNow);
      if (toNow.archived_at) throw new UserError(`${quoted(to.name)} is archived, so it takes no pairings. Choose a running program.`);
      return (await moveRunningPairings(trx, actor.teamId, from.id, to.id)).length;
    });
    if (moved === 0) throw new UserError(`No pairing of ${quoted(from.name)} is still running, so nothing was moved.`);
    return { from, to, moved };
  }

  private refuseArchived(from: Program): void {
    if (from.archived_at) throw new UserError(`${quoted(from.name)} is already archived: its pairings have all ended, so there is nothing to carry over.`);
  }

  private async programOrGone(actor: Actor, programId: number): Promise<Program> {
    const program = Number.isSafeInteger(programId) ? await programOf(this.deps.db, actor.teamId, programId) : undefined;
    if (!program) throw new UserError(GONE);
    return program;
  }

  /** Workspace admins run every program; granted admins theirs. True for a workspace admin. */
  private async requireAdminOf(actor: Actor, program: Program, what: string): Promise<boolean> {
    if (isAdminBy(await this.deps.directory.get(actor.teamId, actor.userId), false)) return true;
    if (await isGrantedAdmin(this.deps.db, program.id, actor.userId)) return false;
    // Someone who runs no program learns nothing about which programs exist.
    if (await isGrantedAdminOfAny(this.deps.db, actor.teamId, actor.userId)) throw new AccessError(NOT_ADMIN_OF(program, what));
    throw new AccessError(ADMINS_ONLY);
  }
}
