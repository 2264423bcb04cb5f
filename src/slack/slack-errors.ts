import { ErrorCode, type WebAPICallError } from '@slack/web-api';

/** Slack's error code for a failed Web API call, or undefined when it was not a platform error. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = error as WebAPICallError & { data?: { error?: string } };
  if (e && typeof e === 'object' && e.code === ErrorCode.PlatformError) return e.data?.error;
  return undefined;
}

/** Errors that say the person can never receive this: retrying will not help. */
const PERMANENT = new Set(['user_not_found', 'account_inactive', 'channel_not_found', 'not_in_channel', 'is_archived', 'cannot_dm_bot', 'user_disabled']);

export function isPermanentSlackError(error: unknown): boolean {
  const code = slackErrorCode(error);
  return code !== undefined && PERMANENT.has(code);
}
