import { adviceTexts } from '../db/repositories/advice-repository.ts';
import { adviceImpactCandidates, closedAdviceOfMentor, type ClosedAdvice } from '../db/repositories/surveys-repository.ts';
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
  /** Per advice-impact nudge (by nudge id): the mentor's month, with their mentees' words. */
  adviceImpact?: Map<number, AdviceImpact>;
  /** By booking id: what a session's prep message quotes (commitments, advice, the agenda). */
  prep?: Map<number, PrepText>;
}

export type { ClosedAdvice };

/** How many of the mentees' reports a monthly DM quotes; the rest are counted. */
export const QUOTED_REPORTS = 10;

/** One mentor's month of advice in one program, as the monthly DM tells it. */
export interface AdviceImpact {
  /** 'YYYY-MM'. */
  month: string;
  given: number;
  /** Reported back on in the month; of those, tried, and worked. */
  closed: number;
  tried: number;
  worked: number;
  usefulnessMean: number | null;
  /** The first QUOTED_REPORTS reports of the month, oldest first, in the mentees' words. */
  reports: ClosedAdvice[];
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

/** The goals a confidence question names (one goal, or a pairing's open goals at a review or the end). */
const confidenceGoalIds = (nudges: Nudge[]) =>
  nudges.filter((n) => n.rule === 'confidence').flatMap((n) => ((n.detail as { goalIds?: unknown[] } | null)?.goalIds ?? []).map(Number)).filter(Number.isInteger);

export class NudgeMessageService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The advice texts, goal titles, advice-impact months and prep texts these nudges name; no query for what they do not name. */
  async privateTexts(teamId: string, nudges: Nudge[]): Promise<NudgeTexts> {
    const adviceIds = idsOf(nudges, 'close_loop', 'adviceId');
    const goalIds = [...idsOf(nudges, 'goal_date', 'goalId'), ...confidenceGoalIds(nudges)];
    const bookingIds = idsOf(nudges, 'session_prep', 'bookingId');
    const [advice, goals, adviceImpact, prep] = await Promise.all([
      adviceTexts(this.deps.db, teamId, adviceIds),
      goalsByIds(this.deps.db, teamId, goalIds),
      this.adviceImpactOf(teamId, nudges),
      prepTexts(this.deps.db, teamId, bookingIds),
    ]);
    return { advice, goals: new Map(goals.map((g) => [g.id, g.title])), adviceImpact, prep };
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

  /**
   * The figures and words of each advice-impact nudge, read when its message is composed (the nudge
   * keeps ids only). The nudge's own program and recipient scope the read: the mentor's own pairings.
   */
  async adviceImpactOf(teamId: string, nudges: Nudge[]): Promise<Map<number, AdviceImpact>> {
    const out = new Map<number, AdviceImpact>();
    for (const n of nudges) {
      const month = (n.detail as { month?: unknown } | null)?.month;
      if (n.rule !== 'advice_impact' || n.team_id !== teamId || typeof month !== 'string' || !/^\d{4}-\d{2}$/.test(month)) continue;
      const [[counts], reports] = await Promise.all([
        adviceImpactCandidates(this.deps.db, n.program_id, month, n.recipient_id),
        closedAdviceOfMentor(this.deps.db, n.program_id, n.recipient_id, month, QUOTED_REPORTS),
      ]);
      out.set(n.id, { month, given: counts?.given ?? 0, closed: counts?.closed ?? 0, tried: counts?.tried ?? 0, worked: counts?.worked ?? 0, usefulnessMean: counts?.usefulnessMean ?? null, reports });
    }
    return out;
  }
}
