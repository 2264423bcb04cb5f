import type { KnownBlock } from '@slack/types';
import type { SlackRuntime } from './runtime.ts';
import { withRowDone } from './surfaces/blocks.ts';
import { slackErrorCode } from './slack-errors.ts';

/**
 * Replaces one item's buttons in a nudge message with a line saying what was done, so the message
 * shows the outcome and cannot be acted on twice by accident.
 */
export async function replaceActions(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string; blockId: string }, blocks: KnownBlock[] | undefined, fallbackText: string, done: string): Promise<void> {
  if (!blocks) return;
  const updated = withRowDone(blocks, ref.blockId, done);
  try {
    await rt.client.chat.update({ channel: ref.channel, ts: ref.ts, text: fallbackText, blocks: updated });
    // Kept in step so a later update from a modal starts from what the person sees now.
    await rt.services.nudgeMessages.record(teamId, ref.channel, ref.ts, { text: fallbackText, blocks: updated });
  } catch (error) {
    rt.logger.warn({ slackError: slackErrorCode(error) ?? String(error), channel: ref.channel }, 'nudge message not updated');
  }
}

/** The message behind a modal opened from a nudge, re-read so the update keeps the other items. */
export async function replaceActionsLater(rt: SlackRuntime, teamId: string, ref: { channel: string; ts: string; blockId: string } | undefined, done: string): Promise<void> {
  if (!ref) return;
  const message = (await rt.services.nudgeMessages.current(teamId, ref.channel, ref.ts)) as { text?: string; blocks?: KnownBlock[] } | undefined;
  if (!message?.blocks) return;
  await replaceActions(rt, teamId, ref, message.blocks, message.text ?? '', done);
}
