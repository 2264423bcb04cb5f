import { isWorkspaceUninstalled, markWorkspaceInstalled, markWorkspaceUninstalled } from '../db/repositories/workspaces-repository.ts';
import type { ServiceDeps } from './context.ts';

/** Whether the app still works for a workspace: Slack's app_uninstalled / tokens_revoked stop it. */
export class WorkspaceService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Stops all work for the workspace: the sweep skips it and what was waiting to be sent is cancelled. */
  uninstalled(teamId: string, reason: 'app_uninstalled' | 'tokens_revoked'): Promise<number> {
    return this.deps.db.transaction().execute((trx) => markWorkspaceUninstalled(trx, teamId, reason, this.deps.clock.now()));
  }

  /** The bot started with a token Slack accepts for the workspace: it is installed (again). */
  installed(teamId: string): Promise<void> {
    return markWorkspaceInstalled(this.deps.db, teamId);
  }

  isUninstalled(teamId: string): Promise<boolean> {
    return isWorkspaceUninstalled(this.deps.db, teamId);
  }
}
