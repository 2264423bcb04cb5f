import { beforeAll, describe, expect, it } from 'vitest';
import { ADMINS_ONLY } from '../../src/services/access.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { DigestService } from '../../src/services/digest-service.ts';
import { ProgramHealthService, type ProgramReport } from '../../src/services/program-health-service.ts';
import { programSummaryBlocks, reportMessage, reportModal } from '../../src/slack/surfaces/report-view.ts';
import { answered, eventually, everythingSent, lastHomeOf, logValues, pairUp, press, SECRETS, submitGoal, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { countQueries } from '../helpers/query-count.ts';
import { waitFor } from '../helpers/wait.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { at, PEOPLE, T2, T2_ADMIN, T2_MENTEE, T2_MENTOR, TEAM, useTestBot } from '../helpers/test-bot.ts';

// A program built through the app itself, with figures known in advance. "Today" is Wed
// 18 Nov 2026 (the admin is in London); the 12 weekly windows run from Thu 27 Aug to today.
//
//   P2 mentor → mentee2    paired 25 May, last session 20 Oct: stalled (29 days), review due 25 Nov
//   P1 mentor → mentee     paired 1 Aug, last session 16 Nov: met within its cadence
//   P3 mentor2 → mentee3   paired 1 Aug, never met: stalled (109 days since pairing)
//   P4 mentor2 → mentee4   paused
//   P5 mentor2 → mentee    ended (its sessions still count)
//
// Sessions (day, pair, usefulness), 14 in all, 12 rated, usefulness sum 45 → mean 3.75 → "3.8":
const SESSIONS: Array<[string, 'P1' | 'P2' | 'P5', string | undefined, string?]> = [
  ['2026-08-26', 'P1', '5'], // 84 days ago: outside the trend
  ['2026-08-27', 'P1', '4'], // week 1
  ['2026-09-10', 'P1', '3'], // week 3
  ['2026-09-16', 'P2', '5'], // week 3
  ['2026-09-30', 'P5', '2'], // week 5
  ['2026-10-15', 'P1', undefined], // week 8
  ['2026-10-19', 'P5', '1'], // week 8; 30 days ago: outside "last 30 days"
  ['2026-10-20', 'P2', '4', 'SECRET-ADVICE-D\nSECRET-ADVICE-F'], // week 8; 29 days ago: inside
  ['2026-10-21', 'P1', '5'], // week 8
  ['2026-11-01', 'P1', '4'], // week 10
  ['2026-11-05', 'P1', '3', 'SECRET-ADVICE-A\nSECRET-ADVICE-B'], // week 11
  ['2026-11-11', 'P1', undefined, 'SECRET-ADVICE-C'], // week 11
  ['2026-11-12', 'P1', '5'], // week 12
  ['2026-11-16', 'P1', '4', 'SECRET-ADVICE-E'], // week 12
];
const TREND = '`▃▁▅▁▃▁▁█▁▃▅▅`  1 0 2 0 1 0 0 4 0 1 2 2';
// Loops closed on 18 Nov: A (given 5 Nov, 13 days), C (11 Nov, 7), D (20 Oct, 29), E (16 Nov, 2):
// median 10 days; B and F stay open: 4 of 6 closed, 67%.

const MENTOR2 = { id: 'UMENTOR02', real_name: 'Mo Second', tz: 'Europe/Paris' };
const MENTEE3 = { id: 'UMENTEE03', real_name: 'Ira Third', tz: 'Europe/Paris' };
const MENTEE4 = { id: 'UMENTEE04', real_name: 'Kai Fourth', tz: 'Europe/Paris' };

const TODAY = '2026-11-18T14:00:00Z';
// One program, built once; the tests only read it.
const t = useTestBot({ now: TODAY, resetTables: false });
const pairs: Record<'P1' | 'P2' | 'P3' | 'P4' | 'P5', number> = { P1: 0, P2: 0, P3: 0, P4: 0, P5: 0 };

const ok = (res: Promise<{ status: number; json: any }>) => answered(t, res);

async function buildProgram(): Promise<void> {
  const db = t.bot.database.db;
  t.clock.set('2026-05-25T12:00:00Z');
  pairs.P2 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
  t.clock.set('2026-08-01T12:00:00Z');
  pairs.P1 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee);
  pairs.P3 = await pairUp(t, MENTOR2, MENTEE3);
  pairs.P4 = await pairUp(t, MENTOR2, MENTEE4);
  pairs.P5 = await pairUp(t, MENTOR2, PEOPLE.mentee);
  t.clock.set(TODAY);

  const menteeOf = { P1: PEOPLE.mentee, P2: PEOPLE.mentee2, P5: PEOPLE.mentee };
  for (const [heldOn, pair, usefulness, advice] of SESSIONS) {
    const json = await ok(
      submitLog(t, menteeOf[pair], pairs[pair], { heldOn, usefulness, advice: advice ?? '', notes: `SECRET-NOTE ${heldOn}`, topics: 'SECRET-TOPIC', commitments: 'SECRET-COMMIT' }),
    );
    expect(json.response_action).toBe('update');
  }
  const adviceId = async (text: string) => (await db.selectFrom('advice_items').select('id').where('text', '=', text).executeTakeFirstOrThrow()).id;
  for (const [who, text, outcome] of [
    [PEOPLE.mentee, 'SECRET-ADVICE-A', 'tried_worked'],
    [PEOPLE.mentee, 'SECRET-ADVICE-C', 'tried_didnt'],
    [PEOPLE.mentee2, 'SECRET-ADVICE-D', 'not_applicable'],
    [PEOPLE.mentee, 'SECRET-ADVICE-E', 'tried_worked'],
  ] as const) {
    await ok(submitLoop(t, who, await adviceId(text), outcome, `SECRET-OUTCOME ${text}`, '4'));
  }

  // Goals: 3 set, 1 achieved (one dropped, one open and private).
  await ok(submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: pairs.P1 }), { title: 'Lead a design review', celebrate: true, outcome: 'SECRET-GOAL outcome' }));
  await ok(submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: pairs.P1 }), { title: 'SECRET-GOAL private', successMeasure: 'SECRET-GOAL measure' }));
  await ok(submitGoal(t, PEOPLE.mentee2, JSON.stringify({ pairId: pairs.P2 }), { title: 'SECRET-GOAL dropped' }));
  const goalId = async (title: string) => (await db.selectFrom('goals').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;
  await ok(press(t, PEOPLE.mentee, 'nudge_goal_achieved', String(await goalId('Lead a design review'))));
  await ok(press(t, PEOPLE.mentee2, 'nudge_goal_drop', String(await goalId('SECRET-GOAL dropped'))));

  expect((await ok(t.slack.command({ text: 'pause', user_id: MENTEE4.id }))).text).toContain('Paused your pairing');
  expect((await ok(t.slack.command({ text: `end ${at(MENTOR2)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }))).text).toContain('Concluded');

  // Delivery failures: one in the last 30 days, one older that the report leaves out.
  const failed = (recipient: string, day: string, error: string) => ({
    team_id: TEAM,
    recipient_id: recipient,
    local_day: day,
    status: 'failed' as const,
    message: JSON.stringify({ text: 'x' }),
    next_attempt_at: `${day}T09:00:00Z`,
    last_error: error,
    created_at: `${day}T09:00:00Z`,
  });
  await db.insertInto('deliveries').values([failed(MENTEE3.id, '2026-11-10', 'account_inactive'), failed(MENTEE4.id, '2026-10-01', 'user_not_found')]).execute();

  // The other workspace: a pair, a rated session and a goal of its own.
  const t2Pair = await ok(t.slack.command({ team_id: T2, text: `pair ${at(T2_MENTOR)} ${at(T2_MENTEE)}`, user_id: T2_ADMIN.id, response_url: t.fake.responseUrl() }));
  expect(t2Pair.text).toContain('New');
  const t2PairId = (await db.selectFrom('pairs').select('id').where('team_id', '=', T2).executeTakeFirstOrThrow()).id;
  const t2Log = await ok(
    t.slack.viewSubmission({ team_id: T2, user_id: T2_MENTEE.id, callback_id: 'log_modal', private_metadata: JSON.stringify({ pairId: t2PairId }), values: logValues({ heldOn: '2026-11-17', usefulness: '1' }) }),
  );
  expect(t2Log.response_action).toBe('update');
}

beforeAll(async () => {
  for (const u of [MENTOR2, MENTEE3, MENTEE4]) t.fake.addUser({ team_id: TEAM, ...u });
  for (const u of [T2_ADMIN, T2_MENTOR, T2_MENTEE]) t.fake.addUser(u);
  await buildProgram();
});

/** Every mrkdwn text of the blocks: section texts and fields, context elements. */
function texts(blocks: any[]): string[] {
  return blocks.flatMap((b) => [b.text?.text, ...(b.fields ?? []).map((f: any) => f.text), ...(b.elements ?? []).map((e: any) => e.text)]).filter((x): x is string => typeof x === 'string');
}

const FIGURES = [
  '*Pairings*\n3 active · 1 paused · 1 ended',
  '*Met within their cadence*\n1 of 3 active pairings',
  '*Sessions, last 30 days*\n7',
  '*Mean session usefulness*\n3.8 / 5 (12 rated)',
  '*Advice loops*\n4 closed · 2 open',
  '*Loop closure*\n67% closed · median 10 days to close',
  '*Goals*\n3 set · 1 achieved',
  '*Reviews due, next 30 days*\n1',
  '*Delivery failures, last 30 days*\n1',
];
const STALLED = [
  `• <@${MENTOR2.id}> → <@${MENTEE3.id}>: 109 days since pairing, no session yet`,
  `• <@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee2.id}>: 29 days since the last session`,
].join('\n');

async function report(user: { id: string }, team = TEAM): Promise<any> {
  const responseUrl = t.fake.responseUrl();
  const ack = await ok(t.slack.command({ team_id: team, text: 'report', user_id: user.id, response_url: responseUrl }));
  // An admin's answer is replaced once the charts are drawn (report-outcomes.test.ts): wait for it,
  // so no upload spills into the next test on a busy machine.
  if (ack.blocks) await waitFor(() => t.fake.callsTo('response_url').some((c) => c.args._url === responseUrl), 'the full report', 90_000);
  await t.bot.idle();
  return ack;
}

describe('/mentor report', { timeout: 200_000 }, () => {
  it('answers an admin, privately, with every figure of the program', async () => {
    const reply = await report(PEOPLE.admin);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toBe('Program report: 3 active pairings, 2 not met in time, 7 sessions in the last 30 days.');
    expect(reply.blocks[0]).toMatchObject({ type: 'header', text: { text: 'Program report' } });
    const fields = reply.blocks.flatMap((b: any) => (b.fields ?? []).map((f: any) => f.text));
    expect(fields).toEqual(FIGURES);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
  });

  it('draws sessions per week for the last 12 weeks with block characters and the numbers beside them', async () => {
    const trend = texts((await report(PEOPLE.admin)).blocks).find((s) => s.startsWith('*Sessions per week*'));
    expect(trend).toBe(`*Sessions per week*, last 12 weeks (Thu 27 Aug – Wed 18 Nov)\n${TREND}`);
  });

  it('names the stalled pairs with days since their last session, the reviews due and the undelivered reminders', async () => {
    const all = texts((await report(PEOPLE.admin)).blocks);
    expect(all).toContain(`*Pairings that haven't met in time* (no session for their rhythm plus the extra days before a reminder)\n${STALLED}`);
    expect(all).toContain(`*Reviews due in the next 30 days*\n• <@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee2.id}>: Wed 25 Nov`);
    expect(all).toContain(`*Reminders I could not deliver* (last 30 days)\n• <@${MENTEE3.id}>: \`account_inactive\``);
    expect(all.join('\n')).not.toContain(MENTEE4.id); // its failure is older than 30 days, and paused pairs are not stalled
  });

  it('counts only the workspace’s own program', async () => {
    const mine = await report(PEOPLE.admin);
    expect(JSON.stringify(mine)).not.toMatch(/UT2/);
    const theirs = await report(T2_ADMIN, T2);
    const fields = theirs.blocks.flatMap((b: any) => (b.fields ?? []).map((f: any) => f.text));
    expect(fields).toEqual([
      '*Pairings*\n1 active · 0 paused · 0 ended',
      '*Met within their cadence*\n1 of 1 active pairing',
      '*Sessions, last 30 days*\n1',
      '*Mean session usefulness*\n1 / 5 (1 rated)',
      '*Advice loops*\n0 closed · 0 open',
      '*Loop closure*\nno advice recorded yet',
      '*Goals*\n0 set · 0 achieved',
      '*Reviews due, next 30 days*\n0',
      '*Delivery failures, last 30 days*\n0',
    ]);
    expect(texts(theirs.blocks).join('\n')).toContain('`▁▁▁▁▁▁▁▁▁▁▁█`  0 0 0 0 0 0 0 0 0 0 0 1');
    expect(JSON.stringify(theirs)).not.toContain(PEOPLE.mentor.id);
  });

  it.each([
    ['a mentor', PEOPLE.mentor],
    ['an outsider', PEOPLE.outsider],
  ])('refuses %s with the standard answer and sends nothing', async (_who, person) => {
    const reply = await report(person);
    expect(reply.text).toContain(ADMINS_ONLY);
    expect(JSON.stringify(reply)).not.toMatch(/Pairings|Sessions|stalled/i);
    expect(t.fake.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
  });
});

describe('"Open report" on the admin digest', () => {
  it('opens the full report in a modal', async () => {
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.admin, 'open_report', 'digest'));
    expect(view.type).toBe('modal');
    expect(view.title.text).toBe('Program report');
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(view.blocks.flatMap((b: any) => (b.fields ?? []).map((f: any) => f.text))).toEqual(FIGURES);
    const all = texts(view.blocks);
    expect(all.join('\n')).toContain(TREND);
    expect(all.join('\n')).toContain(STALLED);
  });

  it('refuses a non-admin who presses it', async () => {
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'open_report', 'digest'));
    expect(view.callback_id).toBe('notice_modal');
    expect(textOf({ blocks: view.blocks })).toContain(ADMINS_ONLY);
    expect(JSON.stringify(view)).not.toContain('Pairings');
  });
});

describe('the admin’s App Home', () => {
  it('shows the report’s figures in a compact admin section', async () => {
    await ok(t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'DADMIN', tab: 'home', event_ts: '1.1' } }));
    await eventually(() => expect(lastHomeOf(t, PEOPLE.admin)).toBeDefined());
    const blocks: any[] = lastHomeOf(t, PEOPLE.admin)!.args.view.blocks;
    expect(blocks.length).toBeLessThanOrEqual(100);
    const start = blocks.findIndex((b) => b.type === 'header' && b.text.text === 'Program health (admins)');
    expect(start).toBeGreaterThanOrEqual(0);
    // Up to the privacy footer; the day's charts (tested in report-outcomes.test.ts) come first.
    const admin = blocks.slice(start + 1, -1).filter((b) => b.type !== 'image');
    expect(admin.length).toBeLessThanOrEqual(5);
    const fields = admin.flatMap((b: any) => (b.fields ?? []).map((f: any) => f.text));
    expect(fields).toEqual([...FIGURES, '*Feedback notes*\n0']);
    const all = texts(admin).join('\n');
    expect(all).toContain(TREND);
    expect(all).toContain(STALLED);
    expect(all).toContain(`• <@${MENTEE3.id}>: \`account_inactive\``);
  });
});

describe('the program-health read model', () => {
  // Admin Home, /mentor status, /mentor report and the digest all read program health through it.
  it('is read once per /mentor report: the full report after the ack shows the health the ack read', async () => {
    const actor = { teamId: TEAM, userId: PEOPLE.admin.id };
    const today = await t.bot.services.reports.forAdmin(actor);
    const full = await t.bot.services.reports.full(actor, {}, today);
    expect(full.health).toBe(today.health);
    expect(full.program.id).toBe(today.program.id);
    expect(Object.keys(full.outcomes.overall)).toContain('satisfaction');
  });

  it('reads every figure of the admin surfaces in at most 6 queries', async () => {
    const count = countQueries(t.bot.database.db);
    const program = await defaultProgram(t.bot.database.db, TEAM);
    const health = await new ProgramHealthService({ db: count.db }).read(program, '2026-11-18', new Date(TODAY));
    expect(count.statements.length).toBeGreaterThan(0);
    expect(count.statements.length).toBeLessThanOrEqual(6);
    expect(health).toMatchObject({
      asOf: '2026-11-18',
      pairs: { active: 3, paused: 1, ended: 1 },
      metWithinCadence: 1,
      stalled: [
        { pairId: pairs.P3, daysSinceLast: 109, lastSessionOn: null },
        { pairId: pairs.P2, daysSinceLast: 29, lastSessionOn: '2026-10-20' },
      ],
      stalledCount: 2,
      recentSessions: 7,
      usefulness: { mean: 3.75, rated: 12 },
      loops: { closed: 4, open: 2, medianDaysToClose: 10 },
      goals: { set: 3, achieved: 1 },
      reviewsDue: [{ pairId: pairs.P2, reviewOn: '2026-11-25' }],
      deliveryFailures: [{ recipient_id: MENTEE3.id, last_error: 'account_inactive', created_at: new Date('2026-11-10T09:00:00Z') }],
      trend: { weeks: [1, 0, 2, 0, 1, 0, 0, 4, 0, 1, 2, 2], from: '2026-08-27', to: '2026-11-18' },
      feedbackNotes: 0,
    });
  });

  it('builds a program’s digest as of a given instant in at most 6 queries, whatever the service clock says', async () => {
    t.clock.set('2027-06-01T00:00:00Z');
    const count = countQueries(t.bot.database.db);
    const program = await defaultProgram(t.bot.database.db, TEAM);
    const digest = await new DigestService({ db: count.db }, new ProgramHealthService({ db: count.db })).forProgram(program, new Date('2026-11-23T08:00:00Z'));
    expect(count.statements.length).toBeLessThanOrEqual(6);
    // The week of 16–23 Nov: sessions on 16 Nov (P1) and 17 Nov (the other workspace's, not counted).
    expect(digest).toMatchObject({ weekOf: '2026-11-23', sessionsThisWeek: 1, loopsClosedThisWeek: 4, deliveryFailures: [] });
    expect(digest.stalled.map((s) => [s.pairId, s.daysSinceLast, s.escalated])).toEqual([
      [pairs.P3, 114, false],
      [pairs.P2, 34, false],
    ]);
  });
});

describe('privacy', () => {
  it('the report, its modal and the admin’s Home carry no note, topic, advice, outcome, commitment or private goal text', async () => {
    const reply = await report(PEOPLE.admin);
    await viewOpenedBy(t, () => press(t, PEOPLE.admin, 'open_report', 'digest'));
    await ok(t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'DADMIN', tab: 'home', event_ts: '1.2' } }));
    await eventually(() => expect(lastHomeOf(t, PEOPLE.admin)).toBeDefined());
    const sent = JSON.stringify(reply) + everythingSent(t);
    expect(sent).toContain('Program report');
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
  });
});

describe('a large program stays within Slack’s limits', () => {
  // The builders alone: a program with hundreds of stalled pairs, reviews due and failed reminders.
  const big: ProgramReport = {
    asOf: '2026-11-18',
    pairs: { active: 400, paused: 30, ended: 120 },
    metWithinCadence: 100,
    // Program health lists the first 30 stalled pairs and counts them all.
    stalled: Array.from({ length: 30 }, (_, i) => ({ pairId: i, mentorId: `UMENTOR${String(i).padStart(5, '0')}`, menteeId: `UMENTEE${String(i).padStart(5, '0')}`, daysSinceLast: 400 - i, lastSessionOn: i % 2 ? null : '2025-10-01' })),
    stalledCount: 300,
    recentSessions: 1234,
    usefulness: { mean: 3.456, rated: 999 },
    loops: { closed: 5000, open: 2500, closureRate: 2 / 3, medianDaysToClose: 12.5 },
    goals: { set: 900, achieved: 300 },
    reviewsDue: Array.from({ length: 150 }, (_, i) => ({ pairId: i, mentorId: `UMENTOR${i}`, menteeId: `UMENTEE${i}`, reviewOn: '2026-12-01' })),
    deliveryFailures: Array.from({ length: 50 }, (_, i) => ({ recipient_id: `UGONE${i}`, last_error: `account_inactive <!channel> ${'x'.repeat(200)}`, created_at: new Date('2026-11-10T09:00:00Z') })),
    trend: { weeks: [40, 0, 3, 100, 7, 7, 7, 0, 12, 99, 50, 1], from: '2026-08-27', to: '2026-11-18' },
  };

  it('as a message, a modal and the admin’s Home summary', () => {
    const message = reportMessage(big);
    expect(message.blocks!.length).toBeLessThanOrEqual(50);
    expect(slackLimitViolations('chat.postMessage', message)).toEqual([]);
    const view = reportModal(big);
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    const summary = programSummaryBlocks({ ...big, feedbackNotes: 3 });
    expect(summary.length).toBeLessThanOrEqual(4);
    expect(slackLimitViolations('views.publish', { view: { type: 'home', blocks: summary } })).toEqual([]);
    const all = JSON.stringify([message, view, summary]);
    expect(all).toContain('…and 270 more'); // 30 stalled pairs listed on the report
    expect(all).toContain('…and 285 more'); // 15 on Home
    expect(all).not.toContain('<!channel>'); // Slack's error text is escaped
  });
});
