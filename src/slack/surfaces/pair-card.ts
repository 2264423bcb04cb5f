import type { KnownBlock } from '@slack/types';
import { describeDay, relativeDay } from '../../domain/calendar.ts';
import { describeDays } from '../../domain/durations.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { milestoneProgress, progressBar } from '../../domain/pair-health.ts';
import { adviceAwaitingReport, adviceToReportBack, notMetSince } from '../../domain/plain-words.ts';
import { cardsByProgram, type PairCard, type PairProgram } from '../../services/dashboard-service.ts';
import { ACTION, goalBlockId } from '../ids.ts';
import { goalMenu } from './goal-progress.ts';
import { followUpCardBlocks, followUpCardLines } from './follow-up.ts';
import { actions, button, context, header, section } from './blocks.ts';
import { reviewCardBlocks } from './review-messages.ts';
import { bookButton } from './booking-messages.ts';

const MAX_GOALS_SHOWN = 5;
const MAX_LOOPS_SHOWN = 5;

function pairTitle(card: PairCard): string {
  const kind = card.pair.kind === 'reverse' ? ' (reverse mentoring)' : '';
  return card.role === 'mentor' ? `You mentor ${mention(card.partnerId)}${kind}` : `${mention(card.partnerId)} mentors you${kind}`;
}

/** The program's `mentees_see_stalled`: when false, a mentee's own card shows the due date without the warning. */
function rhythmLine(card: PairCard, today: string, menteesSeeStalled = true): string {
  const last = card.lastSessionOn ? `last session ${relativeDay(card.lastSessionOn, today)}` : 'no session logged yet';
  if (card.pair.status === 'paused') {
    const until = card.pair.paused_until ? ` until ${describeDay(card.pair.paused_until.toISOString().slice(0, 10), today)}` : '';
    return `:double_vertical_bar: Paused${until} · ${last}`;
  }
  const warn = card.rhythm.overdue && (card.role !== 'mentee' || menteesSeeStalled);
  if (warn) {
    const since = card.lastSessionOn ? notMetSince(card.lastSessionOn, today) : 'you haven\'t met yet';
    return `Every ${describeDays(card.pair.cadence_days)} · :warning: ${since} · next session was due ${relativeDay(card.rhythm.nextDueOn, today)}`;
  }
  return `Every ${describeDays(card.pair.cadence_days)} · ${last} · next session due ${describeDay(card.rhythm.nextDueOn, today)}`;
}

/** The advice still waiting for the mentee's word on how it went, in plain words for each side. */
function adviceLine(card: PairCard): string {
  if (card.openLoopCount === 0) return card.role === 'mentee' ? 'No advice to report back on.' : `No advice waiting for ${mention(card.partnerId)} to report back on.`;
  return card.role === 'mentee' ? `${adviceToReportBack(card.openLoopCount)}.` : `${adviceAwaitingReport(card.openLoopCount, mention(card.partnerId))}.`;
}

export function goalLine(goal: PairCard['goals'][number], today: string): string {
  const { done, total } = milestoneProgress(goal.milestones);
  const progress = total > 0 ? ` ${progressBar(done, total)} ${done}/${total} milestones` : '';
  const target = goal.target_date ? ` · target ${describeDay(goal.target_date, today)}` : '';
  return `• ${escapeMrkdwn(truncate(goal.title, 150))}${progress}${target}`;
}

/** One pairing, for the owner's eyes only (status reply and App Home). */
export function pairCardBlocks(card: PairCard, today: string, opts: { withButtons: boolean; menteesSeeStalled?: boolean; goalMenus?: boolean }): KnownBlock[] {
  const goals = card.goals.slice(0, MAX_GOALS_SHOWN).map((g) => goalLine(g, today));
  if (card.goals.length > MAX_GOALS_SHOWN) goals.push(`…and ${card.goals.length - MAX_GOALS_SHOWN} more`);
  // On Home each open goal gets a line of its own with its menu (achieved, progress, edit, drop).
  const fullHome = opts.withButtons && (opts.goalMenus ?? true);
  const goalMenus = fullHome && card.pair.status !== 'ended' && card.goals.length > 0;
  const blocks: KnownBlock[] = [
    section(
      [
        `*${pairTitle(card)}*`,
        ...(card.pair.objective ? [`_Objective:_ ${escapeMrkdwn(truncate(card.pair.objective, 300))}`] : []),
        rhythmLine(card, today, opts.menteesSeeStalled),
        `Sessions logged: ${card.sessionCount} · review on ${describeDay(card.pair.review_on, today)}`,
        ...(goalMenus ? [] : [card.goals.length > 0 ? `*Open goals*\n${goals.join('\n')}` : '_No open goals yet._']),
        adviceLine(card),
        ...(fullHome ? [] : followUpCardLines(card, today)),
      ].join('\n'),
    ),
  ];
  if (!opts.withButtons) return blocks;
  if (goalMenus) {
    card.goals.slice(0, MAX_GOALS_SHOWN).forEach((goal, i) => {
      blocks.push({ ...section(`${i === 0 ? '*Open goals*\n' : ''}${goalLine(goal, today)}`, goalMenu(goal.id)), block_id: goalBlockId(goal.id) });
    });
    if (card.goals.length > MAX_GOALS_SHOWN) blocks.push(context(`…and ${card.goals.length - MAX_GOALS_SHOWN} more open goals (\`/mentor status\`).`));
  }
  if (card.role === 'mentee') {
    for (const loop of card.openLoops.slice(0, MAX_LOOPS_SHOWN)) {
      blocks.push(section(`>${escapeMrkdwn(truncate(loop.text, 300))}\n_follow up ${relativeDay(loop.follow_up_on, today)}_`, button('Close the loop', ACTION.openLoop, String(loop.id))));
    }
    if (card.openLoopCount > MAX_LOOPS_SHOWN) blocks.push(context(`…and ${card.openLoopCount - MAX_LOOPS_SHOWN} more: \`/mentor loops\` lists all your advice to report back on.`));
  }
  blocks.push(...reviewCardBlocks(card, card.role === 'mentor' ? card.pair.mentor_id : card.pair.mentee_id, today));
  if (fullHome) blocks.push(...followUpCardBlocks(card, today));
  if (card.pair.status !== 'ended') {
    blocks.push(
      actions(
        `pair_actions_${card.pair.id}`,
        button('Log a session', ACTION.openLog, String(card.pair.id), 'primary'),
        button('Set a goal', ACTION.openGoal, String(card.pair.id)),
        ...(card.pair.status === 'active' ? [bookButton(card.pair.id)] : []),
      ),
    );
  }
  return blocks;
}

/** "Spring cohort · ends Mon 31 May": a program's heading above its pairings, with its end date if it has one. */
export function programHeading(program: Pick<PairProgram, 'name' | 'ends_on'>, today: string): string {
  if (!program.ends_on) return program.name;
  return `${program.name} · ${program.ends_on < today ? 'ended' : 'ends'} ${describeDay(program.ends_on, today)}`;
}

/**
 * A member's cards, each rendered by `render`: under a heading per program when their pairings are
 * in several programs, and exactly as before (no heading) when they are all in one.
 */
export function cardsGroupedByProgram(cards: PairCard[], today: string, render: (card: PairCard) => KnownBlock[]): KnownBlock[] {
  const groups = cardsByProgram(cards);
  if (groups.length <= 1) return cards.flatMap(render);
  return groups.flatMap((group) => [header(programHeading(group.program, today)), ...group.cards.flatMap(render)]);
}
