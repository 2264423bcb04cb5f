// The real bot in Socket Mode (SLACK_APP_TOKEN set) against the fake Slack's Socket Mode server:
// envelopes sent the way Slack sends them, answers read from the acks, /healthz still served.
import { Writable } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger } from '../../src/logger.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { blockActionPayload, commandPayload, eventPayload, viewSubmissionPayload } from '../helpers/slack-requests.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { at, PEOPLE, SIGNING_SECRET, TEAM } from '../helpers/test-bot.ts';
import { sleep, waitFor } from '../helpers/wait.ts';
import { freePort } from '../process/child-bot.ts';

const APP_TOKEN = 'xapp-1-test';
const BOT_TOKEN = 'xoxb-socket-test-token';

let fake: FakeSlack;
let bot: Bot;
let port: number;
const logs: string[] = [];

beforeAll(async () => {
  fake = await FakeSlack.start();
  for (const person of Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...person });
  port = await freePort();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_APP_TOKEN: APP_TOKEN,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    LOG_LEVEL: 'info',
  });
  const sink = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      done();
    },
  });
  bot = await startBot(config, { database: await createTestDatabase(), clock: fixedClock('2026-11-18T14:00:00Z'), logger: createLogger('debug', sink) });
  await fake.socket.waitForConnection();
});
afterEach(() => {
  expect(fake.violations).toEqual([]);
});
afterAll(async () => {
  await bot?.stop();
  await fake?.close();
});


describe('Socket Mode', () => {
  it('connects with the app-level token and reports socket mode', () => {
    const open = fake.callsTo('apps.connections.open');
    expect(open.length).toBeGreaterThanOrEqual(1);
    expect(open.every((c) => c.token === APP_TOKEN)).toBe(true);
    expect(fake.socket.connectionCount).toBe(1);
    expect(logs.join('')).toMatch(/"mode":"socket".*"msg":"mentor bot ready"/);
  });

  it('a slash_commands envelope for /mentor help is acked with the help text', async () => {
    const ack = await fake.socket.send('slash_commands', commandPayload({ text: 'help', user_id: PEOPLE.admin.id }));
    expect(ack.payload).toMatchObject({ response_type: 'ephemeral' });
    expect(ack.payload.text).toContain('I keep mentoring pairs moving');
    expect(ack.payload.text).toContain('*Admins*'); // the admin sees the admin commands
  });

  let pairId: number;

  it('/mentor pair from an admin: the ack announces the pairing and both kickoff DMs are sent', async () => {
    fake.reset();
    const ack = await fake.socket.send('slash_commands', commandPayload({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id }));
    expect(ack.payload.text).toContain('New pairing');
    expect(ack.payload.text).toContain(`<@${PEOPLE.mentor.id}> mentors <@${PEOPLE.mentee.id}>`);

    await waitFor(() => fake.callsTo('chat.postMessage').length === 2, 'the two kickoff DMs');
    const dms = fake.callsTo('chat.postMessage');
    expect(dms.map((c) => c.args.channel).sort()).toEqual([`D${PEOPLE.mentee.id}`, `D${PEOPLE.mentor.id}`]);
    expect(dms.every((c) => c.token === BOT_TOKEN)).toBe(true); // Web API calls use the bot token, not the app token
    expect(dms.every((c) => typeof c.args.text === 'string' && c.args.text.length > 0)).toBe(true);

    // The follow-up ends with both Home tabs; wait for it so nothing leaks into later tests.
    await waitFor(() => fake.callsTo('views.publish').length === 2, 'both Home tabs');

    const rows = await bot.database.db.selectFrom('pairs').select(['id', 'mentor_id', 'mentee_id']).execute();
    expect(rows).toEqual([{ id: expect.any(Number), mentor_id: PEOPLE.mentor.id, mentee_id: PEOPLE.mentee.id }]);
    pairId = rows[0]!.id;
  });

  let logModal: Record<string, any>;

  it('an interactive block_actions envelope pressing open_log_modal opens the log modal with that trigger', async () => {
    fake.reset();
    const payload = blockActionPayload({
      user_id: PEOPLE.mentor.id,
      actions: [{ action_id: 'open_log_modal', value: String(pairId) }],
      channel_id: `D${PEOPLE.mentor.id}`,
      message: { ts: '1790000000.000100', text: 'kickoff' },
    });
    const ack = await fake.socket.send('interactive', payload);
    expect(ack.payload ?? {}).toEqual({}); // a button is acked empty

    await waitFor(() => fake.callsTo('views.open').length === 1, 'views.open');
    const [open] = fake.callsTo('views.open');
    expect(open!.failed).toBeFalsy();
    expect(open!.args.trigger_id).toBe(payload.trigger_id);
    expect(open!.args.view).toMatchObject({ type: 'modal', callback_id: 'log_modal' });
    expect(JSON.parse(open!.args.view.private_metadata)).toMatchObject({ pairId });
    logModal = open!.args.view;
  });

  it('an interactive view_submission with empty minutes is acked with field errors and writes nothing', async () => {
    const ack = await fake.socket.send(
      'interactive',
      viewSubmissionPayload({
        user_id: PEOPLE.mentor.id,
        callback_id: 'log_modal',
        private_metadata: logModal.private_metadata,
        blocks: logModal.blocks,
        values: {
          held_on: { value: { type: 'datepicker', selected_date: '2026-11-17' } },
          minutes: { value: { type: 'plain_text_input', value: null } },
          topics: { value: { type: 'plain_text_input', value: 'Roadmap' } },
        },
      }),
    );
    expect(ack.payload).toEqual({ response_action: 'errors', errors: { minutes: expect.stringMatching(/minutes/) } });
    const sessions = await bot.database.db.selectFrom('sessions').select('id').execute();
    expect(sessions).toEqual([]);
  });

  it('an events_api envelope with app_home_opened publishes that user\'s Home tab', async () => {
    fake.reset();
    const ack = await fake.socket.send(
      'events_api',
      eventPayload({ event: { type: 'app_home_opened', user: PEOPLE.mentee.id, channel: `D${PEOPLE.mentee.id}`, tab: 'home' } }),
    );
    expect(ack.payload ?? {}).toEqual({}); // an event is acked empty
    await waitFor(() => fake.callsTo('views.publish').length === 1, 'views.publish');
    const [publish] = fake.callsTo('views.publish');
    expect(publish!.args.user_id).toBe(PEOPLE.mentee.id);
    expect(publish!.args.view).toMatchObject({ type: 'home' });
  });

  it('a redelivered events_api envelope (same event_id, retry_attempt 1) is not handled twice', async () => {
    fake.reset();
    const body = eventPayload({ event: { type: 'app_home_opened', user: PEOPLE.mentor.id, channel: `D${PEOPLE.mentor.id}`, tab: 'home' } });
    await fake.socket.send('events_api', body);
    await waitFor(() => fake.callsTo('views.publish').length === 1, 'views.publish');
    await fake.socket.send('events_api', body, { retryAttempt: 1, retryReason: 'timeout' });
    await sleep(400);
    expect(fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('/healthz answers on the configured PORT in Socket Mode', async () => {
    expect(bot.port).toBe(port);
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('never logs the app token or the bot token', () => {
    const all = logs.join('');
    expect(all.length).toBeGreaterThan(0);
    expect(all).not.toContain(APP_TOKEN);
    expect(all).not.toContain(BOT_TOKEN);
  });

  it('bot.stop() closes the socket and the health port, and closes the database', async () => {
    await bot.stop();
    await waitFor(() => fake.socket.connectionCount === 0, 'the socket to close');
    await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    expect(await bot.database.ping()).toBe(false);
  });
});
