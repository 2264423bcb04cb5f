import 'dotenv/config';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { WebClient } from '@slack/web-api';
import { ConfigError, loadConfig, loadDatabaseConfig, type Config } from '../config/config.ts';
import { readEnvironment } from '../config/environment.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { programById } from '../db/repositories/programs-repository.ts';
import { allPrograms } from '../db/repositories/scheduler-repository.ts';
import { dayIn, isCalendarDay } from '../domain/calendar.ts';
import { systemClock } from '../domain/clock.ts';
import { ChartService } from '../services/chart-service.ts';
import { slackChartUploader } from '../slack/chart-uploads.ts';
import { chartImageBlock } from '../slack/surfaces/chart-blocks.ts';
import { ProgramHealthService } from '../services/program-health-service.ts';
import { CHART_KINDS, renderChart, renderChartSheet } from './charts.ts';

const USAGE = 'Usage: npm run chart -- --program <id> (--out <file.png> | --out-dir <folder> | --post <channel or user id>) [--day YYYY-MM-DD]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { program: { type: 'string' }, out: { type: 'string' }, 'out-dir': { type: 'string' }, post: { type: 'string' }, day: { type: 'string' }, help: { type: 'boolean', default: false } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(
    `${USAGE}\nDraws a program's report charts from the database as PNG: --out writes them one under another in one image, --out-dir writes one file per chart; --post shows them in Slack as a message to a channel or person, uploading each chart at most once a day as the bot does (needs SLACK_BOT_TOKEN). --day is the report's last day (default today, UTC).`,
  );
  process.exit(0);
}
if ([values.out, values['out-dir'], values.post].filter(Boolean).length !== 1) fail(`Give one of --out, --out-dir and --post.\n${USAGE}`);
const today = values.day ?? dayIn(new Date(), 'UTC');
if (!isCalendarDay(today)) fail(`--day must be a day such as 2026-11-18, not "${values.day}".\n${USAGE}`);

let dbConfig;
let slack: Config['slack'] | undefined;
try {
  dbConfig = loadDatabaseConfig(readEnvironment());
  if (values.post) slack = loadConfig(readEnvironment()).slack;
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let handle;
try {
  handle = await openDatabase(dbConfig, 'npm run chart');
} catch (error) {
  if (error instanceof DataDirLockedError) fail(`${error.message}\nStop the bot, or point DATABASE_URL at its PostgreSQL database.`);
  throw error;
}
try {
  await migrateToLatest(handle);
  const id = Number(values.program);
  const program = Number.isInteger(id) ? await programById(handle.db, id) : undefined;
  if (!program) {
    const programs = await allPrograms(handle.db);
    const list = programs.map((p) => `  ${p.id}  ${p.team_id}  ${p.name}`).join('\n') || '  (none yet)';
    fail(`${values.program === undefined ? 'Which program?' : `No program ${values.program}.`} The programs are:\n${list}\n${USAGE}`);
  }
  const deps = { db: handle.db, clock: systemClock };
  const started = performance.now();
  const report = await new ProgramHealthService(deps).read(program, today, systemClock.now());
  const figures = await new ChartService(deps).figures(program, report);
  const read = performance.now();
  const written: string[] = [];
  if (values.post) {
    const client = new WebClient(slack!.botToken, { ...(slack!.apiUrl ? { slackApiUrl: slack!.apiUrl } : {}), retryConfig: { retries: 1 } });
    const { images, failed } = await new ChartService(deps).images(program, report, slackChartUploader(client));
    for (const f of failed) console.error(`${f.kind}: ${String(f.error)}`);
    for (const image of images) console.log(image.alt);
    if (images.length === 0) fail('No chart could be uploaded.');
    await client.chat.postMessage({ channel: values.post, text: `Report charts for ${program.name}, ${today}`, blocks: images.map(chartImageBlock) });
    written.push(`${images.length} chart(s) posted to ${values.post}`);
  } else if (values.out) {
    const sheet = await renderChartSheet(figures);
    writeFileSync(values.out, sheet.png);
    written.push(`${values.out} (${sheet.width}×${sheet.height})`);
    console.log(sheet.alt);
  } else {
    const dir = values['out-dir']!;
    mkdirSync(dir, { recursive: true });
    for (const kind of CHART_KINDS) {
      const chart = await renderChart(kind, figures);
      const file = join(dir, `${kind.replaceAll('_', '-')}-${today}.png`);
      writeFileSync(file, chart.png);
      written.push(`${file} (${chart.width}×${chart.height})`);
      console.log(chart.alt);
    }
  }
  const done = performance.now();
  console.log(`\nProgram ${program.id} (${program.name}), as of ${today}: ${values.post ? '' : 'wrote '}${written.join(', ')}.`);
  console.log(`Figures read in ${Math.round(read - started)} ms, charts drawn in ${Math.round(done - read)} ms; max RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB.`);
} finally {
  await handle.close();
}
process.exit(0);
