import { pino, type Logger as PinoLogger } from 'pino';
import { LogLevel, type Logger as BoltLogger } from '@slack/bolt';

export type Logger = PinoLogger;

const SECRETS = ['token', '*.token', 'headers.authorization', '*.headers.authorization', 'botToken', 'appToken', 'signingSecret', '*.botToken', '*.signingSecret', '*.appToken'];
/** Fields that carry what people wrote (notes, advice, outcomes) if an object ever gets logged whole. */
const PRIVATE_TEXT = ['body', '*.body', 'payload', '*.payload', 'view', '*.view', 'blocks', '*.blocks', 'text', '*.text', 'values', '*.values', 'args', '*.args'];

/**
 * Structured JSON, one line per event. Tokens and secrets are redacted wherever they appear, and so
 * are the fields that carry people's private text: no level, trace included, writes what they typed.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: [...SECRETS, ...PRIVATE_TEXT], censor: '[redacted]' },
    },
    destination as never,
  );
}

const toPino: Record<LogLevel, string> = {
  [LogLevel.DEBUG]: 'debug',
  [LogLevel.INFO]: 'info',
  [LogLevel.WARN]: 'warn',
  [LogLevel.ERROR]: 'error',
};

/**
 * Where a Slack library line starts quoting a payload. At debug level Bolt, the Web API client and the
 * Socket Mode client log whole request bodies, responses, envelopes and acks (`http request body: {…}`,
 * `Received a message on the WebSocket: {…}`, `ack() call begins (body: …)`, a bare `{…}` of the
 * incoming request): private notes, advice and outcomes travel in those. The text before the payload
 * stays; the payload is dropped.
 */
const PAYLOAD_START = /(?:\b(?:body|data|result|headers|storedResponse|payload)\s*[:=]|WebSocket message:|on the WebSocket:|\(will ignore\):)|[{[]/;

export function withoutPayload(line: string): string {
  const match = PAYLOAD_START.exec(line);
  if (!match) return line;
  const keep = match[0] === '{' || match[0] === '[' ? line.slice(0, match.index) : line.slice(0, match.index + match[0].length);
  return `${keep.trimEnd()} [payload redacted]`.trimStart();
}

/** Bolt's logger interface over pino, so Bolt's own messages land in the same structured stream, payloads left out. */
export function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ component: 'bolt' });
  const write = (level: 'debug' | 'info' | 'warn' | 'error') => (...msg: unknown[]) =>
    child[level](withoutPayload(msg.map((m) => (m instanceof Error ? m.message : typeof m === 'string' ? m : JSON.stringify(m))).join(' ')));
  return {
    debug: write('debug'),
    info: write('info'),
    warn: write('warn'),
    error: write('error'),
    setLevel: () => {},
    getLevel: () => (Object.entries(toPino).find(([, v]) => v === child.level)?.[0] as LogLevel) ?? LogLevel.INFO,
    setName: () => {},
  };
}
