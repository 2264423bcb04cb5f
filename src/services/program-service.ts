import { AccessError, FieldErrors, UserError } from '../domain/errors.ts';
import { escapeMrkdwn } from '../domain/mrkdwn.ts';
import { PROGRAM_CHECKED_FIELD as F, programName, type ProgramInput } from '../domain/programs.ts';
import { isGrantedAdmin, isGrantedAdminOfAny, listGrantedAdmins, setGrantedAdmins } from '../db/repositories/admins-repository.ts';
import {
  archiveProgram,
  defaultProgram,
  insertProgram,
  programByName,
  programOf,
  programSummaries,
  updateProgramFields,
  type ProgramSummary,
} from '../db/repositories/programs-repository.ts';
import type { Program } from '../db/schema.ts';
import { ADMINS_ONLY, isAdminBy } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { UnknownUserError } from './member-directory.ts';
import { adminProgram, pickAdminProgram, type AdminProgram, type ProgramPick } from './program-scope.ts';

export type { ProgramSummary };
export type { ProgramInput };

/** A program as saved, with the people granted admin of it. */
export interface SavedProgram {
  program: Program;
  adminIds: string[];
  created: boolean;
}

/** What `/mentor program list` shows: the programs this person may administer. */
export interface ProgramList {
  programs: ProgramSummary[];
  /** True for workspace admins and owners, who administer every program. */
  everyProgram: boolean;
}

const quoted = (name: string) => `*${escapeMrkdwn(name)}*`;

export const UNKNOWN_PROGRAM = (name: string) => `There's no program called "${escapeMrkdwn(name)}". \`/mentor program list\` shows the programs you can change.`;
export const NOT_ITS_ADMIN = (program: Program) =>
  `You're not an admin of ${quoted(program.name)}, so you can't change it: its own admins or a workspace admin can. \`/mentor program list\` shows the programs you run.`;
const NAME_TAKEN = (name: string) => `There's already a program called "${name}". Pick another name.`;

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string }).code === '23505';
}

/**
 * Programs (cohorts) of a workspace: created, listed, edited and archived. Workspace admins and
 * owners administer every program; people granted admin of a program administer that one.
 */
export class ProgramService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The program an admin command acts on (see `adminProgram`): named, remembered, the only one, or asked. */
  forAdmin(actor: Actor, pick: ProgramPick = {}): Promise<AdminProgram> {
    return adminProgram(this.deps, actor, pick);
  }

  /** An admin picked a program in a select: checked, remembered for their next command. */
  pickForAdmin(actor: Actor, programId: number): Promise<AdminProgram> {
    return pickAdminProgram(this.deps, actor, programId);
  }

  async list(actor: Actor): Promise<ProgramList> {
    const everyProgram = await this.isWorkspaceAdmin(actor);
    if (everyProgram) await defaultProgram(this.deps.db, actor.teamId);
    const programs = await programSummaries(this.deps.db, actor.teamId, everyProgram ? undefined : actor.userId);
    if (!everyProgram && programs.length === 0) throw new AccessError(ADMINS_ONLY);
    return { programs, everyProgram };
  }

  /** For the empty modal of `/mentor program new`: the program whose settings a new one copies. */
  async templateForNew(actor: Actor): Promise<Program> {
    await this.requireAnyAdmin(actor);
    return defaultProgram(this.deps.db, actor.teamId);
  }

  /** For the filled-in modal of `/mentor program edit <name>`. */
  async forEdit(actor: Actor, name: string): Promise<{ program: Program; adminIds: string[] }> {
    const program = await this.programToManage(actor, name);
    if (program.archived_at) throw new UserError(`${quoted(program.name)} is archived, so it can't be changed.`);
    return { program, adminIds: await listGrantedAdmins(this.deps.db, program.id) };
  }

  async create(actor: Actor, input: ProgramInput): Promise<SavedProgram> {
    const workspaceAdmin = await this.requireAnyAdmin(actor);
    const adminIds = await this.checkedAdmins(actor, input.adminIds, workspaceAdmin);
    const template = await defaultProgram(this.deps.db, actor.teamId);
    const name = programName(input.name);
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        if (await programByName(trx, actor.teamId, name)) throw new FieldErrors({ [F.name]: NAME_TAKEN(name) });
        const program = await insertProgram(trx, template, { ...input, name });
        await setGrantedAdmins(trx, actor.teamId, program.id, adminIds, actor.userId);
        return { program, adminIds, created: true };
      });
    } catch (error) {
      // Two admins creating the same name at once: the unique index decides.
      if (isUniqueViolation(error)) throw new FieldErrors({ [F.name]: NAME_TAKEN(name) });
      throw error;
    }
  }

  /** Re-checks the editor against the program as it is now: the modal being open proves nothing. */
  async update(actor: Actor, programId: number, input: ProgramInput): Promise<SavedProgram> {
    const program = Number.isSafeInteger(programId) ? await programOf(this.deps.db, actor.teamId, programId) : undefined;
    if (!program) throw new UserError('That program no longer exists. `/mentor program list` shows the programs you can change.');
    const workspaceAdmin = await this.requireAdminOf(actor, program);
    if (program.archived_at) throw new UserError(`${quoted(program.name)} is archived, so it can't be changed.`);
    const adminIds = await this.checkedAdmins(actor, input.adminIds, workspaceAdmin);
    const name = programName(input.name);
    try {
      return await this.deps.db.transaction().execute(async (trx) => {
        const holder = await programByName(trx, actor.teamId, name);
        if (holder && holder.id !== program.id) throw new FieldErrors({ [F.name]: NAME_TAKEN(name) });
        const saved = await updateProgramFields(trx, actor.teamId, program.id, { ...input, name });
        if (!saved) throw new UserError('That program no longer exists.');
        await setGrantedAdmins(trx, actor.teamId, program.id, adminIds, actor.userId);
        return { program: saved, adminIds, created: false };
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new FieldErrors({ [F.name]: NAME_TAKEN(name) });
      throw error;
    }
  }

  /** `/mentor program archive <name>`: the program to confirm, once it is known it may be archived. */
  async toArchive(actor: Actor, name: string): Promise<Program> {
    const program = await this.programToManage(actor, name);
    this.refuseArchiving(program);
    return program;
  }

  /** The confirmed archive: checked again, and done once. */
  async archive(actor: Actor, programId: number): Promise<Program> {
    const program = Number.isSafeInteger(programId) ? await programOf(this.deps.db, actor.teamId, programId) : undefined;
    if (!program) throw new UserError('That program no longer exists.');
    await this.requireAdminOf(actor, program);
    this.refuseArchiving(program);
    const archived = await archiveProgram(this.deps.db, actor.teamId, program.id, this.deps.clock.now());
    if (!archived) throw new UserError(`${quoted(program.name)} is already archived.`);
    return archived;
  }

  /**
   * `/mentor announce #channel [program]`: the named program, or the only one this admin runs
   * that is not archived; several ask which. Only a program open to new people is announced.
   */
  async toAnnounce(actor: Actor, name: string | undefined): Promise<Program> {
    let program: Program;
    if (name !== undefined) {
      program = await this.programToManage(actor, name);
    } else {
      const workspaceAdmin = await this.requireAnyAdmin(actor);
      const running = (await programSummaries(this.deps.db, actor.teamId, workspaceAdmin ? undefined : actor.userId)).filter((p) => !p.archived_at);
      if (running.length > 1) {
        throw new UserError(`Which program? Add its name: ${running.map((p) => `\`${escapeMrkdwn(p.name)}\``).join(', ')}.`, '`/mentor announce #channel [program]`');
      }
      program = running[0] ?? (await defaultProgram(this.deps.db, actor.teamId));
    }
    if (program.archived_at) throw new UserError(`${quoted(program.name)} is archived, so nobody can join it.`);
    if (!program.enrolment_open) {
      throw new UserError(`${quoted(program.name)} isn't taking new people: open its enrolment with \`/mentor program edit ${escapeMrkdwn(program.name)}\` first.`);
    }
    return program;
  }

  private refuseArchiving(program: Program): void {
    if (program.is_default) {
      throw new UserError(`${quoted(program.name)} is the workspace's main program: \`/mentor pair\`, \`match\` and \`settings\` work in it, so it stays. You can rename it with \`/mentor program edit\`.`);
    }
    if (program.archived_at) throw new UserError(`${quoted(program.name)} is already archived.`);
  }

  private async isWorkspaceAdmin(actor: Actor): Promise<boolean> {
    return isAdminBy(await this.deps.directory.get(actor.teamId, actor.userId), false);
  }

  /** Workspace admins, or people granted admin of some program; true for workspace admins. */
  private async requireAnyAdmin(actor: Actor): Promise<boolean> {
    if (await this.isWorkspaceAdmin(actor)) return true;
    if (await isGrantedAdminOfAny(this.deps.db, actor.teamId, actor.userId)) return false;
    throw new AccessError(ADMINS_ONLY);
  }

  /** The admin may change this program; true when they are a workspace admin. */
  private async requireAdminOf(actor: Actor, program: Program): Promise<boolean> {
    if (await this.isWorkspaceAdmin(actor)) return true;
    if (await isGrantedAdmin(this.deps.db, program.id, actor.userId)) return false;
    if (await isGrantedAdminOfAny(this.deps.db, actor.teamId, actor.userId)) throw new AccessError(NOT_ITS_ADMIN(program));
    throw new AccessError(ADMINS_ONLY);
  }

  /** A program named in a command; non-admins learn nothing about which programs exist. */
  private async programToManage(actor: Actor, name: string): Promise<Program> {
    const workspaceAdmin = await this.requireAnyAdmin(actor);
    const program = await programByName(this.deps.db, actor.teamId, programName(name));
    if (!program) throw new UserError(UNKNOWN_PROGRAM(programName(name)));
    if (!workspaceAdmin && !(await isGrantedAdmin(this.deps.db, program.id, actor.userId))) throw new AccessError(NOT_ITS_ADMIN(program));
    return program;
  }

  /**
   * The people to grant: active, human members of this workspace. Someone who is not a workspace
   * admin stays an admin of what they run, so a program never loses the person who set it up.
   */
  private async checkedAdmins(actor: Actor, picked: string[], actorIsWorkspaceAdmin: boolean): Promise<string[]> {
    const ids = [...new Set(actorIsWorkspaceAdmin || picked.includes(actor.userId) ? picked : [...picked, actor.userId])];
    for (const userId of ids) {
      let problem: string | undefined;
      try {
        const member = await this.deps.directory.get(actor.teamId, userId);
        // Field errors are plain text: names, not mentions.
        const who = member.real_name || member.display_name || 'One of the people you picked';
        if (member.is_bot) problem = `${who} is a bot and cannot be a program admin.`;
        else if (member.deactivated) problem = `${who} is deactivated in this workspace.`;
      } catch (error) {
        if (!(error instanceof UnknownUserError)) throw error;
        problem = 'I can’t find one of the people you picked in this workspace.';
      }
      if (problem) throw new FieldErrors({ [F.admins]: problem });
    }
    return ids;
  }
}
