import { markEventProcessed } from '../db/repositories/events-repository.ts';
import type { ServiceDeps } from './context.ts';

/** Slack redelivers events it thinks failed; this remembers which ones were handled. */
export class EventService {
  constructor(private readonly deps: ServiceDeps) {}

  /** False when this event id was seen before. */
  firstDelivery(teamId: string, eventId: string): Promise<boolean> {
    return markEventProcessed(this.deps.db, teamId, eventId);
  }
}
