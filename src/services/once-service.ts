import { claimEvent, markEventHandled, releaseEvent } from '../db/repositories/events-repository.ts';
import {
  claimSubmission,
  findConfirmation,
  recordConfirmation,
  releaseSubmission,
  type StoredConfirmation,
  type SubmissionKey,
} from '../db/repositories/submissions-repository.ts';
import type { ServiceDeps } from './context.ts';

export type { SubmissionKey };

/**
 * Slack redelivers events it thinks failed, and people press Save again on a modal Slack showed as
 * failed: each event and each view submission is handled once. A claim is taken before the work,
 * recorded as done after it succeeded, and given back when it failed, so a retry does the work.
 */
export class OnceService {
  constructor(private readonly deps: ServiceDeps) {}

  /** False when the event was handled already, or is being handled right now. */
  claimEvent(teamId: string, eventId: string): Promise<boolean> {
    return claimEvent(this.deps.db, teamId, eventId);
  }

  eventHandled(eventId: string): Promise<void> {
    return markEventHandled(this.deps.db, eventId);
  }

  releaseEvent(eventId: string): Promise<void> {
    return releaseEvent(this.deps.db, eventId);
  }

  /** False when the same view (id and hash) was submitted before. */
  claimSubmission(key: SubmissionKey, userId: string, form: string): Promise<boolean> {
    return claimSubmission(this.deps.db, key, userId, form);
  }

  submissionSaved(key: SubmissionKey, confirmation: StoredConfirmation): Promise<void> {
    return recordConfirmation(this.deps.db, key, confirmation);
  }

  releaseSubmission(key: SubmissionKey): Promise<void> {
    return releaseSubmission(this.deps.db, key);
  }

  /** The confirmation a submission got; undefined while it is still being saved. */
  confirmationOf(key: SubmissionKey): Promise<StoredConfirmation | undefined> {
    return findConfirmation(this.deps.db, key);
  }
}
