import type { Celebration, MentionableMilestone } from '../services/celebration-service.ts';
import type { Actor } from '../services/context.ts';
import type { ProgramPick } from '../services/program-scope.ts';
import { celebrationActionsBlockId } from './ids.ts';
import { replaceActionsLater } from './message-updates.ts';
import type { SlackRuntime } from './runtime.ts';
import { slackErrorCode } from './slack-errors.ts';
import { isChannelProblem, postedLine, shoutOutPost, suggestionMessage, type ChannelProblem } from './surfaces/celebration-messages.ts';
import { celebrateModal } from './surfaces/celebration-modal.ts';

/**
 * Shout-outs in Slack: the celebrate modal opened blank or from a suggestion, the post to the
 * channel (claimed first in the celebration service), and the suggestion DM updated once posted.
 */
export type PublishOutcome = { ok: true; celebration: Celebration } | { ok: false; channelId: string; problem: ChannelProblem | undefined; code: string | undefined };

/** Archived or unknown channels are caught before posting (conversations.info, scope channels:read). */
async function channelProblem(rt: SlackRuntime, channel: string): Promise<ChannelProblem | undefined> {
  try {
    const info = await rt.client.conversations.info({ channel });
    return info.channel?.is_archived ? 'is_archived' : undefined;
  } catch (error) {
    const code = slackErrorCode(error);
    // Anything else (a rate limit, a missing scope) is left for chat.postMessage to decide.
    return isChannelProblem(code) ? code : undefined;
  }
}

/**
 * Posts a claimed shout-out (chat:write.public: the bot need not join). On any refusal the claim is
 * released, so nothing is recorded as posted and the suggestion can be posted later.
 */
export async function publishShoutOut(rt: SlackRuntime, claimed: Celebration, milestone?: MentionableMilestone): Promise<PublishOutcome> {
  const channel = claimed.channel_id!;
  let problem = await channelProblem(rt, channel);
  let code: string | undefined = problem;
  if (!problem) {
    const post = shoutOutPost({ people: claimed.people, message: claimed.message, postedBy: claimed.posted_by ?? '', ...(milestone ? { milestone } : {}) });
    let ts: string | undefined;
    try {
      const res = await rt.client.chat.postMessage({ channel, text: post.text, blocks: post.blocks, unfurl_links: false, unfurl_media: false });
      ts = res.ts ?? '';
    } catch (error) {
      code = slackErrorCode(error);
      problem = isChannelProblem(code) ? code : undefined;
      rt.logger.warn({ team: claimed.team_id, channel, slackError: code ?? String(error) }, 'shout-out not posted');
    }
    // Once Slack has the post it stays claimed, even if recording its ts fails.
    if (ts !== undefined) {
      const posted = await rt.services.celebrations.markPosted(claimed, channel, ts).catch((error: unknown) => {
        rt.logger.error({ team: claimed.team_id, channel, err: error }, 'shout-out posted but not recorded');
        return claimed;
      });
      return { ok: true, celebration: posted };
    }
  }
  await rt.services.celebrations.release(claimed);
  return { ok: false, channelId: channel, problem, code };
}

/**
 * Replaces a suggestion DM's buttons with who posted it where. A suggestion inside a reminder
 * message (a program's graduation shout-out) changes only its own row; the rest stays.
 */
export async function showPosted(rt: SlackRuntime, ref: { channel: string; ts: string } | undefined, celebration: Celebration): Promise<void> {
  if (!ref) return;
  if (await rt.services.nudgeMessages.current(celebration.team_id, ref.channel, ref.ts)) {
    return replaceActionsLater(rt, celebration.team_id, { ...ref, blockId: celebrationActionsBlockId(celebration.id) }, postedLine(celebration));
  }
  const message = suggestionMessage(celebration, { done: postedLine(celebration) });
  await rt.client.chat.update({ channel: ref.channel, ts: ref.ts, text: message.text, blocks: message.blocks }).catch((error: unknown) => {
    rt.logger.warn({ team: celebration.team_id, slackError: slackErrorCode(error) ?? String(error) }, 'suggestion message not updated');
  });
}

/** `/mentor celebrate [@person …]`: a blank shout-out for the mentioned people. Admins only. */
export async function openNewShoutOut(rt: SlackRuntime, actor: Actor, triggerId: string, people: string[], pick: ProgramPick = {}): Promise<void> {
  const form = await rt.services.celebrations.formFor(actor, undefined, pick);
  const view = celebrateModal({ people, channelId: form.channelId, defaultToCurrentConversation: form.channelId === null, milestones: form.milestones, metadata: form.programId ? { programId: form.programId } : {} });
  await rt.client.views.open({ trigger_id: triggerId, view });
}

/**
 * A suggestion, filled in for editing ("Edit first", "Choose a channel", or after a one-click post
 * failed). Admins only. When it was posted meanwhile nothing opens and the posted row comes back.
 */
export async function openSuggestionForEditing(
  rt: SlackRuntime,
  actor: Actor,
  triggerId: string,
  celebrationId: number,
  opts: { ref?: { channel: string; ts: string }; warning?: string },
): Promise<Celebration | undefined> {
  const form = await rt.services.celebrations.formFor(actor, celebrationId);
  const celebration = form.celebration!;
  if (celebration.posted_at) return celebration;
  const view = celebrateModal({
    people: celebration.people,
    channelId: form.channelId,
    message: celebration.message,
    milestones: form.milestones,
    ...(opts.warning ? { warning: opts.warning } : {}),
    metadata: { celebrationId: celebration.id, ...(opts.ref ? { message: opts.ref } : {}) },
  });
  await rt.client.views.open({ trigger_id: triggerId, view });
  return undefined;
}
