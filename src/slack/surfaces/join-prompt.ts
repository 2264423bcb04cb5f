import type { KnownBlock } from '@slack/types';
import { ACTION } from '../ids.ts';
import { actions, button, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

/** How someone in no pairing takes part: their matching profile, which program admins match from. */
export const HOW_TO_JOIN = "Press *Join the program* and tell me what you'd like to grow or can offer; a program admin will match you with a partner.";

/** The button that opens the join modal (the matching profile). */
export function joinButtonRow(blockId = 'join_program'): KnownBlock {
  return actions(blockId, button('Join the program', ACTION.openJoin, 'join', 'primary'));
}

/** "You're not in a pairing yet" with the way in, for Home, `/mentor status` and refused commands. */
export function notPairedBlocks(lead: string): KnownBlock[] {
  return [section(`${lead} ${HOW_TO_JOIN}`), joinButtonRow()];
}

export function notPairedReply(lead: string): Reply {
  return { text: `${lead} ${HOW_TO_JOIN.replace('Press *Join the program*', 'Type `/mentor join`')}`, blocks: notPairedBlocks(lead) };
}
