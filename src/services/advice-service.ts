import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import type { LoopInput } from '../domain/inputs.ts';
import { closeAdvice, findAdvice, openAdviceOf, snoozeAdvice } from '../db/repositories/advice-repository.ts';
import { livePairsOf } from '../db/repositories/pairs-repository.ts';
import type { AdviceItem, Pair } from '../db/schema.ts';

export type { AdviceItem };
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export const ONLY_MENTEE_CLOSES = 'Only the mentee of this pairing closes the loop on its advice.';

/** How long "Not yet" puts off the next question about an advice item. */
export const ADVICE_SNOOZE_DAYS = 7;

export class AdviceService {
  constructor(private readonly deps: ServiceDeps) {}

  /** An advice item the actor may read (either member of its pair), with its pair. */
  async visibleAdvice(actor: Actor, adviceId: number): Promise<{ advice: AdviceItem; pair: Pair }> {
    const advice = Number.isSafeInteger(adviceId) ? await findAdvice(this.deps.db, actor.teamId, adviceId) : undefined;
    if (!advice) throw new AccessError("That advice isn't yours to see.");
    const pair = await requirePairMember(this.deps, actor, advice.pair_id);
    return { advice, pair };
  }

  /** Open advice in the pairs where the actor is the mentee: the loops they owe their mentors. */
  async openLoopsOf(actor: Actor): Promise<Array<{ advice: AdviceItem; pair: Pair }>> {
    const pairs = (await livePairsOf(this.deps.db, actor.teamId, actor.userId)).filter((p) => p.mentee_id === actor.userId);
    const advice = await openAdviceOf(this.deps.db, actor.teamId, pairs.map((p) => p.id));
    return advice.map((item) => ({ advice: item, pair: pairs.find((p) => p.id === item.pair_id)! }));
  }

  /** The mentee records what happened; closing twice changes nothing and says so. */
  async closeLoop(actor: Actor, input: LoopInput): Promise<{ advice: AdviceItem; pair: Pair }> {
    const { advice, pair } = await this.visibleAdvice(actor, input.adviceId);
    if (pair.mentee_id !== actor.userId) throw new AccessError(ONLY_MENTEE_CLOSES);
    const closed = await closeAdvice(this.deps.db, actor.teamId, advice.id, {
      outcome: input.outcome,
      outcomeText: input.outcomeText,
      usefulness: input.usefulness,
      closedBy: actor.userId,
      closedAt: this.deps.clock.now(),
    });
    if (!closed) throw new UserError('You already closed the loop on this advice.');
    return { advice: closed, pair };
  }

  /** "Not yet": the mentee is asked again about this advice in a week (their calendar). Returns that day. */
  async snoozeAdvice(actor: Actor, adviceId: number): Promise<string> {
    const { advice, pair } = await this.visibleAdvice(actor, adviceId);
    if (pair.mentee_id !== actor.userId) throw new AccessError(ONLY_MENTEE_CLOSES);
    if (advice.outcome !== 'open') throw new UserError('You already closed the loop on this advice.');
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    const until = addDaysTo(dayIn(this.deps.clock.now(), member.tz), ADVICE_SNOOZE_DAYS);
    await snoozeAdvice(this.deps.db, advice.id, until);
    return until;
  }
}
