import { App, type AppOptions, type CustomRoute } from '@slack/bolt';
import type { ExtendedErrorHandlerArgs } from '@slack/bolt/dist/App.js';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Config } from '../config/config.ts';
import { boltLogger, type Logger } from '../logger.ts';
import { registerListeners } from './listeners/index.ts';
import type { SlackRuntime } from './runtime.ts';
import { webClientOptions } from './web-client.ts';

/** Counts interactions being handled, so shutdown can wait for them to finish. */
export class InFlight {
  private count = 0;
  private waiters: Array<() => void> = [];
  enter(): void {
    this.count += 1;
  }
  leave(): void {
    this.count -= 1;
    if (this.count === 0) for (const resolve of this.waiters.splice(0)) resolve();
  }
  idle(timeoutMs: number): Promise<void> {
    if (this.count === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }
}

function describe(body: Record<string, any>): { team?: string; user?: string; interaction: string } {
  const team = body.team_id ?? body.team?.id ?? body.user?.team_id;
  const user = body.user_id ?? body.user?.id ?? body.event?.user?.id ?? body.event?.user;
  const interaction = body.command
    ? `command:${String(body.text ?? '').trim().split(/\s+/)[0] || 'help'}`
    : body.type === 'block_actions'
      ? `action:${body.actions?.[0]?.action_id}`
      : body.type === 'view_submission'
        ? `view:${body.view?.callback_id}`
        : body.type === 'event_callback'
          ? `event:${body.event?.type}`
          : String(body.type ?? 'unknown');
  return { team, user: typeof user === 'string' ? user : undefined, interaction };
}

/** GET /healthz: 200 while the database answers, 503 otherwise. */
export function healthHandler(healthy: () => Promise<boolean>) {
  return async (_req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const ok = await healthy();
    res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ok, database: ok ? 'up' : 'down' }));
  };
}

/**
 * The Bolt app. In HTTP mode /healthz is one of its routes; in Socket Mode the caller serves
 * /healthz itself (Bolt's Socket Mode server has no listen-error handling). `identity` comes from
 * our own auth.test, so Bolt does not start a second, unawaited one.
 */
export function createSlackApp(config: Config, rt: SlackRuntime, inFlight: InFlight, healthy: () => Promise<boolean>, identity: { botId: string; botUserId: string }): App {
  const health: CustomRoute = { path: '/healthz', method: ['GET'], handler: healthHandler(healthy) };
  // Listener Web API calls fail fast instead of Bolt's default half-hour retry schedule.
  const clientOptions = webClientOptions(config, rt.logger, 'interactive');
  const common: AppOptions = {
    token: config.slack.botToken,
    botId: identity.botId,
    botUserId: identity.botUserId,
    logger: boltLogger(rt.logger),
    clientOptions,
    extendedErrorHandler: true,
  };
  const app = config.slack.appToken
    ? new App({ ...common, appToken: config.slack.appToken, socketMode: true, installerOptions: { clientOptions } })
    : new App({ ...common, signingSecret: config.slack.signingSecret, port: config.port, customRoutes: [health] });

  app.use(async ({ body, next }) => {
    const started = performance.now();
    const who = describe(body as Record<string, any>);
    inFlight.enter();
    try {
      await next();
    } finally {
      inFlight.leave();
      rt.logger.info({ ...who, ms: Math.round(performance.now() - started) }, 'interaction handled');
    }
  });

  // extendedErrorHandler: true above makes Bolt pass {error, body, context, logger}.
  app.error((async ({ error, body }: ExtendedErrorHandlerArgs) => {
    rt.logger.error({ ...describe((body ?? {}) as Record<string, any>), err: error }, 'unhandled error in a listener');
  }) as unknown as Parameters<App['error']>[0]);

  registerListeners(app, rt);
  return app;
}
