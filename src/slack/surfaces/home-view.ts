import type { HomeView, KnownBlock } from '@slack/types';
import type { ChartImage } from '../../services/chart-service.ts';
import type { Dashboard } from '../../services/dashboard-service.ts';
import { joinableProgramsBlocks, waitingForMatchBlocks } from './enrolment.ts';
import { feedbackInboxBlocks } from './feedback-inbox.ts';
import { capBlocks, context, divider, header, MAX_VIEW_BLOCKS, section } from './blocks.ts';
import { notPairedBlocks } from './join-prompt.ts';
import { cardsGroupedByProgram, pairCardBlocks } from './pair-card.ts';
import { homeChartBlocks } from './outcome-report-view.ts';
import { programSummaryBlocks } from './report-view.ts';
import { programSwitch } from './program-choice.ts';
import { ADMIN_PROGRAM_HOME } from '../ids.ts';

export function homeView(dashboard: Dashboard, charts: readonly ChartImage[] = []): HomeView {
  const blocks: KnownBlock[] = [header('Your mentoring')];
  // The admin summary and footer always fit: the pair cards give way to them.
  const tail: KnownBlock[] = [
    ...joinableProgramsBlocks(dashboard.joinable ?? [], dashboard.today),
    ...waitingForMatchBlocks(dashboard.waiting),
    ...(dashboard.admin ? programSwitch(dashboard.admin.choices, dashboard.admin.program, ADMIN_PROGRAM_HOME) : []),
    ...(dashboard.feedback ? feedbackInboxBlocks(dashboard.feedback, dashboard.today) : []),
    ...(dashboard.summary ? [header('Program health (admins)'), ...homeChartBlocks(charts), ...programSummaryBlocks(dashboard.summary)] : []),
    context('Notes you log are private to you and your partner. `/mentor feedback` sends a private note to program admins.'),
  ];
  if (dashboard.cards.length === 0) {
    blocks.push(
      section("*Welcome!* I help mentoring pairs keep going: set goals, log sessions, and close the loop on advice by telling your mentor what happened when you used it. Type `/mentor help` to see what you can do."),
      // Open programs are offered below with their own join buttons; one way in is enough.
      ...((dashboard.joinable ?? []).length > 0 ? [section("You're not in a pairing yet: pick a program below and join it as a mentee or a mentor.")] : notPairedBlocks("You're not in a pairing yet.")),
    );
  }
  // Each open goal's line with its menu costs a block: with too many pairings to fit, every pairing
  // is shown with its goals as text rather than some pairings dropped.
  // Pairings in several programs are grouped under a heading per program; in one program, no heading.
  const cardBlocks = (goalMenus: boolean) =>
    cardsGroupedByProgram(dashboard.cards, dashboard.today, (card) => [...pairCardBlocks(card, dashboard.today, { withButtons: true, menteesSeeStalled: card.program.mentees_see_stalled, goalMenus }), divider()]);
  const withMenus = cardBlocks(true);
  if (blocks.length + withMenus.length <= MAX_VIEW_BLOCKS - tail.length) blocks.push(...withMenus);
  else blocks.push(context('Too many pairings for goal menus here: `/mentor status` lists every goal.'), ...cardBlocks(false));
  const cards = capBlocks(blocks, MAX_VIEW_BLOCKS - tail.length, 'More pairings than fit here: `/mentor status` lists them all.');
  return { type: 'home', blocks: [...cards, ...tail] };
}
