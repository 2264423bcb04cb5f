import { UserError } from '../domain/errors.ts';
import { mention } from '../domain/mrkdwn.ts';
import { grantAdmin, listGrantedAdmins, listWorkspaceAdmins, revokeAdmin } from '../db/repositories/admins-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { isProgramAdmin, requireProgramAdmin } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { UnknownUserError } from './member-directory.ts';

export interface AdminList {
  workspaceAdmins: string[];
  grantedAdmins: string[];
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

  async list(actor: Actor): Promise<AdminList> {
    await requireProgramAdmin(this.deps, actor);
    const program = await defaultProgram(this.deps.db, actor.teamId);
    const [workspaceAdmins, grantedAdmins] = await Promise.all([
      listWorkspaceAdmins(this.deps.db, actor.teamId),
      listGrantedAdmins(this.deps.db, program.id),
    ]);
    return { workspaceAdmins, grantedAdmins };
  }

  /** Returns false when the person already was a program admin. */
  async grant(actor: Actor, userId: string): Promise<boolean> {
    await requireProgramAdmin(this.deps, actor);
    try {
      const member = await this.deps.directory.get(actor.teamId, userId);
      if (member.is_bot) throw new UserError(`${mention(userId)} is a bot and cannot be a program admin.`);
      if (member.deactivated) throw new UserError(`${mention(userId)} is deactivated in this workspace.`);
    } catch (error) {
      if (error instanceof UnknownUserError) throw new UserError(`I can't find ${mention(userId)} in this workspace.`);
      throw error;
    }
    // The lookup above keeps their members row (a grant references it).
    const program = await defaultProgram(this.deps.db, actor.teamId);
    return grantAdmin(this.deps.db, actor.teamId, program.id, userId, actor.userId);
  }

  async revoke(actor: Actor, userId: string): Promise<void> {
    await requireProgramAdmin(this.deps, actor);
    const program = await defaultProgram(this.deps.db, actor.teamId);
    const revoked = await revokeAdmin(this.deps.db, program.id, userId);
    if (revoked) return;
    const workspaceAdmins = await listWorkspaceAdmins(this.deps.db, actor.teamId);
    if (workspaceAdmins.includes(userId)) {
      throw new UserError(`${mention(userId)} is a workspace admin or owner in Slack, so they stay a program admin.`);
    }
    throw new UserError(`${mention(userId)} was not a program admin.`);
  }
}
