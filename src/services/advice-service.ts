import { addDaysTo, dayIn, describeDay } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import type { LoopInput } from '../domain/inputs.ts';
import { closeAdvice, findAdvice, markAdviceAsked, openAdviceOf, snoozeAdvice, unmarkAdviceAsked } from '../db/repositories/advice-repository.ts';
import { askWindowStart, nextAskAt } from '../domain/follow-up.ts';
import { livePairsOf } from '../db/repositories/pairs-repository.ts';
import type { AdviceItem, Pair } from '../db/schema.ts';

export type { AdviceItem };
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export const ONLY_MENTOR_ASKS = 'Only the mentor who gave this advice can ask how it went.';

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

  /**
   * "Ask how it went" on the mentor's card: records the ask (at most once a week per item) so the
   * mentee can be sent the close-the-loop prompt. A second ask within the week is refused with the
   * day the mentor may ask again; nothing is sent.
   */
  async askHowItWent(actor: Actor, adviceId: number): Promise<{ advice: AdviceItem; pair: Pair }> {
    const { advice, pair } = await this.visibleAdvice(actor, adviceId);
    if (pair.mentor_id !== actor.userId) throw new AccessError(ONLY_MENTOR_ASKS);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so I won\'t ask about its advice any more.');
    if (advice.outcome !== 'open') throw new UserError('Your mentee already told you how this one went: it is under *What came of your advice* on your Home tab.');
    const now = this.deps.clock.now();
    const asked = nextAskAt(advice.asked_at, now) ? undefined : await markAdviceAsked(this.deps.db, actor.teamId, advice.id, now, askWindowStart(now));
    if (!asked) {
      const member = await this.deps.directory.get(actor.teamId, actor.userId);
      const today = dayIn(now, member.tz);
      const fresh = await findAdvice(this.deps.db, actor.teamId, advice.id);
      if (fresh && fresh.outcome !== 'open') throw new UserError('Your mentee already told you how this one went: it is under *What came of your advice* on your Home tab.');
      const askedAt = fresh?.asked_at ?? now;
      const again = nextAskAt(askedAt, now) ?? now;
      throw new UserError(`You asked about this one on ${describeDay(dayIn(askedAt, member.tz), today)}, so I won't send another reminder yet. You can ask again from ${describeDay(dayIn(again, member.tz), today)}.`);
    }
    return { advice: asked, pair };
  }

  /** The prompt an ask sends could not be delivered: the ask does not count, so the mentor may try again. */
  async askNotDelivered(actor: Actor, advice: AdviceItem): Promise<void> {
    if (advice.asked_at) await unmarkAdviceAsked(this.deps.db, actor.teamId, advice.id, advice.asked_at);
  }
}
