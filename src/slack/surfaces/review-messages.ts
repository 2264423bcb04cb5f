import type { KnownBlock } from '@slack/types';
import { dayIn, describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { PairReview } from '../../services/review-service.ts';
import { ACTION, REVIEW_ACTION, reviewProposalBlockId } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';

/** What a decision proposes, enough to put it in words. */
export interface ProposalSummary {
  reviewedBy: string;
  decision: PairReview['decision'];
  months: number | null;
}

export const proposalSummary = (review: PairReview): ProposalSummary => ({ reviewedBy: review.reviewed_by, decision: review.decision, months: review.months });

const months = (n: number | null) => `${n ?? 1} month${n === 1 ? '' : 's'}`;

/** "conclude the pairing", "extend the pairing by 3 months", "continue as you are". */
export function proposalWords(p: { decision: PairReview['decision']; months: number | null }): string {
  if (p.decision === 'conclude') return 'conclude the pairing';
  if (p.decision === 'extend') return `extend the pairing by ${months(p.months)}`;
  return 'continue as you are';
}

/** For admins (report, digest): the decision a pairing's review proposes, never its answers. */
export function proposalNote(proposal: { decision: PairReview['decision']; months: number | null } | null | undefined): string {
  return proposal ? ` · proposed at review: ${proposalWords(proposal)}, waiting for the partner to agree` : '';
}

/** The two answers, quoted; private to the pair's two members. */
function answersText(review: PairReview, max: number): string {
  // Escaping and quoting lengthen the text: shorten the words until the quoted form fits `max`.
  const quote = (text: string) => {
    for (let n = max; ; n = Math.floor(n * 0.8)) {
      const quoted = escapeMrkdwn(truncate(text, n)).replace(/\n/g, '\n>');
      if (quoted.length <= max || n < 10) return quoted.slice(0, max);
    }
  };
  return [
    `*What was achieved*\n>${quote(review.achieved || '(nothing written)')}`,
    `*What next*\n>${review.next_steps ? quote(review.next_steps) : '_(nothing written)_'}`,
  ].join('\n');
}

const agreeButtons = (review: PairReview) =>
  actions(reviewProposalBlockId(review.id), button('Agree', REVIEW_ACTION.agree, String(review.id), 'primary'), button("Let's talk", REVIEW_ACTION.talk, String(review.id)));

/** The reviewer's confirmation: where the answers went, and what happens to a proposal. */
export function reviewSavedText(review: PairReview, partnerId: string, reviewOn: string, today: string): string {
  const partner = mention(partnerId);
  if (review.status !== 'pending') return `:white_check_mark: Review saved. Next review on ${describeDay(reviewOn, today)}. I've sent your answers to ${partner}.`;
  const outcome = review.decision === 'conclude' ? 'ends' : `is extended by ${months(review.months)}`;
  return `:hourglass_flowing_sand: Review saved. I've sent your answers and your proposal to ${partner}: the pairing ${outcome} once they agree. Until then nothing changes.`;
}

/** The partner's DM: the reviewer's answers, and for a proposal, "Agree / Let's talk". */
export function reviewForPartnerMessage(review: PairReview, pair: { review_on: string }, today: string): Reply {
  const who = mention(review.reviewed_by);
  const proposal = review.status === 'pending';
  const text = proposal ? `${who} reviewed your pairing and proposes to ${proposalWords(review)}.` : `${who} reviewed your pairing: continue as you are.`;
  const decision = proposal
    ? `:hourglass_flowing_sand: *${who} proposes to ${proposalWords(review)}.* Nothing changes unless you agree. If you'd rather decide together, press *Let's talk*.`
    : `:white_check_mark: ${who} chose to continue as you are. Next review on ${describeDay(pair.review_on, today)}.`;
  const blocks: KnownBlock[] = [
    section(`:mag: *${who} reviewed your pairing*\n${answersText(review, 1400)}`),
    section(decision),
    ...(proposal ? [agreeButtons(review)] : []),
    context('Only the two of you see these answers. Program admins see only the decision. Your own review is welcome too: it replaces a proposal that is waiting.'),
  ];
  return { text, blocks };
}

/** To the proposer: the partner agreed to extend (concluding sends the wrap-up to both instead). */
export function proposalAgreedMessage(review: PairReview, pair: { review_on: string }, today: string): Reply {
  const text = `${mention(review.decided_by ?? '')} agreed to ${proposalWords(review)}. Next review on ${describeDay(pair.review_on, today)}.`;
  return { text, blocks: [section(`:handshake: ${text}`)] };
}

/** To the proposer: the partner would rather talk first; nothing changed. */
export function letsTalkMessage(review: PairReview): Reply {
  const text = `${mention(review.decided_by ?? '')} would like to talk about your proposal to ${proposalWords(review)} before deciding.`;
  return {
    text,
    blocks: [section(`:speech_balloon: ${text} The pairing stays as it is. Bring it up at your next session; either of you can open the review again afterwards.`)],
  };
}

/** What a press on "Agree" or "Let's talk" shows in place of the buttons. */
export function proposalAnswerDone(review: PairReview, answer: 'agreed' | 'talk'): string {
  return answer === 'agreed'
    ? `:white_check_mark: You agreed to ${proposalWords(review)}.`
    : `:speech_balloon: You asked to talk it over. I've told ${mention(review.reviewed_by)}; the pairing stays as it is.`;
}

function decisionLine(review: PairReview, viewerId: string, partnerId: string): string {
  const who = review.reviewed_by === viewerId ? 'You' : mention(review.reviewed_by);
  switch (review.status) {
    case 'pending':
      return review.reviewed_by === viewerId
        ? `:hourglass_flowing_sand: You proposed to ${proposalWords(review)}: waiting for ${mention(partnerId)} to agree.`
        : `:hourglass_flowing_sand: ${who} proposes to ${proposalWords(review)}. Nothing changes unless you agree.`;
    case 'agreed':
      return `:handshake: ${who} proposed to ${proposalWords(review)}, and ${review.decided_by === viewerId ? 'you' : mention(review.decided_by ?? '')} agreed.`;
    case 'talk':
      return `:speech_balloon: ${who} proposed to ${proposalWords(review)}; ${review.decided_by === viewerId ? 'you' : mention(review.decided_by ?? '')} asked to talk it over, so the pairing stays as it is.`;
    case 'replaced':
      return `${who} proposed to ${proposalWords(review)}; a later decision replaced it.`;
    default:
      return `${who} chose to ${proposalWords(review)}.`;
  }
}

/**
 * The review on a member's Home card: "Open review" once the review date has come, then the latest
 * review with both answers, its decision, and the partner's buttons for a waiting proposal.
 */
export function reviewCardBlocks(
  card: { pair: { id: number; status: string; review_on: string }; latestReview?: PairReview | null | undefined; partnerId: string },
  viewerId: string,
  today: string,
): KnownBlock[] {
  const review = card.latestReview;
  const blocks: KnownBlock[] = [];
  if (card.pair.status === 'active' && card.pair.review_on <= today) {
    blocks.push(section(`:mag: Your pairing review is due (${describeDay(card.pair.review_on, today)}): look back on the objective and goals together.`, button('Open review', ACTION.openReview, String(card.pair.id))));
  }
  if (!review) return blocks;
  const day = describeDay(dayIn(review.created_at, 'UTC'), today);
  blocks.push(section(`*Latest review* (${review.reviewed_by === viewerId ? 'yours' : `by ${mention(review.reviewed_by)}`}, ${day})\n${answersText(review, 1000)}\n${decisionLine(review, viewerId, card.partnerId)}`));
  if (review.status === 'pending' && review.reviewed_by !== viewerId) blocks.push(agreeButtons(review));
  return blocks;
}
