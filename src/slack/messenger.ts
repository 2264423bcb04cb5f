import type { WebClient } from '@slack/web-api';
import type { Logger } from '../logger.ts';
import type { MemberProfile, ProfileSource } from '../services/member-directory.ts';
import type { MemberService } from '../services/member-service.ts';
import { isWorkspaceAdminOf } from '../domain/workspace-role.ts';
import { slackErrorCode } from './slack-errors.ts';
import type { Reply } from './surfaces/help-message.ts';

/** users.info as the directory's profile source. */
export function slackProfiles(client: WebClient): ProfileSource {
  return async (teamId, userId): Promise<MemberProfile | undefined> => {
    try {
      const { user } = await client.users.info({ user: userId });
      if (!user) return undefined;
      return {
        displayName: user.profile?.display_name || user.name || '',
        realName: user.profile?.real_name || user.real_name || '',
        tz: user.tz ?? null,
        isWorkspaceAdmin: isWorkspaceAdminOf(user, teamId),
        isBot: Boolean(user.is_bot) || userId === 'USLACKBOT',
        deactivated: Boolean(user.deleted),
      };
    } catch (error) {
      if (slackErrorCode(error) === 'user_not_found') return undefined;
      throw error;
    }
  };
}

/** Direct messages to people, with the DM channel cached so a send is one Web API call. */
export class Messenger {
  constructor(
    private readonly client: WebClient,
    private readonly members: MemberService,
    private readonly logger: Logger,
  ) {}

  /** Sends a DM; failures are logged with the Slack error and reported as false, never thrown. */
  async dm(teamId: string, userId: string, reply: Reply): Promise<boolean> {
    return (await this.dmPosted(teamId, userId, reply)) !== undefined;
  }

  /** Sends a DM and says where it landed, so it can be updated later; undefined when it failed (logged). */
  async dmPosted(teamId: string, userId: string, reply: Reply): Promise<{ channel: string; ts: string } | undefined> {
    try {
      const channel = await this.dmChannel(teamId, userId);
      const posted = await this.client.chat.postMessage({ channel, text: reply.text, ...(reply.blocks ? { blocks: reply.blocks } : {}) });
      return { channel: posted.channel ?? channel, ts: posted.ts ?? '' };
    } catch (error) {
      this.logger.warn({ team: teamId, user: userId, slackError: slackErrorCode(error) ?? String(error) }, 'direct message not delivered');
      return undefined;
    }
  }

  private async dmChannel(teamId: string, userId: string): Promise<string> {
    const known = await this.members.dmChannelOf(teamId, userId);
    if (known.channelId) return known.channelId;
    const opened = await this.client.conversations.open({ users: userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    if (known.known) await this.members.rememberDmChannel(teamId, userId, channel);
    return channel;
  }
}
