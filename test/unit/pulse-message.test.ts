import { describe, expect, it } from 'vitest';
import type { Nudge } from '../../src/db/schema.ts';
import { parsePulseButtonValue, pulseButtonValue } from '../../src/slack/ids.ts';
import { nudgeMessage } from '../../src/slack/surfaces/nudge-message.ts';
import { pulseAnswered } from '../../src/slack/surfaces/survey-messages.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const pulse: Nudge = {
  id: 41, team_id: 'T1', program_id: 1, rule: 'pulse', subject: 'pair:7', period: 'day30', recipient_id: 'UMENTEE', pair_id: 7,
  detail: { pairId: 7, day: 30, partnerId: 'UMENTOR' }, due_at: new Date('2026-12-18T00:00:00Z'), deliver_after: new Date('2026-12-18T08:00:00Z'),
  status: 'pending', delivery_id: null, created_at: new Date('2026-12-18T00:00:00Z'),
} as Nudge;

describe('the pulse section of a nudge message', () => {
  it('asks about the partner, says the answer is private, and carries the pair and day on each button', () => {
    const message = nudgeMessage([pulse], '2026-12-18', { advice: new Map(), goals: new Map() });
    expect(message.text).toBe('Mentoring: how is your mentoring with <@UMENTOR> going?');
    expect(message.blocks![0]).toEqual({
      type: 'section',
      text: { type: 'mrkdwn', text: expect.stringContaining('*How is your mentoring with <@UMENTOR> going?* (day 30 of your pairing) Your answer is private') },
    });
    const row = message.blocks![1] as any;
    expect(row.block_id).toBe('nudge_actions_41');
    expect(row.elements.map((e: any) => [e.text.text, e.action_id, e.value])).toEqual([
      ['Going well', 'pulse_going_well', '7:30'],
      ['Could be better', 'pulse_could_be_better', '7:30'],
      ['Not working', 'pulse_not_working', '7:30'],
    ]);
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...message })).toEqual([]);
  });

  it('says what was recorded, and points "Not working" to a private note for the admins', () => {
    expect(pulseAnswered('going_well', 30)).toBe('Thanks: *Going well* noted for day 30. Only you see this answer.');
    expect(pulseAnswered('not_working', 90)).toContain('*Tell the program admins* sends them a private note; your partner is not told');
  });

  it.each([
    ['7:30', { pairId: 7, day: 30 }],
    ['7', { pairId: NaN, day: NaN }],
    ['x:30', { pairId: NaN, day: NaN }],
    [undefined, { pairId: NaN, day: NaN }],
  ])('button value %s', (value, expected) => {
    expect(parsePulseButtonValue(value)).toEqual(expected);
  });
  it('round-trips', () => expect(parsePulseButtonValue(pulseButtonValue(12, 90))).toEqual({ pairId: 12, day: 90 }));
});
