import { ServerResponse } from 'node:http';
import { Writable } from 'node:stream';
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { pairUp, submitGoal } from '../helpers/flows.ts';
import { slackRequester } from '../helpers/slack-requests.ts';
import { at, PEOPLE, SIGNING_SECRET, TEAM, type TestBot } from '../helpers/test-bot.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

/** Counts every query the bot sends to the database. */
class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

/**
 * What had happened when the bot acked: Bolt's HTTP receiver acks by ending the response, so the
 * queries counted and the Slack calls recorded at that moment are the ones made before the ack.
 */
interface AtAck {
  queries: number;
  slackCalls: number;
}

const counter = new QueryCounter();
let acks: AtAck[] = [];
let t: TestBot;
const originalEnd = ServerResponse.prototype.end;

beforeAll(async () => {
  const fake = await FakeSlack.start();
  for (const user of Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...user });
  const database = await createTestDatabase();
  const clock = fixedClock('2026-11-18T14:00:00Z');
  const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0', LOG_LEVEL: 'info', NUDGE_CRON: 'off' });
  const quiet = new Writable({ write: (_chunk, _enc, done) => done() });
  const bot: Bot = await startBot(config, { database: { ...database, db: database.db.withPlugin(counter) }, clock, logger: createLogger('info', quiet) });
  t = { bot, fake, slack: slackRequester(`http://127.0.0.1:${bot.port}`, SIGNING_SECRET), clock, logs: [], sweepAt: async (iso) => { clock.set(iso); return bot.sweep(new Date(iso)); }, close: async () => { await bot.stop(); await fake.close(); await database.close(); } };
  ServerResponse.prototype.end = function (this: ServerResponse, ...args: unknown[]) {
    if (this.req?.url?.startsWith('/slack/events')) acks.push({ queries: counter.count, slackCalls: fake.calls.length });
    return (originalEnd as (...a: unknown[]) => ServerResponse).apply(this, args);
  } as typeof originalEnd;
});
afterAll(async () => {
  ServerResponse.prototype.end = originalEnd;
  await t?.close();
});
beforeEach(async () => {
  await t.bot.database.db.deleteFrom('pairs').execute();
  await pairUp(t);
  await t.bot.idle();
  t.fake.reset();
  acks = [];
  counter.count = 0;
});
afterEach(async () => t.bot.idle());

/** Runs one slash command and returns how many queries ran before its ack. */
async function queriesBeforeAck(text: string, who: { id: string }): Promise<number> {
  await t.bot.idle();
  counter.count = 0;
  acks = [];
  const res = await t.slack.command({ text, user_id: who.id, response_url: t.fake.responseUrl() });
  expect(res.status).toBe(200);
  await t.bot.idle();
  expect(acks).toHaveLength(1);
  return acks[0]!.queries;
}

describe('query budget before a slash command answers', () => {
  const people = { mentee: PEOPLE.mentee, mentee2: PEOPLE.mentee2, mentor: PEOPLE.mentor, admin: PEOPLE.admin };
  it.each([
    ['status', 'mentee'],
    ['status', 'mentor'],
    ['status', 'admin'],
    ['match', 'admin'],
    ['report', 'admin'],
    ['help', 'mentee'],
    ['help', 'admin'],
    ['loops', 'mentee'],
    ['pause', 'mentee'],
    ['resume', 'mentee'],
    ['mute 2w', 'mentor'],
    ['unmute', 'mentor'],
    ['admins', 'admin'],
    [`end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, 'admin'],
    ['goal', 'mentee'],
    ['log', 'mentee'],
    ['feedback', 'mentee'],
    ['settings', 'admin'],
    ['export', 'admin'],
    [`pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee2)}`, 'admin'],
    ['join', 'mentee2'],
    ['suggestions', 'mentee'],
    ['celebrate', 'admin'],
    [`admins add ${at(PEOPLE.mentor)}`, 'admin'],
    ['program list', 'admin'],
    ['program archive Mentoring', 'admin'],
    ['program list', 'mentor'],
    ['program new', 'admin'],
    ['announce <#CGENERAL|general>', 'admin'],
    ['report Mentoring', 'admin'],
    ['match in Mentoring', 'admin'],
    ['export Mentoring', 'admin'],
    ['admins list Mentoring', 'admin'],
    [`pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee2)} in Mentoring`, 'admin'],
    [`end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} in Mentoring`, 'admin'],
  ] as const)('/mentor %s by the %s runs at most 4 queries before its ack', async (text, role) => {
    const who = people[role];
    if (text === 'resume') await queriesBeforeAck('pause', who);
    // Profiles as they usually are: cached and fresh (a first lookup asks Slack and writes the cache).
    if (text.startsWith('pair')) await queriesBeforeAck('help', PEOPLE.mentee2);
    const n = await queriesBeforeAck(text, who);
    expect(n).toBeLessThanOrEqual(4);
  });
});

describe('no Slack Web API call before a view submission answers', () => {
  /** The member's cached profile is two days old: older than the directory keeps it without asking Slack. */
  async function makeProfileStale(who: { id: string }): Promise<void> {
    await t.bot.database.db.updateTable('members').set({ profile_refreshed_at: new Date('2026-11-16T14:00:00Z') }).where('user_id', '=', who.id).execute();
  }

  it('saves a goal on the cached profile, then refreshes it after the ack', async () => {
    const pair = await t.bot.database.db.selectFrom('pairs').select('id').executeTakeFirstOrThrow();
    await makeProfileStale(PEOPLE.mentee);
    const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: pair.id }), {});
    expect(res.json.response_action).toBe('update');
    expect(res.json.view.title.text).toBe('Goal saved');
    await t.bot.idle();
    expect(acks).toHaveLength(1);
    const beforeAck = t.fake.calls.slice(0, acks[0]!.slackCalls);
    expect(beforeAck.map((c) => c.method)).not.toContain('users.info');
    expect(t.fake.callsTo('users.info').map((c) => c.args.user)).toContain(PEOPLE.mentee.id);
    const member = await t.bot.database.db.selectFrom('members').select('profile_refreshed_at').where('user_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    expect(member.profile_refreshed_at?.toISOString()).toBe('2026-11-18T14:00:00.000Z');
  });

  it('answers a field error from the cached profile too, and still refreshes it', async () => {
    const pair = await t.bot.database.db.selectFrom('pairs').select('id').executeTakeFirstOrThrow();
    await makeProfileStale(PEOPLE.mentee);
    const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId: pair.id }), { title: '' });
    expect(res.json.response_action).toBe('errors');
    await t.bot.idle();
    expect(t.fake.calls.slice(0, acks[0]!.slackCalls).map((c) => c.method)).not.toContain('users.info');
    expect(t.fake.callsTo('users.info').map((c) => c.args.user)).toEqual([PEOPLE.mentee.id]);
  });
});
