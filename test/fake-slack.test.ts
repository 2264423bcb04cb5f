// Tests for the shared test helpers themselves: if the fake drifts from how Slack and the
// real @slack/web-api / Bolt clients behave, every other test would prove nothing.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';
import { WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from '@slack/web-api';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from './helpers/fake-slack.ts';
import { slackLimitViolations } from './helpers/slack-limits.ts';
import { commandPayload, signBody, slackRequester } from './helpers/slack-requests.ts';

let fake: FakeSlack;
let client: WebClient;

beforeAll(async () => {
  fake = await FakeSlack.start();
  // retries: 0 so an injected failure surfaces at once instead of being retried for minutes.
  client = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});
afterEach(() => fake.reset());
afterAll(() => fake.close());

const section = (text: string) => ({ type: 'section', text: { type: 'mrkdwn', text } });

describe('FakeSlack Web API', () => {
  it('records chat.postMessage with decoded blocks and answers with unique increasing ts', async () => {
    const blocks = [section('*Hello*'), { type: 'divider' }];
    const first = await client.chat.postMessage({ channel: 'C1', text: 'Hello', blocks });
    const second = await client.chat.postMessage({ channel: 'U2', text: 'DM' });

    const [call] = fake.callsTo('chat.postMessage');
    expect(call).toMatchObject({ token: 'xoxb-test', args: { channel: 'C1', text: 'Hello', blocks } });
    expect(first.ts).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(second.ts)).toBeGreaterThan(Number(first.ts));
    expect(second.channel).toBe('DU2'); // posting to a user id lands in the DM, as on Slack
    expect(fake.violations).toEqual([]);
  });

  it('answers users.info from addUser and user_not_found otherwise', async () => {
    fake.addUser({ id: 'U1', real_name: 'Ada Lovelace', tz: 'Europe/London', is_admin: true });
    const res = await client.users.info({ user: 'U1' });
    expect(res.user).toMatchObject({
      id: 'U1',
      team_id: 'T1',
      real_name: 'Ada Lovelace',
      tz: 'Europe/London',
      is_admin: true,
      profile: { real_name: 'Ada Lovelace' },
    });
    expect([0, 3600]).toContain(res.user?.tz_offset); // GMT or BST

    const err = await client.users.info({ user: 'U404' }).catch((e) => e);
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    expect(err.data.error).toBe('user_not_found');
    expect(fake.callsTo('users.info').map((c) => c.failed ?? false)).toEqual([false, true]);
  });

  it('failNext: 429 with Retry-After becomes WebAPIRateLimitedError, then calls succeed again', async () => {
    const strict = new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, rejectRateLimitedCalls: true, logLevel: LogLevel.ERROR });
    fake.failNext('chat.postMessage', { status: 429, retryAfter: 7 });

    const err = await strict.chat.postMessage({ channel: 'C1', text: 'x' }).catch((e) => e);
    expect(err).toBeInstanceOf(WebAPIRateLimitedError);
    expect(err.retryAfter).toBe(7);
    await expect(strict.chat.postMessage({ channel: 'C1', text: 'x' })).resolves.toMatchObject({ ok: true });
    expect(fake.callsTo('chat.postMessage').map((c) => c.failed ?? false)).toEqual([true, false]);
  });

  it('failNext: {ok:false,error} becomes WebAPIPlatformError, N times', async () => {
    fake.failNext('conversations.open', { error: 'account_inactive' }, 2);
    for (let i = 0; i < 2; i++) {
      const err = await client.conversations.open({ users: 'U1' }).catch((e) => e);
      expect(err).toBeInstanceOf(WebAPIPlatformError);
      expect(err.data.error).toBe('account_inactive');
    }
    await expect(client.conversations.open({ users: 'U1' })).resolves.toMatchObject({ channel: { id: 'DU1' } });
  });

  it('records limit violations and still answers ok', async () => {
    const title = { type: 'plain_text', text: 'x'.repeat(25) } as const;
    await expect(client.views.open({ trigger_id: 't', view: { type: 'modal', title, blocks: [] } })).resolves.toMatchObject({
      ok: true,
      view: { id: expect.stringMatching(/^V\d+$/), title },
    });
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    await client.chat.postMessage({ channel: 'C1', text: 'many', blocks });

    expect(fake.violations).toEqual([
      'views.open: view.title: 25 chars (max 24)',
      'chat.postMessage: blocks: 51 blocks (max 50 per message)',
    ]);
  });

  it('records response_url posts and file uploads (files.uploadV2 round trip)', async () => {
    const url = fake.responseUrl('cmd1');
    const res = await fetch(url, { method: 'POST', body: JSON.stringify({ text: 'later', replace_original: true }) });
    expect(res.status).toBe(200);
    expect(fake.callsTo('response_url')[0]?.args).toEqual({ text: 'later', replace_original: true, _url: url });

    await client.filesUploadV2({ channel_id: 'C1', content: 'a,b\n1,2\n', filename: 'goals.csv' });
    expect(fake.calls.map((c) => c.method)).toEqual([
      'response_url',
      'files.getUploadURLExternal',
      'file_upload',
      'files.completeUploadExternal',
    ]);
    expect(fake.callsTo('file_upload')[0]?.args).toMatchObject({ body: 'a,b\n1,2\n', filename: 'goals.csv' });
    expect(fake.callsTo('files.completeUploadExternal')[0]?.args.files).toEqual([{ id: expect.stringMatching(/^F/), title: 'goals.csv' }]);
  });
});

describe('FakeSlack faults', () => {
  const strict = () => new WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 2000, logLevel: LogLevel.ERROR });

  it('a delay without a failure answers with success, late, and records when it answered', async () => {
    fake.faults.set({ method: 'chat.postMessage', delayMs: 300, count: 1 });
    const started = Date.now();
    const slow = await client.chat.postMessage({ channel: 'U1', text: 'late' });
    expect(slow.ok).toBe(true);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    const fast = await client.chat.postMessage({ channel: 'U1', text: 'on time' });
    const [first, second] = fake.callsTo('chat.postMessage');
    expect(first!.answeredAt! - first!.at).toBeGreaterThanOrEqual(290);
    expect(second!.answeredAt! - second!.at).toBeLessThan(290);
    expect(fast.ok).toBe(true);
    expect(fake.faults.size).toBe(0);
  });

  it('count limits a fault; status, retryAfter and error shape the answer; match picks calls', async () => {
    fake.faults.set({ method: 'chat.postMessage', status: 429, retryAfter: 30, count: 2, match: (args) => args.channel === 'U1' });
    const web = strict();
    await expect(web.chat.postMessage({ channel: 'U2', text: 'other person' })).resolves.toMatchObject({ ok: true });
    for (let i = 0; i < 2; i++) {
      const err = await web.chat.postMessage({ channel: 'U1', text: 'x' }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(WebAPIRateLimitedError);
      expect((err as WebAPIRateLimitedError).retryAfter).toBe(30);
    }
    await expect(web.chat.postMessage({ channel: 'U1', text: 'x' })).resolves.toMatchObject({ ok: true });

    fake.faults.set({ method: 'chat.postMessage', status: 503, count: 1 });
    const err = await web.chat.postMessage({ channel: 'U1', text: 'x' }).catch((e: unknown) => e);
    expect(String((err as Error).message)).toContain('503');
    expect(fake.callsTo('chat.postMessage').map((c) => c.error ?? 'ok')).toEqual(['ok', 'ratelimited', 'ratelimited', 'ok', 'http_503']);
  });

  it("'*' hits every method until removed; drop closes the connection without an answer", async () => {
    const down = fake.faults.set({ method: '*', status: 500 });
    const web = strict();
    await expect(web.users.info({ user: 'U1' })).rejects.toThrow(/500/);
    await expect(web.views.publish({ user_id: 'U1', view: { type: 'home', blocks: [] } })).rejects.toThrow(/500/);
    down();
    await expect(web.auth.test()).resolves.toMatchObject({ ok: true });

    fake.faults.set({ method: 'chat.postMessage', drop: true, delayMs: 50, count: 1 });
    const err = await web.chat.postMessage({ channel: 'U1', text: 'lost' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(Error);
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ failed: true, error: 'timeout' });
    expect(fake.callsTo('chat.postMessage')[0]!.answeredAt).toBeUndefined();
  });

  it('marks a call answered after its caller hung up, and reset() clears every fault', async () => {
    fake.faults.set({ method: 'chat.postMessage', delayMs: 400 });
    const hangUp = new AbortController();
    const pending = fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer xoxb-test' }, body: JSON.stringify({ channel: 'U1', text: 'hi' }), signal: hangUp.signal }).catch(() => 'aborted');
    await new Promise((r) => setTimeout(r, 100));
    hangUp.abort();
    expect(await pending).toBe('aborted');
    await new Promise((r) => setTimeout(r, 450));
    expect(fake.callsTo('chat.postMessage')[0]).toMatchObject({ callerGone: true });
    expect(fake.callsTo('chat.postMessage')[0]!.answeredAt).toBeTypeOf('number');
    fake.reset();
    expect(fake.faults.size).toBe(0);
  });
});

describe('slackLimitViolations', () => {
  it.each([
    ['views.open', { view: { type: 'modal', title: { type: 'plain_text', text: 'T' }, blocks: [{ type: 'input', block_id: 'b', label: { type: 'plain_text', text: 'L' }, element: { type: 'plain_text_input', action_id: 'a' } }] } }, 'view.submit: required when the view has an input block'],
    ['chat.postMessage', { channel: 'C1', blocks: [section('x')] }, 'text: required as the notification fallback when blocks are sent'],
    ['views.publish', { view: { type: 'home', blocks: [{ type: 'actions', elements: [{ type: 'datepicker', action_id: 'd', initial_date: '2024-2-1' }] }] } }, "view.blocks[0].elements[0].initial_date: '2024-2-1' is not YYYY-MM-DD"],
    ['response_url', { text: 't', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 't' }, accessory: { type: 'number_input', action_id: 'n', min_value: 1 } }] }, 'blocks[0].accessory.is_decimal_allowed: required (boolean)'],
    ['chat.update', { text: 't', blocks: [{ type: 'actions', elements: [{ type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'A' } }, { type: 'button', action_id: 'a', text: { type: 'plain_text', text: 'B' } }] }] }, "blocks[0].elements[1].action_id: duplicate 'a' in one block"],
  ])('%s: %s', (method, args, expected) => {
    expect(slackLimitViolations(method, args)).toContain(expected);
  });
});

describe('signed requests', () => {
  it("signBody matches Slack's documented example", () => {
    const body =
      'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c';
    expect(signBody('8f742231b10e8888abcd99yyyzzz85a5', body, 1531420618)).toBe(
      'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
    );
  });

  it('a Bolt HTTPReceiver accepts signed requests and rejects bad or stale ones', async () => {
    const app = new App({
      token: 'xoxb-test',
      signingSecret: 'shh',
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    app.command('/mentor', async ({ ack, command }) => ack(`hi ${command.user_id}`));
    app.view('goal', async ({ ack, view }) => ack({ response_action: 'errors', errors: { b: String(view.state.values.b?.a?.value) } }));
    const server = (await app.start(0)) as Server;
    try {
      const slack = slackRequester(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, 'shh');
      expect(await slack.command({ text: 'help', user_id: 'U1' })).toMatchObject({ status: 200, text: 'hi U1' });
      const sub = await slack.viewSubmission({ user_id: 'U1', callback_id: 'goal', values: { b: { a: { type: 'plain_text_input', value: 'v' } } } });
      expect(sub.json).toEqual({ response_action: 'errors', errors: { b: 'v' } });
      expect((await slack.command({ text: 'x', user_id: 'U1' }, { signature: 'v0=bad' })).status).toBe(401);
      expect((await slack.command({ text: 'x', user_id: 'U1' }, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
      expect((await slack.command({ text: 'x', user_id: 'U1' }, { unsigned: true })).status).toBe(401);
    } finally {
      await app.stop();
    }
  });
});

describe('Socket Mode', () => {
  it('a real Bolt App in socket mode connects, receives a slash command and acks it', async () => {
    const app = new App({
      token: 'xoxb-test',
      appToken: 'xapp-test',
      socketMode: true,
      logLevel: LogLevel.ERROR,
      // Bolt copies clientOptions into installerOptions.clientOptions, which SocketModeReceiver
      // hands to its SocketModeClient: apps.connections.open goes to the fake too.
      clientOptions: { slackApiUrl: fake.apiUrl },
    });
    let responded!: Promise<unknown>;
    app.command('/mentor', async ({ ack, respond }) => {
      await ack('hi');
      responded = respond({ text: 'later', response_type: 'ephemeral' });
    });
    await app.start();
    try {
      await fake.socket.waitForConnection();
      const responseUrl = fake.responseUrl('cmd');
      const ack = await fake.socket.send('slash_commands', commandPayload({ text: 'help', user_id: 'U1', response_url: responseUrl }));
      expect(ack.payload).toEqual({ text: 'hi' });
      await responded;
      expect(fake.callsTo('response_url').map((c) => c.args)).toEqual([{ text: 'later', response_type: 'ephemeral', _url: responseUrl }]);
      expect(fake.callsTo('apps.connections.open')[0]?.token).toBe('xapp-test');
      expect(fake.callsTo('auth.test')[0]?.token).toBe('xoxb-test');
      expect(fake.violations).toEqual([]);
    } finally {
      await app.stop();
    }
  });
});
