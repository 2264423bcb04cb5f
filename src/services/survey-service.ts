import { AccessError, UserError } from '../domain/errors.ts';
import type { PulseAnswer } from '../domain/outcomes.ts';
import { recordPulse, type PulseAnswerRow } from '../db/repositories/surveys-repository.ts';
import type { Pair } from '../db/schema.ts';
import { NOT_IN_PAIR, requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** Answers to the outcome surveys: private to the person, one per survey (a second updates it). */
export class SurveyService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A member's answer to the pulse check on `day` of their pairing. */
  async answerPulse(actor: Actor, input: { pairId: number; day: number; answer: PulseAnswer }): Promise<{ pair: Pair; answer: PulseAnswerRow }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (!Number.isInteger(input.day) || input.day < 1 || input.day > 365) throw new UserError("That pulse check isn't one I asked.");
    const answer = await recordPulse(this.deps.db, { teamId: actor.teamId, pairId: pair.id, respondentId: actor.userId, day: input.day, answer: input.answer, at: this.deps.clock.now() });
    // The insert re-checks membership itself: a pairing changed since the read writes nothing.
    if (!answer) throw new AccessError(NOT_IN_PAIR);
    return { pair, answer };
  }
}
