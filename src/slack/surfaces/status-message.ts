import type { KnownBlock } from '@slack/types';
import type { Dashboard, ProgramSummary } from '../../services/dashboard-service.ts';
import type { ProgramReport } from '../../services/report-service.ts';
import { capBlocks, context, divider, header, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { settingsSummary } from './settings-summary.ts';
import { pairCardBlocks } from './pair-card.ts';
import { failuresText, reportSummaryBlocks, stalledText } from './report-view.ts';

/**
 * The admin tail of Home and `/mentor status`: the program report's figures in four blocks at
 * most, so the pair cards above keep their room. Counts, dates and names only.
 */
export function programSummaryBlocks(summary: ProgramSummary & { report?: ProgramReport }): KnownBlock[] {
  if (summary.report) return reportSummaryBlocks(summary.report, { feedbackNotes: summary.feedbackNotes });
  const { counts, stalled } = summary;
  return [
    section(`*Program*: ${counts.active} active · ${counts.paused} paused · ${counts.ended} ended pairings · ${summary.feedbackNotes} feedback notes`),
    section(stalledText(stalled, 15)),
    ...(summary.deliveryFailures.length > 0 ? [section(failuresText(summary.deliveryFailures, 'last 7 days'))] : []),
  ];
}

export function statusReply(dashboard: Dashboard): Reply {
  const blocks: KnownBlock[] = [header('Your mentoring')];
  if (dashboard.cards.length === 0) {
    blocks.push(section("You're not in a pairing yet. A program admin pairs people with `/mentor pair @mentor @mentee`; until then you can send private feedback with `/mentor feedback`."));
  }
  for (const card of dashboard.cards) blocks.push(...pairCardBlocks(card, dashboard.today, { withButtons: false, menteesSeeStalled: dashboard.program.mentees_see_stalled }), divider());
  if (dashboard.summary) blocks.push(header('Program health'), ...programSummaryBlocks(dashboard.summary), context(`*Settings*: ${settingsSummary(dashboard.program)} · change with \`/mentor settings\``));
  blocks.push(context('Log a session with `/mentor log` · set a goal with `/mentor goal` · your dashboard is on my Home tab.'));
  const count = dashboard.cards.length;
  return {
    text: count === 0 ? "You're not in a pairing yet." : `You're in ${count} pairing${count === 1 ? '' : 's'}.`,
    blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.'),
  };
}
