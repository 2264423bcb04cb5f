import type { ActionsBlock, Button, ContextBlock, DividerBlock, HeaderBlock, KnownBlock, Overflow, PlainTextOption, SectionBlock } from '@slack/types';
import { truncate } from '../../domain/mrkdwn.ts';

// Slack's limits, applied at the edge so long user text shortens instead of failing the call.
export const MAX_SECTION_TEXT = 3000;
const MAX_HEADER_TEXT = 150;
const MAX_OPTION_TEXT = 75;
export const MAX_MESSAGE_BLOCKS = 50;
export const MAX_VIEW_BLOCKS = 100;

export function header(text: string): HeaderBlock {
  return { type: 'header', text: { type: 'plain_text', text: truncate(text, MAX_HEADER_TEXT), emoji: true } };
}

export function section(mrkdwn: string, accessory?: Button | Overflow): SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(mrkdwn, MAX_SECTION_TEXT) }, ...(accessory ? { accessory } : {}) };
}

export function context(...mrkdwn: string[]): ContextBlock {
  return { type: 'context', elements: mrkdwn.slice(0, 10).map((text) => ({ type: 'mrkdwn', text: truncate(text, MAX_SECTION_TEXT) })) };
}

/** A message's blocks with one row of buttons replaced by a line saying what was done. */
export function withRowDone(blocks: KnownBlock[], blockId: string, done: string): KnownBlock[] {
  return blocks.map((block) => ((block as { block_id?: string }).block_id === blockId ? { ...context(`:white_check_mark: ${done}`), block_id: blockId } : block));
}

export function divider(): DividerBlock {
  return { type: 'divider' };
}

export function button(text: string, actionId: string, value: string, style?: 'primary' | 'danger'): Button {
  return { type: 'button', text: { type: 'plain_text', text: truncate(text, MAX_OPTION_TEXT), emoji: true }, action_id: actionId, value, ...(style ? { style } : {}) };
}

/** Buttons in one row; action ids must be unique within a block, so same-kind buttons need a suffix. */
export function actions(blockId: string | undefined, ...elements: Button[]): ActionsBlock {
  return { type: 'actions', ...(blockId ? { block_id: blockId } : {}), elements: elements.slice(0, 25) };
}

export function option(text: string, value: string): PlainTextOption {
  return { text: { type: 'plain_text', text: truncate(text, MAX_OPTION_TEXT), emoji: true }, value };
}

/** Keeps a surface under its block limit, ending with a note that points to the rest. */
export function capBlocks(blocks: KnownBlock[], max: number, overflowNote: string): KnownBlock[] {
  if (blocks.length <= max) return blocks;
  return [...blocks.slice(0, max - 1), context(overflowNote)];
}
