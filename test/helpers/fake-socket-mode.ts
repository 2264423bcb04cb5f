// Socket Mode side of the fake Slack. @slack/socket-mode 3 (used by Bolt 5) connects like this:
//   1. POST apps.connections.open with the xapp- token (answered by fake-slack.ts with ws://.../socket)
//   2. opens that URL with undici's WebSocket; start() resolves only when the server sends
//      {type:'hello'} — so we send it on every connection, shaped exactly like Slack's.
//   3. pings the server every clientPingTimeout/3 ms and disconnects after 4 unanswered pings;
//      `ws` answers pings with pongs automatically, so we need nothing for that.
//   4. acks an envelope by sending {envelope_id, payload} (a string ack becomes {text}).
// {type:'disconnect'} makes the client drop the socket and reconnect through step 1.
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import { WebSocketServer, WebSocket } from 'ws';
import { slackLimitViolations } from './slack-limits.ts';

export type EnvelopeType = 'slash_commands' | 'interactive' | 'events_api';

export interface SocketAck {
  envelope_id: string;
  payload?: any;
}

export interface SendOptions {
  /** Reject if the app has not acked by then (Slack itself gives up after 3 s). Default 5000. */
  timeoutMs?: number;
  envelopeId?: string;
  retryAttempt?: number;
  retryReason?: string;
}

export class FakeSocketMode {
  /** Every JSON message the app sent over the socket (acks), in order. */
  readonly received: any[] = [];
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private connectionWaiters: Array<() => void> = [];
  private readonly pendingAcks = new Map<string, (ack: SocketAck) => void>();

  /** `violations` is the FakeSlack's list: acks carrying blocks/views are checked like API calls. */
  constructor(server: Server, private readonly violations: string[]) {
    this.wss = new WebSocketServer({ server, path: '/socket' });
    this.wss.on('connection', (ws) => this.onConnection(ws));
  }

  /** Number of open sockets (Bolt keeps one; a reconnect briefly shows the old one closing). */
  get connectionCount(): number {
    return [...this.sockets].filter((s) => s.readyState === WebSocket.OPEN).length;
  }

  /** Resolves once an app is connected (immediately if one already is). */
  waitForConnection(timeoutMs = 5000): Promise<void> {
    if (this.connectionCount > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('fake Slack: no Socket Mode connection')), timeoutMs);
      this.connectionWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  /**
   * Delivers one envelope to the most recently connected app and resolves with its ack.
   * events_api payloads are the whole event_callback body (see eventPayload()).
   */
  send(type: EnvelopeType, payload: object, opts: SendOptions = {}): Promise<SocketAck> {
    const ws = [...this.sockets].reverse().find((s) => s.readyState === WebSocket.OPEN);
    if (!ws) return Promise.reject(new Error('fake Slack: no Socket Mode connection to send to'));
    const envelope_id = opts.envelopeId ?? randomUUID();
    const timeoutMs = opts.timeoutMs ?? 5000;
    const envelope = {
      envelope_id,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      retry_attempt: opts.retryAttempt ?? 0,
      retry_reason: opts.retryReason ?? '',
    };
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingAcks.delete(envelope_id);
        reject(new Error(`fake Slack: no ack for ${type} envelope ${envelope_id} within ${timeoutMs} ms`));
      }, timeoutMs);
      this.pendingAcks.set(envelope_id, (ack) => {
        clearTimeout(timer);
        if (ack.payload !== undefined && type !== 'events_api') {
          for (const v of slackLimitViolations('socket_ack', ack.payload)) this.violations.push(`ack(${type}): ${v}`);
        }
        resolve(ack);
      });
      ws.send(JSON.stringify(envelope), (err) => {
        if (!err) return;
        clearTimeout(timer);
        this.pendingAcks.delete(envelope_id);
        reject(err);
      });
    });
  }

  /** Asks connected apps to reconnect, as Slack does when it recycles a server. */
  requestReconnect(reason = 'refresh_requested'): void {
    const msg = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'fake' } });
    for (const ws of this.sockets) if (ws.readyState === WebSocket.OPEN) ws.send(msg);
  }

  /** Forgets recorded acks (FakeSlack.reset calls this); connections stay open. */
  reset(): void {
    this.received.length = 0;
  }

  /**
   * Closes sockets with a proper close handshake first: Bolt's app.stop() does not wait for the
   * client's close, and a client whose close frame is never answered keeps a 30 s timer alive.
   */
  async close(): Promise<void> {
    const closing = [...this.sockets].map(
      (ws) =>
        new Promise<void>((resolve) => {
          if (ws.readyState === WebSocket.CLOSED) return resolve();
          const timer = setTimeout(() => {
            ws.terminate();
            resolve();
          }, 1000);
          ws.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
          if (ws.readyState === WebSocket.OPEN) ws.close(1001, 'fake Slack shutting down');
        }),
    );
    await Promise.all(closing);
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(ws: WebSocket): void {
    this.sockets.add(ws);
    ws.on('close', () => this.sockets.delete(ws));
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let msg: any;
      try {
        msg = JSON.parse(data.toString());
      } catch {
        return; // the real client only sends JSON; ignore anything else like Slack would
      }
      this.received.push(msg);
      const waiter = typeof msg?.envelope_id === 'string' ? this.pendingAcks.get(msg.envelope_id) : undefined;
      if (waiter) {
        this.pendingAcks.delete(msg.envelope_id);
        waiter({ envelope_id: msg.envelope_id, payload: msg.payload });
      }
    });
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: 1,
        debug_info: { host: 'fake', approximate_connection_time: 18060 },
        connection_info: { app_id: 'A1' },
      }),
    );
    const waiters = this.connectionWaiters;
    this.connectionWaiters = [];
    for (const w of waiters) w();
  }
}
