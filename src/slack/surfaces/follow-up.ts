import type { KnownBlock, ModalView } from '@slack/types';
import { addDaysTo, daysBetween, describeDay } from '../../domain/calendar.ts';
import { ASK_AGAIN_DAYS } from '../../domain/follow-up.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { AdviceItem } from '../../services/advice-service.ts';
import type { Commitment } from '../../services/commitment-service.ts';
import type { PairCard } from '../../services/dashboard-service.ts';
import type { Pair } from '../../services/pair-service.ts';
import { ACTION, adviceGivenBlockId, adviceOutcomesBlockId, askedLoopActionsBlockId, commitmentBlockId, commitmentsBlockId, FOLLOW_UP_ACTION, OPEN_COMMITMENTS_BLOCK, WE_MET_CALLBACK, WE_MET_FIELD } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import { dateInput, modal, type PairChoice } from './modal-parts.ts';
import type { MessageRef } from './review-modals.ts';

/** Open commitments and pieces of advice listed on a card; the rest are counted. */
const COMMITMENTS_SHOWN = 5;
const ADVICE_SHOWN = 5;

/** How the mentor reads what the mentee did with their advice. */
export const OUTCOME_SAID: Record<Exclude<AdviceItem['outcome'], 'open'>, string> = {
  tried_worked: 'Tried it, it worked',
  tried_didnt: "Tried it, it didn't work",
  not_applicable: "It didn't apply",
};

const quote = (text: string, max: number) => `>${escapeMrkdwn(truncate(text, max)).replace(/\n/g, '\n>')}`;

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The commitments on a card: the mentee ticks each off with "Done"; the mentor sees the list. */
function commitmentBlocks(card: PairCard): KnownBlock[] {
  if (card.commitmentCount === 0) return [];
  const shown = card.commitments.slice(0, COMMITMENTS_SHOWN);
  const more = card.commitmentCount - shown.length;
  if (card.role === 'mentor') {
    const list = shown.map((c) => `• ${escapeMrkdwn(truncate(c.text, 200))}`);
    if (more > 0) list.push(`…and ${more} more`);
    return [{ ...section(`*${mention(card.partnerId)}'s commitments before your next session*\n${list.join('\n')}\n_They tick them off as they do them._`), block_id: commitmentsBlockId(card.pair.id) }];
  }
  const blocks: KnownBlock[] = shown.map((c, i) => ({
    ...section(`${i === 0 ? '*Your commitments before the next session*\n' : ''}• ${escapeMrkdwn(truncate(c.text, 300))}`, button('Done', FOLLOW_UP_ACTION.commitmentDone, String(c.id))),
    block_id: commitmentBlockId(c.id),
  }));
  if (more > 0) blocks.push(context(`…and ${plural(more, 'more commitment', 'more commitments')}: tick these off to see them.`));
  return blocks;
}

/** The advice the mentor gave: each open piece with its follow-up day and "Ask how it went", then what came of the latest closed ones. */
function adviceBlocks(card: PairCard, today: string): KnownBlock[] {
  if (card.role !== 'mentor') return [];
  const blocks: KnownBlock[] = card.openLoops.slice(0, ADVICE_SHOWN).map((a, i) => {
    const askedOn = a.asked_at ? a.asked_at.toISOString().slice(0, 10) : undefined;
    const askedLately = askedOn !== undefined && daysBetween(askedOn, today) < ASK_AGAIN_DAYS;
    const lines = [
      ...(i === 0 ? [`*Your advice to hear back on* (${card.openLoopCount})`] : []),
      quote(a.text, 300),
      `_follow up ${describeDay(a.follow_up_on, today)}${askedLately ? ` · you asked how it went on ${describeDay(askedOn!, today)}` : ''}_`,
    ];
    return { ...section(lines.join('\n'), askedLately ? undefined : button('Ask how it went', FOLLOW_UP_ACTION.askHowItWent, String(a.id))), block_id: adviceGivenBlockId(a.id) };
  });
  const more = card.openLoopCount - Math.min(card.openLoops.length, ADVICE_SHOWN);
  if (more > 0) blocks.push(context(`…and ${plural(more, 'more piece', 'more pieces')} of advice to hear back on.`));
  if (card.adviceOutcomes.length > 0) {
    const outcomes = card.adviceOutcomes.map((a) => {
      const said = OUTCOME_SAID[a.outcome as keyof typeof OUTCOME_SAID] ?? a.outcome;
      const what = a.outcome_text ? `: ${escapeMrkdwn(truncate(a.outcome_text, 300))}` : '';
      const stars = a.usefulness ? ` (${a.usefulness}/5 useful)` : '';
      return `${quote(a.text, 200)}\n_${said}_${what}${stars}`;
    });
    blocks.push({ ...section(`*What came of your advice*\n${outcomes.join('\n')}`), block_id: adviceOutcomesBlockId(card.pair.id) });
  }
  return blocks;
}

/** What a Home card adds for following up between sessions: commitments, and the mentor's advice, with their buttons. */
export function followUpCardBlocks(card: PairCard, today: string): KnownBlock[] {
  if (card.pair.status === 'ended') return [];
  return [...commitmentBlocks(card), ...adviceBlocks(card, today)];
}

/**
 * The same as lines of the card's text, without buttons: for `/mentor status`, and for a Home with
 * too many pairings to give each item a row of its own.
 */
export function followUpCardLines(card: PairCard, today: string): string[] {
  if (card.pair.status === 'ended') return [];
  const lines: string[] = [];
  const list = (items: string[], total: number) => [...items, ...(total > items.length ? [`…and ${total - items.length} more`] : [])].join('\n');
  if (card.commitmentCount > 0) {
    const items = card.commitments.slice(0, COMMITMENTS_SHOWN).map((c) => `• ${escapeMrkdwn(truncate(c.text, 150))}`);
    lines.push(`*Commitments before the next session*\n${list(items, card.commitmentCount)}`);
  }
  if (card.role === 'mentor' && card.openLoopCount > 0) {
    const items = card.openLoops.slice(0, ADVICE_SHOWN).map((a) => `• ${escapeMrkdwn(truncate(a.text, 150))} _(follow up ${describeDay(a.follow_up_on, today)})_`);
    lines.push(`*Your advice to hear back on*\n${list(items, card.openLoopCount)}`);
  }
  if (card.role === 'mentor' && card.adviceOutcomes.length > 0) {
    const items = card.adviceOutcomes.map((a) => `• ${escapeMrkdwn(truncate(a.text, 100))}: _${OUTCOME_SAID[a.outcome as keyof typeof OUTCOME_SAID] ?? a.outcome}_${a.outcome_text ? ` (${escapeMrkdwn(truncate(a.outcome_text, 150))})` : ''}`);
    lines.push(`*What came of your advice*\n${items.join('\n')}`);
  }
  return lines;
}

/** The open commitments in the log form, read-only, under the pairing they belong to. */
export function logCommitmentsBlocks(commitments: Array<Pick<Commitment, 'pair_id' | 'text'>>, pairs: PairChoice[], fixed: number | undefined): KnownBlock[] {
  const shown = commitments.filter((c) => fixed === undefined || c.pair_id === fixed);
  if (shown.length === 0) return [];
  const groups = pairs
    .map((p) => ({ label: p.label, items: shown.filter((c) => c.pair_id === p.pairId) }))
    .filter((g) => g.items.length > 0)
    .map((g) => {
      const items = g.items.slice(0, COMMITMENTS_SHOWN).map((c) => `• ${escapeMrkdwn(truncate(c.text, 200))}`);
      if (g.items.length > COMMITMENTS_SHOWN) items.push(`…and ${g.items.length - COMMITMENTS_SHOWN} more`);
      return `${fixed === undefined ? `_${escapeMrkdwn(g.label)}_\n` : ''}${items.join('\n')}`;
    });
  return [{ ...section(`*Commitments still open from earlier sessions*\n${groups.join('\n')}`), block_id: OPEN_COMMITMENTS_BLOCK }];
}

/** The close-the-loop prompt the mentee gets when their mentor asks how a piece of advice went. */
export function askedHowItWentMessage(advice: AdviceItem, pair: Pair): { text: string; blocks: KnownBlock[] } {
  return {
    text: `${mention(pair.mentor_id)} would like to hear how their advice went.`,
    blocks: [
      section(`:repeat: *${mention(pair.mentor_id)} would like to hear how their advice went*\n${quote(advice.text, 500)}\nTelling them closes the loop.`),
      actions(
        askedLoopActionsBlockId(advice.id),
        button('Close the loop', ACTION.openLoop, String(advice.id), 'primary'),
        button('Not yet', ACTION.loopNotYet, String(advice.id)),
        button("Didn't apply", ACTION.loopDidntApply, String(advice.id)),
      ),
    ],
  };
}

/** What the mentor sees once the prompt is on its way. */
export function askedHowItWentDone(pair: Pair, today: string): string {
  return `I've asked ${mention(pair.mentee_id)} how it went. You'll get a DM when they tell you. You can ask about this piece again from ${describeDay(addDaysTo(today, ASK_AGAIN_DAYS), today)}.`;
}

/** "We met" from the quiet-pairing reminder: just the day (today by default). */
export function weMetModal(input: { pairId: number; partnerId: string; today: string; minutes: number; message?: MessageRef }): ModalView {
  return modal(
    WE_MET_CALLBACK,
    'We met',
    'Record it',
    [
      section(`*When did you last meet ${mention(input.partnerId)}?*`),
      dateInput(WE_MET_FIELD.metOn, 'Date', { initial: input.today }),
      context(`I'll record a ${input.minutes}-minute session on that day. To add notes, advice or commitments, use *Log a session* instead.`),
    ],
    { pairId: input.pairId, ...(input.message ? { message: input.message } : {}) },
  );
}

/** The confirmation of "We met". */
export function weMetConfirmation(r: { recorded: boolean; heldOn: string; minutes: number; partnerId: string; today: string; nextDueOn: string }): { title: string; text: string } {
  const day = describeDay(r.heldOn, r.today);
  if (!r.recorded) return { title: 'Already recorded', text: `A session on ${day} is already logged for your pairing with ${mention(r.partnerId)}, so I didn't add another. Next session due ${describeDay(r.nextDueOn, r.today)}.` };
  return { title: 'Session recorded', text: `:white_check_mark: Recorded your ${r.minutes}-minute session with ${mention(r.partnerId)} on ${day}. You're back on track: next session due ${describeDay(r.nextDueOn, r.today)}.` };
}
