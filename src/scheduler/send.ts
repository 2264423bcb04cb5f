import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { isInsideWindow, nextWindowStart } from '../domain/delivery-window.ts';
import {
  claimDeliveries,
  deliveryChecks,
  dmChannels,
  markDeliveryFailed,
  markDeliverySent,
  retryDeliveryAt,
  withdrawDelivery,
  type DeliveryCheck,
} from '../db/repositories/deliveries-repository.ts';
import { markDeactivated, saveDmChannel } from '../db/repositories/members-repository.ts';
import { pauseAllPairsOf } from '../db/repositories/pairs-repository.ts';
import type { Database, Delivery } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import type { OutboundMessage, Outbox } from './ports.ts';

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
  calls: number;
}

export interface SendOptions {
  /** The workspace whose deliveries this sender may take. */
  teamId: string;
  batch?: number;
  /** How long a claim stays with this sender, on the database's clock from the moment of the claim. */
  leaseMs?: number;
  /** How long transient failures are retried before the nudges go back to be decided again. */
  retryForMs?: number;
  /** Once aborted, no new claim is made and no new post starts; what is in flight is recorded. */
  signal?: AbortSignal;
  onRateLimit?: (seconds: number) => void;
}

/** What a delivery keeps once it is sent or has failed: the composer's copy without private text, or just the notification text. */
function keptOf(delivery: Delivery): string {
  const message = delivery.message as OutboundMessage;
  return JSON.stringify(message.kept ?? { text: message.text });
}

export const LEASE_MS = 2 * 60_000;
export const RETRY_FOR_MS = 48 * 60 * 60_000;
/** A post is only started with at least this much lease left: the client's timeout plus the bookkeeping. */
const POST_BUDGET_MS = 30_000;
const SEND_CONCURRENCY = 4;

/** Exponential backoff for transient failures: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Drains the outbox: each delivery is one post to the person's DM (the user id as channel needs
 * no conversations.open). Before every post, also on retries, the delivery is checked again:
 * still inside the recipient's working hours, not muted or deactivated, every pairing still
 * active. A rate limit waits for Retry-After; transient errors back off until `retryForMs` after
 * the delivery was made, then its nudges go back to the policy; permanent errors are recorded for
 * admins. Once Slack accepted a post it is never posted again by this sender: a database error
 * afterwards retries the bookkeeping, not the post.
 */
export async function sendDeliveries(db: Kysely<Database>, outbox: Outbox, now: Date, logger: Logger, opts: SendOptions): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, calls: 0 };
  const leaseMs = opts.leaseMs ?? LEASE_MS;
  const retryForMs = opts.retryForMs ?? RETRY_FOR_MS;
  let rateLimitedFor = 0;
  while (rateLimitedFor === 0 && !opts.signal?.aborted) {
    const token = randomUUID();
    // The lease is measured on this process's monotonic clock too, so clock skew cannot stretch it.
    const claimedAt = performance.now();
    const leaseLeft = () => leaseMs - (performance.now() - claimedAt);
    const batch = await claimDeliveries(db, { teamId: opts.teamId, dueBy: now, leaseMs, token, limit: opts.batch ?? 50 });
    if (batch.length === 0) break;
    const [channels, checks] = await Promise.all([dmChannels(db, opts.teamId, [...new Set(batch.map((d) => d.recipient_id))]), deliveryChecks(db, batch.map((d) => d.id))]);

    const sendOne = async (delivery: Delivery) => {
      if (rateLimitedFor > 0 || opts.signal?.aborted || leaseLeft() < Math.min(POST_BUDGET_MS, leaseMs / 2)) {
        // Not this time: the claim goes back untouched, without counting an attempt.
        await retryDeliveryAt(db, delivery.id, token, new Date(now.getTime() + rateLimitedFor * 1000), null, { uncount: true });
        result.retrying += 1;
        return;
      }
      if (!(await stillWanted(delivery, checks.get(delivery.id)))) return;
      const cachedChannel = channels.get(delivery.recipient_id) ?? null;
      let posted;
      try {
        result.calls += 1;
        posted = await outbox.sender.post(cachedChannel ?? delivery.recipient_id, delivery.message as OutboundMessage);
      } catch (error) {
        await recordFailure(delivery, error);
        return;
      }
      result.sent += 1;
      await recordSent(delivery, posted, cachedChannel);
    };

    /** False (and the delivery dealt with) when it must not be posted now. */
    const stillWanted = async (delivery: Delivery, check: DeliveryCheck | undefined): Promise<boolean> => {
      if (!check || check.nudge_ids.length === 0) {
        await withdrawDelivery(db, delivery.id, token, { drop: [], rebundleAt: now });
        return false;
      }
      if (check.deactivated || (check.muted_until && check.muted_until > now)) {
        await withdrawDelivery(db, delivery.id, token, { drop: check.nudge_ids, rebundleAt: now });
        return false;
      }
      if (check.ended_nudge_ids.length > 0) {
        // A pairing ended or paused since the message was composed: the rest is composed again.
        await withdrawDelivery(db, delivery.id, token, { drop: check.ended_nudge_ids, rebundleAt: now });
        return false;
      }
      const hours = { startMinute: check.work_start_minute ?? 0, endMinute: check.work_end_minute ?? 24 * 60, days: check.work_days ?? [1, 2, 3, 4, 5, 6, 7] };
      if (!isInsideWindow(now, check.tz, hours)) {
        await retryDeliveryAt(db, delivery.id, token, nextWindowStart(now, check.tz, hours), null, { uncount: true });
        result.retrying += 1;
        return false;
      }
      return true;
    };

    const recordSent = async (delivery: Delivery, posted: { channel: string | null; ts: string | null }, cachedChannel: string | null) => {
      for (let attempt = 1; ; attempt += 1) {
        try {
          const mine = await markDeliverySent(db, delivery.id, token, { at: now, channel: posted.channel, ts: posted.ts, kept: keptOf(delivery) });
          if (!mine) logger.warn({ team: delivery.team_id, delivery: delivery.id }, 'delivery posted after its claim had passed to another sender');
          if (posted.channel && !cachedChannel) await saveDmChannel(db, delivery.team_id, delivery.recipient_id, posted.channel);
          return;
        } catch (error) {
          // Slack has the message: only the record is missing. Keep trying while the claim holds.
          const wait = Math.min(5_000, 250 * 2 ** attempt);
          if (leaseLeft() < wait + 5_000) {
            logger.error({ err: error, team: delivery.team_id, delivery: delivery.id }, 'delivery posted but not recorded; it may be posted again once its claim expires');
            throw error;
          }
          logger.warn({ err: error, delivery: delivery.id, attempt }, 'delivery posted; recording it failed, trying again');
          await sleep(wait);
        }
      }
    };

    const recordFailure = async (delivery: Delivery, error: unknown) => {
      const failure = outbox.errors.classify(error);
      const log = { team: delivery.team_id, user: delivery.recipient_id, delivery: delivery.id, attempt: delivery.attempts };
      if (failure.kind === 'wait') {
        rateLimitedFor = Math.max(rateLimitedFor, failure.seconds);
        opts.onRateLimit?.(failure.seconds);
        logger.warn({ ...log, retryAfter: failure.seconds }, 'rate limited by Slack; pausing deliveries');
        await retryDeliveryAt(db, delivery.id, token, new Date(now.getTime() + failure.seconds * 1000), failure.reason, { uncount: true });
        result.retrying += 1;
        return;
      }
      if (failure.kind === 'retry') {
        if (now.getTime() - delivery.created_at.getTime() < retryForMs) {
          logger.warn({ ...log, slackError: failure.reason }, 'nudge delivery failed; will retry');
          await retryDeliveryAt(db, delivery.id, token, new Date(now.getTime() + retryDelayMs(delivery.attempts)), failure.reason);
          result.retrying += 1;
          return;
        }
        // Slack has been failing for too long: the nudges go back to be decided again.
        const reason = `gave up after ${delivery.attempts} attempts: ${failure.reason}`;
        logger.warn({ ...log, slackError: reason }, 'nudge delivery expired; its nudges will be decided again');
        await markDeliveryFailed(db, delivery.id, token, reason, { requeue: true, kept: keptOf(delivery) });
        result.failed += 1;
        return;
      }
      logger.warn({ ...log, slackError: failure.reason }, 'nudge delivery failed permanently');
      const mine = await markDeliveryFailed(db, delivery.id, token, failure.reason, { kept: keptOf(delivery) });
      if (mine && failure.kind === 'gone') {
        await markDeactivated(db, delivery.team_id, delivery.recipient_id, now);
        await pauseAllPairsOf(db, delivery.team_id, delivery.recipient_id);
      }
      result.failed += 1;
    };

    let next = 0;
    const worker = async () => {
      while (next < batch.length) await sendOne(batch[next++]!);
    };
    // Every worker finishes its delivery before the pass ends, even when one of them failed.
    const outcomes = await Promise.allSettled(Array.from({ length: SEND_CONCURRENCY }, worker));
    const failedWorker = outcomes.find((o): o is PromiseRejectedResult => o.status === 'rejected');
    if (failedWorker) throw failedWorker.reason;
  }
  return result;
}
