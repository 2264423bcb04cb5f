import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Kysely } from 'kysely';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import type { Config } from './config/config.ts';
import { systemClock, type Clock } from './domain/clock.ts';
import { openDatabase, type DatabaseHandle } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger, type Logger } from './logger.ts';
import type { Database } from './db/schema.ts';
import { createServices, type Services } from './services/index.ts';
import { MemberDirectory } from './services/member-directory.ts';
import { createSlackApp, healthHandler, InFlight } from './slack/app.ts';
import { ConfigError } from './config/config.ts';
import { slackOutbox } from './slack/delivery-port.ts';
import { nudgeComposer } from './slack/nudge-composer.ts';
import { rejectedTokenCode, slackErrorCode } from './slack/slack-errors.ts';
import { createWebClient } from './slack/web-client.ts';
import { createServer } from 'node:http';
import type { ScheduledTask } from 'node-cron';
import { HomePublisher } from './slack/home-publisher.ts';
import { Messenger, slackProfiles } from './slack/messenger.ts';
import { scheduleSweep } from './scheduler/cron.ts';
import { SweepRunner, type SweepReport } from './scheduler/sweep.ts';

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
  let task: ScheduledTask | undefined;
  let healthServer: Server | undefined;
  try {
    const applied = await migrateToLatest(database, logger);
    if (applied.length > 0) logger.info({ migrations: applied }, 'database migrated');
    const client = createWebClient(config, logger, 'interactive');
    const identity = await verifyBotToken(client);
    const clock = options.clock ?? systemClock;
    const directory = new MemberDirectory(database.db, clock, slackProfiles(client));
    const services = createServices(database.db, clock, directory);
    // A token Slack accepts means the app is installed (again, after a removal): work for the workspace resumes.
    await services.workspaces.installed(identity.teamId);
    // Home publishing and DMs after an interaction use their own client: a rate limit there never
    // holds up the interactive client, which fails fast so the person can be told to try again.
    const background = createWebClient(config, logger, 'background');
    const runtime = { services, client, logger, clock, messenger: new Messenger(background, services.members, logger), homes: new HomePublisher(background, services, logger) };
    const inFlight = new InFlight();
    const sweeps = sweepRunner(config, database.db, identity.teamId, services, directory, logger);
    const app = createSlackApp(config, runtime, inFlight, () => database.ping(), identity);
    // Socket Mode has no HTTP receiver: /healthz gets a small server of its own.
    healthServer = config.slack.appToken ? await listen(createServer(healthHandler(() => database.ping())), config.port) : undefined;
    const started = (await app.start(config.port)) as unknown;
    // The HTTP receiver returns its server (its port matters when config asks for port 0).
    const server = healthServer ?? (started && typeof (started as Server).address === 'function' ? (started as Server) : undefined);
    const port = (server?.address() as AddressInfo | null)?.port ?? config.port;
    task = config.nudges
      ? scheduleSweep({ expression: config.nudges.cron, timezone: config.nudges.timezone, db: database.db, logger, sweep: () => sweeps.run(clock.now()) })
      : undefined;
    logger.info({ port, mode: config.slack.appToken ? 'socket' : 'http', database: database.kind }, 'mentor bot ready');
    let stopping: Promise<void> | undefined;
    return {
      app,
      services,
      database,
      port,
      logger,
      idle: (timeoutMs = 10_000) => inFlight.idle(timeoutMs),
      sweep: (now) => sweeps.run(now ?? clock.now()),
      stop: () =>
        (stopping ??= (async () => {
          await task?.stop();
          // A running sweep claims nothing new and finishes what it posted before the database closes.
          if (!(await sweeps.stop(SWEEP_STOP_DEADLINE_MS))) logger.warn('sweep still running at shutdown; its claims expire and another sweep takes them over');
          await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'receiver did not stop cleanly'));
          if (healthServer) await closeServer(healthServer);
          await inFlight.idle(10_000);
          await database.close();
          logger.info('mentor bot stopped');
        })()),
    };
  } catch (error) {
    await task?.stop();
    if (healthServer) await closeServer(healthServer);
    if (!options.database) await database.close();
    throw error;
  }
}

/** How long shutdown waits for a running sweep before closing the database anyway: one post (10 s timeout) and its bookkeeping. */
const SWEEP_STOP_DEADLINE_MS = 15_000;

/** The sweep wired to its ports: the services' digest, Slack for sending, the member directory. */
function sweepRunner(config: Config, db: Kysely<Database>, teamId: string, services: Services, directory: MemberDirectory, logger: Logger): SweepRunner {
  return new SweepRunner({ db, teamId, directory, composer: nudgeComposer(services.digest, services.nudgeMessages, services.cohortEnd), outbox: slackOutbox(createWebClient(config, logger, 'outbox')), logger });
}

/** A sweep outside the running bot (`npm run sweep`): the same wiring, with `now` as the services' clock. */
export async function standaloneSweep(config: Config, db: Kysely<Database>, now: Date, logger: Logger): Promise<SweepReport> {
  const clock = { now: () => now };
  const client = createWebClient(config, logger, 'background');
  const { teamId } = await verifyBotToken(client);
  const directory = new MemberDirectory(db, clock, slackProfiles(client));
  return sweepRunner(config, db, teamId, createServices(db, clock, directory), directory, logger).run(now);
}

/** Checks the bot token once at start, so a bad one stops the start with a message, not a crash later. */
async function verifyBotToken(client: WebClient): Promise<{ botId: string; botUserId: string; teamId: string }> {
  try {
    const auth = await client.auth.test();
    if (!auth.team_id) throw new Error('auth.test returned no team_id');
    return { botId: String(auth.bot_id ?? ''), botUserId: String(auth.user_id ?? ''), teamId: auth.team_id };
  } catch (error) {
    const code = rejectedTokenCode(error);
    if (code) {
      throw new ConfigError(
        `Cannot start: Slack rejected SLACK_BOT_TOKEN (${code}). Copy the Bot User OAuth Token (xoxb-…) again from "OAuth & Permissions" in your Slack app settings, and reinstall the app if it was removed.`,
      );
    }
    throw new ConfigError(`Cannot start: could not reach the Slack Web API to check SLACK_BOT_TOKEN (${slackErrorCode(error) ?? (error as Error).message}). Check the network or SLACK_API_URL.`);
  }
}

function listen(server: Server, port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => {
      server.off('error', reject);
      resolve(server);
    });
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
