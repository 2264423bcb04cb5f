// The review's Block Kit: the modal's look back on the goals, the partner's DM and the Home section,
// with answers at their longest and full of characters that need escaping, inside Slack's limits.
import { describe, expect, it } from 'vitest';
import type { PairReview } from '../../src/db/schema.ts';
import { reviewCardBlocks, proposalNote, proposalWords, reviewForPartnerMessage } from '../../src/slack/surfaces/review-messages.ts';
import { reviewGoalLine, reviewModal } from '../../src/slack/surfaces/review-modals.ts';
import { textOf } from '../helpers/flows.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const MENTOR = 'UMENTOR01';
const MENTEE = 'UMENTEE01';

function review(over: Partial<PairReview> = {}): PairReview {
  return {
    id: 7,
    team_id: 'T1',
    pair_id: 3,
    reviewed_by: MENTEE,
    achieved: 'Led two reviews',
    next_steps: 'Lead one alone',
    decision: 'conclude',
    months: null,
    status: 'pending',
    decided_by: null,
    decided_at: null,
    created_at: new Date('2026-11-18T14:00:00Z'),
    ...over,
  };
}

const card = (latestReview: PairReview | null, partnerId: string, reviewOn = '2027-05-18') => ({ pair: { id: 3, status: 'active', review_on: reviewOn }, latestReview, partnerId });

describe('review surfaces', () => {
  it('puts decisions in plain words, and admins get the decision only', () => {
    expect(proposalWords({ decision: 'conclude', months: null })).toBe('conclude the pairing');
    expect(proposalWords({ decision: 'extend', months: 1 })).toBe('extend the pairing by 1 month');
    expect(proposalWords({ decision: 'extend', months: 3 })).toBe('extend the pairing by 3 months');
    expect(proposalWords({ decision: 'continue', months: null })).toBe('continue as you are');
    expect(proposalNote(null)).toBe('');
    expect(proposalNote({ decision: 'extend', months: 2 })).toBe(' · proposed at review: extend the pairing by 2 months, waiting for the partner to agree');
  });

  it('shows each goal with its progress and state', () => {
    expect(reviewGoalLine({ title: 'Ship <it>', status: 'open', milestones: [{ done: true }, { done: false }] })).toBe('• Ship &lt;it&gt; ▰▰▰▰▰▱▱▱▱▱ 1/2 milestones');
    expect(reviewGoalLine({ title: 'Write', status: 'achieved', milestones: [] })).toBe('• Write · no milestones · :white_check_mark: achieved');
    expect(reviewGoalLine({ title: 'Learn', status: 'dropped', milestones: [{ done: false }] })).toBe('• Learn ▱▱▱▱▱▱▱▱▱▱ 0/1 milestones · dropped');
  });

  it('stays inside Slack limits with 40 long goals, a long objective and the longest answers', () => {
    const goals = Array.from({ length: 40 }, (_, i) => ({ title: `${'&'.repeat(200)} ${i}`, status: 'open' as const, milestones: Array.from({ length: 10 }, () => ({ done: i % 2 === 0 })) }));
    const view = reviewModal({ pairId: 3, actorId: MENTOR, partnerId: MENTEE, objective: '<'.repeat(3000), goals, pending: { reviewedBy: MENTEE, decision: 'conclude', months: null } });
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    expect(textOf({ blocks: view.blocks })).toMatch(/…and \d+ more\n/);
    const goalsBlock = view.blocks.find((b: any) => b.text?.text?.startsWith('*Goals*')) as any;
    expect(goalsBlock.text.text.length).toBeLessThanOrEqual(3000);
    expect(goalsBlock.text.text).toMatch(/ more$/);
    expect(textOf({ blocks: view.blocks })).toContain(`<@${MENTEE}> proposed to conclude the pairing`);

    const worst = review({ achieved: '&\n'.repeat(1500), next_steps: '<'.repeat(3000) });
    const dm = reviewForPartnerMessage(worst, { review_on: '2027-05-18' }, '2026-11-18');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...dm })).toEqual([]);
    const home = reviewCardBlocks(card(worst, MENTEE), MENTOR, '2026-11-18');
    expect(slackLimitViolations('views.publish', { user_id: MENTOR, view: { type: 'home', blocks: home } })).toEqual([]);
  });

  it("gives the partner the buttons on Home, and the proposer a line saying it waits", () => {
    const forPartner = reviewCardBlocks(card(review(), MENTEE), MENTOR, '2026-11-18');
    expect(forPartner.at(-1)).toMatchObject({ type: 'actions', block_id: 'review_proposal_7' });
    const forProposer = reviewCardBlocks(card(review(), MENTOR), MENTEE, '2026-11-18');
    expect(forProposer).toHaveLength(1);
    expect(textOf({ blocks: forProposer })).toContain(`You proposed to conclude the pairing: waiting for <@${MENTOR}> to agree.`);
    expect(textOf({ blocks: reviewCardBlocks(card(review({ status: 'agreed', decided_by: MENTOR }), MENTEE), MENTOR, '2026-11-18') })).toContain(
      `<@${MENTEE}> proposed to conclude the pairing, and you agreed.`,
    );
    expect(reviewCardBlocks(card(null, MENTEE), MENTOR, '2026-11-18')).toEqual([]);
    // Once the review date has come, "Open review" sits on the card.
    const due = reviewCardBlocks(card(null, MENTEE, '2026-11-18'), MENTOR, '2026-11-18');
    expect(due).toMatchObject([{ type: 'section', accessory: { action_id: 'nudge_open_review', value: '3' } }]);
  });
});
