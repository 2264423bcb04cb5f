import type { ConfidenceQuestion } from '../services/confidence-service.ts';
import type { SlackRuntime } from './runtime.ts';
import { confidenceQuestionMessage, withConfidenceQuestion } from './surfaces/confidence-message.ts';
import type { Reply } from './surfaces/help-message.ts';

/**
 * "How confident are you at this today?" to the goal's mentee, by DM, after the change is committed.
 * Never throws: a question that could not be asked must not undo or hide what the person did.
 */
async function ask(rt: SlackRuntime, teamId: string, find: () => Promise<ConfidenceQuestion | undefined>, alongWith?: { to: string; reply: Reply }): Promise<void> {
  let question: ConfidenceQuestion | undefined;
  try {
    question = await find();
  } catch (error) {
    rt.logger.error({ team: teamId, err: error }, 'confidence question not asked');
  }
  if (question && alongWith?.to === question.menteeId) {
    await rt.messenger.dm(teamId, question.menteeId, withConfidenceQuestion(alongWith.reply, question));
    return;
  }
  if (alongWith) await rt.messenger.dm(teamId, alongWith.to, alongWith.reply);
  if (question) await rt.messenger.dm(teamId, question.menteeId, confidenceQuestionMessage(question));
}

/**
 * After a goal was set, achieved or dropped. `alongWith` is another DM for the same person (the
 * consent question of a goal the mentor set): both go out as one message.
 */
export function askConfidence(rt: SlackRuntime, teamId: string, goalId: number, moment: 'set' | 'achieved' | 'dropped', alongWith?: { to: string; reply: Reply }): Promise<void> {
  return ask(rt, teamId, () => rt.services.confidence.questionForGoal(teamId, goalId, moment), alongWith);
}

/** After a review was saved (the pairing's open goals), or when a pairing ended (the end rating). */
export function askConfidenceForPair(rt: SlackRuntime, teamId: string, pairId: number): Promise<void> {
  return ask(rt, teamId, () => rt.services.confidence.questionForPair(teamId, pairId));
}
