// Part 1's two servers under the same load: the real bot (startBot, in this process) and a bare
// Bolt app that only acks. The fake Slack and the load generator run on their own threads.
import { App, LogLevel } from '@slack/bolt';
import { sql } from 'kysely';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startBot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { openDatabase } from '../../src/db/database.ts';
import { CALLBACK } from '../../src/slack/ids.ts';
import { slackRequester } from '../../test/helpers/slack-requests.ts';
import { cpuWindow, type CpuUse } from './cpu.ts';
import type { FakeCounts, FakeSlackThread } from './fake-host.ts';
import { runLoad, type LoadResult } from './load.ts';
import { counted, probe, QueryCounter, type InteractionCost } from './probe.ts';
import { startProfile } from './profile.ts';
import { BOT_TOKEN, PAIR_COMMAND, pastDay, PEOPLE, SIGNING_SECRET, TEAM } from './workload.ts';

export interface LoadOptions {
  seconds: number;
  warmupSeconds: number;
  concurrency: number;
}

export interface AckRun {
  result: LoadResult;
  cpu: CpuUse;
  /** Event-loop utilization of the server's thread (this process's main thread) in the window. */
  serverElu: number;
  fake: FakeCounts;
  /** A CPU profile of this thread over the window, when asked for. */
  profile?: Awaited<ReturnType<Awaited<ReturnType<typeof startProfile>>>>;
  /** With --profile: queries run in the window, by statement and table, with time incl. pool waits. */
  queries?: Map<string, { n: number; ms: number }>;
  /** After the load: until the bot's after-ack work stopped reaching Slack; then bot.stop(). */
  drainMs?: number;
  stopMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `/mentor pair` from the admin, then `/mentor log` to read the pair id from the opened modal. */
export async function createPair(baseUrl: string, fake: FakeSlackThread): Promise<number> {
  const slack = slackRequester(baseUrl, SIGNING_SECRET);
  const paired = await slack.command({ text: PAIR_COMMAND, user_id: PEOPLE.admin.id, team_id: TEAM });
  if (paired.status !== 200 || !String(paired.json?.text).includes('New pairing')) {
    throw new Error(`/mentor pair failed: ${paired.status} ${paired.text.slice(0, 300)}`);
  }
  await fake.reset();
  const log = await slack.command({ text: 'log', user_id: PEOPLE.mentor.id, team_id: TEAM });
  if (log.status !== 200) throw new Error(`/mentor log failed: ${log.status} ${log.text.slice(0, 300)}`);
  for (let i = 0; i < 200; i++) {
    const view = await fake.lastViewOpen();
    if (view) {
      const pairId = JSON.parse(view.private_metadata ?? '{}').pairId;
      if (typeof pairId !== 'number') throw new Error(`the log modal names no pair: ${view.private_metadata}`);
      await fake.settle(300);
      return pairId;
    }
    await sleep(25);
  }
  throw new Error('/mentor log opened no modal');
}

/** The mixed load against `url`, with CPU and event-loop use sampled over the measured window. */
async function measure(
  url: string,
  pairId: number,
  fake: FakeSlackThread,
  o: LoadOptions & { mode?: 'mix' | 'admin_status' },
  bot?: { profile: boolean; counter: QueryCounter },
): Promise<AckRun> {
  const profile = bot?.profile ?? false;
  let stop: Promise<Omit<AckRun, 'result'>> | undefined;
  const onStarted = () => {
    stop = (async () => {
      await sleep(o.warmupSeconds * 1000);
      await fake.reset();
      bot?.counter.reset();
      if (bot) bot.counter.enabled = profile;
      const stopProfile = profile ? await startProfile() : undefined;
      const cpu = cpuWindow();
      const elu = performance.eventLoopUtilization();
      await sleep(o.seconds * 1000);
      const cpuUse = cpu();
      const serverElu = performance.eventLoopUtilization(elu).utilization;
      if (bot) bot.counter.enabled = false;
      const queries = profile && bot ? { queries: new Map(bot.counter.byLabel) } : {};
      return { cpu: cpuUse, serverElu, fake: await fake.counts(), ...queries, ...(stopProfile ? { profile: await stopProfile() } : {}) };
    })();
  };
  const result = await runLoad(
    { url, concurrency: o.concurrency, pairId, heldOn: pastDay(), mode: o.mode ?? 'mix', durationMs: o.seconds * 1000, warmupMs: o.warmupSeconds * 1000, checkBodies: bot !== undefined },
    onStarted,
  );
  if (!stop) throw new Error('the load generator never started');
  return { result, ...(await stop) };
}

/** The real bot on `database` (no scheduled sweeps), with a query counter on its handle. */
async function startBenchBot(database: { url: string } | { dataDir: string }, fake: FakeSlackThread) {
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'silent',
    NUDGE_CRON: 'off',
    ...('url' in database ? { DATABASE_URL: database.url } : { DATA_DIR: database.dataDir }),
  });
  // The handle openDatabase gives startBot anyway, with a query counter plugged in (off by default).
  const counter = new QueryCounter();
  const handle = await openDatabase(config.database);
  const bot = await startBot(config, { database: counted(handle, counter) }).catch(async (error: unknown) => {
    await handle.close();
    throw error;
  });
  // Bolt's HTTPReceiver keeps its server in `server` (not in its typings).
  const server = (bot.app as unknown as { receiver?: { server?: Server } }).receiver?.server;
  return { bot, counter, server, baseUrl: `http://127.0.0.1:${bot.port}` };
}

export async function runBotLoad(
  database: { url: string } | { dataDir: string },
  fake: FakeSlackThread,
  o: LoadOptions & { profile?: boolean },
): Promise<AckRun & { pairId: number; costs: InteractionCost[]; costsAfter: InteractionCost[]; sessionsLogged: number }> {
  const { bot, counter, server, baseUrl } = await startBenchBot(database, fake);
  let stopped = false;
  try {
    const pairId = await createPair(baseUrl, fake);
    const costs = await probe(`${baseUrl}/slack/events`, pairId, pastDay(), counter, fake, server);
    const run = await measure(`${baseUrl}/slack/events`, pairId, fake, o, { profile: Boolean(o.profile), counter });
    const drainMs = await fake.settle();
    const costsAfter = await probe(`${baseUrl}/slack/events`, pairId, pastDay(), counter, fake, server);
    const sessionsLogged = Number((await sql<{ n: number }>`select count(*)::int as n from sessions`.execute(bot.database.db)).rows[0]?.n ?? 0);
    const t = performance.now();
    stopped = true;
    await bot.stop();
    return { ...run, pairId, costs, costsAfter, sessionsLogged, drainMs, stopMs: performance.now() - t };
  } finally {
    if (!stopped) await bot.stop();
  }
}

/** A Bolt app that only acks `/mentor` and the log modal's submission. */
async function startBareApp(fake: FakeSlackThread): Promise<{ url: string; stop: () => Promise<unknown> }> {
  const app = new App({ token: BOT_TOKEN, signingSecret: SIGNING_SECRET, clientOptions: { slackApiUrl: fake.apiUrl }, logLevel: LogLevel.ERROR });
  app.command('/mentor', async ({ ack }) => {
    await ack();
  });
  app.view(CALLBACK.log, async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/slack/events`, stop: () => app.stop() };
}

export async function runBareLoad(fake: FakeSlackThread, o: LoadOptions): Promise<AckRun> {
  const bare = await startBareApp(fake);
  try {
    return await measure(bare.url, 1, fake, o);
  } finally {
    await bare.stop();
  }
}

export interface AdminStatusLoad {
  concurrency: number;
  bot: AckRun;
  bare: AckRun;
}

export interface AdminStatusRun {
  /** The admin's `/mentor status` one at a time, after the sessions were logged. */
  cost: InteractionCost;
  sessionsLogged: number;
  loads: AdminStatusLoad[];
}

/**
 * Only the admin's `/mentor status` (pair cards, program health), at each number in flight: the
 * bare app and the bot back to back, so each ratio compares two windows seconds apart. The
 * program first gets one pairing and `sessions` logged sessions (each with advice to follow up).
 */
export async function runAdminStatusLoads(
  database: { url: string } | { dataDir: string },
  fake: FakeSlackThread,
  o: { seconds: number; warmupSeconds: number; concurrencies: number[]; sessions: number; profile?: boolean },
): Promise<AdminStatusRun> {
  const { bot, counter, server, baseUrl } = await startBenchBot(database, fake);
  const bare = await startBareApp(fake);
  try {
    const pairId = await createPair(baseUrl, fake);
    if (o.sessions > 0) {
      await runLoad({ url: `${baseUrl}/slack/events`, concurrency: 10, pairId, heldOn: pastDay(), mode: 'sessions', count: o.sessions, checkBodies: true });
      await fake.settle(300);
    }
    const sessionsLogged = Number((await sql<{ n: number }>`select count(*)::int as n from sessions`.execute(bot.database.db)).rows[0]?.n ?? 0);
    const [cost] = await probe(`${baseUrl}/slack/events`, pairId, pastDay(), counter, fake, server, 5, ['admin_status']);
    const loads: AdminStatusLoad[] = [];
    for (const concurrency of o.concurrencies) {
      const load = { ...o, concurrency, mode: 'admin_status' as const };
      const bareRun = await measure(bare.url, pairId, fake, load);
      // With `profile`, the busiest load is profiled (and its queries counted by statement).
      const profile = Boolean(o.profile) && concurrency === Math.max(...o.concurrencies);
      const botRun = await measure(`${baseUrl}/slack/events`, pairId, fake, load, { profile, counter });
      await fake.settle(300);
      loads.push({ concurrency, bot: botRun, bare: bareRun });
    }
    return { cost: cost!, sessionsLogged, loads };
  } finally {
    await bare.stop();
    await bot.stop();
  }
}
