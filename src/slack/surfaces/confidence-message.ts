import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { ConfidenceQuestion } from '../../services/confidence-service.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import type { NudgeTexts } from '../../services/nudge-message-service.ts';
import { confidenceActionId, confidenceBlockId, confidenceButtonValue, confidenceSavedBlockId, nudgeTextBlockId } from '../ids.ts';
import { actions, button, capBlocks, context, divider, MAX_MESSAGE_BLOCKS, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

export const CONFIDENCE_QUESTION = 'How confident are you at this today?';

const RATING_WORDS: Record<number, string> = { 1: 'not at all', 2: 'a little', 3: 'fairly', 4: 'very', 5: 'completely' };

function intro(q: ConfidenceQuestion): string {
  const one = q.goals.length === 1;
  switch (q.moment) {
    case 'set':
      return ':seedling: *A new goal.* One quick question now, so you can see later how far you have come.';
    case 'achieved':
      return ':tada: *Goal achieved!* Looking back from here:';
    case 'dropped':
      return ':leaves: *A goal was dropped.* Before it goes, one last look:';
    case 'review':
      return `:mag: *Your pairing review with ${mention(q.mentorId)} is saved.* ${one ? 'For your open goal:' : 'For each of your open goals:'}`;
    case 'end':
      return `:checkered_flag: *Your pairing with ${mention(q.mentorId)} has ended.* One last look at ${one ? 'your open goal' : 'your open goals'}:`;
  }
}

function ratingRow(goalId: number, q: ConfidenceQuestion): ActionsBlock {
  const value = confidenceButtonValue(goalId, q.moment, q.reviewOn);
  return actions(confidenceBlockId(goalId, q.moment), ...[1, 2, 3, 4, 5].map((n) => button(String(n), confidenceActionId(n), value)));
}

const RATING_HINT = '1 = not at all confident, 5 = completely. Only you see your answers; program admins only ever see the overall change. Press another number to change one.';

/** A goal's title and the question; in a reminder its block id marks it as private text, not kept once sent. */
function goalSection(goal: { id: number; title: string }, blockId?: string): KnownBlock {
  const block = section(`*“${escapeMrkdwn(truncate(goal.title, 150))}”*\n${CONFIDENCE_QUESTION}`);
  return blockId ? { ...block, block_id: blockId } : block;
}

function questionBlocks(q: ConfidenceQuestion, max: number, titleBlockId?: (goalId: number) => string): KnownBlock[] {
  const goals = q.goals.slice(0, max);
  const blocks: KnownBlock[] = [section(intro(q))];
  for (const goal of goals) blocks.push(goalSection(goal, titleBlockId?.(goal.id)), ratingRow(goal.id, q));
  if (q.goals.length > goals.length) blocks.push(context(`…and ${q.goals.length - goals.length} more goals on my Home tab.`));
  return blocks;
}

/** The mentee's question: each goal with five buttons, 1 (not at all) to 5 (completely). */
export function confidenceQuestionMessage(q: ConfidenceQuestion): Reply {
  const blocks = [...questionBlocks(q, 20), context(RATING_HINT)];
  const what = q.goals.length === 1 ? `“${truncate(q.goals[0]!.title, 80)}”` : `${q.goals.length} goals`;
  return { text: `${CONFIDENCE_QUESTION} (${what}, 1 to 5)`, blocks: capBlocks(blocks, MAX_MESSAGE_BLOCKS, 'More on my Home tab.') };
}

/** The question a confidence nudge asks, its goal titles read when the message is composed. */
function questionOfNudge(n: Nudge, texts: NudgeTexts): ConfidenceQuestion {
  const d = (n.detail ?? {}) as { moment?: ConfidenceQuestion['moment']; reviewOn?: string; mentorId?: string; goalIds?: unknown[] };
  const goalIds = (d.goalIds ?? []).map(Number).filter(Number.isSafeInteger);
  return {
    teamId: n.team_id, programId: n.program_id, pairId: Number(n.pair_id), menteeId: n.recipient_id, mentorId: d.mentorId ?? '', moment: d.moment ?? 'set',
    ...(d.reviewOn ? { reviewOn: d.reviewOn } : {}),
    goals: goalIds.filter((id) => texts.goals.has(id)).map((id) => ({ id, title: texts.goals.get(id)! })),
  };
}

/** The confidence question inside a person's daily message: at most 5 goals there, the rest on Home. */
export function confidenceItem(n: Nudge, texts: NudgeTexts): KnownBlock[] {
  const q = questionOfNudge(n, texts);
  if (q.goals.length === 0) return [];
  return [...questionBlocks(q, 5, (goalId) => nudgeTextBlockId(n.id, goalId)), context(RATING_HINT)];
}

/** A kept copy's goal section composed again from the nudge and the titles read now. */
export function confidenceGoalSection(n: Nudge, goalId: number, texts: NudgeTexts): KnownBlock {
  return goalSection({ id: goalId, title: texts.goals.get(goalId) ?? '' }, nudgeTextBlockId(n.id, goalId));
}

export function confidenceSubject(n: Nudge): string {
  const moment = (n.detail as { moment?: string } | null)?.moment;
  return moment === 'review' || moment === 'end' ? 'how confident are you at your goals now?' : 'how confident are you at your goal today?';
}

/** What a saved rating reads as, under the goal's buttons. */
export function confidenceSavedText(rating: number, moment: string, reviewOn: string | undefined, today: string): string {
  const when = moment === 'review' && reviewOn ? ` for the review of ${describeDay(reviewOn, today)}` : '';
  return `:white_check_mark: Saved${when}: *${rating} of 5* (${RATING_WORDS[rating] ?? ''} confident). Only you see it.`;
}

/**
 * The message after a press: the pressed row keeps its five buttons with the chosen one marked, and
 * the line under it says what was saved, so a second press can change it.
 */
export function withConfidenceSaved(blocks: KnownBlock[], ref: { goalId: number; moment: string }, rating: number, saved: string): KnownBlock[] {
  const rowId = confidenceBlockId(ref.goalId, ref.moment);
  const savedId = confidenceSavedBlockId(ref.goalId, ref.moment);
  const out: KnownBlock[] = [];
  for (const block of blocks) {
    if ((block as { block_id?: string }).block_id === savedId) continue;
    if (block.type === 'actions' && block.block_id === rowId) {
      const elements = block.elements.map((e) => {
        const b = e as Button;
        const { style: _old, ...plain } = b;
        return b.action_id === confidenceActionId(rating) ? { ...plain, style: 'primary' as const } : plain;
      });
      out.push({ ...block, elements }, { ...context(saved), block_id: savedId });
    } else {
      out.push(block);
    }
  }
  return out;
}
