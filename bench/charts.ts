// npm run bench:charts [-- --pairs 2000 --runs 10 --db pglite|postgres --keep <folder>]
// Seeds one program with a quarter of sessions, advice and goals, then times reading its chart
// figures and drawing each chart (Vega-Lite → SVG → PNG) and all of them, with memory figures.
// --keep leaves the embedded database in <folder>, to look at with `DATA_DIR=<folder> npm run chart`.
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CHART_KINDS, renderChart, renderChartSheet } from '../src/charts/charts.ts';
import type { ChartFigures } from '../src/charts/figures.ts';
import { openPglite, openPostgres, type DatabaseHandle } from '../src/db/database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { defaultProgram } from '../src/db/repositories/programs-repository.ts';
import { fixedClock } from '../src/domain/clock.ts';
import { ChartService } from '../src/services/chart-service.ts';
import { ProgramHealthService } from '../src/services/program-health-service.ts';
import { Cleanup, createDatabase, tempDir } from './lib/databases.ts';
import { ms, table } from './lib/stats.ts';

const { values: args } = parseArgs({
  options: {
    db: { type: 'string', default: 'pglite' },
    pairs: { type: 'string', default: '2000' },
    runs: { type: 'string', default: '10' },
    keep: { type: 'string' },
    render: { type: 'string' },
    'admin-url': { type: 'string', default: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
  },
});
const PAIRS = Number(args.pairs);
const RUNS = Math.max(1, Number(args.runs));
const NOW = new Date('2026-11-25T12:00:00Z');
const TODAY = '2026-11-25';

/** A program that grew over the quarter: more pairs meet each week, advice is closed a few weeks later. */
async function seed(handle: DatabaseHandle, pairs: number): Promise<void> {
  const db = handle.db;
  const program = await defaultProgram(db, 'T1');
  await sql`
    insert into members (team_id, user_id, tz, real_name, profile_refreshed_at)
    select 'T1', 'U' || lpad(i::text, 8, '0'), 'UTC', 'Person ' || i, ${NOW}::timestamptz from generate_series(1, ${pairs * 2}::int) i`.execute(db);
  await sql`
    insert into pairs (team_id, program_id, mentor_id, mentee_id, cadence_days, started_at, rhythm_anchor_on, last_session_on, review_on, created_by)
    select 'T1', ${program.id}::int, 'U' || lpad((2 * i - 1)::text, 8, '0'), 'U' || lpad((2 * i)::text, 8, '0'), 14, '2026-08-01T10:00:00Z',
      date '2026-11-25' - (i % 30), date '2026-11-25' - (i % 30), date '2027-02-01', 'UADMIN'
    from generate_series(1, ${pairs}::int) i`.execute(db);
  // Session k of a pair is held 6 days × k before today; later weeks have more pairs meeting.
  await sql`
    insert into sessions (team_id, pair_id, held_on, minutes, topics, notes, usefulness, logged_by)
    select 'T1', p.id, date '2026-11-25' - (k * 6 + p.id % 6), 45, 'topics', 'notes', 1 + (p.id + k) % 5, p.mentee_id
    from pairs p, generate_series(0, 13) k
    where (p.id * 7 + k * 3) % 10 < 10 - k / 2`.execute(db);
  await sql`
    insert into advice_items (team_id, pair_id, session_id, text, follow_up_on, outcome, closed_at)
    select 'T1', s.pair_id, s.id, 'advice', s.held_on + 14,
      case when (s.id % 10) < 6 and s.held_on + 10 <= date '2026-11-25' then 'tried_worked' else 'open' end,
      case when (s.id % 10) < 6 and s.held_on + 10 <= date '2026-11-25' then (s.held_on + 10)::timestamptz + interval '12 hours' end
    from sessions s where s.id % 2 = 0`.execute(db);
  await sql`
    insert into goals (team_id, pair_id, title, status, created_by, achieved_at)
    select 'T1', p.id, 'goal', case when p.id % 4 = 0 then 'achieved' else 'open' end, p.mentee_id, case when p.id % 4 = 0 then ${NOW}::timestamptz end
    from pairs p`.execute(db);
  await sql`analyze`.execute(db);
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`;

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

async function draw(figures: ChartFigures): Promise<void> {
  const baseline = process.memoryUsage();
  const cold = await timed(() => renderChart('sessions_per_week', figures));
  const rows: string[][] = [['first chart (cold: modules, font)', ms(cold.ms), '-', `${cold.value.width}×${cold.value.height}`, `${(cold.value.png.length / 1024).toFixed(0)} KB`]];
  for (const kind of CHART_KINDS) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timed(() => renderChart(kind, figures)));
    const chart = runs[0]!.value;
    rows.push([kind, ms(median(runs.map((r) => r.ms))), ms(Math.max(...runs.map((r) => r.ms))), `${chart.width}×${chart.height}`, `${(chart.png.length / 1024).toFixed(0)} KB`]);
  }
  const alls = [];
  for (let i = 0; i < RUNS; i++) alls.push(await timed(async () => Promise.all(CHART_KINDS.map((k) => renderChart(k, figures)))));
  rows.push([`all ${CHART_KINDS.length} (one report)`, ms(median(alls.map((r) => r.ms))), ms(Math.max(...alls.map((r) => r.ms))), '-', '-']);
  const sheets = [];
  for (let i = 0; i < RUNS; i++) sheets.push(await timed(() => renderChartSheet(figures)));
  const sheet = sheets[0]!.value;
  rows.push([`one sheet of all ${CHART_KINDS.length} (npm run chart --out)`, ms(median(sheets.map((r) => r.ms))), ms(Math.max(...sheets.map((r) => r.ms))), `${sheet.width}×${sheet.height}`, `${(sheet.png.length / 1024).toFixed(0)} KB`]);

  const memory = process.memoryUsage();
  // resvg's pixel buffers live outside the JS heap, so V8 does not hurry to collect them: RSS grows
  // until the next garbage collection, then falls back. After a full collection:
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  await new Promise((resolve) => setTimeout(resolve, 50));
  const collected = process.memoryUsage();
  console.log(table(['', 'median ms', 'max ms', 'pixels', 'PNG'], rows));
  console.log(
    `\nMemory of the drawing process: RSS ${mb(baseline.rss)} at start (Node and tsx), ${mb(memory.rss)} after ${RUNS * CHART_KINDS.length * 3 + 1} charts before garbage collection, ${mb(collected.rss)} after it; max RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB; heap used ${mb(memory.heapUsed)}; external (PNG buffers, resvg) ${mb(memory.external)}.`,
  );
}

if (args.render) {
  await draw(JSON.parse(readFileSync(args.render, 'utf8')) as ChartFigures);
  process.exit(0);
}

const cleanup = new Cleanup();
try {
  let handle: DatabaseHandle;
  if (args.db === 'postgres') {
    handle = openPostgres(await createDatabase(args['admin-url'], `bench_charts_${process.pid}`, cleanup));
  } else {
    const dir = args.keep ?? (await tempDir('bench-charts-', cleanup));
    const pglite = await PGlite.create(dir);
    handle = await openPglite(pglite);
  }
  cleanup.add('close database', () => handle.close());
  await migrateToLatest(handle);
  const seeding = await timed(() => seed(handle, PAIRS));
  const program = await defaultProgram(handle.db, 'T1');
  const health = new ProgramHealthService({ db: handle.db });
  const charts = new ChartService({ db: handle.db, clock: fixedClock(NOW) });

  const reads = [];
  for (let i = 0; i < 3; i++) reads.push(await timed(async () => charts.figures(program, await health.read(program, TODAY, NOW))));
  const figures = reads.at(-1)!.value;

  console.log(`Charts of one program: ${PAIRS} pairs on ${args.db}, seeded in ${ms(seeding.ms)} ms; ${RUNS} runs each; Node ${process.version}.`);
  console.log(`Figures read (report + advice loop dates): ${reads.map((r) => ms(r.ms)).join(' / ')} ms (first / warm).\n`);
  // Drawing runs in a process of its own, so its memory figures are the charts' alone (not the database's).
  const figuresFile = join(await tempDir('bench-charts-figures-', cleanup), 'figures.json');
  writeFileSync(figuresFile, JSON.stringify(figures));
  const child = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', fileURLToPath(import.meta.url), '--render', figuresFile, '--runs', String(RUNS)], { stdio: 'inherit' });
  if (child.status !== 0) throw new Error(`drawing failed (exit ${child.status})`);
  if (args.keep) console.log(`\nThe database stays in ${args.keep}: DATA_DIR=${args.keep} npm run chart -- --program ${program.id} --out report.png`);
} finally {
  await cleanup.runAll();
}
