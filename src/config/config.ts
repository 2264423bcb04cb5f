import cron from 'node-cron';
import { z } from 'zod';
import { isTimeZone } from '../domain/calendar.ts';

/** Where each variable comes from, so a failed start tells the admin exactly where to look. */
const HELP: Record<string, string> = {
  SLACK_BOT_TOKEN:
    'the Bot User OAuth Token (xoxb-…) under "OAuth & Permissions" in your Slack app settings (install the app to the workspace first)',
  SLACK_SIGNING_SECRET: 'the Signing Secret under "Basic Information" → "App Credentials" in your Slack app settings',
  SLACK_APP_TOKEN:
    'an app-level token (xapp-…) with the connections:write scope under "Basic Information" → "App-Level Tokens"; leave it unset to use HTTP request URLs',
  SLACK_API_URL: 'the Slack Web API base URL; leave unset for Slack itself (https://slack.com/api/)',
  PORT: 'the HTTP port for /slack/events and /healthz (default 3000)',
  DATABASE_URL: 'a PostgreSQL connection string such as postgres://user:pass@host:5432/mentor; leave unset for the embedded database',
  DATA_DIR: 'the folder that holds the embedded database (default ./data)',
  LOG_LEVEL: 'one of fatal, error, warn, info, debug, trace, silent (default info)',
  NUDGE_CRON: 'a cron expression for the nudge sweep (default */15 * * * *: every 15 minutes), or off',
  NUDGE_TIMEZONE: 'the IANA time zone the NUDGE_CRON expression is read in (default UTC)',
};

const schema = z.object({
  SLACK_BOT_TOKEN: z.string().regex(/^xoxb-\S+$/, 'must start with xoxb-'),
  SLACK_SIGNING_SECRET: z.string().regex(/^[0-9a-zA-Z]{16,}$/, 'must be the hexadecimal signing secret'),
  SLACK_APP_TOKEN: z.string().regex(/^xapp-\S+$/, 'must start with xapp-').optional(),
  SLACK_API_URL: z
    .string()
    .url('must be a URL')
    .refine((u) => /^https?:\/\//i.test(u), 'must be an http(s) URL')
    .transform((u) => (u.endsWith('/') ? u : `${u}/`))
    .optional(),
  PORT: z.coerce.number().int().min(0).max(65_535).default(3000),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// URL')
    .optional(),
  DATA_DIR: z.string().min(1).default('./data'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  NUDGE_CRON: z
    .string()
    .default('*/15 * * * *')
    .refine((v) => v === 'off' || cron.validate(v), 'must be a cron expression such as */15 * * * *, or off'),
  NUDGE_TIMEZONE: z.string().default('UTC').refine(isTimeZone, 'must be an IANA time zone such as Europe/London'),
});

export interface Config {
  slack: { botToken: string; signingSecret: string; appToken: string | undefined; apiUrl: string | undefined };
  port: number;
  database: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string };
  logLevel: z.infer<typeof schema>['LOG_LEVEL'];
  /** When the nudge sweep runs; undefined when it is turned off. */
  nudges: { cron: string; timezone: string } | undefined;
}

export type DatabaseConfig = Config['database'];

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Validates the keys of `part` in the environment; every problem is reported together, each
 * naming its variable and where to find it. An empty value means "unset", not "set to nothing".
 */
function parse<S extends z.ZodObject>(part: S, env: Environment, cannot: string): z.infer<S> {
  const keys = Object.keys(part.shape);
  const cleaned = Object.fromEntries(keys.map((key) => [key, env[key]?.trim() ? env[key]!.trim() : undefined]));
  const parsed = part.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      const what = cleaned[name] === undefined ? 'is missing' : `is not valid (${issue.message})`;
      return `  ${name} ${what}: set it to ${HELP[name] ?? 'a valid value'}.`;
    });
    throw new ConfigError(`${cannot}: the configuration is incomplete.\n${lines.join('\n')}\nSee .env.example and the README.`);
  }
  return parsed.data;
}

/** The environment as the entry points hand it over (`readEnvironment()`, or a literal in tests). */
export type Environment = Record<string, string | undefined>;

const databaseSchema = schema.pick({ DATABASE_URL: true, DATA_DIR: true });

function database(e: { DATABASE_URL?: string | undefined; DATA_DIR: string }): DatabaseConfig {
  return e.DATABASE_URL ? { kind: 'postgres', url: e.DATABASE_URL } : { kind: 'pglite', dataDir: e.DATA_DIR };
}

/** Everything the bot needs to start; reads only the `env` it is given. */
export function loadConfig(env: Environment): Config {
  const e = parse(schema, env, 'Cannot start');
  return {
    slack: { botToken: e.SLACK_BOT_TOKEN, signingSecret: e.SLACK_SIGNING_SECRET, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL },
    port: e.PORT,
    database: database(e),
    logLevel: e.LOG_LEVEL,
    nudges: e.NUDGE_CRON === 'off' ? undefined : { cron: e.NUDGE_CRON, timezone: e.NUDGE_TIMEZONE },
  };
}

/**
 * Only the database settings (`DATABASE_URL`, `DATA_DIR`), validated exactly as `loadConfig`
 * does: for the command-line tools that open the database and need no Slack credentials.
 */
export function loadDatabaseConfig(env: Environment): DatabaseConfig {
  return database(parse(databaseSchema, env, 'Cannot open the database'));
}
