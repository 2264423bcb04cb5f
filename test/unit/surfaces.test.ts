import type { KnownBlock, ModalView } from '@slack/types';
import { describe, expect, it } from 'vitest';
import type { AdviceItem, GoalMilestone, Pair, Program } from '../../src/db/schema.ts';
import type { GoalWithProgress } from '../../src/db/repositories/goals-repository.ts';
import { pairRhythm } from '../../src/domain/pair-health.ts';
import type { Dashboard, PairCard } from '../../src/services/dashboard-service.ts';
import type { ProgramHealth } from '../../src/services/program-health-service.ts';
import { ACTION, BOOKING_ACTION, CALLBACK, FIELD } from '../../src/slack/ids.ts';
import { kickoffMessage, loopClosedMessage, pairEndedMessage } from '../../src/slack/surfaces/dm-messages.ts';
import { feedbackModal, GENERAL_FEEDBACK } from '../../src/slack/surfaces/feedback-modal.ts';
import { goalModal } from '../../src/slack/surfaces/goal-modal.ts';
import { helpText, usageReply } from '../../src/slack/surfaces/help-message.ts';
import { USAGE } from '../../src/domain/command-parser.ts';
import { homeView } from '../../src/slack/surfaces/home-view.ts';
import { logModal, type GoalChoice } from '../../src/slack/surfaces/log-modal.ts';
import { loopModal } from '../../src/slack/surfaces/loop-modal.ts';
import type { PairChoice } from '../../src/slack/surfaces/modal-parts.ts';
import { noticeModal } from '../../src/slack/surfaces/notice-modal.ts';
import { goalLine, pairCardBlocks } from '../../src/slack/surfaces/pair-card.ts';
import { programSummaryBlocks } from '../../src/slack/surfaces/report-view.ts';
import { statusReply } from '../../src/slack/surfaces/status-message.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { programRow } from '../helpers/fixtures.ts';

// ---------------------------------------------------------------------------------------------
// Fixtures

const TODAY = '2026-11-22';
const MENTOR = 'UMENTOR01';
const MENTEE = 'UMENTEE01';

/** Text a person typed that tries to broadcast, mention and phish. */
const HOSTILE = 'Ship it <!channel> & ping <@U999> via <https://evil.example|click>';
const RAW_CONTROLS = ['<!channel>', '<@U999>', '<https://evil.example|click>'];
const ESCAPED_CONTROLS = ['&lt;!channel&gt;', '&lt;@U999&gt;', '&lt;https://evil.example|click&gt;', ' &amp; '];

const EMOJI_NAME = '🦄 Zoë 🌈 Ångström 👩🏽‍💻';
const LONG_TITLE = `${'Lead the quarterly architecture review, end to end '.repeat(6)}end`;
const LONG_ADVICE = `${'Ask <why> before *how* & write it down. '.repeat(80)}`.slice(0, 3000);
// Slack limits (and slackLimitViolations) count UTF-16 units: an emoji is 2 of them, or more.
const EMOJI_TITLE = `${'Lead the review 🏗️🚀 '.repeat(12)}end`;
const EMOJI_ADVICE = `${'Ask why 💡 before how 🧭 & write it down ✍️ '.repeat(80)}`;

// Fixtures are cast where the schema has grown; the builders only read the fields below.
function program(overrides: Partial<Program> = {}): Program {
  return programRow({ mentees_see_stalled: false, max_advice_lines: 5, ...overrides });
}

function pair(overrides: Partial<Pair> = {}): Pair {
  return {
    id: 11,
    team_id: 'T1',
    program_id: 1,
    mentor_id: MENTOR,
    mentee_id: MENTEE,
    kind: 'standard',
    cadence_days: 14,
    status: 'active',
    paused_until: null,
    started_at: new Date('2026-09-01T09:00:00Z'),
    review_on: '2027-03-01',
    objective: null,
    created_by: 'UADMIN01',
    ended_at: null,
    created_at: new Date('2026-09-01T09:00:00Z'),
    ...overrides,
  } as Pair;
}

function goal(id: number, pairId: number, title: string, milestones: Array<{ done: boolean }> = [], targetDate: string | null = '2026-12-20'): GoalWithProgress {
  return {
    id,
    team_id: 'T1',
    pair_id: pairId,
    title,
    outcome: '',
    success_measure: '',
    target_date: targetDate,
    status: 'open',
    celebrate_publicly: false,
    created_by: MENTEE,
    created_at: new Date('2026-10-01T00:00:00Z'),
    achieved_at: null,
    milestones: milestones.map(
      (m, i): GoalMilestone => ({ id: id * 100 + i, goal_id: id, position: i, title: `Milestone ${i}`, done: m.done, done_at: null }),
    ),
  };
}

function advice(id: number, pairId: number, text: string, overrides: Partial<AdviceItem> = {}): AdviceItem {
  return {
    id,
    team_id: 'T1',
    pair_id: pairId,
    session_id: 1,
    text,
    follow_up_on: '2026-11-29',
    outcome: 'open',
    outcome_text: null,
    usefulness: null,
    closed_at: null,
    closed_by: null,
    created_at: new Date('2026-11-15T10:00:00Z'),
    ...overrides,
  } as AdviceItem;
}

function card(p: Pair, role: 'mentor' | 'mentee', extra: Partial<PairCard> = {}): PairCard {
  const lastSessionOn = extra.lastSessionOn === undefined ? '2026-11-10' : extra.lastSessionOn;
  return {
    pair: p,
    program: { id: p.program_id, name: 'Mentoring', ends_on: null, grace_days: 3, mentees_see_stalled: true },
    role,
    partnerId: role === 'mentor' ? p.mentee_id : p.mentor_id,
    lastSessionOn,
    sessionCount: 4,
    rhythm: pairRhythm({ startedOn: '2026-09-01', lastSessionOn, cadenceDays: p.cadence_days, graceDays: 3 }, TODAY),
    goals: [],
    openLoops: [],
    commitments: [],
    adviceOutcomes: [],
    ...extra,
    commitmentCount: extra.commitmentCount ?? extra.commitments?.length ?? 0,
    // Dashboards load a few open loops per pair and count them all; the fixtures give them all.
    openLoopCount: extra.openLoopCount ?? extra.openLoops?.length ?? 0,
  };
}

const FAILURES = [{ recipient_id: 'UGONE001', last_error: 'account_inactive', created_at: new Date('2026-11-20T10:00:00Z') }];
const SUMMARY: ProgramHealth = {
  asOf: TODAY,
  pairs: { active: 12, paused: 2, ended: 5 },
  metWithinCadence: 8,
  deliveryFailures: FAILURES,
  stalled: [
    { pairId: 3, mentorId: 'USTALL01', menteeId: 'USTALL02', daysSinceLast: 40, lastSessionOn: '2026-10-13' },
    { pairId: 4, mentorId: 'USTALL03', menteeId: 'USTALL04', daysSinceLast: 20, lastSessionOn: null },
  ],
  stalledCount: 2,
  recentSessions: 9,
  usefulness: { mean: 4, rated: 6 },
  loops: { closed: 3, open: 2, closureRate: 0.6, medianDaysToClose: 5 },
  goals: { set: 4, achieved: 1 },
  reviewsDue: [],
  trend: { weeks: [0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1], from: '2026-08-31', to: TODAY },
  feedbackNotes: 30,
  unhandledFeedback: 25,
  pastWeek: { sessions: 2, loopsClosed: 1, deliveryFailures: FAILURES },
};

/** The fullest inbox Home shows: ten unhandled notes at the longest a note may be, of 25 waiting. */
const FULL_INBOX: NonNullable<Dashboard['feedback']> = {
  total: 25,
  notes: Array.from({ length: 10 }, (_, i) => ({
    id: 100 + i,
    programId: 1,
    pair: i % 2 === 0 ? { mentorId: 'UMENTOR01', menteeId: 'UMENTEE01' } : null,
    authorId: i % 3 === 0 ? null : 'UMENTEE01',
    body: `${EMOJI_ADVICE}<&>\n`.repeat(400).slice(0, 3000),
    createdAt: new Date('2026-11-20T10:00:00Z'),
    writtenOn: '2026-11-20',
    handledBy: null,
    handledAt: null,
  })),
};

function dashboard(cards: PairCard[], summary?: ProgramHealth): Dashboard {
  return { today: TODAY, program: program(), cards, isAdmin: summary !== undefined, summary, feedback: summary ? FULL_INBOX : undefined };
}

/** Many pairs, each with many long goals and loops: the heaviest dashboard a person could have. */
function heavyCards(count: number, role: 'mentor' | 'mentee'): PairCard[] {
  return Array.from({ length: count }, (_, i) => {
    const p = pair({ id: 100 + i, kind: i % 3 === 0 ? 'reverse' : 'standard', status: i % 4 === 0 ? 'paused' : 'active', paused_until: i % 8 === 0 ? new Date('2026-12-24T00:00:00Z') : null });
    return card(p, role, {
      lastSessionOn: i % 2 === 0 ? null : '2026-09-15',
      goals: Array.from({ length: 12 }, (_, g) => goal(1000 + i * 20 + g, p.id, `${EMOJI_NAME} ${LONG_TITLE}`, [{ done: true }, { done: false }, { done: g % 2 === 0 }])),
      openLoops: Array.from({ length: 12 }, (_, a) => advice(5000 + i * 20 + a, p.id, LONG_ADVICE)),
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Helpers

/** Every text object of a given type anywhere in a payload. */
function textsOfType(value: unknown, type: 'mrkdwn' | 'plain_text'): string[] {
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') {
      const o = v as Record<string, unknown>;
      if (o.type === type && typeof o.text === 'string') out.push(o.text);
      Object.values(o).forEach(walk);
    }
  };
  walk(value);
  return out;
}

/** Person-written text must reach Slack escaped in every mrkdwn text, and appear there at least once. */
function expectEscapedEverywhere(payload: unknown): void {
  const mrkdwn = textsOfType(payload, 'mrkdwn');
  for (const text of mrkdwn) for (const raw of RAW_CONTROLS) expect(text).not.toContain(raw);
  const all = mrkdwn.join('\n');
  for (const escaped of ESCAPED_CONTROLS) expect(all).toContain(escaped);
}

const asModal = (view: ModalView) => slackLimitViolations('views.open', { trigger_id: 'T', view });
const asMessage = (reply: { text: string; blocks?: KnownBlock[] }) => slackLimitViolations('chat.postMessage', { channel: 'D1', ...reply });
const asHome = (view: ReturnType<typeof homeView>) => slackLimitViolations('views.publish', { user_id: MENTEE, view });

function manyPairs(n: number, label: (i: number) => string): PairChoice[] {
  return Array.from({ length: n }, (_, i) => ({ pairId: 100 + i, label: label(i) }));
}

// ---------------------------------------------------------------------------------------------

describe('modals stay within Slack limits', () => {
  const longLabel = (i: number) => `Mentoring Zoë Ångström-Łukasiewicz ${LONG_TITLE} #${i}`;
  const emojiLabel = (i: number) => `Mentoring ${EMOJI_NAME} ${EMOJI_TITLE} #${i}`;
  const hundredsOfGoals = (pairs: PairChoice[], perPair: number, title = LONG_TITLE): GoalChoice[] =>
    pairs.flatMap((p, i) => Array.from({ length: perPair }, (_, g) => ({ goalId: 1 + i * perPair + g, pairId: p.pairId, title })));

  it.each<[string, ModalView]>([
    ['goal modal, one pair', goalModal({ pairs: [{ pairId: 7, label: 'Mentored by Sam Lee' }] })],
    ['goal modal, 20 pairs with long labels', goalModal({ pairs: manyPairs(20, longLabel) })],
    ['goal modal, 20 pairs with short emoji names', goalModal({ pairs: manyPairs(20, (i) => `Mentoring ${EMOJI_NAME} ${i}`) })],
    ['goal modal, 150 pairs', goalModal({ pairs: manyPairs(150, longLabel) })],
    ['goal modal, fixed pair with long label', goalModal({ pairs: manyPairs(20, longLabel), pairId: 105 })],
    ['goal modal, no pairs', goalModal({ pairs: [] })],
    ['log modal, one pair, no goals', logModal({ pairs: [{ pairId: 7, label: 'Mentoring Alex' }], goals: [], today: TODAY, maxAdviceLines: 5 })],
    ['log modal, 20 pairs, 100 goals', (() => { const pairs = manyPairs(20, longLabel); return logModal({ pairs, goals: hundredsOfGoals(pairs, 5), today: TODAY, maxAdviceLines: 5 }); })()],
    ['log modal, 20 pairs, 400 goals', (() => { const pairs = manyPairs(20, longLabel); return logModal({ pairs, goals: hundredsOfGoals(pairs, 20), today: TODAY, maxAdviceLines: 10 }); })()],
    ['log modal, fixed pair with 150 goals', (() => { const pairs = manyPairs(1, longLabel); return logModal({ pairs, pairId: 100, goals: hundredsOfGoals(pairs, 150), today: TODAY, maxAdviceLines: 3 }); })()],
    ['loop modal, 3000-char advice', loopModal({ adviceId: 9, adviceText: LONG_ADVICE, mentorId: MENTOR, givenOn: '2026-11-15' })],
    ['loop modal, 3000 angle brackets (escaping quadruples it)', loopModal({ adviceId: 9, adviceText: '<'.repeat(3000), mentorId: MENTOR, givenOn: '2026-11-15' })],
    ['feedback modal, no pairs', feedbackModal({ pairs: [] })],
    ['feedback modal, 20 pairs', feedbackModal({ pairs: manyPairs(20, longLabel) })],
    ['feedback modal, 150 pairs', feedbackModal({ pairs: manyPairs(150, longLabel) })],
    ['notice modal, long title and text', noticeModal('A title that is much longer than Slack allows', 'x'.repeat(5000))],
  ])('%s', (_label, view) => {
    expect(asModal(view)).toEqual([]);
  });

  // The same extremes with emoji-heavy text: cutting by code points can leave a text over the limit in UTF-16 units.
  it.each<[string, ModalView]>([
    ['goal modal, 20 pairs with long emoji labels', goalModal({ pairs: manyPairs(20, emojiLabel) })],
    ['log modal, 20 pairs, 100 goals with emoji titles', (() => { const pairs = manyPairs(20, emojiLabel); return logModal({ pairs, goals: hundredsOfGoals(pairs, 5, EMOJI_TITLE), today: TODAY, maxAdviceLines: 5 }); })()],
    ['log modal, fixed pair, emoji goal titles', (() => { const pairs = manyPairs(1, emojiLabel); return logModal({ pairs, pairId: 100, goals: hundredsOfGoals(pairs, 3, EMOJI_TITLE), today: TODAY, maxAdviceLines: 3 }); })()],
    ['feedback modal, 20 pairs with long emoji labels', feedbackModal({ pairs: manyPairs(20, emojiLabel) })],
    ['loop modal, 3000-char emoji advice', loopModal({ adviceId: 9, adviceText: EMOJI_ADVICE.slice(0, 3000), mentorId: MENTOR, givenOn: '2026-11-15' })],
    ['loop modal, 3000 emoji', loopModal({ adviceId: 9, adviceText: '💡'.repeat(3000), mentorId: MENTOR, givenOn: '2026-11-15' })],
    ['notice modal, emoji title', noticeModal('🎉'.repeat(30), 'Saved')],
  ])('emoji-heavy: %s', (_label, view) => {
    expect(asModal(view)).toEqual([]);
  });

  it.each<[string, ModalView]>([
    ['goal', goalModal({ pairs: manyPairs(2, (i) => `Pair ${i}`) })],
    ['log', logModal({ pairs: manyPairs(2, (i) => `Pair ${i}`), goals: [], today: TODAY, maxAdviceLines: 5 })],
    ['loop', loopModal({ adviceId: 1, adviceText: 'a', mentorId: MENTOR, givenOn: TODAY })],
    ['feedback', feedbackModal({ pairs: [] })],
    ['notice', noticeModal('Notice with a very very long title', 'ok')],
  ])('the %s modal title, submit and close are at most 24 chars', (_label, view) => {
    for (const part of [view.title, view.submit, view.close]) {
      if (part) expect(part.text.length).toBeLessThanOrEqual(24);
    }
  });

  it('goal and log modals pick the pair in the modal only when there are several', () => {
    const one = goalModal({ pairs: [{ pairId: 7, label: 'Mentored by Sam' }] });
    expect(one.blocks.some((b) => b.block_id === FIELD.pair)).toBe(false);
    expect(JSON.parse(one.private_metadata!)).toEqual({ pairId: 7 });
    const several = logModal({ pairs: manyPairs(3, (i) => `P${i}`), goals: [], today: TODAY, maxAdviceLines: 5 });
    expect(several.blocks.some((b) => b.block_id === FIELD.pair)).toBe(true);
    expect(JSON.parse(several.private_metadata!)).toEqual({});
  });

  it('the log modal offers only the fixed pair’s goals, at most 100, in plain text as typed', () => {
    const pairs = manyPairs(2, (i) => `P${i}`);
    const goals: GoalChoice[] = [
      { goalId: 1, pairId: 100, title: HOSTILE },
      { goalId: 2, pairId: 101, title: 'Other pair goal' },
    ];
    const view = logModal({ pairs, pairId: 100, goals, today: TODAY, maxAdviceLines: 5 });
    const select = view.blocks.find((b) => b.block_id === FIELD.goalIds) as any;
    expect(select.element.options.map((o: any) => o.value)).toEqual(['1']);
    // plain_text is not parsed by Slack: it must show the title as typed, not HTML-escaped.
    expect(select.element.options[0].text).toEqual({ type: 'plain_text', text: HOSTILE, emoji: true });
  });

  it('the log modal starts on today and says how many advice lines are allowed', () => {
    const view = logModal({ pairs: [{ pairId: 7, label: 'x' }], goals: [], today: TODAY, maxAdviceLines: 4 });
    const date = view.blocks.find((b) => b.block_id === FIELD.heldOn) as any;
    expect(date.element.initial_date).toBe(TODAY);
    expect(JSON.stringify(view.blocks.find((b) => b.block_id === FIELD.advice))).toContain('Up to 4 lines');
  });

  it('the feedback modal offers the program in general next to each pair', () => {
    const view = feedbackModal({ pairs: [{ pairId: 7, label: 'Mentored by Sam' }] });
    const select = view.blocks.find((b) => b.block_id === FIELD.pair) as any;
    expect(select.element.options.map((o: any) => o.value)).toEqual(['7', GENERAL_FEEDBACK]);
    expect(view.callback_id).toBe(CALLBACK.feedback);
  });
});

describe('escaping person-written text', () => {
  const hostilePair = pair();
  const hostileCards = (role: 'mentor' | 'mentee') => [
    card(hostilePair, role, {
      goals: [goal(1, hostilePair.id, HOSTILE, [{ done: true }, { done: false }])],
      openLoops: [advice(2, hostilePair.id, HOSTILE)],
    }),
  ];

  it('goal title and advice text on the mentee’s Home', () => {
    const view = homeView(dashboard(hostileCards('mentee')));
    expectEscapedEverywhere(view);
    expect(asHome(view)).toEqual([]);
  });

  it('goal title on the mentor’s Home', () => {
    expectEscapedEverywhere(homeView(dashboard(hostileCards('mentor'))));
  });

  it('goal title in the status reply', () => {
    const reply = statusReply(dashboard(hostileCards('mentee')));
    expectEscapedEverywhere(reply);
    expect(reply.text).not.toContain('<!channel>');
  });

  it('goal title in a goal line', () => {
    expect(goalLine(goal(1, 1, HOSTILE), TODAY)).toContain('Ship it &lt;!channel&gt; &amp; ping &lt;@U999&gt; via &lt;https://evil.example|click&gt;');
  });

  it('advice text in the loop modal', () => {
    expectEscapedEverywhere(loopModal({ adviceId: 2, adviceText: HOSTILE, mentorId: MENTOR, givenOn: '2026-11-15' }));
  });

  it('advice text and what happened in the loop-closed DM', () => {
    const closed = advice(2, hostilePair.id, HOSTILE, { outcome: 'tried_worked', outcome_text: `Outcome: ${HOSTILE}`, usefulness: 5 });
    const reply = loopClosedMessage(closed, hostilePair);
    expectEscapedEverywhere(reply);
    for (const raw of RAW_CONTROLS) expect(reply.text).not.toContain(raw);
    const section = textsOfType(reply.blocks, 'mrkdwn')[0]!;
    expect(section.match(/&lt;!channel&gt;/g)).toHaveLength(2);
  });

  // A partner's Slack name is person-written too; the goal and log modals show it in mrkdwn.
  it.each([
    ['goal', (pairs: PairChoice[]) => goalModal({ pairs })],
    ['log', (pairs: PairChoice[]) => logModal({ pairs, goals: [], today: TODAY, maxAdviceLines: 5 })],
  ])('the pair label in the %s modal header is escaped', (_label, build) => {
    const view = build([{ pairId: 7, label: `Mentoring ${HOSTILE}` }]);
    expectEscapedEverywhere(view);
  });
});

describe('Home', () => {
  it('someone with no pairs gets a helpful empty state', () => {
    const view = homeView(dashboard([]));
    const text = textsOfType(view, 'mrkdwn').join('\n');
    expect(text).toContain("You're not in a pairing yet");
    expect(text).not.toContain('/mentor pair');
    expect(text).toContain('/mentor help');
    // The way in is a button that opens the join modal, not an admin command.
    const rows = view.blocks.filter((b) => b.type === 'actions') as any[];
    expect(rows.flatMap((r) => r.elements.map((e: any) => [e.action_id, e.text.text]))).toEqual([[ACTION.openJoin, 'Join the program']]);
    expect(asHome(view)).toEqual([]);
  });

  it('each live pair has Log a session, Set a goal and Book next session buttons carrying the pair id; an ended pair has none', () => {
    const view = homeView(dashboard([card(pair({ id: 21 }), 'mentor'), card(pair({ id: 22, status: 'ended' }), 'mentee')]));
    const rows = view.blocks.filter((b) => b.type === 'actions') as any[];
    expect(rows).toHaveLength(1);
    expect(rows[0].elements.map((e: any) => [e.action_id, e.value])).toEqual([
      [ACTION.openLog, '21'],
      [ACTION.openGoal, '21'],
      [BOOKING_ACTION.book, '21'],
    ]);
  });

  it('a paused pair is not offered a booking', () => {
    const view = homeView(dashboard([card(pair({ id: 23, status: 'paused' }), 'mentee')]));
    const ids = (view.blocks.filter((b) => b.type === 'actions') as any[]).flatMap((r) => r.elements.map((e: any) => e.action_id));
    expect(ids).toEqual([ACTION.openLog, ACTION.openGoal]);
  });

  it('a mentee sees a Close the loop button per open loop (at most 5, then a pointer)', () => {
    const p = pair();
    const loops = Array.from({ length: 7 }, (_, i) => advice(300 + i, p.id, `Advice ${i}`));
    const blocks = pairCardBlocks(card(p, 'mentee', { openLoops: loops }), TODAY, { withButtons: true });
    const buttons = blocks.flatMap((b: any) => (b.accessory ? [b.accessory] : []));
    expect(buttons.map((b: any) => [b.action_id, b.value])).toEqual([300, 301, 302, 303, 304].map((id) => [ACTION.openLoop, String(id)]));
    expect(JSON.stringify(blocks)).toContain('7 pieces of advice to report back on.');
    expect(JSON.stringify(blocks)).toContain('…and 2 more: `/mentor loops` lists all your advice to report back on.');
    expect(JSON.stringify(blocks)).not.toMatch(/open loop/i);
  });

  it('a mentor sees the open-loop count but no Close the loop buttons', () => {
    const p = pair();
    const blocks = pairCardBlocks(card(p, 'mentor', { openLoops: [advice(1, p.id, 'a'), advice(2, p.id, 'b')] }), TODAY, { withButtons: true });
    expect(JSON.stringify(blocks)).toContain(`2 pieces of advice <@${p.mentee_id}> has yet to report back on.`);
    expect(JSON.stringify(blocks)).not.toMatch(/open loop/i);
    expect(JSON.stringify(blocks)).not.toContain(ACTION.openLoop);
  });

  it.each([
    ['mentor', 20, false],
    ['mentor', 40, true],
    ['mentee', 20, true],
    ['mentee', 60, true],
  ] as const)('heavy pairs (%s, %i pairs) stay within the view limits; overflow note: %s', (role, count, overflow) => {
    const view = homeView(dashboard(heavyCards(count, role), SUMMARY));
    expect(asHome(view)).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(JSON.stringify(view.blocks).includes('`/mentor status` lists them all')).toBe(overflow);
  });

  it('gives each goal a menu while the pairings fit, and shows every pairing with its goals as text when they do not', () => {
    const menus = (view: { blocks: any[] }) => view.blocks.filter((b: any) => b.accessory?.type === 'overflow').length;
    expect(menus(homeView(dashboard(heavyCards(2, 'mentor'), SUMMARY)))).toBe(10);
    const busy = homeView(dashboard(heavyCards(20, 'mentor'), SUMMARY));
    expect(menus(busy)).toBe(0);
    expect(JSON.stringify(busy.blocks)).toContain('Too many pairings for goal menus here');
  });

  it('emoji-heavy goal titles and advice on Home stay within the view limits', () => {
    const cards = heavyCards(3, 'mentee').map((c) => ({
      ...c,
      goals: c.goals.map((g) => ({ ...g, title: EMOJI_TITLE.repeat(3) })),
      openLoops: c.openLoops.map((a) => ({ ...a, text: EMOJI_ADVICE })),
    }));
    expect(asHome(homeView(dashboard(cards, SUMMARY)))).toEqual([]);
  });

  it('an admin with many busy pairings still sees the program summary', () => {
    const view = homeView(dashboard(heavyCards(20, 'mentee'), SUMMARY));
    expect(textsOfType(view, 'plain_text')).toContain('Program health (admins)');
    expect(textsOfType(view, 'plain_text')).toContain('Feedback (admins): 25 waiting');
    expect(view.blocks.filter((b) => (b as { block_id?: string }).block_id?.startsWith('feedback_note_'))).toHaveLength(10);
  });
});

describe('admin summary is counts and dates only', () => {
  const SECRET = 'SECRET-ADVICE-do-not-leak';
  const p = pair();
  const withSecrets = card(p, 'mentee', {
    goals: [goal(1, p.id, 'Visible goal')],
    openLoops: [advice(1, p.id, `${SECRET} one`), advice(2, p.id, `${SECRET} two`, { outcome_text: SECRET })],
  });

  /** The blocks from the admin header on: the program summary part of a surface. */
  function adminPart<B extends { type: string }>(blocks: B[], headerText: string): B[] {
    const start = blocks.findIndex((b) => b.type === 'header' && (b as any).text.text === headerText);
    expect(start).toBeGreaterThan(0);
    return blocks.slice(start);
  }

  it('on Home the member’s own card may show the advice, the admin summary never does', () => {
    const view = homeView(dashboard([withSecrets], SUMMARY));
    const admin = adminPart(view.blocks, 'Program health (admins)');
    expect(JSON.stringify(admin)).not.toContain(SECRET);
    expect(JSON.stringify(view.blocks.slice(0, view.blocks.length - admin.length))).toContain(SECRET);
    const text = textsOfType(admin, 'mrkdwn').join('\n');
    expect(text).toContain('12 active · 2 paused · 5 ended');
    expect(text).toContain('<@USTALL01> → <@USTALL02>: 40 days since the last session');
    expect(text).toContain('<@USTALL03> → <@USTALL04>: 20 days since pairing, no session yet');
  });

  it('in the status reply neither the card nor the summary shows advice text', () => {
    const reply = statusReply(dashboard([withSecrets], SUMMARY));
    expect(JSON.stringify(reply)).not.toContain(SECRET);
    expect(JSON.stringify(adminPart(reply.blocks!, 'Program health'))).toContain('<@USTALL01>');
  });

  it('programSummaryBlocks lists at most 15 stalled pairs and counts the rest', () => {
    const stalled = Array.from({ length: 30 }, (_, i) => ({ pairId: i, mentorId: `UM${i}XX`, menteeId: `UE${i}XX`, daysSinceLast: 60 - i, lastSessionOn: '2026-09-01' }));
    const blocks = programSummaryBlocks({ ...SUMMARY, stalled, stalledCount: 40, deliveryFailures: [] });
    const text = textsOfType(blocks, 'mrkdwn').join('\n');
    expect(text.match(/^• /gm)).toHaveLength(15);
    expect(text).toContain('…and 25 more');
    expect(slackLimitViolations('chat.postMessage', { text: 'x', blocks })).toEqual([]);
  });

  it('no stalled pairs says so', () => {
    expect(textsOfType(programSummaryBlocks({ ...SUMMARY, stalled: [], stalledCount: 0 }), 'mrkdwn').join('\n')).toContain("*Pairings that haven't met in time*: none.");
  });

  it('non-admins get no summary', () => {
    const view = homeView(dashboard([withSecrets]));
    expect(textsOfType(view, 'plain_text')).not.toContain('Program health (admins)');
  });
});

describe('status reply', () => {
  it('no pairs: a short helpful text', () => {
    const reply = statusReply(dashboard([]));
    expect(reply.text).toBe("You're not in a pairing yet.");
    expect(asMessage(reply)).toEqual([]);
  });

  it.each([
    ['mentor', 20],
    ['mentee', 20],
    ['mentee', 80],
  ] as const)('%s with %i heavy pairs stays within message limits', (role, count) => {
    const reply = statusReply(dashboard(heavyCards(count, role), SUMMARY));
    expect(asMessage(reply)).toEqual([]);
    expect(reply.text).toBe(`You're in ${count} pairings.`);
  });

  it.each([
    [1, "You're in 1 pairing."],
    [2, "You're in 2 pairings."],
  ])('%i pair(s) → %j', (n, text) => {
    expect(statusReply(dashboard(heavyCards(n, 'mentor'))).text).toBe(text);
  });

  it('a card shows the rhythm, review date, goals with progress and a paused state', () => {
    const p = pair({ status: 'paused', paused_until: new Date('2026-12-24T00:00:00Z'), kind: 'reverse' });
    const blocks = pairCardBlocks(
      card(p, 'mentee', { goals: [goal(1, p.id, 'Lead a review', [{ done: true }, { done: true }, { done: false }], '2027-01-15')] }),
      TODAY,
      { withButtons: false },
    );
    const text = textsOfType(blocks, 'mrkdwn').join('\n');
    expect(text).toContain(`<@${MENTOR}> mentors you (reverse mentoring)`);
    expect(text).toContain(':double_vertical_bar: Paused until Thu 24 Dec');
    expect(text).toContain('review on Mon 1 Mar 2027');
    expect(text).toContain('• Lead a review ▰▰▰▰▰▰▰▱▱▱ 2/3 milestones · target Fri 15 Jan 2027');
    expect(blocks.some((b) => b.type === 'actions')).toBe(false);
  });

  it('an overdue active pair says when the session was due', () => {
    const blocks = pairCardBlocks(card(pair(), 'mentor', { lastSessionOn: '2026-11-01' }), TODAY, { withButtons: false });
    expect(textsOfType(blocks, 'mrkdwn').join('\n')).toContain("Every 2 weeks · :warning: you haven't met since Sun 1 Nov · next session was due 7 days ago");
  });

  it('shows at most 5 goals and counts the rest', () => {
    const p = pair();
    const goals = Array.from({ length: 8 }, (_, i) => goal(i, p.id, `Goal ${i}`));
    const text = textsOfType(pairCardBlocks(card(p, 'mentor', { goals }), TODAY, { withButtons: false }), 'mrkdwn').join('\n');
    expect(text.match(/^• Goal/gm)).toHaveLength(5);
    expect(text).toContain('…and 3 more');
  });
});

describe('DMs', () => {
  it.each([
    ['kickoff to the mentor', kickoffMessage(pair({ kind: 'reverse' }), MENTOR)],
    ['kickoff to the mentee', kickoffMessage(pair(), MENTEE)],
    ['loop closed, 3000-char advice and outcome', loopClosedMessage(advice(1, 11, LONG_ADVICE, { outcome: 'tried_didnt', outcome_text: LONG_ADVICE, usefulness: 1 }), pair())],
    ['loop closed, emoji-heavy advice and outcome', loopClosedMessage(advice(1, 11, EMOJI_ADVICE, { outcome: 'tried_worked', outcome_text: EMOJI_ADVICE, usefulness: 5 }), pair())],
    ['loop closed, not applicable, no text', loopClosedMessage(advice(1, 11, 'x', { outcome: 'not_applicable' }), pair())],
    ['pair ended, to the mentor', pairEndedMessage(pair(), MENTOR)],
    ['pair ended, to the mentee', pairEndedMessage(pair(), MENTEE)],
  ])('%s stays within message limits', (_label, reply) => {
    expect(asMessage(reply)).toEqual([]);
  });

  it('the kickoff names the partner and differs for mentor and mentee', () => {
    expect(kickoffMessage(pair(), MENTOR).text).toContain(`You've been paired to mentor <@${MENTEE}>.`);
    expect(kickoffMessage(pair(), MENTEE).text).toContain(`You've been paired with <@${MENTOR}> as your mentor.`);
  });

  it('the kickoff message (mentee, reverse, every 3 weeks)', () => {
    expect(kickoffMessage(pair({ id: 42, kind: 'reverse', cadence_days: 21, review_on: '2027-05-22' }), MENTEE)).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":wave: *You've been paired with <@UMENTOR01> as your mentor.* In a *reverse* pairing a more junior colleague mentors a more senior one on what they know best. Here <@UMENTOR01> is your mentor, sharing what they know best with you.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*Who’s who*
      • <@UMENTOR01>, the mentor
      • <@UMENTEE01>, the mentee
      Meet every 3 weeks; 60–90 minutes works well.",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "*First steps*
      1. *Agree your objective*: what this mentoring should change, tied to real work
      2. *Book the first session*: where you meet and who sends the invite
      3. *Set a first goal*: the button below",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "block_id": "kickoff_42",
            "elements": [
              {
                "action_id": "open_goal_modal",
                "style": "primary",
                "text": {
                  "emoji": true,
                  "text": "Set the first goal",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "42",
              },
              {
                "action_id": "open_log_modal",
                "text": {
                  "emoji": true,
                  "text": "Log the first session",
                  "type": "plain_text",
                },
                "type": "button",
                "value": "42",
              },
            ],
            "type": "actions",
          },
          {
            "elements": [
              {
                "text": "Review on Sat 22 May 2027. Notes you log are visible only to the two of you.",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "You've been paired with <@UMENTOR01> as your mentor. Agree your objective, book the first session and set a first goal.",
      }
    `);
  });

  it('the loop-closed message blocks', () => {
    const closed = advice(9, 11, 'Ask for the *why* before the how & write it down', {
      outcome: 'tried_worked',
      outcome_text: 'The review took half the time <3',
      usefulness: 4,
    });
    expect(loopClosedMessage(closed, pair()).blocks).toMatchInlineSnapshot(`
      [
        {
          "text": {
            "text": ":repeat: *<@UMENTEE01> closed the loop on your advice*
      >Ask for the *why* before the how &amp; write it down
      *What they did:* They tried it and it worked
      *What happened:* The review took half the time &lt;3
      *How useful:* ★★★★☆ (4/5)",
            "type": "mrkdwn",
          },
          "type": "section",
        },
        {
          "elements": [
            {
              "text": "Ask them about it at your next session.",
              "type": "mrkdwn",
            },
          ],
          "type": "context",
        },
      ]
    `);
  });

  // The mentor reads the notification; "I tried it" there reads as if the mentor had tried it.
  it.each([
    ['tried_worked', 'They tried it and it worked'],
    ['tried_didnt', "They tried it and it didn't work"],
    ['not_applicable', "It didn't apply in the end"],
  ] as const)('the loop-closed notification text for %s speaks of the mentee: %j', (outcome, phrase) => {
    expect(loopClosedMessage(advice(1, 11, 'x', { outcome }), pair()).text).toBe(`<@${MENTEE}> closed the loop on your advice: ${phrase}.`);
  });

  it.each([
    ['tried_worked', 'They tried it and it worked'],
    ['tried_didnt', "They tried it and it didn't work"],
    ['not_applicable', "It didn't apply in the end"],
  ] as const)('loop closed with %s says %j', (outcome, phrase) => {
    const reply = loopClosedMessage(advice(1, 11, 'x', { outcome }), pair());
    expect(textsOfType(reply.blocks, 'mrkdwn').join('\n')).toContain(`*What they did:* ${phrase}`);
  });

  it.each([
    [null, ''],
    [1, '★☆☆☆☆ (1/5)'],
    [5, '★★★★★ (5/5)'],
  ])('usefulness %j → %j', (usefulness, stars) => {
    const text = textsOfType(loopClosedMessage(advice(1, 11, 'x', { outcome: 'tried_worked', usefulness }), pair()).blocks, 'mrkdwn').join('\n');
    if (stars) expect(text).toContain(`*How useful:* ${stars}`);
    else expect(text).not.toContain('How useful');
  });
});

describe('help and usage', () => {
  it('members see member commands only; admins also see admin commands', () => {
    expect(helpText(false)).toContain('/mentor log');
    expect(helpText(false)).not.toContain('/mentor pair');
    expect(helpText(false)).not.toContain('*Admins*');
    expect(helpText(true)).toContain('*Admins*');
    expect(helpText(true)).toContain('/mentor pair @mentor @mentee');
    expect(helpText(true)).toContain('/mentor admins');
  });

  it('groups everything as Get started, Each session, Follow up, and Admins for admins only; every command once', () => {
    const groups = (text: string) => [...text.matchAll(/^\*([A-Z][a-z ]+)\*$/gm)].map((m) => m[1]);
    expect(groups(helpText(false))).toEqual(['Get started', 'Each session', 'Follow up']);
    expect(groups(helpText(true))).toEqual(['Get started', 'Each session', 'Follow up', 'Admins']);
    for (const line of Object.values(USAGE)) expect(helpText(true).split(line).length - 1).toBe(1);
    expect(helpText(false)).toContain('*Join the program*');
    expect(helpText(false).indexOf('/mentor join')).toBeLessThan(helpText(false).indexOf('/mentor log'));
    expect(helpText(false).indexOf('/mentor log')).toBeLessThan(helpText(false).indexOf('/mentor loops'));
  });

  it('tells members how pairings in several programs are shown and asked about', () => {
    expect(helpText(false)).toContain('In pairings of several programs?');
    expect(helpText(false)).toContain("a note about a pairing or a program goes to that program's admins");
  });

  it('everyone sees how to get and delete their own data', () => {
    for (const isAdmin of [false, true]) {
      expect(helpText(isAdmin)).toContain('`/mentor my-data`');
      expect(helpText(isAdmin)).toContain('`/mentor delete-my-data`');
    }
  });

  it('tells members who reads their feedback and admins where the inbox is', () => {
    expect(helpText(false)).toContain('only program admins read (with or without your name); they can reply to you privately');
    expect(helpText(false)).not.toContain('Feedback inbox');
    expect(helpText(true)).toContain('Feedback inbox');
    expect(helpText(true)).toContain('*Mark handled* or *Reply privately*');
  });

  it.each([true, false])('help (admin: %s) is a valid message', (isAdmin) => {
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', text: helpText(isAdmin) })).toEqual([]);
  });

  it('usage replies pair the reason with the usage line, or point to help', () => {
    expect(usageReply('Nope.', '`/mentor log`')).toEqual({ text: 'Nope.\nUsage: `/mentor log`' });
    expect(usageReply('Nope.', undefined)).toEqual({ text: 'Nope.\nTry `/mentor help`.' });
  });
});
