import type { KnownBlock } from '@slack/types';
import type { SlackRuntime } from './runtime.ts';
import { withRowDone } from './surfaces/blocks.ts';
import { keptCopy, withPrivateText } from './surfaces/nudge-message.ts';
import { slackErrorCode } from './slack-errors.ts';

/**
 * Replaces one item's buttons in a nudge message with a line saying what was done, so the message
 * shows the outcome and cannot be acted on twice by accident.
 */
export async function replaceActions(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string; blockId: string }, blocks: KnownBlock[] | undefined, fallbackText: string, done: string): Promise<void> {
  if (!blocks) return;
  await updateNudgeMessage(rt, teamId, ref, withRowDone(blocks, ref.blockId, done), fallbackText);
}

/** Replaces one item's buttons with other blocks (what was done, and what may follow it). */
export async function replaceRowWith(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string; blockId: string }, blocks: KnownBlock[] | undefined, fallbackText: string, replacement: KnownBlock[]): Promise<void> {
  if (!blocks) return;
  await updateNudgeMessage(rt, teamId, ref, blocks.flatMap((b) => ((b as { block_id?: string }).block_id === ref.blockId ? replacement : [b])), fallbackText);
}

async function updateNudgeMessage(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string }, updated: KnownBlock[], fallbackText: string): Promise<void> {
  try {
    await rt.client.chat.update({ channel: ref.channel, ts: ref.ts, text: fallbackText, blocks: updated });
    // Kept in step so a later update from a modal starts from what the person sees now (private text left out).
    await rt.services.nudgeMessages.record(teamId, ref.channel, ref.ts, keptCopy({ text: fallbackText, blocks: updated }));
  } catch (error) {
    rt.logger.warn({ slackError: slackErrorCode(error) ?? String(error), channel: ref.channel }, 'nudge message not updated');
  }
}

/**
 * The message behind a modal opened from a nudge, re-read so the update keeps the other items:
 * the stored copy has no private text, so its quoted advice and goal titles are composed again from ids.
 */
export async function replaceActionsLater(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string; blockId: string } | undefined, done: string): Promise<void> {
  if (!ref) return;
  const sent = await rt.services.nudgeMessages.current(teamId, ref.channel, ref.ts);
  const blocks = sent?.message.blocks as KnownBlock[] | undefined;
  if (!sent || !blocks) return;
  await replaceActions(rt, teamId, ref, withPrivateText(blocks, sent.nudges, sent.texts, sent.localDay), sent.message.text ?? '', done);
}
