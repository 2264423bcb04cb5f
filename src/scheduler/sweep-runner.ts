import { WebClient } from '@slack/web-api';
import type { Config } from '../config/config.ts';
import type { Logger } from '../logger.ts';
import { boltLogger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import { nudgeComposer } from '../slack/nudge-composer.ts';
import { runSweep, type SweepReport } from './sweep.ts';

/**
 * The Web API client for deliveries: no automatic retries and rate limits rejected at once, so
 * one slow or limited call never holds up a sweep; the outbox does the retrying, durably.
 */
export function deliveryClient(config: Config, logger: Logger): WebClient {
  return new WebClient(config.slack.botToken, {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: 10_000,
    logger: boltLogger(logger),
  });
}

/** A sweep function bound to the bot's services: what cron, the CLI and the tests all call. */
export function sweeper(config: Config, services: Services, logger: Logger): (now: Date) => Promise<SweepReport> {
  const client = deliveryClient(config, logger);
  const compose = nudgeComposer(services);
  return (now) => runSweep({ db: services.deps.db, directory: services.directory, compose, client, logger }, now);
}
