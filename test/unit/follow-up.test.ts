import { describe, expect, it } from 'vitest';
import type { AdviceItem, Commitment, Pair } from '../../src/db/schema.ts';
import { askWindowStart, meetingDayProblem, nextAskAt } from '../../src/domain/follow-up.ts';
import { pairRhythm } from '../../src/domain/pair-health.ts';
import type { PairCard } from '../../src/services/dashboard-service.ts';
import { askedHowItWentMessage, followUpCardBlocks, followUpCardLines, logCommitmentsBlocks, weMetConfirmation, weMetModal } from '../../src/slack/surfaces/follow-up.ts';
import { helpText } from '../../src/slack/surfaces/help-message.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const TODAY = '2026-12-07';
const HOSTILE = 'Ship it <!channel> & ping <@U999>';
const LONG = `${'Ask <why> before *how* & write it down. '.repeat(40)}`;

describe('meetingDayProblem', () => {
  const limits = { today: '2026-12-07', startedOn: '2026-11-18' };
  it.each([
    ['2026-12-07', undefined],
    ['2026-11-18', undefined],
    ['2026-12-08', "That day hasn't come yet: record a meeting once it has happened."],
    ['2026-11-17', 'Your pairing started on Wed 18 Nov: pick a day since then.'],
    ['2026-02-30', 'Pick the day you met.'],
    ['yesterday', 'Pick the day you met.'],
  ])('%s → %s', (day, problem) => expect(meetingDayProblem(day, limits)).toBe(problem));
});

describe('nextAskAt: once a week per piece of advice', () => {
  const asked = new Date('2026-11-18T14:00:00Z');
  it.each([
    ['never asked', null, '2026-11-18T14:00:00Z', undefined],
    ['a minute later', asked, '2026-11-18T14:01:00Z', '2026-11-25T14:00:00.000Z'],
    ['a minute before the week is up', asked, '2026-11-25T13:59:00Z', '2026-11-25T14:00:00.000Z'],
    ['exactly a week later', asked, '2026-11-25T14:00:00Z', undefined],
  ] as const)('%s', (_what, askedAt, now, next) => expect(nextAskAt(askedAt, new Date(now))?.toISOString()).toBe(next));

  it('agrees with the window the database compares with', () => {
    const now = new Date('2026-11-25T14:00:00Z');
    expect(askWindowStart(now).toISOString()).toBe('2026-11-18T14:00:00.000Z');
  });
});

const pair = { id: 11, team_id: 'T1', program_id: 1, mentor_id: 'UMENTOR01', mentee_id: 'UMENTEE01', kind: 'standard', cadence_days: 14, status: 'active', paused_until: null, review_on: '2027-05-18' } as Pair;

const commitment = (id: number, text: string): Commitment => ({ id, team_id: 'T1', pair_id: 11, session_id: 1, text, done: false, done_at: null, done_by: null, created_at: new Date('2026-11-20T10:00:00Z') });
const advice = (id: number, text: string, extra: Partial<AdviceItem> = {}): AdviceItem =>
  ({ id, team_id: 'T1', pair_id: 11, session_id: 1, text, follow_up_on: '2026-12-10', outcome: 'open', outcome_text: null, usefulness: null, closed_at: null, closed_by: null, snoozed_until: null, asked_at: null, created_at: new Date('2026-11-20T10:00:00Z'), ...extra }) as AdviceItem;

function card(role: 'mentor' | 'mentee', extra: Partial<PairCard> = {}): PairCard {
  return {
    pair,
    program: { id: pair.program_id, name: 'Mentoring', ends_on: null, grace_days: 3, mentees_see_stalled: true },
    role,
    partnerId: role === 'mentor' ? pair.mentee_id : pair.mentor_id,
    lastSessionOn: '2026-11-20',
    sessionCount: 1,
    rhythm: pairRhythm({ startedOn: '2026-11-20', lastSessionOn: '2026-11-20', cadenceDays: 14, graceDays: 3 }, TODAY),
    goals: [],
    openLoops: [],
    openLoopCount: 0,
    commitments: [],
    commitmentCount: 0,
    adviceOutcomes: [],
    ...extra,
  };
}

describe('followUpCardBlocks', () => {
  it('adds nothing to a card with nothing to follow up, or to an ended pairing', () => {
    expect(followUpCardBlocks(card('mentor'), TODAY)).toEqual([]);
    expect(followUpCardBlocks(card('mentee', { commitments: [commitment(1, 'x')], commitmentCount: 1, pair: { ...pair, status: 'ended' } }), TODAY)).toEqual([]);
  });

  it('escapes what people typed and stays inside Slack limits with long text', () => {
    const many = Array.from({ length: 5 }, (_, i) => advice(i + 1, `${HOSTILE} ${LONG}`));
    const outcomes = Array.from({ length: 3 }, (_, i) => advice(i + 10, LONG, { outcome: 'tried_worked', outcome_text: `${HOSTILE} ${LONG}`, usefulness: 4 }));
    const commitments = Array.from({ length: 5 }, (_, i) => commitment(i + 1, `${HOSTILE} ${LONG}`.slice(0, 500)));
    for (const role of ['mentor', 'mentee'] as const) {
      const blocks = followUpCardBlocks(card(role, { openLoops: many, openLoopCount: 9, adviceOutcomes: role === 'mentor' ? outcomes : [], commitments, commitmentCount: 8 }), TODAY);
      const json = JSON.stringify(blocks);
      expect(json).not.toContain('<!channel>');
      expect(json).toContain('&lt;!channel&gt;');
      expect(slackLimitViolations('views.publish', { user_id: 'U1', view: { type: 'home', blocks } })).toEqual([]);
    }
  });

  it("hides the mentor's button for a week after they asked, and names the day", () => {
    const blocks = followUpCardBlocks(card('mentor', { openLoops: [advice(1, 'Asked lately', { asked_at: new Date('2026-12-01T10:00:00Z') }), advice(2, 'Asked long ago', { asked_at: new Date('2026-11-30T10:00:00Z') })], openLoopCount: 2 }), TODAY);
    const [lately, longAgo] = blocks as Array<{ text: { text: string }; accessory?: unknown }>;
    expect(lately!.text.text).toContain('you asked how it went on Tue 1 Dec');
    expect(lately!.accessory).toBeUndefined();
    expect(longAgo!.text.text).not.toContain('you asked');
    expect(longAgo!.accessory).toBeDefined();
  });
});

describe('followUpCardLines (status, and a Home with too many pairings)', () => {
  it('lists commitments to both, and advice with outcomes to the mentor only', () => {
    const extra = { commitments: [commitment(1, 'Book a room')], commitmentCount: 1, openLoops: [advice(1, 'Ask early')], openLoopCount: 7, adviceOutcomes: [advice(2, 'Write it down', { outcome: 'tried_didnt', outcome_text: 'No time' })] };
    expect(followUpCardLines(card('mentor', extra), TODAY)).toEqual([
      '*Commitments before the next session*\n• Book a room',
      '*Your advice to hear back on*\n• Ask early _(follow up Thu 10 Dec)_\n…and 6 more',
      "*What came of your advice*\n• Write it down: _Tried it, it didn't work_ (No time)",
    ]);
    expect(followUpCardLines(card('mentee', extra), TODAY)).toEqual(['*Commitments before the next session*\n• Book a room']);
  });
});

describe('/mentor help', () => {
  it('names the follow-up buttons for everyone', () => {
    for (const isAdmin of [false, true]) {
      const help = helpText(isAdmin);
      for (const name of ['*Done*', '*Ask how it went*', '*We met*']) expect(help).toContain(name);
    }
  });
});

describe('follow-up messages and modals', () => {
  it('builds the asked-how-it-went DM, the log list and the We met modal within limits', () => {
    const dm = askedHowItWentMessage(advice(1, `${HOSTILE} ${LONG}`.slice(0, 500)), pair);
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...dm })).toEqual([]);
    expect(JSON.stringify(dm)).not.toContain('<!channel>');
    const list = logCommitmentsBlocks(Array.from({ length: 12 }, (_, i) => ({ pair_id: 11, text: `Commitment ${i}` })), [{ pairId: 11, label: 'Mentoring Theo' }], 11);
    expect((list[0] as { text: { text: string } }).text.text).toContain('…and 7 more');
    const modal = weMetModal({ pairId: 11, partnerId: 'UMENTEE01', today: TODAY, minutes: 60, message: { channel: 'D1', ts: '1.2', blockId: 'nudge_actions_4' } });
    expect(slackLimitViolations('views.open', { trigger_id: 'T', view: modal })).toEqual([]);
    expect(JSON.parse(modal.private_metadata!)).toEqual({ pairId: 11, message: { channel: 'D1', ts: '1.2', blockId: 'nudge_actions_4' } });
    expect(weMetConfirmation({ recorded: true, heldOn: '2026-12-04', minutes: 60, partnerId: 'UMENTOR01', today: TODAY, nextDueOn: '2026-12-18' }).text).toContain('back on track');
  });
});
