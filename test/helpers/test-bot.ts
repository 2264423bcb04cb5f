import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeSlack, type FakeUser } from './fake-slack.ts';
import { slackRequester } from './slack-requests.ts';
import { createTestDatabase, resetTables } from './test-database.ts';

export const SIGNING_SECRET = '8f742231b10e8888abcd99aaabbbccc1';
export const TEAM = 'T1';

/** The cast of the tests: an admin, a mentor, two mentees, and an outsider. */
export const PEOPLE = {
  admin: { id: 'UADMIN01', real_name: 'Ada Admin', is_admin: true, tz: 'Europe/London' },
  mentor: { id: 'UMENTOR01', real_name: 'Maya Mentor', tz: 'America/New_York' },
  mentee: { id: 'UMENTEE01', real_name: 'Theo Mentee', tz: 'Europe/Berlin' },
  mentee2: { id: 'UMENTEE02', real_name: 'Sam Second', tz: 'Asia/Tokyo' },
  outsider: { id: 'UOUTSIDE01', real_name: 'Olu Outsider', tz: 'America/Los_Angeles' },
} satisfies Record<string, FakeUser>;

/** Another workspace with a program of its own: nothing of it may show in T1's figures or files. */
export const T2 = 'T2';
export const T2_ADMIN = { id: 'UT2ADMIN1', real_name: 'Other Admin', is_admin: true, tz: 'UTC', team_id: T2 } satisfies FakeUser;
export const T2_MENTOR = { id: 'UT2MENTOR', real_name: 'Other Mentor', tz: 'UTC', team_id: T2 } satisfies FakeUser;
export const T2_MENTEE = { id: 'UT2MENTEE', real_name: 'Other Mentee', tz: 'UTC', team_id: T2 } satisfies FakeUser;

/** Slack's escaped mention, as a slash command carries it with should_escape on. */
export function at(person: { id: string; real_name: string }): string {
  return `<@${person.id}|${person.real_name.split(' ')[0]!.toLowerCase()}>`;
}

const DEFAULT_NOW = '2026-11-18T14:00:00Z';

export interface TestBot {
  bot: Bot;
  fake: FakeSlack;
  slack: ReturnType<typeof slackRequester>;
  clock: ReturnType<typeof fixedClock>;
  logs: string[];
  /** Sets the clock to `iso` and runs one sweep (decide, bundle, deliver) as of that instant. */
  sweepAt(iso: string): ReturnType<Bot['sweep']>;
  close(): Promise<void>;
}

/** The real bot (real Bolt HTTP receiver, real database) against the fake Slack Web API. */
export async function startTestBot(opts: { now?: string; users?: FakeUser[]; logLevel?: 'info' | 'debug' | 'trace' } = {}): Promise<TestBot> {
  const fake = await FakeSlack.start();
  for (const user of opts.users ?? Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...user });
  const database = await createTestDatabase();
  const clock = fixedClock(opts.now ?? DEFAULT_NOW);
  const logs: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const config = loadConfig({
    SLACK_BOT_TOKEN: 'xoxb-test-token',
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: opts.logLevel ?? 'info',
    // Tests run sweeps themselves at chosen instants (bot.sweep).
    NUDGE_CRON: 'off',
  });
  const bot = await startBot(config, { database, clock, logger: createLogger(opts.logLevel ?? 'info', sink) });
  const slack = slackRequester(`http://127.0.0.1:${bot.port}`, SIGNING_SECRET);
  return {
    bot,
    fake,
    slack,
    clock,
    logs,
    async sweepAt(iso) {
      clock.set(iso);
      return bot.sweep(new Date(iso));
    },
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}

export interface UseTestBotOptions {
  /** The bot's clock at the start of every test (default Wed 2026-11-18 14:00 UTC). */
  now?: string;
  /** The fake Slack's people, instead of PEOPLE. */
  users?: FakeUser[];
  /**
   * Empty every data table before each test (default). Off for files that build one program in
   * beforeAll and only read it.
   */
  resetTables?: boolean;
  /** After each test, fail on any log line at error level or above (and forget the logs). */
  noErrorLogs?: boolean;
}

/**
 * One bot for the whole file: started in beforeAll, closed in afterAll. Before each test the
 * tables are emptied (migrations kept), the clock goes back to `now` and the fake Slack forgets its
 * calls; after each test the bot's follow-up work is awaited and no Slack limit may have been
 * broken. The returned object is filled in by beforeAll; use it inside hooks and tests only.
 */
export function useTestBot(opts: UseTestBotOptions = {}): TestBot {
  const t = {} as TestBot;
  beforeAll(async () => {
    Object.assign(t, await startTestBot(opts));
  });
  afterAll(async () => {
    await t.close?.();
  });
  beforeEach(async () => {
    if (opts.resetTables ?? true) await resetTables(t.bot.database.db);
    t.clock.set(opts.now ?? DEFAULT_NOW);
    t.fake.reset();
  });
  afterEach(async () => {
    await t.bot.idle();
    expect(t.fake.violations).toEqual([]);
    if (opts.noErrorLogs) {
      const errors = t.logs.filter((line) => (JSON.parse(line) as { level: number }).level >= 50);
      t.logs.length = 0;
      expect(errors).toEqual([]);
    }
  });
  return t;
}
