import { WebClient } from '@slack/web-api';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { COLORS } from '../../src/charts/render.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { claimChartUpload } from '../../src/db/repositories/chart-uploads-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import type { Program } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { ChartService, type ChartImages } from '../../src/services/chart-service.ts';
import type { ProgramReport } from '../../src/services/program-health-service.ts';
import { slackChartUploader } from '../../src/slack/chart-uploads.ts';
import { chartImageBlock } from '../../src/slack/surfaces/chart-blocks.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const TODAY = '2026-11-18';

/** The figures of a program report, as the report service hands them over. */
function report(asOf: string): ProgramReport {
  return {
    asOf,
    pairs: { active: 10, paused: 1, ended: 2 },
    metWithinCadence: 8,
    stalled: [],
    stalledCount: 0,
    recentSessions: 29,
    usefulness: { mean: 4.1, rated: 40 },
    loops: { closed: 0, open: 0, closureRate: null, medianDaysToClose: null },
    goals: { set: 12, achieved: 3 },
    reviewsDue: [],
    deliveryFailures: [],
    trend: { weeks: [3, 5, 0, 8, 12, 7, 9, 4, 6, 11, 10, 2], from: '2026-08-27', to: asOf },
  };
}

// Five charts drawn per call: a busy machine needs more than the default 20 s.
describe('charts uploaded once a day', { timeout: 120_000 }, () => {
  let fake: FakeSlack;
  let database: DatabaseHandle;
  let program: Program;
  let client: WebClient;
  const clock = fixedClock(`${TODAY}T09:00:00Z`);

  beforeAll(async () => {
    fake = await FakeSlack.start();
    database = await createTestDatabase();
    program = await defaultProgram(database.db, 'T1');
    client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await database?.close();
    await fake?.close();
  });
  beforeEach(async () => {
    await database.db.deleteFrom('chart_uploads').execute();
    fake.reset();
    clock.set(`${TODAY}T09:00:00Z`);
  });

  const charts = () => new ChartService({ db: database.db, clock });
  const images = (asOf = TODAY): Promise<ChartImages> => charts().images(program, report(asOf), slackChartUploader(client));
  const uploads = () => fake.callsTo('file_upload');

  it('uploads each chart as a PNG and returns file ids for image blocks whose alt text carries the figures', async () => {
    const { images: shown, failed } = await images();
    expect(failed).toEqual([]);
    expect(shown.map((i) => i.kind)).toEqual(['sessions_per_week', 'loop_closure', 'pulse', 'outcomes', 'results']);
    expect(fake.callsTo('files.getUploadURLExternal').map((c) => c.args.filename)).toEqual([
      'sessions-per-week-2026-11-18.png',
      'loop-closure-2026-11-18.png',
      'pulse-2026-11-18.png',
      'outcomes-2026-11-18.png',
      'results-2026-11-18.png',
    ]);
    // Not shared anywhere: the files are only shown through image blocks.
    expect(fake.callsTo('files.completeUploadExternal').every((c) => c.args.channel_id === undefined)).toBe(true);
    const completed = fake.callsTo('files.completeUploadExternal').flatMap((c) => c.args.files.map((f: { id: string }) => f.id));
    expect(shown.map((i) => i.fileId)).toEqual(completed);

    const [sessionsUpload] = uploads();
    const png = PNG.sync.read(sessionsUpload!.args.bytes);
    expect(png.width).toBeGreaterThan(1000);
    expect(png.height).toBeGreaterThan(400);
    let bar = 0;
    for (let i = 0; i < png.data.length; i += 4) {
      if (png.data[i] === 0x4c && png.data[i + 1] === 0x78 && png.data[i + 2] === 0xa8) bar += 1;
    }
    expect(COLORS.bar).toBe('#4c78a8');
    expect(bar).toBeGreaterThan(png.width * png.height * 0.1);

    const blocks = shown.map(chartImageBlock);
    expect(blocks[0]).toEqual({ type: 'image', slack_file: { id: shown[0]!.fileId }, alt_text: expect.stringContaining('77 in all') });
    expect(blocks[0]!.alt_text).toContain('Week starting 27 Aug: 3, 3 Sep: 5, 10 Sep: 0');
    expect(blocks[1]!.alt_text).toBe('Advice loops closed: no advice recorded yet.');
    expect(blocks[2]!.alt_text).toBe('How pairings are going (pulse checks): not enough answers yet in any month.');
    expect(blocks[4]!.alt_text).toContain('Outcomes from the surveys: Objective reached not enough answers yet;');
    expect(blocks[3]!.alt_text).toBe('Rhythm, goals and advice: Pairs met within rhythm 80% (8 of 10); Goals achieved 25% (3 of 12); Advice loops closed no advice yet.');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', text: 'Program report', blocks })).toEqual([]);
  });

  it('reuses the same day\'s files instead of rendering and uploading again', async () => {
    const first = await images();
    clock.set(`${TODAY}T17:30:00Z`);
    fake.reset();
    const again = await images();
    expect(uploads()).toHaveLength(0);
    expect(fake.calls).toHaveLength(0);
    expect(again).toEqual(first);
  });

  it('renders afresh on the next day and forgets the day before', async () => {
    const first = await images();
    fake.reset();
    clock.set('2026-11-19T09:00:00Z');
    const next = await images('2026-11-19');
    expect(uploads()).toHaveLength(5);
    expect(next.images.map((i) => i.fileId)).not.toEqual(first.images.map((i) => i.fileId));
    const days = await database.db.selectFrom('chart_uploads').select(['kind', 'day']).execute();
    expect(days.map((d) => d.day)).toEqual(Array(5).fill('2026-11-19'));
  });

  it('leaves out a chart whose upload failed, and uploads it on the next request', async () => {
    fake.failNext('files.getUploadURLExternal', { error: 'fatal_error' });
    const first = await images();
    expect(first.failed.map((f) => f.kind)).toEqual(['sessions_per_week']);
    expect(first.images.map((i) => i.kind)).toEqual(['loop_closure', 'pulse', 'outcomes', 'results']);
    fake.reset();
    const second = await images();
    expect(second.failed).toEqual([]);
    expect(uploads()).toHaveLength(1);
    expect(second.images.map((i) => i.kind)).toEqual(['sessions_per_week', 'loop_closure', 'pulse', 'outcomes', 'results']);
  });

  it('does not upload a chart another request is making right now, and takes over a claim that died', async () => {
    const claimedAt = clock.now();
    const claim = await claimChartUpload(database.db, { teamId: 'T1', programId: program.id, kind: 'outcomes', day: TODAY, claimedAt, staleBefore: new Date(claimedAt.getTime() - 120_000) });
    expect(claim).toBeDefined();
    clock.advance(30_000);
    const during = await images();
    expect(during.images.map((i) => i.kind)).toEqual(['sessions_per_week', 'loop_closure', 'pulse', 'results']);
    expect(uploads()).toHaveLength(4);

    fake.reset();
    clock.advance(5 * 60_000);
    const after = await images();
    expect(uploads()).toHaveLength(1);
    expect(fake.callsTo('files.getUploadURLExternal')[0]!.args.filename).toBe('outcomes-2026-11-18.png');
    expect(after.images.map((i) => i.kind)).toEqual(['sessions_per_week', 'loop_closure', 'pulse', 'outcomes', 'results']);
  });
});
