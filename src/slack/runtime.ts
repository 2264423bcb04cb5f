import type { WebClient } from '@slack/web-api';
import type { Clock } from '../domain/clock.ts';
import type { Logger } from '../logger.ts';
import type { Services } from '../services/index.ts';
import type { HomePublisher } from './home-publisher.ts';
import type { Messenger } from './messenger.ts';

/** What every listener may use: services for the work, the rest for answering in Slack. */
export interface SlackRuntime {
  services: Services;
  client: WebClient;
  messenger: Messenger;
  homes: HomePublisher;
  logger: Logger;
  /** The same clock the services use, for dates in replies. */
  clock: Clock;
}
