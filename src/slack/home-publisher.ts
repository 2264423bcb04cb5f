import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import { CHART_KINDS } from '../charts/kinds.ts';
import type { ChartImage } from '../services/chart-service.ts';
import type { Dashboard } from '../services/dashboard-service.ts';
import type { Services } from '../services/index.ts';
import { slackChartUploader } from './chart-uploads.ts';
import { slackErrorCode } from './slack-errors.ts';
import { homeView } from './surfaces/home-view.ts';

/** Re-publishes App Home dashboards after a change; a failure is logged, never shown as the change failing. */
export class HomePublisher {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stale = new Set<string>();
  /** Charts being drawn for a program's day in this process, so two admins' Homes draw them once. */
  private readonly drawing = new Map<string, Promise<number>>();

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
        const missing = await this.publishNow(teamId, userId);
        // An admin's Home shows the program's charts of the day; the first Home of the day to miss
        // them draws and uploads them, then publishes again. Later opens only read the cache.
        if (missing && (await this.drawCharts(missing, teamId)) > missing.shown) this.stale.add(key);
      } while (this.stale.has(key));
    })().finally(() => this.running.delete(key));
    this.running.set(key, run);
    return run;
  }

  /** Publishes the Home; for an admin whose program lacks some of today's charts, says which program and day. */
  private async publishNow(teamId: string, userId: string): Promise<MissingCharts | undefined> {
    try {
      const dashboard = await this.services.dashboard.forMember({ teamId, userId }, { withInbox: true, withEnrolment: true });
      const healthOf = dashboard.admin?.program ?? dashboard.program;
      const charts: ChartImage[] = dashboard.summary ? await this.services.charts.cached(healthOf, dashboard.summary.asOf) : [];
      await this.client.views.publish({ user_id: userId, view: homeView(dashboard, charts) });
      return dashboard.summary && charts.length < CHART_KINDS.length ? { program: healthOf, summary: dashboard.summary, shown: charts.length } : undefined;
    } catch (error) {
      this.logger.warn({ team: teamId, user: userId, slackError: slackErrorCode(error) ?? String(error) }, 'home tab not published');
      return undefined;
    }
  }

  /** Draws and uploads the program's missing charts of the day; resolves to how many it has now. */
  private drawCharts(missing: MissingCharts, teamId: string): Promise<number> {
    const key = `${missing.program.id}:${missing.summary.asOf}`;
    const running = this.drawing.get(key);
    if (running) return running;
    const run = this.services.charts
      .images(missing.program, missing.summary, slackChartUploader(this.client))
      .then(({ images, failed }) => {
        for (const f of failed) this.logger.warn({ team: teamId, program: missing.program.id, chart: f.kind, err: f.error }, 'home chart not drawn or uploaded');
        return images.length;
      })
      .catch((error: unknown) => {
        this.logger.warn({ team: teamId, program: missing.program.id, err: error }, 'home charts not drawn');
        return 0;
      })
      .finally(() => this.drawing.delete(key));
    this.drawing.set(key, run);
    return run;
  }

  async publishAll(teamId: string, userIds: string[]): Promise<void> {
    await Promise.all([...new Set(userIds)].map((userId) => this.publish(teamId, userId)));
  }
}

interface MissingCharts {
  program: Dashboard['program'];
  summary: NonNullable<Dashboard['summary']>;
  /** How many of the day's charts the published Home showed. */
  shown: number;
}
