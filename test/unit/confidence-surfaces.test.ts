import { describe, expect, it } from 'vitest';
import type { Nudge } from '../../src/db/schema.ts';
import type { AdviceImpact } from '../../src/services/nudge-message-service.ts';
import { confidenceButtonValue, parseConfidenceButtonValue, ratingOfConfidenceAction } from '../../src/slack/ids.ts';
import { adviceImpactSummary, monthName } from '../../src/slack/surfaces/advice-impact-message.ts';
import { confidenceQuestionMessage, confidenceSavedText, withConfidenceSaved } from '../../src/slack/surfaces/confidence-message.ts';
import { keptCopy, nudgeMessage, withPrivateText } from '../../src/slack/surfaces/nudge-message.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const question = (goals: number, moment: 'set' | 'review' | 'end' = 'review') => ({
  teamId: 'T1', programId: 1, pairId: 9, menteeId: 'UMENTEE', mentorId: 'UMENTOR', moment, ...(moment === 'review' ? { reviewOn: '2027-05-18' } : {}),
  goals: Array.from({ length: goals }, (_, i) => ({ id: i + 1, title: `Goal ${i + 1} ${'x'.repeat(300)}` })),
});

describe('confidence buttons', () => {
  it('values name the goal and the moment (a review also its day) and read back; anything else reads as nothing', () => {
    expect(confidenceButtonValue(12, 'set')).toBe('12:set');
    expect(parseConfidenceButtonValue('12:set')).toEqual({ goalId: 12, moment: 'set' });
    expect(parseConfidenceButtonValue(confidenceButtonValue(12, 'review', '2027-05-18'))).toEqual({ goalId: 12, moment: 'review', reviewOn: '2027-05-18' });
    for (const bad of [undefined, '', '12', 'x:set', '12:set:2027-05-18:extra', '12:review:18/05/2027']) expect(parseConfidenceButtonValue(bad).goalId).toBeNaN();
    expect([1, 5].map((n) => ratingOfConfidenceAction(`confidence_rate_${n}`))).toEqual([1, 5]);
    expect(ratingOfConfidenceAction('confidence_rate_6')).toBeNaN();
  });

  it('a review question lists every open goal with five buttons, within Slack limits; more than 20 goals point to Home', () => {
    const message = confidenceQuestionMessage(question(3));
    const rows = message.blocks!.filter((b) => b.type === 'actions') as any[];
    expect(rows.map((r) => r.block_id)).toEqual(['confidence_1_review', 'confidence_2_review', 'confidence_3_review']);
    expect(rows[0].elements.map((e: any) => [e.text.text, e.action_id, e.value])).toEqual(
      [1, 2, 3, 4, 5].map((n) => [String(n), `confidence_rate_${n}`, '1:review:2027-05-18']),
    );
    expect(message.text).toBe('How confident are you at this today? (3 goals, 1 to 5)');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...message })).toEqual([]);

    const many = confidenceQuestionMessage(question(30));
    expect(many.blocks!.filter((b) => b.type === 'actions')).toHaveLength(20);
    expect(JSON.stringify(many.blocks)).toContain('…and 10 more goals on my Home tab.');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...many })).toEqual([]);
  });

  it('a press marks the chosen number and says what was saved under that goal only; a second press replaces both', () => {
    const blocks = confidenceQuestionMessage(question(2)).blocks!;
    const once = withConfidenceSaved(blocks, { goalId: 2, moment: 'review' }, 3, confidenceSavedText(3, 'review', '2027-05-18', '2027-05-18'));
    const styled = (bs: any[]) => bs.filter((b) => b.type === 'actions').map((b) => b.elements.filter((e: any) => e.style === 'primary').map((e: any) => `${b.block_id}:${e.text.text}`)).flat();
    expect(styled(once)).toEqual(['confidence_2_review:3']);
    expect(once.length).toBe(blocks.length + 1);
    expect(JSON.stringify(once)).toContain('Saved for the review of Tue 18 May: *3 of 5* (fairly confident)');
    const twice = withConfidenceSaved(once, { goalId: 2, moment: 'review' }, 5, confidenceSavedText(5, 'review', '2027-05-18', '2027-05-18'));
    expect(styled(twice)).toEqual(['confidence_2_review:5']);
    expect(twice.length).toBe(blocks.length + 1);
    expect(JSON.stringify(twice)).not.toContain('3 of 5');
  });
});

const impact = (over: Partial<AdviceImpact> = {}): AdviceImpact => ({ month: '2026-10', given: 6, closed: 5, tried: 4, worked: 3, usefulnessMean: 4.25, reports: [], ...over });
const nudge: Nudge = {
  id: 77, team_id: 'T1', program_id: 1, rule: 'advice_impact', subject: 'program:1', period: '2026-10', recipient_id: 'UMENTOR', pair_id: null,
  detail: { programId: 1, month: '2026-10' }, due_at: new Date('2026-11-01T00:00:00Z'), deliver_after: new Date('2026-11-02T14:00:00Z'),
  status: 'pending', delivery_id: null, created_at: new Date('2026-11-01T00:00:00Z'),
} as Nudge;

describe('the advice-impact DM', () => {
  it('says the figures in plain words', () => {
    expect(monthName('2026-10')).toBe('October 2026');
    expect(adviceImpactSummary(impact())).toBe(
      ':bulb: *How your advice landed in October 2026*\nYou gave 6 pieces of advice in your pairings.\n*4 of the 5 pieces of advice your mentees reported back on were tried; 3 worked.*\nThey found it 4.3 of 5 useful on average.',
    );
    expect(adviceImpactSummary(impact({ given: 0, closed: 1, tried: 0, worked: 0, usefulnessMean: null }))).toBe(
      ':bulb: *How your advice landed in October 2026*\nYou gave no new advice in your pairings.\n*0 of the 1 piece of advice your mentees reported back on was tried; 0 worked.*',
    );
  });

  it("quotes the mentees' words in a section that a sent message does not keep, and composes it again from ids", () => {
    const reports = Array.from({ length: 10 }, (_, i) => ({ adviceId: i, menteeId: 'UMENTEE', text: `Advice ${i} <!channel>`, outcome: 'tried_worked' as const, outcomeText: `WORDS-${i} ${'y'.repeat(400)}`, usefulness: 4 }));
    const texts = { advice: new Map(), goals: new Map(), adviceImpact: new Map([[77, impact({ closed: 12, reports })]]) };
    const message = nudgeMessage([nudge], '2026-11-02', texts);
    expect(message.text).toBe('Mentoring: how your advice landed in October 2026');
    const sent = JSON.stringify(message.blocks);
    expect(sent).toContain('WORDS-9');
    expect(sent).toContain('…and 2 more.');
    expect(sent).toContain('&lt;!channel&gt;');
    expect(sent).not.toContain('<!channel>');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...message })).toEqual([]);
    const kept = keptCopy(message as any);
    expect(JSON.stringify(kept)).not.toContain('WORDS-');
    expect(JSON.stringify(kept)).toContain('How your advice landed in October 2026');
    expect(JSON.stringify(withPrivateText(kept.blocks!, [nudge], texts, '2026-11-02'))).toContain('WORDS-9');
  });
});
