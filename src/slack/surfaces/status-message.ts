import type { KnownBlock } from '@slack/types';
import type { Dashboard } from '../../services/dashboard-service.ts';
import { capBlocks, context, divider, header, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { settingsSummary } from './settings-summary.ts';
import { notPairedBlocks } from './join-prompt.ts';
import { cardsGroupedByProgram, pairCardBlocks } from './pair-card.ts';
import { programSummaryBlocks } from './report-view.ts';

export function statusReply(dashboard: Dashboard): Reply {
  const blocks: KnownBlock[] = [header('Your mentoring')];
  if (dashboard.cards.length === 0) {
    blocks.push(...notPairedBlocks("You're not in a pairing yet."), context('Until then you can send program admins a private note with `/mentor feedback`.'));
  }
  blocks.push(...cardsGroupedByProgram(dashboard.cards, dashboard.today, (card) => [...pairCardBlocks(card, dashboard.today, { withButtons: false, menteesSeeStalled: card.program.mentees_see_stalled }), divider()]));
  if (dashboard.summary) blocks.push(header('Program health'), ...programSummaryBlocks(dashboard.summary), context(`*Settings*: ${settingsSummary(dashboard.program)} · change with \`/mentor settings\``));
  blocks.push(context('Log a session with `/mentor log` · set a goal with `/mentor goal` · your dashboard is on my Home tab.'));
  const count = dashboard.cards.length;
  return {
    text: count === 0 ? "You're not in a pairing yet." : `You're in ${count} pairing${count === 1 ? '' : 's'}.`,
    blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.'),
  };
}
