import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { slackErrorCode } from './slack-errors.ts';
import { homeView } from './surfaces/home-view.ts';

/** Re-publishes App Home dashboards after a change; a failure is logged, never shown as the change failing. */
export class HomePublisher {
  constructor(
    private readonly client: WebClient,
    private readonly services: Services,
    private readonly logger: Logger,
  ) {}

  async publish(teamId: string, userId: string): Promise<void> {
    try {
      const dashboard = await this.services.dashboard.forMember({ teamId, userId });
      await this.client.views.publish({ user_id: userId, view: homeView(dashboard) });
    } catch (error) {
      this.logger.warn({ team: teamId, user: userId, slackError: slackErrorCode(error) ?? String(error) }, 'home tab not published');
    }
  }

  async publishAll(teamId: string, userIds: string[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((userId) => this.publish(teamId, userId)));
  }
}
