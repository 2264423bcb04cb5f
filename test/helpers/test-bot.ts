import { Writable } from 'node:stream';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeSlack, type FakeUser } from './fake-slack.ts';
import { slackRequester } from './slack-requests.ts';
import { createTestDatabase } from './test-database.ts';

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

/** Slack's escaped mention, as a slash command carries it with should_escape on. */
export function at(person: { id: string; real_name: string }): string {
  return `<@${person.id}|${person.real_name.split(' ')[0]!.toLowerCase()}>`;
}

export interface TestBot {
  bot: Bot;
  fake: FakeSlack;
  slack: ReturnType<typeof slackRequester>;
  clock: ReturnType<typeof fixedClock>;
  logs: string[];
  close(): Promise<void>;
}

/** The real bot (real Bolt HTTP receiver, real database) against the fake Slack Web API. */
export async function startTestBot(opts: { now?: string; users?: FakeUser[]; logLevel?: 'info' | 'debug' | 'trace' } = {}): Promise<TestBot> {
  const fake = await FakeSlack.start();
  for (const user of opts.users ?? Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...user });
  const database = await createTestDatabase();
  const clock = fixedClock(opts.now ?? '2026-11-18T14:00:00Z');
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
    async close() {
      await bot.stop();
      await fake.close();
    },
  };
}
