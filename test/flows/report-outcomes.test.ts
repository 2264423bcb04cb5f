import { PNG } from 'pngjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { recordExitSurvey, recordPulse, type ExitSurveyInput } from '../../src/db/repositories/surveys-repository.ts';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { answered, everythingSent, lastHomeOf, pairUp } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';
import { waitFor } from '../helpers/wait.ts';

// Outcome figures in /mentor report, its charts, the admin Home's charts and the CSV export.
// Survey answers are written through the surveys repository (the surveys' own flows are tested
// with them); each carries private words that must never reach an admin surface.
//
// Exit surveys (objective reached, satisfaction 1–5, recommend 0–10): four answers first, then
// a fifth: yes 5 10 · yes 4 9 · partly 4 7 · no 3 3 · then yes 2 8 → 60% reached, mean 3.6,
// NPS (2 promoters − 1 detractor) / 5 = +20. Pulse: 3 going well, 1 could be better, 1 not working.

const TODAY = '2026-11-18T14:00:00Z';
const t = useTestBot({ now: TODAY, resetTables: false });
const MENTOR2 = { id: 'UMENTOR02', real_name: 'Mo Second', tz: 'Europe/London' };
const MENTEE3 = { id: 'UMENTEE03', real_name: 'Ira Third', tz: 'Europe/London' };
const PRIVATE = ['PRIVATE-CHANGED', 'PRIVATE-PULSE-NOTE'];
const pairs = { P1: 0, P2: 0, P3: 0 };

const ok = (res: Promise<{ status: number; json: any }>) => answered(t, res);
/** How long drawing and uploading the charts may take on a loaded machine. */
const CHARTS_MS = 90_000;

function exitAnswer(pairId: number, respondentId: string, objectiveReached: ExitSurveyInput['objectiveReached'], satisfaction: number, recommend: number): ExitSurveyInput {
  return { teamId: TEAM, pairId, respondentId, objectiveReached, satisfaction, recommend, whatChanged: `PRIVATE-CHANGED by ${respondentId}`, shareWithAdmins: false, at: t.clock.now() };
}

beforeAll(async () => {
  for (const u of [MENTOR2, MENTEE3]) t.fake.addUser({ team_id: TEAM, ...u });
  pairs.P1 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee);
  pairs.P2 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
  pairs.P3 = await pairUp(t, MENTOR2, MENTEE3);
  const db = t.bot.database.db;
  for (const a of [
    exitAnswer(pairs.P1, PEOPLE.mentor.id, 'yes', 5, 10),
    exitAnswer(pairs.P1, PEOPLE.mentee.id, 'yes', 4, 9),
    exitAnswer(pairs.P2, PEOPLE.mentor.id, 'partly', 4, 7),
    exitAnswer(pairs.P2, PEOPLE.mentee2.id, 'no', 3, 3),
  ]) {
    expect(await recordExitSurvey(db, a)).toBeDefined();
  }
  const at = t.clock.now();
  for (const [pairId, respondentId, answer] of [
    [pairs.P1, PEOPLE.mentor.id, 'going_well'],
    [pairs.P1, PEOPLE.mentee.id, 'going_well'],
    [pairs.P2, PEOPLE.mentor.id, 'going_well'],
    [pairs.P2, PEOPLE.mentee2.id, 'could_be_better'],
    [pairs.P3, MENTEE3.id, 'not_working'],
  ] as const) {
    expect(await recordPulse(db, { teamId: TEAM, pairId, respondentId, day: 30, answer, note: `PRIVATE-PULSE-NOTE ${respondentId}`, at })).toBeDefined();
  }
  t.fake.reset();
});

/** /mentor report by the admin: the ack, and the message that replaced it once the charts were drawn. */
async function report(): Promise<{ ack: any; full: RecordedCall['args'] }> {
  const responseUrl = t.fake.responseUrl();
  const ack = await ok(t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: responseUrl }));
  // Drawing five charts outlasts bot.idle()'s wait on a busy machine.
  await waitFor(() => t.fake.callsTo('response_url').some((c) => c.args._url === responseUrl), 'the full report', CHARTS_MS);
  await t.bot.idle();
  const followUps = t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl);
  expect(followUps).toHaveLength(1);
  return { ack, full: followUps[0]!.args };
}

const fieldsOf = (blocks: any[]): string[] => blocks.flatMap((b) => (b.fields ?? []).map((f: any) => f.text));
const textsOf = (blocks: any[]): string => blocks.map((b) => [b.text?.text, ...(b.elements ?? []).map((e: any) => e.text)].join('\n')).join('\n');
const imagesOf = (blocks: any[]) => blocks.filter((b) => b.type === 'image');

/** The outcome CSV of an export, as records. */
async function outcomeCsv(): Promise<Array<Record<string, string>>> {
  await ok(t.slack.command({ text: 'export', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
  const file = t.fake.callsTo('file_upload').find((c) => String(c.args.filename).startsWith('mentoring-outcomes-'));
  expect(file).toBeDefined();
  const [header, ...rows] = String(file!.args.body)
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n')
    .map((line) => line.split(',').map((cell) => cell.replace(/^"|"$/g, '')));
  expect(header).toEqual(['period', 'figure', 'value', 'answers', 'note']);
  return rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i] ?? ''])));
}

/** Share of the PNG's pixels painted exactly in `hex`. */
function shareOfColour(png: PNG, hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  let n = 0;
  for (let i = 0; i < png.data.length; i += 4) if (png.data[i] === r && png.data[i + 1] === g && png.data[i + 2] === b) n += 1;
  return n / (png.width * png.height);
}

describe('/mentor report with outcome figures and charts', { timeout: 3 * CHARTS_MS }, () => {
  let firstFileIds: string[] = [];

  it('acks with today’s figures at once, then replaces the answer with the charts above the text report; 4 exit answers are not enough', async () => {
    const { ack, full } = await report();
    expect(ack.response_type).toBe('ephemeral');
    expect(textsOf(ack.blocks)).toContain('Drawing the charts');
    expect(imagesOf(ack.blocks)).toEqual([]);

    expect(full.replace_original).toBe(true);
    expect(full.response_type).toBe('ephemeral');
    const blocks: any[] = full.blocks;
    expect(blocks.length).toBeLessThanOrEqual(50);
    // Header, then the five charts, then the text report.
    expect(blocks.slice(0, 6).map((b) => b.type)).toEqual(['header', 'image', 'image', 'image', 'image', 'image']);
    const uploaded = t.fake.callsTo('files.completeUploadExternal').flatMap((c) => c.args.files.map((f: { id: string }) => f.id));
    expect(uploaded).toHaveLength(5);
    firstFileIds = imagesOf(blocks).map((b) => b.slack_file.id);
    expect(firstFileIds).toEqual(uploaded);

    const fields = fieldsOf(blocks);
    expect(fields).toContain('*Pairings*\n3 active · 0 paused · 0 ended'); // today's figures stay
    expect(fields).toContain('*Objective reached*\nnot enough answers yet');
    expect(fields).toContain('*Satisfaction*\nnot enough answers yet');
    expect(fields).toContain('*Recommendation score (NPS)*\nnot enough answers yet');
    expect(fields).toContain('*Pulse checks*\n60% going well · 20% could be better · 20% not working (5 answers)');
    expect(fields).toContain('*Still using what they learned*\nnot enough answers yet');
    expect(textsOf(blocks)).toContain('• Nov 2026: going well 60%');

    // The alt text carries each chart's figures.
    const alt = imagesOf(blocks).map((b) => b.alt_text);
    expect(alt[2]).toContain('Nov 2026: 60% going well, 20% could be better, 20% not working');
    expect(alt[2]).toContain('Oct 2026: not enough answers yet');
    expect(alt[4]).toContain('Objective reached not enough answers yet; Satisfaction not enough answers yet;');
    expect(t.fake.violations).toEqual([]);

    // Real PNG charts: the pulse chart decodes to a full-size picture painted with its bars.
    const pulse = t.fake.callsTo('file_upload').find((c) => c.args.filename === 'pulse-2026-11-18.png');
    expect(pulse).toBeDefined();
    const png = PNG.sync.read(pulse!.args.bytes);
    expect(png.width).toBeGreaterThan(1000);
    expect(png.height).toBeGreaterThan(400);
    // Not blank: each answer's colour covers part of the picture.
    expect(shareOfColour(png, '#2a9d8f')).toBeGreaterThan(0.02);
    expect(shareOfColour(png, '#e9c46a')).toBeGreaterThan(0.005);
    expect(shareOfColour(png, '#e76f51')).toBeGreaterThan(0.005);
    expect(shareOfColour(png, '#ffffff')).toBeLessThan(0.95);
  });

  it('a second report the same day uploads nothing and shows the same files', async () => {
    t.fake.reset();
    const { full } = await report();
    expect(t.fake.callsTo('files.getUploadURLExternal')).toEqual([]);
    expect(t.fake.callsTo('file_upload')).toEqual([]);
    expect(imagesOf(full.blocks).map((b) => b.slack_file.id)).toEqual(firstFileIds);
  });

  it('the export’s outcome CSV has the aggregates only: under 5 answers no value and no count', async () => {
    t.fake.reset();
    const rows = await outcomeCsv();
    const all = (figure: string) => rows.find((r) => r.period === 'all' && r.figure === figure);
    expect(all('satisfaction_mean')).toEqual({ period: 'all', figure: 'satisfaction_mean', value: '', answers: '', note: 'not enough answers yet' });
    expect(all('pulse_going_well_pct')).toEqual({ period: 'all', figure: 'pulse_going_well_pct', value: '60', answers: '5', note: '' });
    expect(rows.filter((r) => r.period === '2026-11')).toHaveLength(rows.filter((r) => r.period === 'all').length);
  });

  it('with a fifth exit answer the figures appear, in the text report and the CSV at once', async () => {
    expect(await recordExitSurvey(t.bot.database.db, exitAnswer(pairs.P3, MENTEE3.id, 'yes', 2, 8))).toBeDefined();
    t.fake.reset();
    const { full } = await report();
    const fields = fieldsOf(full.blocks);
    expect(fields).toContain('*Objective reached*\n60% (5 answers)');
    expect(fields).toContain('*Satisfaction*\n3.6 / 5 (5 answers)');
    expect(fields).toContain('*Recommendation score (NPS)*\n+20 (5 answers)');
    expect(textsOf(full.blocks)).toContain('• Nov 2026: objective reached 60% · satisfaction 3.6 / 5 · NPS +20 · going well 60%');
    // The charts stay today's: drawn at most once a day.
    expect(t.fake.callsTo('file_upload')).toEqual([]);

    const rows = await outcomeCsv();
    expect(rows.find((r) => r.period === 'all' && r.figure === 'satisfaction_mean')).toEqual({ period: 'all', figure: 'satisfaction_mean', value: '3.6', answers: '5', note: '' });
    expect(rows.find((r) => r.period === 'all' && r.figure === 'recommendation_score')).toMatchObject({ value: '20', answers: '5' });
  });

  it('the next day the charts are drawn again with the new figures in their alt text', async () => {
    t.clock.set('2026-11-19T10:00:00Z');
    t.fake.reset();
    const { full } = await report();
    expect(t.fake.callsTo('file_upload')).toHaveLength(5);
    const alt = imagesOf(full.blocks).map((b) => b.alt_text);
    expect(alt[4]).toContain('Objective reached 60% (5 answers); Satisfaction 3.6 / 5 (5 answers); Recommendation score (NPS) +20 (5 answers);');
    const results = PNG.sync.read(t.fake.callsTo('file_upload').find((c) => c.args.filename === 'results-2026-11-19.png')!.args.bytes);
    expect(results.width).toBeGreaterThan(1000);
    expect(shareOfColour(results, '#4c78a8')).toBeGreaterThan(0.01); // the objective-reached bar
  });
});

describe('the admin’s Home', { timeout: 3 * CHARTS_MS }, () => {
  const openHome = (ts: string) => ok(t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'DADMIN', tab: 'home', event_ts: ts } }));
  const homeImages = () => imagesOf(lastHomeOf(t, PEOPLE.admin)!.args.view.blocks);

  it('shows the day’s cached charts under "Program health" without uploading them again', async () => {
    t.clock.set('2026-11-19T11:00:00Z');
    t.fake.reset();
    await openHome('2.1');
    expect(t.fake.callsTo('file_upload')).toEqual([]);
    expect(t.fake.callsTo('views.publish')).toHaveLength(1);
    const blocks: any[] = lastHomeOf(t, PEOPLE.admin)!.args.view.blocks;
    const start = blocks.findIndex((b) => b.type === 'header' && b.text.text === 'Program health (admins)');
    expect(blocks.slice(start + 1, start + 6).map((b) => b.type)).toEqual(['image', 'image', 'image', 'image', 'image']);
    expect(homeImages()[4].alt_text).toContain('Objective reached 60% (5 answers)');
  });

  it('draws the charts once on the first Home of a day, then only reads them', async () => {
    t.clock.set('2026-11-20T09:00:00Z');
    t.fake.reset();
    await openHome('3.1');
    await waitFor(() => t.fake.callsTo('views.publish').filter((c) => c.args.user_id === PEOPLE.admin.id).length >= 2, 'the Home with charts', CHARTS_MS);
    await t.bot.idle();
    // Published at once without charts, then again with them once uploaded.
    const publishes = t.fake.callsTo('views.publish').filter((c) => c.args.user_id === PEOPLE.admin.id);
    expect(publishes.map((p) => imagesOf(p.args.view.blocks).length)).toEqual([0, 5]);
    expect(t.fake.callsTo('file_upload')).toHaveLength(5);
    const ids = homeImages().map((b) => b.slack_file.id);

    t.fake.reset();
    await openHome('3.2');
    await openHome('3.3');
    expect(t.fake.callsTo('file_upload')).toEqual([]);
    expect(homeImages().map((b) => b.slack_file.id)).toEqual(ids);
  });

  it('a mentor’s Home has no charts and draws none', async () => {
    t.fake.reset();
    await ok(t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentor.id, channel: 'DMENTOR', tab: 'home', event_ts: '4.1' } }));
    expect(imagesOf(lastHomeOf(t, PEOPLE.mentor)!.args.view.blocks)).toEqual([]);
    expect(t.fake.callsTo('file_upload')).toEqual([]);
  });
});

describe('privacy', { timeout: 3 * CHARTS_MS }, () => {
  it('no private words and no respondent appear in the report, its charts, the Home or the export', async () => {
    t.fake.reset();
    const { ack, full } = await report();
    await ok(t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'DADMIN', tab: 'home', event_ts: '5.1' } }));
    await waitFor(() => t.fake.callsTo('views.publish').some((c) => c.args.user_id === PEOPLE.admin.id), 'the Home', CHARTS_MS);
    await ok(t.slack.command({ text: 'export', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    const sent = JSON.stringify([ack, full]) + everythingSent(t) + t.fake.callsTo('file_upload').map((c) => String(c.args.body)).join('\n');
    expect(sent).toContain('Outcomes');
    for (const secret of PRIVATE) expect(sent).not.toContain(secret);
    const csv = String(t.fake.callsTo('file_upload').find((c) => String(c.args.filename).startsWith('mentoring-outcomes-'))!.args.body);
    for (const person of [PEOPLE.mentor, PEOPLE.mentee, PEOPLE.mentee2, MENTOR2, MENTEE3]) expect(csv).not.toContain(person.id);
  });

  it('a mentor asking for the report gets the standard refusal, and nothing is drawn', async () => {
    t.fake.reset();
    const reply = await ok(t.slack.command({ text: 'report', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    expect(reply.text).toContain('program admins');
    expect(t.fake.callsTo('file_upload')).toEqual([]);
    expect(t.fake.callsTo('response_url')).toEqual([]);
  });
});
