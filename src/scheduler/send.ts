import { ErrorCode, type WebClient } from '@slack/web-api';
import { sql, type Kysely } from 'kysely';
import type { Database, Delivery } from '../db/schema.ts';
import { pauseAllPairsOf } from '../db/repositories/pairs-repository.ts';
import type { Logger } from '../logger.ts';
import { isPermanentSlackError, slackErrorCode } from '../slack/slack-errors.ts';
import type { Reply } from '../slack/surfaces/help-message.ts';

export interface SendResult {
  sent: number;
  retrying: number;
  failed: number;
  calls: number;
}

/** How long a claimed delivery stays with one sender before another may take it over. */
const LEASE_MS = 2 * 60_000;
const MAX_ATTEMPTS = 10;
const SEND_CONCURRENCY = 4;

/** Exponential backoff for transient failures: 30 s, 1 min, 2 min … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60 * 60_000, 30_000 * 2 ** Math.max(0, attempt - 1));
}

/** Errors that mean the person can never get a DM: their pairs stop nudging anyone. */
const GONE = new Set(['account_inactive', 'user_not_found', 'user_disabled']);

/** Takes up to `limit` ready deliveries for this sender; SKIP LOCKED keeps replicas apart. */
async function claim(db: Kysely<Database>, now: Date, limit: number): Promise<Delivery[]> {
  return db
    .updateTable('deliveries')
    .set((eb) => ({ claimed_until: new Date(now.getTime() + LEASE_MS), attempts: eb('attempts', '+', 1) }))
    .where(
      'id',
      'in',
      db
        .selectFrom('deliveries')
        .select('id')
        .where('status', '=', 'pending')
        .where('next_attempt_at', '<=', now)
        .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Drains the outbox: each delivery is one chat.postMessage to the person's DM (the user id as
 * channel needs no conversations.open). 429 waits for Retry-After; 5xx and timeouts back off;
 * permanent errors are recorded for admins and never retried.
 */
export async function sendDeliveries(db: Kysely<Database>, client: WebClient, now: Date, logger: Logger, opts: { batch?: number; onRateLimit?: (seconds: number) => void } = {}): Promise<SendResult> {
  const result: SendResult = { sent: 0, retrying: 0, failed: 0, calls: 0 };
  let rateLimitedFor = 0;
  for (;;) {
    if (rateLimitedFor > 0) break;
    const batch = await claim(db, now, opts.batch ?? 50);
    if (batch.length === 0) break;
    // Each recipient's cached DM channel, read once for the batch rather than once per message.
    const channels = new Map(
      (
        await db
          .selectFrom('members')
          .select(['team_id', 'user_id', 'dm_channel_id'])
          .where('user_id', 'in', [...new Set(batch.map((d) => d.recipient_id))])
          .execute()
      ).map((m) => [`${m.team_id}:${m.user_id}`, m.dm_channel_id]),
    );
    let next = 0;
    const worker = async () => {
      while (next < batch.length) {
        const delivery = batch[next++]!;
        if (rateLimitedFor > 0) {
          await db.updateTable('deliveries').set({ claimed_until: null, next_attempt_at: new Date(now.getTime() + rateLimitedFor * 1000) }).where('id', '=', delivery.id).execute();
          result.retrying += 1;
          continue;
        }
        await sendOne(delivery);
      }
    };
    const sendOne = async (delivery: Delivery) => {
      const message = delivery.message as Reply;
      const cachedChannel = channels.get(`${delivery.team_id}:${delivery.recipient_id}`) ?? null;
      try {
        result.calls += 1;
        const posted = await client.chat.postMessage({ channel: cachedChannel ?? delivery.recipient_id, text: message.text, ...(message.blocks ? { blocks: message.blocks } : {}) });
        await db
          .updateTable('deliveries')
          .set({ status: 'sent', sent_at: now, claimed_until: null, channel_id: posted.channel ?? null, message_ts: posted.ts ?? null, last_error: null })
          .where('id', '=', delivery.id)
          .execute();
        if (posted.channel && !cachedChannel) {
          await db.updateTable('members').set({ dm_channel_id: posted.channel }).where('team_id', '=', delivery.team_id).where('user_id', '=', delivery.recipient_id).execute();
        }
        result.sent += 1;
      } catch (error) {
        await recordFailure(delivery, error);
      }
    };
    const recordFailure = async (delivery: Delivery, error: unknown) => {
      const code = slackErrorCode(error);
      const log = { team: delivery.team_id, user: delivery.recipient_id, delivery: delivery.id, attempt: delivery.attempts };
      if ((error as { code?: string }).code === ErrorCode.RateLimitedError) {
        const seconds = Math.max(1, Number((error as { retryAfter?: number }).retryAfter ?? 30));
        rateLimitedFor = Math.max(rateLimitedFor, seconds);
        opts.onRateLimit?.(seconds);
        logger.warn({ ...log, retryAfter: seconds }, 'rate limited by Slack; pausing deliveries');
        await db.updateTable('deliveries').set({ claimed_until: null, next_attempt_at: new Date(now.getTime() + seconds * 1000), last_error: 'ratelimited', attempts: sql`attempts - 1` }).where('id', '=', delivery.id).execute();
        result.retrying += 1;
        return;
      }
      if (isPermanentSlackError(error) || delivery.attempts >= MAX_ATTEMPTS) {
        const reason = code ?? `gave up after ${delivery.attempts} attempts: ${String((error as Error).message ?? error)}`;
        logger.warn({ ...log, slackError: reason }, 'nudge delivery failed permanently');
        await db.updateTable('deliveries').set({ status: 'failed', claimed_until: null, last_error: reason }).where('id', '=', delivery.id).execute();
        if (code && GONE.has(code)) {
          await db.updateTable('members').set({ deactivated: true }).where('team_id', '=', delivery.team_id).where('user_id', '=', delivery.recipient_id).execute();
          await pauseAllPairsOf(db, delivery.team_id, delivery.recipient_id);
        }
        result.failed += 1;
        return;
      }
      logger.warn({ ...log, slackError: code ?? String((error as Error).message ?? error) }, 'nudge delivery failed; will retry');
      await db
        .updateTable('deliveries')
        .set({ claimed_until: null, next_attempt_at: new Date(now.getTime() + retryDelayMs(delivery.attempts)), last_error: code ?? String((error as Error).message ?? error).slice(0, 500) })
        .where('id', '=', delivery.id)
        .execute();
      result.retrying += 1;
    };
    await Promise.all(Array.from({ length: SEND_CONCURRENCY }, worker));
  }
  return result;
}
