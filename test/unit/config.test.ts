import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../../src/config/config.ts';

const BOT = 'xoxb-1234-5678-abcdef';
const SECRET = '8f742231b10e8888abcd99yyyzzz85a5';
const APP = 'xapp-1-A111-222-abcdef';
const VALID = { SLACK_BOT_TOKEN: BOT, SLACK_SIGNING_SECRET: SECRET };

function failure(env: Record<string, string | undefined>): string {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadConfig to throw');
}

describe('loadConfig', () => {
  it('a minimal valid env: HTTP mode, embedded database in ./data, port 3000', () => {
    expect(loadConfig(VALID)).toEqual({
      slack: { botToken: BOT, signingSecret: SECRET, appToken: undefined, apiUrl: undefined },
      port: 3000,
      database: { kind: 'pglite', dataDir: './data' },
      logLevel: 'info',
      nudges: { cron: '*/15 * * * *', timezone: 'UTC' },
    });
  });

  it('a full valid env', () => {
    expect(
      loadConfig({
        ...VALID,
        SLACK_APP_TOKEN: APP,
        SLACK_API_URL: 'http://127.0.0.1:4010/api/',
        PORT: '8080',
        DATABASE_URL: 'postgres://mentor:pw@db:5432/mentor',
        DATA_DIR: '/var/lib/mentor',
        LOG_LEVEL: 'debug',
        NUDGE_CRON: '0 * * * 1-5',
        NUDGE_TIMEZONE: 'Europe/London',
        UNRELATED: 'ignored',
      }),
    ).toEqual({
      slack: { botToken: BOT, signingSecret: SECRET, appToken: APP, apiUrl: 'http://127.0.0.1:4010/api/' },
      port: 8080,
      database: { kind: 'postgres', url: 'postgres://mentor:pw@db:5432/mentor' },
      logLevel: 'debug',
      nudges: { cron: '0 * * * 1-5', timezone: 'Europe/London' },
    });
  });

  it.each([
    ['off', undefined],
    ['*/5 * * * *', { cron: '*/5 * * * *', timezone: 'UTC' }],
  ])('NUDGE_CRON=%j', (value, nudges) => {
    expect(loadConfig({ ...VALID, NUDGE_CRON: value }).nudges).toEqual(nudges);
  });

  it.each([
    ['NUDGE_CRON', 'every 15 minutes', /NUDGE_CRON is not valid/],
    ['NUDGE_TIMEZONE', 'Mars/Olympus', /NUDGE_TIMEZONE is not valid/],
  ])('rejects a bad %s', (name, value, message) => {
    expect(() => loadConfig({ ...VALID, [name]: value })).toThrow(message);
  });

  it.each([
    ['SLACK_BOT_TOKEN', /OAuth & Permissions/],
    ['SLACK_SIGNING_SECRET', /Basic Information.*App Credentials/],
  ])('missing %s is named, with where to find it', (name, where) => {
    const env: Record<string, string> = { ...VALID };
    delete env[name];
    const message = failure(env);
    const line = message.split('\n').find((l) => l.includes(name));
    expect(line).toBeDefined();
    expect(line).toContain(`${name} is missing`);
    expect(line).toMatch(where);
    expect(message).toContain('.env.example');
  });

  it('reports every missing variable together', () => {
    const message = failure({});
    expect(message).toContain('SLACK_BOT_TOKEN is missing');
    expect(message).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it.each([
    ['empty', ''],
    ['spaces', '   '],
    ['a tab and newline', '\t\n'],
  ])('a required variable set to %s counts as missing', (_label, blank) => {
    expect(failure({ ...VALID, SLACK_BOT_TOKEN: blank })).toContain('SLACK_BOT_TOKEN is missing');
    expect(failure({ ...VALID, SLACK_SIGNING_SECRET: blank })).toContain('SLACK_SIGNING_SECRET is missing');
  });

  it.each([
    ['SLACK_APP_TOKEN', { appToken: undefined }],
    ['SLACK_API_URL', { apiUrl: undefined }],
  ])('an empty optional %s is unset', (name, slack) => {
    expect(loadConfig({ ...VALID, [name]: '' }).slack).toMatchObject(slack);
    expect(loadConfig({ ...VALID, [name]: '  ' }).slack).toMatchObject(slack);
  });

  it.each([
    ['PORT', '', { port: 3000 }],
    ['DATABASE_URL', '', { database: { kind: 'pglite', dataDir: './data' } }],
    ['DATA_DIR', '', { database: { kind: 'pglite', dataDir: './data' } }],
    ['DATA_DIR', '   ', { database: { kind: 'pglite', dataDir: './data' } }],
    ['LOG_LEVEL', '', { logLevel: 'info' }],
  ])('an empty %s (%j) takes the default', (name, value, expected) => {
    expect(loadConfig({ ...VALID, [name]: value })).toMatchObject(expected);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-user-token', /must start with xoxb-/],
    ['SLACK_BOT_TOKEN', 'xapp-1-A1-2-abc', /must start with xoxb-/],
    ['SLACK_BOT_TOKEN', 'xoxb-', /must start with xoxb-/],
    ['SLACK_BOT_TOKEN', 'xoxb-has space', /must start with xoxb-/],
    ['SLACK_SIGNING_SECRET', 'short', /signing secret/],
    ['SLACK_SIGNING_SECRET', 'not-hex-at-all-but-long-enough!', /signing secret/],
    ['SLACK_APP_TOKEN', BOT, /must start with xapp-/],
    ['SLACK_API_URL', 'not a url', /must be a URL/],
    ['PORT', 'http', /PORT/],
    ['PORT', '65536', /PORT/],
    ['PORT', '-1', /PORT/],
    ['PORT', '80.5', /PORT/],
    ['DATABASE_URL', 'mysql://db/mentor', /postgres:\/\//],
    ['DATABASE_URL', 'db:5432', /postgres:\/\//],
    ['LOG_LEVEL', 'verbose', /LOG_LEVEL/],
    ['LOG_LEVEL', 'INFO', /LOG_LEVEL/],
  ])('malformed %s=%j is named as not valid', (name, value, message) => {
    const text = failure({ ...VALID, [name]: value });
    expect(text).toContain(`${name} is not valid`);
    expect(text).toMatch(message);
  });

  it.each([
    ['SLACK_BOT_TOKEN', 'xoxp-very-secret-user-token'],
    ['SLACK_SIGNING_SECRET', 'shortsecret'],
    ['SLACK_APP_TOKEN', 'xoxb-secret-bot-token-in-wrong-place'],
  ])('the error for a malformed %s never prints the value', (name, value) => {
    expect(failure({ ...VALID, [name]: value })).not.toContain(value);
  });

  it('values are trimmed', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: `  ${BOT}\n`, SLACK_SIGNING_SECRET: ` ${SECRET} `, PORT: ' 4000 ' });
    expect(config.slack.botToken).toBe(BOT);
    expect(config.slack.signingSecret).toBe(SECRET);
    expect(config.port).toBe(4000);
  });

  it.each([
    ['postgres://u:p@h:5432/d', 'postgres://u:p@h:5432/d'],
    ['postgresql://u@h/d?sslmode=require', 'postgresql://u@h/d?sslmode=require'],
  ])('DATABASE_URL %s selects PostgreSQL', (url, expected) => {
    expect(loadConfig({ ...VALID, DATABASE_URL: url, DATA_DIR: '/ignored' }).database).toEqual({ kind: 'postgres', url: expected });
  });

  it('without DATABASE_URL the embedded database lives in DATA_DIR', () => {
    expect(loadConfig({ ...VALID, DATA_DIR: './tmp/db' }).database).toEqual({ kind: 'pglite', dataDir: './tmp/db' });
  });

  it.each([
    ['http://localhost:4010/api', 'http://localhost:4010/api/'],
    ['http://localhost:4010/api/', 'http://localhost:4010/api/'],
    ['https://slack.com/api', 'https://slack.com/api/'],
    ['https://proxy.example/slack/api/', 'https://proxy.example/slack/api/'],
  ])('SLACK_API_URL %s → %s (always a trailing slash)', (url, expected) => {
    expect(loadConfig({ ...VALID, SLACK_API_URL: url }).slack.apiUrl).toBe(expected);
  });

  // The Web API client needs an http(s) base; these parse as URLs but would fail at the first call.
  it.each([
    ['a host without a scheme', 'localhost:4010'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['an ftp URL', 'ftp://files.example/api'],
  ])('SLACK_API_URL as %s is rejected at start', (_label, url) => {
    expect(failure({ ...VALID, SLACK_API_URL: url })).toContain('SLACK_API_URL is not valid');
  });

  it.each([
    ['0', 0],
    ['1', 1],
    ['65535', 65535],
  ])('PORT %s is accepted', (text, port) => {
    expect(loadConfig({ ...VALID, PORT: text }).port).toBe(port);
  });

  it.each(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])('LOG_LEVEL %s is accepted', (level) => {
    expect(loadConfig({ ...VALID, LOG_LEVEL: level }).logLevel).toBe(level);
  });

  it('does not read process.env on its own', () => {
    const saved = process.env.SLACK_BOT_TOKEN;
    process.env.SLACK_BOT_TOKEN = BOT;
    try {
      expect(failure({ SLACK_SIGNING_SECRET: SECRET })).toContain('SLACK_BOT_TOKEN is missing');
    } finally {
      if (saved === undefined) delete process.env.SLACK_BOT_TOKEN;
      else process.env.SLACK_BOT_TOKEN = saved;
    }
  });
});

function databaseFailure(env: Record<string, string | undefined>): string {
  try {
    loadDatabaseConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('expected loadDatabaseConfig to throw');
}

describe('loadDatabaseConfig', () => {
  it('needs no Slack credentials: an empty env is the embedded database in ./data', () => {
    expect(loadDatabaseConfig({})).toEqual({ kind: 'pglite', dataDir: './data' });
  });

  it.each([
    [{ DATA_DIR: '/var/lib/mentor' }, { kind: 'pglite', dataDir: '/var/lib/mentor' }],
    [{ DATA_DIR: '  ./tmp/db\n' }, { kind: 'pglite', dataDir: './tmp/db' }],
    [{ DATABASE_URL: '', DATA_DIR: './x' }, { kind: 'pglite', dataDir: './x' }],
    [{ DATABASE_URL: '   ', DATA_DIR: '' }, { kind: 'pglite', dataDir: './data' }],
    [{ DATABASE_URL: 'postgres://u:p@h:5432/d', DATA_DIR: '/ignored' }, { kind: 'postgres', url: 'postgres://u:p@h:5432/d' }],
    [{ DATABASE_URL: ' postgresql://u@h/d?sslmode=require ' }, { kind: 'postgres', url: 'postgresql://u@h/d?sslmode=require' }],
  ])('%j → %j', (env, expected) => {
    expect(loadDatabaseConfig(env)).toEqual(expected);
  });

  it('ignores every other variable, even malformed ones', () => {
    expect(loadDatabaseConfig({ SLACK_BOT_TOKEN: 'xoxp-wrong', PORT: 'http', NUDGE_CRON: 'never', DATA_DIR: './d' })).toEqual({ kind: 'pglite', dataDir: './d' });
  });

  it('agrees with loadConfig on every database setting', () => {
    for (const env of [{}, { DATA_DIR: './d' }, { DATABASE_URL: 'postgres://h/d' }, { DATABASE_URL: ' ', DATA_DIR: ' ' }]) {
      expect(loadDatabaseConfig(env)).toEqual(loadConfig({ ...VALID, ...env }).database);
    }
  });

  it.each([['mysql://db/mentor'], ['db:5432'], ['postgres:/one-slash']])('a malformed DATABASE_URL %j is named, with where to find it, without its value', (url) => {
    const message = databaseFailure({ DATABASE_URL: url });
    expect(message).toContain('Cannot open the database');
    expect(message).toContain('DATABASE_URL is not valid (must be a postgres:// URL)');
    expect(message).toContain('leave unset for the embedded database');
    expect(message).not.toContain(url);
  });

  it('does not read process.env on its own', () => {
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = 'postgres://elsewhere/db';
    try {
      expect(loadDatabaseConfig({ DATA_DIR: './d' })).toEqual({ kind: 'pglite', dataDir: './d' });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});

describe('the environment is read in one place', () => {
  const src = join(import.meta.dirname, '../../src');
  const files = (readdirSync(src, { recursive: true, encoding: 'utf8' }) as string[]).filter((f) => f.endsWith('.ts'));

  it('no module outside src/config mentions process.env', () => {
    expect(files.length).toBeGreaterThan(50);
    const readers = files.filter((f) => !f.startsWith('config/') && /process\.env\b/.test(readFileSync(join(src, f), 'utf8')));
    expect(readers.map((f) => relative(src, join(src, f)))).toEqual([]);
  });
});
