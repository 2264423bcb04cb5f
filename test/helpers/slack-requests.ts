// Builds the requests Slack sends to an app, signed like Slack signs them, for Bolt's
// HTTPReceiver (<base>/slack/events). The payload builders are exported on their own so Socket
// Mode tests can send the very same bodies as envelopes via fake.socket.send(type, payload).
// Shapes follow Slack's documented payloads, trimmed to the fields Bolt and our code read.
import { createHmac, randomUUID } from 'node:crypto';

const APP_ID = 'A1';
const VERIFICATION_TOKEN = 'legacy-verification-token'; // Slack still sends it; Bolt ignores it

let seq = 0;
const next = () => ++seq;
/** Unique trigger ids in Slack's 'n.n.hex' shape; each one is meant to be used once. */
const triggerId = () => `${Date.now()}.${next()}.${randomUUID().replace(/-/g, '')}`;
/** Now in Unix seconds, as Slack's X-Slack-Request-Timestamp carries it. */
export const nowSec = () => Math.floor(Date.now() / 1000);

/** Slack's request signature: 'v0=' + hex HMAC-SHA256 of `v0:<timestamp>:<raw body>`. */
export function signBody(secret: string, body: string, timestamp: number): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SlackResponse {
  status: number;
  text: string;
  /** The parsed body, or undefined when it is not JSON (e.g. a plain-text ack or an empty 200). */
  json: any;
}

export interface PostOptions {
  /** Unix seconds to sign with; default now. Bolt rejects timestamps over 5 minutes old. */
  timestamp?: number;
  /** Send this X-Slack-Signature instead of the correct one. */
  signature?: string;
  /** Send no signature headers at all. */
  unsigned?: boolean;
  /** Extra headers, e.g. { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' }. */
  headers?: Record<string, string>;
}

export interface SlackRequester {
  post(body: string, contentType: string, opts?: PostOptions): Promise<SlackResponse>;
}

export interface CommandParams {
  text: string;
  user_id: string;
  user_name?: string;
  team_id?: string;
  command?: string;
  trigger_id?: string;
  response_url?: string;
  channel_id?: string;
  channel_name?: string;
}

export interface BlockActionParams {
  user_id: string;
  team_id?: string;
  /** Extra fields (type, selected_date, selected_options...) are passed through as given. */
  actions: Array<{ action_id: string; value?: string; block_id?: string; selected_option?: any; [k: string]: any }>;
  view?: any;
  container?: any;
  channel_id?: string;
  message?: any;
  response_url?: string;
  trigger_id?: string;
}

export interface ViewSubmissionParams {
  user_id: string;
  team_id?: string;
  callback_id: string;
  private_metadata?: string;
  /** view.state.values: { [block_id]: { [action_id]: { type, value | selected_* } } } */
  values: Record<string, Record<string, any>>;
  view_id?: string;
  blocks?: any[];
}

export interface EventParams {
  team_id?: string;
  event: Record<string, any>;
  event_id?: string;
}

/** A slash command as form fields (strings only, like Slack sends them). */
export function commandPayload(p: CommandParams): Record<string, string> {
  const team_id = p.team_id ?? 'T1';
  return {
    token: VERIFICATION_TOKEN,
    team_id,
    team_domain: 'test',
    channel_id: p.channel_id ?? 'C1',
    channel_name: p.channel_name ?? 'general',
    user_id: p.user_id,
    user_name: p.user_name ?? p.user_id.toLowerCase(),
    command: p.command ?? '/mentor',
    text: p.text,
    api_app_id: APP_ID,
    is_enterprise_install: 'false',
    response_url: p.response_url ?? `https://hooks.slack.com/commands/${team_id}/${next()}/fake`,
    trigger_id: p.trigger_id ?? triggerId(),
  };
}

export function blockActionPayload(p: BlockActionParams): Record<string, any> {
  const team_id = p.team_id ?? 'T1';
  const channel = p.channel_id ? { id: p.channel_id, name: 'general' } : undefined;
  const container =
    p.container ??
    (p.view
      ? { type: 'view', view_id: p.view.id }
      : { type: 'message', message_ts: p.message?.ts, channel_id: p.channel_id, is_ephemeral: false });
  const action_ts = `${nowSec()}.${String(next()).padStart(6, '0')}`;
  return {
    type: 'block_actions',
    user: { id: p.user_id, username: p.user_id.toLowerCase(), name: p.user_id.toLowerCase(), team_id },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    container,
    trigger_id: p.trigger_id ?? triggerId(),
    team: { id: team_id, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    ...(channel && { channel }),
    ...(p.message && { message: p.message }),
    ...(p.view && { view: p.view }),
    ...(p.response_url && { response_url: p.response_url }),
    actions: p.actions.map((a) => ({
      type: a.selected_option ? 'static_select' : 'button',
      block_id: a.block_id ?? `block_${a.action_id}`,
      action_ts,
      ...a,
    })),
  };
}

export function viewSubmissionPayload(p: ViewSubmissionParams): Record<string, any> {
  const team_id = p.team_id ?? 'T1';
  const id = p.view_id ?? `V${next()}`;
  return {
    type: 'view_submission',
    team: { id: team_id, domain: 'test' },
    user: { id: p.user_id, username: p.user_id.toLowerCase(), name: p.user_id.toLowerCase(), team_id },
    api_app_id: APP_ID,
    token: VERIFICATION_TOKEN,
    trigger_id: triggerId(),
    view: {
      id,
      team_id,
      type: 'modal',
      blocks: p.blocks ?? [],
      private_metadata: p.private_metadata ?? '',
      callback_id: p.callback_id,
      state: { values: p.values },
      hash: `${nowSec()}.h${next()}`,
      title: { type: 'plain_text', text: 'Modal' },
      clear_on_close: false,
      notify_on_close: false,
      close: null,
      submit: { type: 'plain_text', text: 'Submit' },
      previous_view_id: null,
      root_view_id: id,
      app_id: APP_ID,
      external_id: '',
      app_installed_team_id: team_id,
      bot_id: 'BBOT',
    },
    response_urls: [],
    is_enterprise_install: false,
    enterprise: null,
  };
}

/** An event_callback envelope (the body Slack POSTs, and the payload of an events_api envelope). */
export function eventPayload(p: EventParams): Record<string, any> {
  const team_id = p.team_id ?? 'T1';
  const event_time = nowSec();
  return {
    token: VERIFICATION_TOKEN,
    team_id,
    api_app_id: APP_ID,
    event: { event_ts: `${event_time}.${String(next()).padStart(6, '0')}`, ...p.event },
    type: 'event_callback',
    event_id: p.event_id ?? `Ev${Date.now().toString(36).toUpperCase()}${next()}`,
    event_time,
    authorizations: [{ enterprise_id: null, team_id, user_id: 'UBOT', is_bot: true, is_enterprise_install: false }],
    is_ext_shared_channel: false,
  };
}

/**
 * A client for the app's HTTP endpoint. `baseUrl` is the server root (http://127.0.0.1:PORT) or
 * the full endpoint URL; everything goes to /slack/events, Bolt's default for all payload types.
 */
export function slackRequester(baseUrl: string, signingSecret: string) {
  const endpoint = /\/slack\/[^/]+$/.test(baseUrl) ? baseUrl : `${baseUrl.replace(/\/$/, '')}/slack/events`;

  const post = async (body: string, contentType: string, opts: PostOptions = {}): Promise<SlackResponse> => {
    const timestamp = opts.timestamp ?? nowSec();
    const headers: Record<string, string> = { 'content-type': contentType, ...opts.headers };
    if (!opts.unsigned) {
      headers['x-slack-request-timestamp'] = String(timestamp);
      headers['x-slack-signature'] = opts.signature ?? signBody(signingSecret, body, timestamp);
    }
    const res = await fetch(endpoint, { method: 'POST', headers, body });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, text, json };
  };

  const form = (fields: Record<string, string>, opts?: PostOptions) =>
    post(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', opts);
  // Interactive payloads are a single form field `payload` holding JSON, as Slack sends them.
  const interactive = (payload: object, opts?: PostOptions) => form({ payload: JSON.stringify(payload) }, opts);

  const requester = {
    post,
    command: (p: CommandParams, opts?: PostOptions) => form(commandPayload(p), opts),
    blockAction: (p: BlockActionParams, opts?: PostOptions) => interactive(blockActionPayload(p), opts),
    viewSubmission: (p: ViewSubmissionParams, opts?: PostOptions) => interactive(viewSubmissionPayload(p), opts),
    event: (p: EventParams, opts?: PostOptions) => post(JSON.stringify(eventPayload(p)), 'application/json', opts),
  };
  return requester satisfies SlackRequester;
}

export type SlackHttpRequester = ReturnType<typeof slackRequester>;
