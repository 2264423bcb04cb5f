import type { MilestoneEvent } from '../services/celebration-service.ts';
import type { SlackRuntime } from './runtime.ts';
import { suggestedShoutOut, suggestionMessage } from './surfaces/celebration-messages.ts';

/** The channel's name for the button label ("Post to #wins"); undefined when Slack won't say. */
async function channelName(rt: SlackRuntime, channel: string): Promise<string | undefined> {
  try {
    return (await rt.client.conversations.info({ channel })).channel?.name ?? undefined;
  } catch {
    return undefined;
  }
}

/** Something worth celebrating just happened; admins may get a shout-out suggestion. */
export type Milestone = MilestoneEvent;

/**
 * Called after the change is committed. Never throws: a failed suggestion must not undo or hide
 * what the person did. Each milestone is suggested once (a unique index decides which call
 * records it); only that call DMs the program admins.
 */
export async function noticeMilestone(rt: SlackRuntime, milestone: Milestone): Promise<void> {
  try {
    const found = await rt.services.celebrations.detect(milestone);
    if (!found) return;
    const celebration = await rt.services.celebrations.recordSuggestion(found, suggestedShoutOut(found.facts));
    if (!celebration) return;
    const [admins, name] = await Promise.all([
      rt.services.celebrations.adminsOf(found.teamId, found.programId),
      celebration.channel_id ? channelName(rt, celebration.channel_id) : undefined,
    ]);
    const dm = suggestionMessage(celebration, name ? { channelName: name } : {});
    await Promise.all(admins.map((admin) => rt.messenger.dm(found.teamId, admin, dm)));
  } catch (error) {
    rt.logger.error({ team: milestone.teamId, milestone: milestone.kind, err: error }, 'milestone suggestion failed');
  }
}
