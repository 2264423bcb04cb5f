import type { Celebration } from '../../../db/schema.ts';
import type { Actor } from '../../../services/context.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { celebrateModal } from '../../surfaces/celebration-modal.ts';

/** `/mentor celebrate [@person …]`: a blank shout-out for the mentioned people. Admins only. */
export async function openNewShoutOut(rt: SlackRuntime, actor: Actor, triggerId: string, people: string[]): Promise<void> {
  const form = await rt.services.celebrations.formFor(actor);
  const view = celebrateModal({ people, channelId: form.channelId, defaultToCurrentConversation: form.channelId === null, milestones: form.milestones, metadata: {} });
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
