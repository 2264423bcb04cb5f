import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { slackErrorCode } from './slack-errors.ts';
import { homeView } from './surfaces/home-view.ts';

/** Re-publishes App Home dashboards after a change; a failure is logged, never shown as the change failing. */
export class HomePublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();

  constructor(
    private readonly client: WebClient,
    private readonly services: Services,
    private readonly logger: Logger,
  ) {}

  /**
   * Publishes someone's Home. Calls for the same person while one is running coalesce into one
   * more run after it, so the last state always lands and a burst of changes costs two publishes.
   */
  publish(teamId: string, userId: string): Promise<void> {
    const key = `${teamId}:${userId}`;
    const current = this.running.get(key);
    if (current) {
      this.stale.add(key);
      return current;
    }
    const run = (async () => {
      do {
        this.stale.delete(key);
        await this.publishNow(teamId, userId);
      } while (this.stale.has(key));
    })().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  private async publishNow(teamId: string, userId: string): Promise<void> {
    try {
      const dashboard = await this.services.dashboard.forMember({ teamId, userId }, { withInbox: true });
      await this.client.views.publish({ user_id: userId, view: homeView(dashboard) });
    } catch (error) {
      this.logger.warn({ team: teamId, user: userId, slackError: slackErrorCode(error) ?? String(error) }, 'home tab not published');
    }
  }

  async publishAll(teamId: string, userIds: string[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((userId) => this.publish(teamId, userId)));
  }
}
