// One fake Slack for all tests: a Web API on 127.0.0.1 that records every call, answers like
// Slack closely enough for @slack/web-api 8 and Bolt 5, checks payload limits, and serves
// Socket Mode (fake-socket-mode.ts), response_url and file-upload endpoints on the same port.
//
// Wire format (node_modules/@slack/web-api/dist/WebClient.js): every call is a POST to
// <slackApiUrl><method>, form-urlencoded, objects/arrays (blocks, view, files) JSON-stringified
// per field, the token in `Authorization: Bearer`. Buffers switch the body to multipart.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeSocketMode } from './fake-socket-mode.ts';
import { slackLimitViolations } from './slack-limits.ts';

export { FakeSocketMode } from './fake-socket-mode.ts';

export interface RecordedCall {
  method: string;
  args: Record<string, any>;
  token: string | undefined;
  at: number;
  /** Set when the fake answered with an error (injected by a fault, or e.g. user_not_found). */
  failed?: boolean;
  error?: string;
  /** When the answer was written (Date.now()); later than `at` when a fault delayed it. */
  answeredAt?: number;
  /** The body of a successful answer (e.g. chat.postMessage's channel and ts). */
  reply?: Record<string, any>;
  /** The caller had hung up (e.g. its process was killed) before the answer: it never learnt the outcome. */
  callerGone?: boolean;
}

export interface FakeUser {
  id: string;
  team_id?: string;
  name?: string;
  real_name?: string;
  tz?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  deleted?: boolean;
  is_bot?: boolean;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
}

export interface Failure {
  /** Slack error code for a 200 {ok:false} answer; default 'fatal_error'. */
  error?: string;
  /** HTTP status: 429 (with Retry-After) or e.g. 500. Default 200, or 429 when retryAfter is set. */
  status?: number;
  /** Seconds for Retry-After on a 429; default 1. 0 makes web-api retry at once. */
  retryAfter?: number;
}

/**
 * An injected fault: which calls it hits and what happens to them. With neither `status`, `error`
 * nor `retryAfter` the call succeeds, after `delayMs`. Faults apply in the order they were set.
 */
export interface Fault extends Failure {
  /** A Web API method, 'response_url', 'file_upload', or '*' for every call. */
  method: string;
  /** Wait this long before answering (with the failure, or with success when there is none). */
  delayMs?: number;
  /** Close the connection without any answer (after delayMs): a timeout; nothing is carried out. */
  drop?: boolean;
  /** How many calls it hits before it is used up; default every matching call until cleared. */
  count?: number;
  /** Only calls whose arguments pass this. */
  match?: (args: Record<string, any>) => boolean;
}

/** The fake's injected faults: `fake.faults.set({ method: 'chat.postMessage', delayMs: 800, count: 5 })`. */
export class Faults {
  private readonly active: Array<Fault & { left: number }> = [];

  /** Adds a fault; the returned function removes it again. */
  set(fault: Fault): () => void {
    const entry = { ...fault, left: fault.count ?? Infinity };
    this.active.push(entry);
    return () => {
      const i = this.active.indexOf(entry);
      if (i >= 0) this.active.splice(i, 1);
    };
  }

  clear(): void {
    this.active.length = 0;
  }

  /** How many faults are still in force (used-up ones are gone). */
  get size(): number {
    return this.active.length;
  }

  /** The fault that hits this call, if any, counting it against the fault's `count`. */
  take(method: string, args: Record<string, any>): Fault | undefined {
    const i = this.active.findIndex((f) => (f.method === '*' || f.method === method) && (!f.match || f.match(args)));
    if (i < 0) return undefined;
    const fault = this.active[i]!;
    if (--fault.left <= 0) this.active.splice(i, 1);
    return fault;
  }
}

type Handler = (args: Record<string, any>, call: RecordedCall) => Record<string, any>;

export class FakeSlack {
  readonly apiUrl: string;
  readonly calls: RecordedCall[] = [];
  readonly violations: string[] = [];
  readonly socket: FakeSocketMode;
  readonly faults = new Faults();
  private readonly baseUrl: string;
  private readonly users = new Map<string, FakeUser>();
  private readonly overrides = new Map<string, Handler>();
  private readonly uploadNames = new Map<string, string>();
  private counter = 0;
  private readonly startSec = Math.floor(Date.now() / 1000);

  private constructor(private readonly server: Server) {
    const { port } = server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}/`;
    this.apiUrl = `${this.baseUrl}api/`;
    this.socket = new FakeSocketMode(server, this.violations);
  }

  static async start(): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req, res).catch((err) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(String(err?.stack ?? err));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake = new FakeSlack(server);
    return fake;
  }

  callsTo(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  addUser(u: FakeUser): void {
    this.users.set(u.id, u);
  }

  /** The next `times` calls to `method` (also 'response_url', 'file_upload') answer with `failure`. */
  failNext(method: string, failure: Failure, times = 1): void {
    this.faults.set({ method, ...failure, count: times });
  }

  /** Replaces the answer for one method (e.g. an archived channel); cleared by reset(). */
  onCall(method: string, handler: Handler): void {
    this.overrides.set(method, handler);
  }

  /** A response_url on this server; POSTs to it are recorded as method 'response_url'. */
  responseUrl(id = String(++this.counter)): string {
    return `${this.baseUrl}response/${encodeURIComponent(id)}`;
  }

  reset(): void {
    this.calls.length = 0;
    this.violations.length = 0;
    this.faults.clear();
    this.overrides.clear();
    this.socket.reset();
  }

  async close(): Promise<void> {
    await this.socket.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      // undici (fetch) keeps idle keep-alive sockets open; without this close() waits for them.
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const raw = await readBody(req);
    const [, kind, rest = ''] = url.pathname.match(/^\/(api|response|upload)\/(.*)$/) ?? [];
    if (req.method !== 'POST' || !kind) {
      res.writeHead(404).end('not found');
      return;
    }
    const contentType = String(req.headers['content-type'] ?? '');
    let method: string;
    let args: Record<string, any>;
    if (kind === 'api') {
      method = decodeURIComponent(rest);
      args = { ...decodeFields(Object.fromEntries(url.searchParams)), ...(await parseBody(raw, contentType, url)) };
    } else if (kind === 'response') {
      method = 'response_url';
      // Slack reads response_url bodies as JSON whatever the content-type says.
      const asForm = contentType.includes('x-www-form-urlencoded');
      args = { ...(await parseBody(raw, asForm ? contentType : 'application/json', url)), _url: url.href };
    } else {
      method = 'file_upload';
      const file_id = decodeURIComponent(rest);
      // The multipart part is always named 'Untitled'; the real name came with getUploadURLExternal.
      args = { file_id, filename: this.uploadNames.get(file_id), ...(await parseUpload(raw, contentType, url)) };
    }
    const auth = String(req.headers.authorization ?? '');
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : typeof args.token === 'string' ? args.token : undefined;
    delete args.token;
    const call: RecordedCall = { method, args, token, at: Date.now() };
    this.calls.push(call);
    for (const v of slackLimitViolations(method, args)) this.violations.push(`${method}: ${v}`);

    const fault = this.faults.take(method, args);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.drop) {
      call.failed = true;
      call.error = 'timeout';
      req.socket.destroy();
      return;
    }
    const answer = (status: number, headers: Record<string, string>, body: string) => {
      call.answeredAt = Date.now();
      if (req.socket.destroyed) call.callerGone = true;
      res.writeHead(status, headers).end(body);
    };
    if (fault && (fault.status !== undefined || fault.error !== undefined || fault.retryAfter !== undefined)) {
      call.failed = true;
      const status = fault.status ?? (fault.retryAfter !== undefined ? 429 : 200);
      call.error = fault.error ?? (status === 429 ? 'ratelimited' : status === 200 ? 'fatal_error' : `http_${status}`);
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (status === 429) headers['retry-after'] = String(fault.retryAfter ?? 1);
      answer(status, headers, JSON.stringify({ ok: false, error: call.error }));
      return;
    }
    if (kind === 'upload') {
      answer(200, { 'content-type': 'text/plain' }, `OK - ${raw.length}`);
      return;
    }
    const body = this.overrides.get(method)?.(args, call) ?? this.answer(method, args);
    if (body.ok === false) {
      call.failed = true;
      call.error = body.error;
    } else call.reply = body;
    answer(200, { 'content-type': 'application/json' }, JSON.stringify(body));
  }

  private answer(method: string, args: Record<string, any>): Record<string, any> {
    const n = ++this.counter;
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://test.slack.com/', team: 'Test', user: 'mentorbot', team_id: 'T1', user_id: 'UBOT', bot_id: 'BBOT', is_enterprise_install: false };
      case 'users.info': {
        const u = this.users.get(String(args.user));
        return u ? { ok: true, user: userInfo(u) } : { ok: false, error: 'user_not_found' };
      }
      case 'conversations.open': {
        const first = String(args.users ?? '').split(',')[0] ?? '';
        return { ok: true, channel: { id: args.channel ?? `D${first}` } };
      }
      case 'conversations.info':
        return { ok: true, channel: { id: args.channel, name: 'general', is_channel: true, is_archived: false, is_member: false } };
      case 'chat.postMessage': {
        // Posting to a user ID lands in the bot's DM with them, as on Slack.
        const channel = /^[UW]/.test(String(args.channel)) ? `D${args.channel}` : args.channel;
        const ts = this.ts(n);
        return { ok: true, channel, ts, message: { type: 'message', user: 'UBOT', bot_id: 'BBOT', text: args.text, blocks: args.blocks, ts } };
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text };
      case 'chat.postEphemeral':
        return { ok: true, message_ts: this.ts(n) };
      case 'chat.scheduleMessage':
        return { ok: true, channel: args.channel, scheduled_message_id: `Q${n}`, post_at: Number(args.post_at) };
      case 'views.open':
      case 'views.push':
      case 'views.update':
      case 'views.publish': {
        const id = method === 'views.update' && args.view_id ? args.view_id : `V${n}`;
        return { ok: true, view: { id, team_id: 'T1', app_id: 'A1', bot_id: 'BBOT', hash: `h${n}`, ...args.view, state: { values: {} } } };
      }
      case 'files.getUploadURLExternal':
        this.uploadNames.set(`F${n}`, args.filename);
        return { ok: true, upload_url: `${this.baseUrl}upload/F${n}`, file_id: `F${n}` };
      case 'files.completeUploadExternal': {
        const files: any[] = Array.isArray(args.files) ? args.files : [];
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title })) };
      }
      case 'apps.connections.open':
        return { ok: true, url: `${this.baseUrl.replace(/^http/, 'ws')}socket` };
      default:
        return { ok: true };
    }
  }

  /** Unique, increasing message timestamps in Slack's 'seconds.micros' shape. */
  private ts(n: number): string {
    return `${this.startSec}.${String(n).padStart(6, '0')}`;
  }
}

function userInfo(u: FakeUser): Record<string, any> {
  const tz = u.tz ?? 'America/Los_Angeles'; // Slack's default for new accounts
  const name = u.name ?? u.id.toLowerCase();
  const realName = u.real_name ?? name;
  return {
    id: u.id, team_id: u.team_id ?? 'T1', name, real_name: realName, deleted: u.deleted ?? false,
    tz, tz_label: tzPart(tz, 'long'), tz_offset: tzOffsetSeconds(tz),
    is_admin: u.is_admin ?? false, is_owner: u.is_owner ?? false, is_bot: u.is_bot ?? false,
    is_restricted: u.is_restricted ?? false, is_ultra_restricted: u.is_ultra_restricted ?? false,
    ...(u.is_stranger ? { is_stranger: true } : {}),
    profile: { real_name: realName, display_name: name },
  };
}

function tzPart(tz: string, timeZoneName: 'long' | 'longOffset'): string {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName }).formatToParts(new Date());
  return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
}

/** Current offset like Slack's tz_offset (seconds east of UTC, so it changes with DST). */
function tzOffsetSeconds(tz: string): number {
  const m = tzPart(tz, 'longOffset').match(/GMT([+-])(\d{2}):(\d{2})/); // plain 'GMT' for UTC
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 3600 + Number(m[3]) * 60) : 0;
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** Form fields arrive as strings; web-api JSON-encodes objects and arrays, so decode those back. */
function decodeFields(fields: Record<string, any>): Record<string, any> {
  const out: Record<string, any> = {};
  for (const [k, v] of Object.entries(fields)) {
    out[k] = v;
    if (typeof v === 'string' && /^\s*[[{]/.test(v)) {
      try {
        out[k] = JSON.parse(v);
      } catch {
        // not JSON after all (e.g. text starting with '['): keep the string
      }
    }
  }
  return out;
}

async function parseBody(raw: Buffer, contentType: string, url: URL): Promise<Record<string, any>> {
  if (raw.length === 0) return {};
  if (contentType.includes('application/json')) return JSON.parse(raw.toString('utf8'));
  if (contentType.includes('multipart/form-data')) {
    const form = await new Request(url, { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
    const fields: Record<string, any> = {};
    for (const [k, v] of form) fields[k] = typeof v === 'string' ? v : await v.text();
    return decodeFields(fields);
  }
  return decodeFields(Object.fromEntries(new URLSearchParams(raw.toString('utf8'))));
}

/**
 * web-api uploads a Buffer as multipart field 'body': record the file content as text (`body`),
 * as bytes (`bytes`, for binary files such as PNG images) and the raw body.
 */
async function parseUpload(raw: Buffer, contentType: string, url: URL): Promise<Record<string, any>> {
  const text = raw.toString('utf8');
  if (!contentType.includes('multipart/form-data')) return { body: text, bytes: raw, raw: text };
  const form = await new Request(url, { method: 'POST', headers: { 'content-type': contentType }, body: raw }).formData();
  const file = form.get('body');
  if (typeof file === 'string') return { body: file, bytes: Buffer.from(file, 'utf8'), raw: text };
  if (!file) return { body: text, bytes: raw, raw: text };
  const bytes = Buffer.from(await file.arrayBuffer());
  return { body: bytes.toString('utf8'), bytes, raw: text };
}
