import { ErrorCode, type WebAPICallError } from '@slack/web-api';

/** Slack's error code for a failed Web API call, or undefined when it was not a platform error. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as WebAPICallError & { data?: { error?: string } };
  if (e && typeof e === 'object' && e.code === ErrorCode.PlatformError) return e.data?.error;
  return undefined;
}

/**
 * What a failed Web API call means, the one reading of Slack errors in the app:
 * - `rate_limited`: a 429; wait `retryAfterSeconds` before calling again.
 * - `gone`: the person can never receive anything (deactivated, unknown to Slack).
 * - `permanent`: this call can never succeed as made (bad channel, cannot DM); retrying will not help.
 * - `transient`: network errors, 5xx, timeouts and other platform errors; a later try may succeed.
 */
export type SlackErrorKind = 'rate_limited' | 'gone' | 'permanent' | 'transient';

export interface SlackErrorClass {
  kind: SlackErrorKind;
  /** Slack's error code, or the transport's message for errors that carry none. */
  reason: string;
  retryAfterSeconds?: number;
}

const GONE = new Set(['account_inactive', 'user_not_found', 'user_disabled']);
const PERMANENT = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'cannot_dm_bot']);
/** Codes auth.test answers with when the bot token itself is bad. */
const REJECTED_TOKEN = new Set(['invalid_auth', 'not_authed', 'token_revoked', 'token_expired', 'account_inactive', 'not_allowed_token_type']);

export function classifySlackError(error: unknown): SlackErrorClass {
  const e = error as { code?: string; retryAfter?: number; message?: string };
  if (e && typeof e === 'object' && e.code === ErrorCode.RateLimitedError) {
    return { kind: 'rate_limited', reason: 'ratelimited', retryAfterSeconds: Math.max(1, Number(e.retryAfter ?? 30)) };
  }
  const code = slackErrorCode(error);
  if (code === 'ratelimited') return { kind: 'rate_limited', reason: code, retryAfterSeconds: 30 };
  if (code && GONE.has(code)) return { kind: 'gone', reason: code };
  if (code && PERMANENT.has(code)) return { kind: 'permanent', reason: code };
  return { kind: 'transient', reason: code ?? String(e?.message ?? error).slice(0, 500) };
}

/** Errors that say the person can never receive this: retrying will not help. */
export function isPermanentSlackError(error: unknown): boolean {
  const kind = classifySlackError(error).kind;
  return kind === 'gone' || kind === 'permanent';
}

export function isRateLimitedError(error: unknown): boolean {
  return classifySlackError(error).kind === 'rate_limited';
}

/** The Slack code when auth.test rejected the bot token itself (as opposed to Slack being unreachable). */
export function rejectedTokenCode(error: unknown): string | undefined {
  const code = slackErrorCode(error);
  return code && REJECTED_TOKEN.has(code) ? code : undefined;
}
