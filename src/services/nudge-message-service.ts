import { deliveryMessageAt, updateDeliveryMessage } from '../db/repositories/deliveries-repository.ts';
import type { ServiceDeps } from './context.ts';

/** A sent nudge message as stored, so a change made later (from a modal) starts from what the person sees. */
export interface SentMessage {
  text?: string;
  blocks?: unknown[];
}

export class NudgeMessageService {
  constructor(private readonly deps: ServiceDeps) {}

  async current(teamId: string, channelId: string, messageTs: string): Promise<SentMessage | undefined> {
    return (await deliveryMessageAt(this.deps.db, teamId, channelId, messageTs)) as SentMessage | undefined;
  }

  async record(teamId: string, channelId: string, messageTs: string, message: SentMessage): Promise<void> {
    await updateDeliveryMessage(this.deps.db, teamId, channelId, messageTs, JSON.stringify(message));
  }
}
