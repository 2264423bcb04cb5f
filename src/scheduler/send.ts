import type { Kysely } from 'kysely';
import { claimDeliveries, dmChannels, markDeliveryFailed, markDeliverySent, retryDeliveryAt } from '../db/repositories/deliveries-repository.ts';
import { markDeactivated, saveDmChannel } from '../db/repositories/members-repository.ts';
import { pauseAllPairsOf } from '../db/repositories/pairs-repository.ts';
import type { Database, Delivery } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import type { MessageSender, OutboundMessage, SendErrorPolicy } from './ports.ts';

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
  calls: number;
}

/** The outbound side of a sweep: Slack behind the scheduler's ports. */
export interface Outbox {
  sender: MessageSender;
  errors: SendErrorPolicy;
}

/** How long a claimed delivery stays with one sender before another may take it over. */
const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 10;
const SEND_CONCURRENCY = 4;

/** Exponential backoff for transient failures: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Drains the outbox: each delivery is one post to the person's DM (the user id as channel needs
 * no conversations.open). A rate limit waits for Retry-After; transient errors back off;
 * permanent errors are recorded for admins and never retried.
 */
export async function sendDeliveries(db: Kysely<Database>, outbox: Outbox, now: Date, logger: Logger, opts: { batch?: number; onRateLimit?: (seconds: number) => void } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, calls: 0 };
  let rateLimitedFor = 0;
  for (;;) {
    if (rateLimitedFor > 0) break;
    const batch = await claimDeliveries(db, { now, leaseUntil: new Date(now.getTime() + LEASE_MS), limit: opts.batch ?? 50 });
    if (batch.length === 0) break;
    // Each recipient's cached DM channel, read once for the batch rather than once per message.
    const channels = await dmChannels(db, [...new Set(batch.map((d) => d.recipient_id))]);
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const delivery = batch[next++]!;
        if (rateLimitedFor > 0) {
          await retryDeliveryAt(db, delivery.id, new Date(now.getTime() + rateLimitedFor * 1000), null);
          result.retrying += 1;
          continue;
        }
        await sendOne(delivery);
      }
    };
    const sendOne = async (delivery: Delivery) => {
      const cachedChannel = channels.get(`${delivery.team_id}:${delivery.recipient_id}`) ?? null;
      try {
        result.calls += 1;
        const posted = await outbox.sender.post(cachedChannel ?? delivery.recipient_id, delivery.message as OutboundMessage);
        await markDeliverySent(db, delivery.id, { at: now, channel: posted.channel, ts: posted.ts });
        if (posted.channel && !cachedChannel) await saveDmChannel(db, delivery.team_id, delivery.recipient_id, posted.channel);
        result.sent += 1;
      } catch (error) {
        await recordFailure(delivery, error);
      }
    };
    const recordFailure = async (delivery: Delivery, error: unknown) => {
      const failure = outbox.errors.classify(error);
      const log = { team: delivery.team_id, user: delivery.recipient_id, delivery: delivery.id, attempt: delivery.attempts };
      if (failure.kind === 'wait') {
        rateLimitedFor = Math.max(rateLimitedFor, failure.seconds);
        opts.onRateLimit?.(failure.seconds);
        logger.warn({ ...log, retryAfter: failure.seconds }, 'rate limited by Slack; pausing deliveries');
        await retryDeliveryAt(db, delivery.id, new Date(now.getTime() + failure.seconds * 1000), failure.reason, { uncount: true });
        result.retrying += 1;
        return;
      }
      if (failure.kind !== 'retry' || delivery.attempts >= MAX_ATTEMPTS) {
        const reason = failure.kind === 'retry' ? `gave up after ${delivery.attempts} attempts: ${failure.reason}` : failure.reason;
        logger.warn({ ...log, slackError: reason }, 'nudge delivery failed permanently');
        await markDeliveryFailed(db, delivery.id, reason);
        if (failure.kind === 'gone') {
          await markDeactivated(db, delivery.team_id, delivery.recipient_id);
          await pauseAllPairsOf(db, delivery.team_id, delivery.recipient_id);
        }
        result.failed += 1;
        return;
      }
      logger.warn({ ...log, slackError: failure.reason }, 'nudge delivery failed; will retry');
      await retryDeliveryAt(db, delivery.id, new Date(now.getTime() + retryDelayMs(delivery.attempts)), failure.reason);
      result.retrying += 1;
    };
    await Promise.all(Array.from({ length: SEND_CONCURRENCY }, worker));
  }
  return result;
}
