import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/**
 * `app_uninstalled`, and `tokens_revoked` naming a bot token: the app no longer works in the
 * workspace. All work for it stops (the sweep skips it, what was waiting to be sent is cancelled);
 * no Web API call is made, since the token no longer works.
 */
export function workspaceRemovedCallback(rt: SlackRuntime) {
  return async ({ event, body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_uninstalled' | 'tokens_revoked'>): Promise<void> => {
    const teamId = body.team_id;
    if (event.type === 'tokens_revoked' && (event.tokens.bot ?? []).length === 0) return;
    const cancelled = await rt.services.workspaces.uninstalled(teamId, event.type);
    rt.logger.warn({ team: teamId, interaction: `event:${event.type}`, cancelledDeliveries: cancelled }, 'app removed from the workspace; all work for it stopped');
  };
}
