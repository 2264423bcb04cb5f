import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { Config } from '../config/config.ts';
import { boltLogger, type Logger } from '../logger.ts';

/**
 * Which work a Web API client serves; each kind gets its own client so one kind's rate limit
 * never holds up another's calls:
 * - `interactive`: listeners answering a person within Slack's 3 seconds. Fails fast: a 429 is
 *   rejected at once (the person is told to try again) and retries are short.
 * - `background`: Home publishing and DMs sent after an interaction; may wait out a 429.
 * - `outbox`: the scheduler's deliveries. No automatic retries and 429s rejected at once, so one
 *   slow or limited call never holds up a sweep; the outbox retries durably.
 */
export type WebClientKind = 'interactive' | 'background' | 'outbox';

export function webClientOptions(config: Config, logger: Logger, kind: WebClientKind): WebClientOptions {
  const common: WebClientOptions = {
    ...(config.slack.apiUrl ? { slackApiUrl: config.slack.apiUrl } : {}),
    timeout: 10_000,
    logger: boltLogger(logger),
  };
  switch (kind) {
    case 'interactive':
      return { ...common, retryConfig: { retries: 2, factor: 2, minTimeout: 250, maxTimeout: 2000 }, rejectRateLimitedCalls: true };
    case 'background':
      return { ...common, retryConfig: { retries: 3, factor: 2, minTimeout: 1000, maxTimeout: 10_000 } };
    case 'outbox':
      return { ...common, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true };
  }
}

export function createWebClient(config: Config, logger: Logger, kind: WebClientKind): WebClient {
  return new WebClient(config.slack.botToken, webClientOptions(config, logger, kind));
}
