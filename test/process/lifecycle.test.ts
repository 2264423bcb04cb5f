// The real entry point (src/main.ts) as a child process, the way `npm start` runs it: readiness,
// JSON logs, the PGlite data-dir lock, graceful SIGTERM/SIGINT, config errors and secret hygiene.
// These always use PGlite in a temporary DATA_DIR (the child gets no DATABASE_URL), whatever
// TEST_DATABASE_URL the test run uses.
import { PGlite } from '@electric-sql/pglite';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { commandPayload, slackRequester } from '../helpers/slack-requests.ts';
import { at, PEOPLE, TEAM } from '../helpers/test-bot.ts';
import { allChildren, childEnv, credentials, freePort, killAll, removeTempDirs, spawnBot, STACK_LINE, tempDir, waitFor, type ChildBot } from './child-bot.ts';

// Each test starts a child process that compiles and boots the bot: slow while another test file
// runs beside it on a two-core machine.
vi.setConfig({ testTimeout: 90_000 });

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
  for (const person of Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...person });
});
afterEach(async () => {
  await killAll();
  fake.reset();
});
afterAll(async () => {
  await killAll();
  await fake.close();
  removeTempDirs();
});

interface BotEnv {
  botToken: string;
  signingSecret: string;
  dataDir: string;
  port: number;
  apiUrl?: string;
  logLevel?: string;
}

async function botEnv(overrides: Partial<BotEnv> = {}): Promise<BotEnv> {
  return { ...credentials(), dataDir: tempDir(), port: await freePort(), ...overrides };
}

function start(e: BotEnv, extra: Record<string, string | undefined> = {}): ChildBot {
  return spawnBot(
    childEnv({
      ...extra,
      SLACK_BOT_TOKEN: e.botToken,
      SLACK_SIGNING_SECRET: e.signingSecret,
      SLACK_API_URL: e.apiUrl ?? fake.apiUrl,
      PORT: String(e.port),
      DATA_DIR: e.dataDir,
      LOG_LEVEL: e.logLevel ?? 'info',
    }),
  );
}

async function healthz(child: ChildBot): Promise<{ status: number; body: any }> {
  const res = await fetch(`${child.baseUrl}/healthz`);
  return { status: res.status, body: await res.json() };
}

/** Rows in the child's embedded database, read after every child on it has exited. */
async function countRows(dataDir: string, table: 'pairs' | 'members'): Promise<number> {
  const db = await PGlite.create(dataDir);
  try {
    const { rows } = await db.query<{ n: number }>(`select count(*)::int as n from ${table}`);
    return rows[0]!.n;
  } finally {
    await db.close();
  }
}

const pairText = `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`;

describe('start, lock and restart', () => {
  it('becomes ready and logs JSON; a second process on the same DATA_DIR is refused; data survives a clean restart', { timeout: 120_000 }, async () => {
    const env = await botEnv();
    const first = start(env);
    await first.waitUntilReady();

    // Structured logs: every stdout line is one JSON object, and readiness is announced.
    const lines = first.jsonLines();
    expect(lines.every((l) => typeof l.level === 'number' && typeof l.time === 'number' && typeof l.msg === 'string')).toBe(true);
    expect(lines).toContainEqual(expect.objectContaining({ msg: 'mentor bot ready', port: env.port, mode: 'http', database: 'pglite' }));
    expect(readFileSync(join(env.dataDir, 'mentor-bot.lock'), 'utf8').split('\n')[0]).toBe(String(first.proc.pid));

    // A signed /mentor pair writes a row (and, after the ack, sends the two kickoff DMs).
    const slack = slackRequester(first.baseUrl, env.signingSecret);
    const paired = await slack.command({ text: pairText, user_id: PEOPLE.admin.id });
    expect(paired.status).toBe(200);
    expect(paired.json.text).toContain('New pairing');
    await waitFor(() => fake.callsTo('chat.postMessage').length === 2, 'the two kickoff DMs');

    // A second bot on the same directory must refuse to start, clearly, without a stack trace.
    const second = start({ ...env, port: await freePort() });
    const secondExit = await second.waitForExit();
    expect(secondExit.code).not.toBe(0);
    expect(secondExit.code).not.toBeNull();
    expect(second.stderr).toContain(resolve(env.dataDir));
    expect(second.stderr).toContain('in use');
    expect(second.stderr).toContain(`pid ${first.proc.pid}`);
    expect(second.stderr).not.toMatch(STACK_LINE);
    expect(second.stdout).not.toContain('mentor bot ready');

    // The first is untouched: still healthy, still owns the lock, still serves commands.
    expect(await healthz(first)).toEqual({ status: 200, body: expect.objectContaining({ ok: true }) });
    expect(readFileSync(join(env.dataDir, 'mentor-bot.lock'), 'utf8').split('\n')[0]).toBe(String(first.proc.pid));
    const help = await slack.command({ text: 'help', user_id: PEOPLE.mentor.id });
    expect(help.status).toBe(200);
    expect(help.json.text).toContain('I keep mentoring pairs moving');

    // SIGTERM: a clean stop (exit 0) that logs its shutdown and releases the lock.
    first.proc.kill('SIGTERM');
    expect(await first.waitForExit()).toEqual({ code: 0, signal: null });
    expect(first.jsonLines().map((l) => l.msg)).toEqual(expect.arrayContaining(['shutting down', 'mentor bot stopped']));
    expect(first.jsonLines()).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGTERM' }));
    expect(existsSync(join(env.dataDir, 'mentor-bot.lock'))).toBe(false);

    // A restart on the same directory works and still has the pairing.
    const third = start({ ...env, port: await freePort() });
    await third.waitUntilReady();
    const status = await slackRequester(third.baseUrl, env.signingSecret).command({ text: 'status', user_id: PEOPLE.mentor.id });
    expect(status.status).toBe(200);
    expect(status.json.text).toBe("You're in 1 pairing.");
    expect(third.jsonLines().some((l) => l.msg === 'database migrated')).toBe(false); // migrations ran once, on the first start

    // SIGINT (Ctrl-C) stops it just as cleanly.
    third.proc.kill('SIGINT');
    expect(await third.waitForExit()).toEqual({ code: 0, signal: null });
    expect(third.jsonLines()).toContainEqual(expect.objectContaining({ msg: 'shutting down', signal: 'SIGINT' }));

    expect(await countRows(env.dataDir, 'pairs')).toBe(1);
    expect(fake.violations).toEqual([]);
  });
});

/** A pass-through to the fake Slack that holds the first call to some methods for a while. */
async function slowProxy(target: FakeSlack, holdFirst: Record<string, number>) {
  const seen: string[] = [];
  const base = target.apiUrl.replace(/api\/$/, '');
  const read = (req: IncomingMessage) =>
    new Promise<Buffer>((done, fail) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => done(Buffer.concat(chunks)));
      req.on('error', fail);
    });
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', base);
      const method = url.pathname.replace(/^\/api\//, '');
      seen.push(method);
      const body = await read(req);
      const hold = holdFirst[method];
      if (hold) {
        delete holdFirst[method];
        await new Promise((done) => setTimeout(done, hold));
      }
      const headers: Record<string, string> = {};
      for (const h of ['content-type', 'authorization']) if (req.headers[h]) headers[h] = String(req.headers[h]);
      const upstream = await fetch(url, { method: req.method ?? 'POST', headers, body: req.method === 'GET' ? undefined : body });
      res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
      res.end(Buffer.from(await upstream.arrayBuffer()));
    })().catch((err: unknown) => res.writeHead(502).end(String(err)));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return {
    apiUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`,
    seen,
    close: () =>
      new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      }),
  };
}

describe('graceful shutdown', () => {
  it('SIGTERM while a command is being handled: the request gets its answer, the follow-up DMs go out, exit 0', { timeout: 60_000 }, async () => {
    // users.info is the first thing /mentor pair calls (is the actor an admin?): holding it 1.5 s
    // keeps the request in flight when SIGTERM lands. Holding a kickoff DM 3 s makes the work
    // after the ack outlast the HTTP server's close, so only waiting for it gets it done.
    const proxy = await slowProxy(fake, { 'users.info': 1500, 'chat.postMessage': 3000 });
    try {
      const env = await botEnv({ apiUrl: proxy.apiUrl });
      const bot = start(env);
      await bot.waitUntilReady();
      const slack = slackRequester(bot.baseUrl, env.signingSecret);

      const pending = slack.command({ text: pairText, user_id: PEOPLE.admin.id });
      await waitFor(() => proxy.seen.includes('users.info'), 'the command to reach users.info');
      bot.proc.kill('SIGTERM');

      const answer = await pending;
      expect(answer.status).toBe(200);
      expect(answer.json.text).toContain('New pairing');
      expect(await bot.waitForExit()).toEqual({ code: 0, signal: null });

      // Shutdown waited for the work after the ack: both kickoff DMs were sent before exit.
      expect(fake.callsTo('chat.postMessage').map((c) => c.args.channel).sort()).toEqual([`D${PEOPLE.mentee.id}`, `D${PEOPLE.mentor.id}`]);
      expect(fake.callsTo('views.publish').map((c) => c.args.user_id).sort()).toEqual([PEOPLE.mentee.id, PEOPLE.mentor.id]);
      // The signal really arrived mid-request: the command finished after shutdown began.
      const lines = bot.jsonLines();
      const shutdown = lines.find((l) => l.msg === 'shutting down');
      const handled = lines.find((l) => l.msg === 'interaction handled' && l.interaction === 'command:pair');
      const stopped = lines.find((l) => l.msg === 'mentor bot stopped');
      expect(shutdown).toMatchObject({ signal: 'SIGTERM' });
      expect(handled!.time).toBeGreaterThanOrEqual(shutdown!.time);
      expect(stopped!.time).toBeGreaterThanOrEqual(handled!.time);
      expect(bot.stderr).toBe('');
      expect(await countRows(env.dataDir, 'pairs')).toBe(1);
      // …and the port is closed to new requests.
      await expect(fetch(`${bot.baseUrl}/healthz`)).rejects.toThrow();
      expect(fake.violations).toEqual([]);
    } finally {
      await proxy.close();
    }
  });
});

describe('configuration errors', () => {
  it('a missing SLACK_SIGNING_SECRET and a malformed SLACK_BOT_TOKEN: exit 1, each named with where to find it, no stack trace', { timeout: 60_000 }, async () => {
    const dataDir = join(tempDir(), 'never-created');
    const badToken = 'xoxp-1234-user-token-by-mistake';
    const bot = spawnBot(childEnv({ SLACK_BOT_TOKEN: badToken, SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), DATA_DIR: dataDir }));
    expect(await bot.waitForExit()).toEqual({ code: 1, signal: null });

    expect(bot.stderr).toMatch(/SLACK_SIGNING_SECRET is missing.*Basic Information/);
    expect(bot.stderr).toMatch(/SLACK_BOT_TOKEN is not valid.*xoxb-.*OAuth & Permissions/);
    expect(bot.stderr).not.toMatch(STACK_LINE);
    expect(bot.stderr).not.toContain(badToken); // the value may be a real secret: never echo it
    expect(bot.stdout).toBe('');
    expect(existsSync(dataDir)).toBe(false); // stopped before touching the database
    expect(fake.calls).toEqual([]); // …or Slack
  });

  it('a malformed SLACK_SIGNING_SECRET alone is named, and its value is not echoed', { timeout: 60_000 }, async () => {
    const badSecret = 'my-secret-with-dashes-0123456789';
    const bot = spawnBot(childEnv({ SLACK_BOT_TOKEN: 'xoxb-1-2-abc', SLACK_SIGNING_SECRET: badSecret, SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), DATA_DIR: tempDir() }));
    expect(await bot.waitForExit()).toEqual({ code: 1, signal: null });
    expect(bot.stderr).toMatch(/SLACK_SIGNING_SECRET is not valid.*Basic Information/);
    expect(bot.stderr).not.toMatch(/SLACK_BOT_TOKEN/);
    expect(bot.stderr).not.toContain(badSecret);
    expect(bot.stderr).not.toMatch(STACK_LINE);
  });

  it('a well-formed bot token Slack rejects (invalid_auth): exit 1 naming SLACK_BOT_TOKEN, no stack trace, never "ready"', { timeout: 60_000 }, async () => {
    fake.failNext('auth.test', { error: 'invalid_auth' }, 5);
    const env = await botEnv();
    const bot = start(env);
    const exit = await bot.waitForExit();
    expect(exit.code).toBe(1);
    expect(bot.stderr + bot.stdout).toMatch(/SLACK_BOT_TOKEN[\s\S]*OAuth & Permissions/);
    expect(bot.stderr).not.toMatch(STACK_LINE);
    expect(bot.stdout).not.toContain('mentor bot ready');
    expect(existsSync(join(env.dataDir, 'mentor-bot.lock'))).toBe(false);
  });
});

describe('the HTTP port', () => {
  it.each(['http', 'socket'] as const)('PORT already in use (%s mode): exit 1 naming PORT, no stack trace, lock released', { timeout: 60_000 }, async (mode) => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, done)); // all interfaces, like the bot
    try {
      const env = await botEnv({ port: (blocker.address() as AddressInfo).port });
      const bot = start(env, mode === 'socket' ? { SLACK_APP_TOKEN: 'xapp-1-A1-proc' } : {});
      const exit = await bot.waitForExit();
      expect(exit.code).toBe(1);
      expect(bot.stderr + bot.stdout).toMatch(new RegExp(`PORT[\\s\\S]*${env.port}|${env.port}[\\s\\S]*PORT`));
      expect(bot.stderr).toContain('in use');
      expect(bot.stderr).not.toMatch(STACK_LINE);
      expect(existsSync(join(env.dataDir, 'mentor-bot.lock'))).toBe(false);
    } finally {
      await new Promise<void>((done) => blocker.close(() => done()));
    }
  });
});

describe('Socket Mode process', () => {
  it('connects over the socket, serves /healthz on PORT, and stops with exit 0 on SIGTERM', { timeout: 60_000 }, async () => {
    const env = await botEnv();
    const bot = start(env, { SLACK_APP_TOKEN: 'xapp-1-A1-proc' });
    await bot.waitUntilReady();
    await fake.socket.waitForConnection(10_000);
    expect(bot.jsonLines()).toContainEqual(expect.objectContaining({ msg: 'mentor bot ready', mode: 'socket', port: env.port }));
    const ack = await fake.socket.send('slash_commands', commandPayload({ text: 'help', user_id: PEOPLE.mentor.id }));
    expect(ack.payload.text).toContain('I keep mentoring pairs moving');

    bot.proc.kill('SIGTERM');
    expect(await bot.waitForExit()).toEqual({ code: 0, signal: null });
    await waitFor(() => fake.socket.connectionCount === 0, 'the socket to close');
    expect(existsSync(join(env.dataDir, 'mentor-bot.lock'))).toBe(false);
    expect(bot.stdout).not.toContain('xapp-1-A1-proc');
  });
});

describe('secrets stay out of the logs', () => {
  it('neither the bot token nor the signing secret appears in stdout/stderr, even at debug level with failures', { timeout: 60_000 }, async () => {
    const env = await botEnv({ logLevel: 'debug' });
    const bot = start(env);
    await bot.waitUntilReady();
    const slack = slackRequester(bot.baseUrl, env.signingSecret);

    expect((await slack.command({ text: 'help', user_id: PEOPLE.admin.id })).status).toBe(200);
    expect((await slack.command({ text: 'help', user_id: PEOPLE.admin.id }, { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
    fake.failNext('users.info', { error: 'invalid_auth' });
    expect((await slack.command({ text: 'status', user_id: PEOPLE.outsider.id })).status).toBe(200);
    fake.failNext('chat.postMessage', { error: 'not_authed' }, 2);
    expect((await slack.command({ text: pairText, user_id: PEOPLE.admin.id })).status).toBe(200);
    await waitFor(() => fake.callsTo('chat.postMessage').length === 2, 'the failing kickoff DMs');
    expect((await slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentor.id, channel: `D${PEOPLE.mentor.id}`, tab: 'home' } })).status).toBe(200);
    await waitFor(() => fake.callsTo('views.publish').some((c) => c.args.user_id === PEOPLE.mentor.id), 'the home tab');

    bot.proc.kill('SIGTERM');
    expect((await bot.waitForExit()).code).toBe(0);

    // The token really was in use (so a leak would have had the chance to happen)...
    expect(fake.calls.some((c) => c.token === env.botToken)).toBe(true);
    expect(bot.jsonLines().length).toBeGreaterThan(3);
    // ...and appears nowhere in what the process wrote, whole or as its secret tail.
    const everything = bot.stdout + bot.stderr;
    const tokenTail = env.botToken.split('-').at(-1)!;
    expect(everything).not.toContain(env.botToken);
    expect(everything).not.toContain(tokenTail);
    expect(everything).not.toContain(env.signingSecret);
  });

  it('no child process of this file printed its own bot token or signing secret', () => {
    // Declared last, so it sees every child the tests above started (vitest runs tests in order).
    expect(allChildren.length).toBeGreaterThan(0); // meaningless when run alone with -t
    for (const child of allChildren) {
      const printed = child.stdout + child.stderr;
      for (const secret of [child.env.SLACK_BOT_TOKEN, child.env.SLACK_SIGNING_SECRET]) {
        if (secret) expect(printed, `pid ${child.proc.pid}`).not.toContain(secret);
      }
    }
  });
});
