import { adviceTexts } from '../db/repositories/advice-repository.ts';
import { prepTexts, type PrepText } from '../db/repositories/bookings-repository.ts';
import { deliveryAt, updateDeliveryMessage } from '../db/repositories/deliveries-repository.ts';
import { goalsByIds } from '../db/repositories/goals-repository.ts';
import type { Nudge } from '../db/schema.ts';
import type { ServiceDeps } from './context.ts';

/** A sent nudge message as stored: what the person sees, without private text. */
export interface SentMessage {
  text?: string;
  blocks?: unknown[];
}

/** The private text nudges refer to by id, read when a message is composed (never stored in nudges or deliveries). */
export interface NudgeTexts {
  advice: Map<number, string>;
  goals: Map<number, string>;
  /** By booking id: what a session's prep message quotes (commitments, advice, the agenda). */
  prep?: Map<number, PrepText>;
}

/** A sent nudge message with what is needed to show its private text again. */
export interface SentNudgeMessage {
  message: SentMessage;
  nudges: Nudge[];
  texts: NudgeTexts;
  /** The recipient's local day the message was sent for. */
  localDay: string;
}

const idsOf = (nudges: Nudge[], rule: Nudge['rule'], key: string) =>
  nudges.filter((n) => n.rule === rule).map((n) => Number((n.detail as Record<string, unknown> | null)?.[key])).filter(Number.isInteger);

export class NudgeMessageService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The advice texts, goal titles and prep texts these nudges name; none when they name none. */
  async privateTexts(teamId: string, nudges: Nudge[]): Promise<NudgeTexts> {
    const adviceIds = idsOf(nudges, 'close_loop', 'adviceId');
    const goalIds = idsOf(nudges, 'goal_date', 'goalId');
    const bookingIds = idsOf(nudges, 'session_prep', 'bookingId');
    const [advice, goals, prep] = await Promise.all([
      adviceTexts(this.deps.db, teamId, adviceIds),
      goalsByIds(this.deps.db, teamId, goalIds),
      prepTexts(this.deps.db, teamId, bookingIds),
    ]);
    return { advice, goals: new Map(goals.map((g) => [g.id, g.title])), prep };
  }

  async current(teamId: string, channelId: string, messageTs: string): Promise<SentNudgeMessage | undefined> {
    const delivery = await deliveryAt(this.deps.db, teamId, channelId, messageTs);
    if (!delivery) return undefined;
    return { message: delivery.message as SentMessage, nudges: delivery.nudges, texts: await this.privateTexts(teamId, delivery.nudges), localDay: delivery.local_day };
  }

  /** Stores the message as the person now sees it; the caller passes it without private text. */
  async record(teamId: string, channelId: string, messageTs: string, message: SentMessage): Promise<void> {
    await updateDeliveryMessage(this.deps.db, teamId, channelId, messageTs, JSON.stringify(message));
  }
}
