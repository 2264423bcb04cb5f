import type { AllMiddlewareArgs, SlackEventMiddlewareArgs } from '@slack/bolt';
import { isWorkspaceAdminOf } from '../../../domain/workspace-role.ts';
import type { SlackRuntime } from '../../runtime.ts';

/** Keeps the profile cache fresh; someone deactivated has their pairs paused. */
export function userChangeCallback(rt: SlackRuntime) {
  return async ({ event, body }: AllMiddlewareArgs & SlackEventMiddlewareArgs<'user_change'>): Promise<void> => {
    const user = event.user;
    const teamId = body.team_id;
    await rt.services.members.updateProfile(teamId, user.id, {
      displayName: user.profile?.display_name || user.name || '',
      realName: user.profile?.real_name || user.real_name || '',
      tz: user.tz ?? null,
      isWorkspaceAdmin: isWorkspaceAdminOf(user, teamId),
      isBot: Boolean(user.is_bot),
      deactivated: Boolean(user.deleted),
    });
    if (!user.deleted) return;
    const paused = await rt.services.pairs.pauseForDeparture(teamId, user.id);
    rt.logger.info({ team: teamId, user: user.id, interaction: 'event:user_change', pausedPairs: paused.map((p) => p.id) }, 'member deactivated; pairs paused');
    await rt.homes.publishAll(teamId, paused.map((p) => (p.mentor_id === user.id ? p.mentee_id : p.mentor_id)));
  };
}
