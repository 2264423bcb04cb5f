import { UserError } from '../domain/errors.ts';
import { mention } from '../domain/mrkdwn.ts';
import { grantAdmin, listGrantedAdmins, listWorkspaceAdmins, revokeAdmin } from '../db/repositories/admins-repository.ts';
import type { Program } from '../db/schema.ts';
import { isProgramAdmin, requireProgramAdmin } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { UnknownUserError } from './member-directory.ts';
import { adminProgram, type AdministeredProgram, type ProgramPick } from './program-scope.ts';

export interface AdminList {
  workspaceAdmins: string[];
  grantedAdmins: string[];
  /** The program whose admins these are, and the programs the asker could switch to. */
  program?: Program;
  choices?: AdministeredProgram[];
}

export class AdminService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Workspace admins and owners, plus people granted in the program. */
  isAdmin(actor: Actor): Promise<boolean> {
    return isProgramAdmin(this.deps, actor);
  }

  requireAdmin(actor: Actor): Promise<void> {
    return requireProgramAdmin(this.deps, actor);
  }

  /** The admins of the program the asker names or runs (see `adminProgram`). */
  async list(actor: Actor, pick: ProgramPick = {}): Promise<AdminList> {
    const { program, choices } = await adminProgram(this.deps, actor, pick);
    const [workspaceAdmins, grantedAdmins] = await Promise.all([
      listWorkspaceAdmins(this.deps.db, actor.teamId),
      listGrantedAdmins(this.deps.db, program.id),
    ]);
    return { workspaceAdmins, grantedAdmins, program, choices };
  }

  /** Grants admin of the program the asker names or runs; false when the person already was one. */
  async grant(actor: Actor, userId: string, pick: ProgramPick = {}): Promise<boolean> {
    return (await this.grantIn(actor, userId, pick)).added;
  }

  async grantIn(actor: Actor, userId: string, pick: ProgramPick = {}): Promise<{ added: boolean; program: Program; choices: AdministeredProgram[] }> {
    const { program, choices } = await adminProgram(this.deps, actor, pick);
    try {
      const member = await this.deps.directory.get(actor.teamId, userId);
      if (member.is_bot) throw new UserError(`${mention(userId)} is a bot and cannot be a program admin.`);
      if (member.deactivated) throw new UserError(`${mention(userId)} is deactivated in this workspace.`);
    } catch (error) {
      if (error instanceof UnknownUserError) throw new UserError(`I can't find ${mention(userId)} in this workspace.`);
      throw error;
    }
    // The lookup above keeps their members row (a grant references it).
    return { added: await grantAdmin(this.deps.db, actor.teamId, program.id, userId, actor.userId), program, choices };
  }

  /** Revokes admin of the program the asker names or runs; returns that program. */
  async revoke(actor: Actor, userId: string, pick: ProgramPick = {}): Promise<{ program: Program; choices: AdministeredProgram[] }> {
    const { program, choices } = await adminProgram(this.deps, actor, pick);
    const revoked = await revokeAdmin(this.deps.db, program.id, userId);
    if (revoked) return { program, choices };
    const workspaceAdmins = await listWorkspaceAdmins(this.deps.db, actor.teamId);
    if (workspaceAdmins.includes(userId)) {
      throw new UserError(`${mention(userId)} is a workspace admin or owner in Slack, so they stay a program admin.`);
    }
    throw new UserError(`${mention(userId)} was not a program admin.`);
  }
}
