import type { App } from '@slack/bolt';
import { WebClient } from '@slack/web-api';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config/config.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger, type Logger } from './logger.ts';
import { createServices, type Services } from './services/index.ts';
import { createSlackApp, InFlight, slackClientOptions } from './slack/app.ts';
import { HomePublisher } from './slack/home-publisher.ts';
import { Messenger, slackProfiles } from './slack/messenger.ts';
import { scheduleSweep } from './scheduler/cron.ts';
import { sweeper } from './scheduler/sweep-runner.ts';
import type { SweepReport } from './scheduler/sweep.ts';

export interface Bot {
  app: App;
  services: Services;
  database: DatabaseHandle;
  /** The HTTP port actually bound (0 in config picks a free one). */
  port: number;
  logger: Logger;
  /** One nudge sweep as if the clock read `now` (what cron runs every NUDGE_CRON). */
  sweep(now?: Date): Promise<SweepReport>;
  /** Resolves once no interaction is being handled (follow-ups after an ack included). */
  idle(timeoutMs?: number): Promise<void>;
  /** Stops taking work, waits for interactions in flight, closes the database. */
  stop(): Promise<void>;
}

export interface BotOptions {
  database?: DatabaseHandle;
  clock?: Clock;
  logger?: Logger;
}

/** The composition root shared by `npm start` and the tests: config → db → services → Slack app. */
export async function startBot(config: Config, options: BotOptions = {}): Promise<Bot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const database = options.database ?? (await openDatabase(config.database));
  try {
    const applied = await migrateToLatest(database);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const client = new WebClient(config.slack.botToken, slackClientOptions(config, logger));
    const services = createServices(database.db, options.clock ?? systemClock, slackProfiles(client));
    const runtime = { services, client, logger, messenger: new Messenger(client, database.db, logger), homes: new HomePublisher(client, services, logger) };
    const inFlight = new InFlight();
    const clock = options.clock ?? systemClock;
    const sweep = sweeper(config, services, logger);
    const task = config.nudges
      ? scheduleSweep({ expression: config.nudges.cron, timezone: config.nudges.timezone, db: database.db, logger, sweep: () => sweep(clock.now()) })
      : undefined;
    const app = createSlackApp(config, runtime, inFlight, () => database.ping());
    const started = (await app.start(config.port)) as unknown;
    // The HTTP receiver returns its server (its port matters when config asks for port 0).
    const server = started && typeof (started as Server).address === 'function' ? (started as Server) : undefined;
    const port = (server?.address() as AddressInfo | null)?.port ?? config.port;
    logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http', database: database.kind }, 'mentor bot ready');
    let stopping: Promise<void> | undefined;
    return {
      app,
      services,
      database,
      port,
      logger,
      idle: (timeoutMs = 10_000) => inFlight.idle(timeoutMs),
      sweep: (now) => sweep(now ?? clock.now()),
      stop: () =>
        (stopping ??= (async () => {
          await task?.stop();
          await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'receiver did not stop cleanly'));
          await inFlight.idle(10_000);
          await database.close();
          logger.info('mentor bot stopped');
        })()),
    };
  } catch (error) {
    if (!options.database) await database.close();
    throw error;
  }
}
