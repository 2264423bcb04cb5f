// Parts 2 and 3: the bot as a process of its own. First start (create + migrate), SIGTERM,
// reopen of the same database; then 1,000 sessions logged through it and its RSS read.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { BotProcess, ROOT, type Memory } from './child.ts';
import type { Cleanup } from './databases.ts';
import type { FakeSlackThread } from './fake-host.ts';
import { mergeResults, runLoad, type LoadResult } from './load.ts';
import { createPair } from './scenario.ts';
import { BOT_TOKEN, pastDay, SIGNING_SECRET } from './workload.ts';

export interface StartFigures {
  readyMs: number;
  readyLogMs: number | undefined;
  exit: { code: number | null; signal: string | null; ms: number };
}

export interface ChildFigures {
  first: StartFigures;
  reopen: StartFigures;
  sessions?: {
    count: number;
    concurrency: number;
    result: LoadResult;
    wallMs: number;
    drainMs: number;
    idle: Memory;
    series: Array<{ sessions: number; rssKb: number; perSecond: number }>;
    after: Memory;
  };
}

export interface Floor {
  what: string;
  ms: number;
  rssKb: number;
}

const RSS_AT_EXIT = `process.stdout.write(String(/VmRSS:\\s+(\\d+)/.exec(require('node:fs').readFileSync('/proc/self/status', 'utf8'))[1]))`;

/** Spawn → exit of a node process that runs `code` (ESM), and its RSS at the end. */
function floor(what: string, args: string[], code: string): Promise<Floor> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const script = `${code}; const { createRequire } = await import('node:module'); const require = createRequire(import.meta.url); ${RSS_AT_EXIT};`;
    const proc = spawn(process.execPath, [...args, '--input-type=module', '-e', script], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    proc.stdout.on('data', (c: Buffer) => (out += c.toString()));
    proc.once('error', reject);
    proc.once('exit', (code) => (code === 0 ? resolve({ what, ms: performance.now() - started, rssKb: Number(out.trim()) }) : reject(new Error(`${what}: exit ${code}`))));
  });
}

/**
 * What any start pays before the bot does anything: node itself, the tsx loader, loading the
 * bot's module graph through tsx, and the same npm packages loaded by plain node (no tsx).
 */
export async function startFloors(): Promise<Floor[]> {
  const pkg = JSON.parse(readFileSync(`${ROOT}/package.json`, 'utf8')) as { dependencies: Record<string, string> };
  const packages = Object.keys(pkg.dependencies).filter((d) => d !== 'tsx' && !d.startsWith('@types/'));
  const importAll = `for (const m of ${JSON.stringify(packages)}) { try { await import(m); } catch {} }`;
  return [
    await floor('node, nothing loaded', [], ''),
    await floor('node --import tsx, nothing loaded', ['--import', 'tsx'], ''),
    await floor('node --import tsx, import src/bot.ts', ['--import', 'tsx'], `await import('./src/bot.ts')`),
    await floor('plain node, import the same npm packages', [], importAll),
  ];
}

export async function runChild(
  database: { url: string } | { dataDir: string },
  fake: FakeSlackThread,
  cleanup: Cleanup,
  sessions: { count: number; concurrency: number } | undefined,
): Promise<ChildFigures> {
  const env = {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    LOG_LEVEL: 'info',
    ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
  };
  const first = await BotProcess.start(env, cleanup);
  const firstExit = await first.bot.stop();
  const reopen = await BotProcess.start(env, cleanup);
  const figures: ChildFigures = {
    first: { readyMs: first.readyMs, readyLogMs: first.readyLogMs, exit: firstExit },
    reopen: { readyMs: reopen.readyMs, readyLogMs: reopen.readyLogMs, exit: { code: null, signal: null, ms: NaN } },
  };
  try {
    if (sessions) {
      const idle = reopen.bot.memory();
      const pairId = await createPair(reopen.bot.url, fake);
      // In quarters, reading RSS after each: a leak keeps climbing, a heap finding its size levels off.
      const results: LoadResult[] = [];
      const series: Array<{ sessions: number; rssKb: number; perSecond: number }> = [];
      let wallMs = 0;
      let drainMs = 0;
      for (let done = 0; done < sessions.count; ) {
        const count = Math.min(Math.ceil(sessions.count / 4), sessions.count - done);
        const started = performance.now();
        results.push(await runLoad({ url: `${reopen.bot.url}/slack/events`, concurrency: sessions.concurrency, pairId, heldOn: pastDay(), mode: 'sessions', count, checkBodies: true }));
        const chunkMs = performance.now() - started;
        wallMs += chunkMs;
        drainMs = await fake.settle();
        done += count;
        series.push({ sessions: done, rssKb: reopen.bot.memory().rssKb, perSecond: count / (chunkMs / 1000) });
      }
      figures.sessions = { ...sessions, result: mergeResults(results), wallMs, drainMs, idle, series, after: reopen.bot.memory() };
    }
  } finally {
    figures.reopen.exit = await reopen.bot.stop();
  }
  return figures;
}
