import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/** Every visit to the Home tab re-renders the dashboard, so it is never stale. */
export function appHomeOpenedCallback(rt: SlackRuntime) {
  return async ({ event, body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'app_home_opened'>): Promise<void> => {
    if (event.tab !== 'home') return;
    await rt.homes.publish(body.team_id, event.user);
  };
}
