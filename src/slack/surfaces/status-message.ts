import type { KnownBlock } from '@slack/types';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { Dashboard, ProgramSummary } from '../../services/dashboard-service.ts';
import { capBlocks, context, divider, header, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { pairCardBlocks } from './pair-card.ts';

export function programSummaryBlocks(summary: ProgramSummary): KnownBlock[] {
  const { counts, stalled } = summary;
  const stalledLines = stalled.slice(0, 15).map((s) => `• ${mention(s.mentorId)} → ${mention(s.menteeId)}: ${s.daysSinceLast} days since ${s.lastSessionOn ? 'the last session' : 'pairing, no session yet'}`);
  if (stalled.length > 15) stalledLines.push(`…and ${stalled.length - 15} more`);
  return [
    section(`*Program*: ${counts.active} active · ${counts.paused} paused · ${counts.ended} ended pairings · ${summary.feedbackNotes} feedback notes`),
    section(stalled.length > 0 ? `*Stalled pairings* (no session for cadence + grace days)\n${stalledLines.join('\n')}` : '*Stalled pairings*: none. :tada:'),
    ...(summary.deliveryFailures.length > 0
      ? [
          section(
            `*Reminders I could not deliver* (last 7 days)\n${summary.deliveryFailures
              .slice(0, 10)
              .map((f) => `• ${mention(f.recipient_id)}: \`${escapeMrkdwn(f.last_error ?? 'unknown')}\``)
              .join('\n')}`,
          ),
        ]
      : []),
  ];
}

export function statusReply(dashboard: Dashboard): Reply {
  const blocks: KnownBlock[] = [header('Your mentoring')];
  if (dashboard.cards.length === 0) {
    blocks.push(section("You're not in a pairing yet. A program admin pairs people with `/mentor pair @mentor @mentee`; until then you can send private feedback with `/mentor feedback`."));
  }
  for (const card of dashboard.cards) blocks.push(...pairCardBlocks(card, dashboard.today, { withButtons: false }), divider());
  if (dashboard.summary) blocks.push(header('Program health'), ...programSummaryBlocks(dashboard.summary));
  blocks.push(context('Log a session with `/mentor log` · set a goal with `/mentor goal` · your dashboard is on my Home tab.'));
  const count = dashboard.cards.length;
  return {
    text: count === 0 ? "You're not in a pairing yet." : `You're in ${count} pairing${count === 1 ? '' : 's'}.`,
    blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.'),
  };
}
