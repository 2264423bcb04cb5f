// `npm run chart` as a person runs it: a program's charts from the embedded database, written to
// disk as PNG with their figures printed, and a clear answer for a program that does not exist.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { ChildBot, childEnv, credentials, killAll, REPO_ROOT, removeTempDirs, STACK_LINE, tempDir } from './child-bot.ts';

// Each test starts a child process that compiles and boots the bot: slow while another test file
// runs beside it on a two-core machine.
vi.setConfig({ testTimeout: 90_000 });

let dataDir: string;
let programId: number;

beforeAll(async () => {
  dataDir = tempDir();
  const handle = await openDatabase({ kind: 'pglite', dataDir }, 'the test');
  try {
    await migrateToLatest(handle);
    const db = handle.db;
    const program = await defaultProgram(db, 'T1');
    programId = program.id;
    await db.insertInto('members').values([{ team_id: 'T1', user_id: 'UMENTOR', tz: 'UTC' }, { team_id: 'T1', user_id: 'UMENTEE', tz: 'UTC' }]).execute();
    const pair = await db
      .insertInto('pairs')
      .values({ team_id: 'T1', program_id: program.id, mentor_id: 'UMENTOR', mentee_id: 'UMENTEE', cadence_days: 14, started_at: '2026-08-01T10:00:00Z', rhythm_anchor_on: '2026-11-16', last_session_on: '2026-11-16', review_on: '2027-02-01', created_by: 'UADMIN' })
      .returning('id')
      .executeTakeFirstOrThrow();
    // Sessions on 10 Sep, 16 Sep (one week: 10–16 Sep) and 16 Nov; the 12 weeks ending 18 Nov start on 27 Aug.
    await sql`
      insert into sessions (team_id, pair_id, held_on, minutes, topics, notes, usefulness, logged_by)
      select 'T1', ${pair.id}::int, d::date, 45, 'topics', 'notes', 4, 'UMENTEE' from unnest(array['2026-09-10', '2026-09-16', '2026-11-16']) d`.execute(db);
  } finally {
    await handle.close();
  }
});
afterAll(async () => {
  await killAll();
  removeTempDirs();
});

function chartCli(...args: string[]): ChildBot {
  return chartCliWith({}, ...args);
}

function chartCliWith(vars: Record<string, string>, ...args: string[]): ChildBot {
  const env = childEnv({ DATA_DIR: dataDir, ...vars });
  return new ChildBot(spawn(process.execPath, ['--import', 'tsx', 'src/charts/chart-cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] }), env);
}

describe('npm run chart', () => {
  it('writes one PNG per chart, and all of them in one image, with the figures printed', { timeout: 300_000 }, async () => {
    const outDir = tempDir('charts-out-');
    const perChart = chartCli('--program', String(programId), '--day', '2026-11-18', '--out-dir', outDir);
    expect((await perChart.waitForExit(150_000)).code, perChart.output()).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['loop-closure-2026-11-18.png', 'outcomes-2026-11-18.png', 'pulse-2026-11-18.png', 'results-2026-11-18.png', 'sessions-per-week-2026-11-18.png']);
    const sessions = PNG.sync.read(readFileSync(join(outDir, 'sessions-per-week-2026-11-18.png')));
    expect(sessions.width).toBeGreaterThan(1000);
    expect(perChart.stdout).toContain('Sessions per week, last 12 weeks (27 Aug 2026 – 18 Nov 2026), 3 in all. Week starting 27 Aug: 0, 3 Sep: 0, 10 Sep: 2, 17 Sep: 0,');
    expect(perChart.stdout).toContain('12 Nov: 1.');
    expect(perChart.stdout).toContain('Pairs met within rhythm 100% (1 of 1); Goals achieved no goals yet');
    expect(perChart.stdout).toContain('Outcomes from the surveys: Objective reached not enough answers yet;');

    const sheetFile = join(outDir, 'report.png');
    const sheet = chartCli('--program', String(programId), '--day', '2026-11-18', '--out', sheetFile);
    expect((await sheet.waitForExit(150_000)).code, sheet.output()).toBe(0);
    const png = PNG.sync.read(readFileSync(sheetFile));
    // Five charts one under another: taller than the sessions chart alone.
    expect(png.height).toBeGreaterThan(sessions.height * 2);
    expect(sheet.stdout).toMatch(/wrote .*report\.png \(\d+×\d+\)/);
  });

  it('names the programs there are when the one asked for does not exist', { timeout: 160_000 }, async () => {
    const missing = chartCli('--program', '999', '--out', join(tempDir('charts-out-'), 'x.png'));
    expect((await missing.waitForExit(150_000)).code).toBe(1);
    expect(missing.stderr).toContain('No program 999. The programs are:');
    expect(missing.stderr).toContain(`${programId}  T1  Mentoring`);
    expect(missing.stderr).not.toMatch(STACK_LINE);
  });

  it('--post shows the charts in Slack as image blocks, uploading each once a day', { timeout: 300_000 }, async () => {
    const fake = await FakeSlack.start();
    try {
      const { botToken, signingSecret } = credentials();
      const vars = { SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl };
      const post = () => chartCliWith(vars, '--program', String(programId), '--day', '2026-11-18', '--post', 'C0REPORTS');
      const first = post();
      expect((await first.waitForExit(150_000)).code, first.output()).toBe(0);
      expect(fake.callsTo('file_upload')).toHaveLength(5);
      const [message] = fake.callsTo('chat.postMessage');
      expect(message!.args.channel).toBe('C0REPORTS');
      const fileIds = fake.callsTo('files.completeUploadExternal').map((c) => c.args.files[0].id);
      expect(message!.args.blocks.map((b: { slack_file: { id: string } }) => b.slack_file.id)).toEqual(fileIds);
      expect(message!.args.blocks[0].alt_text).toContain('3 in all');
      expect(PNG.sync.read(fake.callsTo('file_upload')[0]!.args.bytes).width).toBeGreaterThan(1000);

      // The same day again: the files are reused, nothing is uploaded.
      const again = post();
      expect((await again.waitForExit(150_000)).code, again.output()).toBe(0);
      expect(fake.callsTo('file_upload')).toHaveLength(5);
      expect(fake.callsTo('chat.postMessage')[1]!.args.blocks.map((b: { slack_file: { id: string } }) => b.slack_file.id)).toEqual(fileIds);
      expect(fake.violations).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});
