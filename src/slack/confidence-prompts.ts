import type { SlackRuntime } from './runtime.ts';
import type { Reply } from './surfaces/help-message.ts';

/**
 * "How confident are you at this today?" is a survey like the others: queued here, after the change
 * is committed, and sent by the sweep to the mentee in their working hours, bundled into their one
 * message of the day, once per goal and moment. Never throws: a question that could not be queued
 * must not undo or hide what the person did.
 */
async function queue(rt: SlackRuntime, teamId: string, work: () => Promise<boolean>): Promise<void> {
  try {
    await work();
  } catch (error) {
    rt.logger.error({ team: teamId, err: error }, 'confidence question not queued');
  }
}

/**
 * After a goal was set, achieved or dropped. `alongWith` is a DM the change itself calls for (the
 * consent question of a goal the mentor set): it goes out now; the confidence question follows.
 */
export async function askConfidence(rt: SlackRuntime, teamId: string, goalId: number, moment: 'set' | 'achieved' | 'dropped', alongWith?: { to: string; reply: Reply }): Promise<void> {
  if (alongWith) await rt.messenger.dm(teamId, alongWith.to, alongWith.reply);
  await queue(rt, teamId, () => rt.services.confidence.queueForGoal(teamId, goalId, moment));
}

/** After a review was saved (the pairing's open goals), or when a pairing ended (the end rating). */
export function askConfidenceForPair(rt: SlackRuntime, teamId: string, pairId: number): Promise<void> {
  return queue(rt, teamId, () => rt.services.confidence.queueForPair(teamId, pairId));
}
