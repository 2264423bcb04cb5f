// The load generator, on its own thread: N slots each send one signed request at a time over
// keep-alive connections and time send → response (the ack).
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { ACTORS, ackLooksRight, bodyFor, KINDS, signedHeaders, type Kind } from './workload.ts';

export interface LoadSpec {
  /** http://127.0.0.1:PORT/slack/events */
  url: string;
  concurrency: number;
  pairId: number;
  heldOn: string;
  /**
   * mix: status / log command + submission for durationMs after warmupMs; admin_status: only the
   * admin's `/mentor status`, for durationMs after warmupMs; sessions: `count` submissions.
   */
  mode: 'mix' | 'admin_status' | 'sessions';
  durationMs?: number;
  warmupMs?: number;
  count?: number;
  /** Check the ack bodies are the bot's real answers (off for the bare app). */
  checkBodies: boolean;
  timeoutMs?: number;
}

export interface KindResult {
  latencies: Float64Array;
  ok: number;
  /** 'http 500', 'timeout', 'ECONNRESET', …: count */
  failures: Record<string, number>;
  badBodies: number;
  badBodySample?: string;
}

export interface LoadResult {
  kinds: Record<Kind, KindResult>;
  windowMs: number;
  warmupRequests: number;
  /** Event-loop utilization of the load generator over the window. */
  elu: number;
}

const spec = workerData as LoadSpec;
const target = new URL(spec.url);
const agent = new http.Agent({ keepAlive: true, maxSockets: spec.concurrency, maxFreeSockets: spec.concurrency });

function post(body: string): Promise<{ status: number; text: string }> {
  const headers = signedHeaders(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: target.hostname, port: target.port, path: target.pathname, method: 'POST', agent, headers, timeout: spec.timeoutMs ?? 10_000 },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(Object.assign(new Error('timeout'), { code: 'timeout' })));
    req.on('error', reject);
    req.end(body);
  });
}

const samples: Record<Kind, number[]> = { status: [], log_command: [], log_submit: [], admin_status: [] };
const results = Object.fromEntries(KINDS.map((k) => [k, { ok: 0, failures: {}, badBodies: 0 }])) as Record<Kind, Omit<KindResult, 'latencies'>>;
const t0 = performance.now();
parentPort!.postMessage({ started: true });
const timed = spec.mode !== 'sessions';
const warmupEnd = t0 + (timed ? spec.warmupMs ?? 0 : 0);
const deadline = timed ? warmupEnd + (spec.durationMs ?? 0) : Infinity;
let warmupRequests = 0;
let eluStart = performance.eventLoopUtilization();
let eluTaken = false;

/** One request; false when it failed (the caller skips the rest of its flow). */
async function one(kind: Kind, userId: string): Promise<boolean> {
  const body = bodyFor(kind, userId, spec.pairId, spec.heldOn);
  const started = performance.now();
  let failure: string | undefined;
  let text = '';
  try {
    const res = await post(body);
    text = res.text;
    if (res.status !== 200) failure = `http ${res.status}`;
  } catch (error) {
    failure = String((error as NodeJS.ErrnoException).code ?? (error as Error).message);
  }
  const done = performance.now();
  if (!eluTaken && done >= warmupEnd) {
    eluStart = performance.eventLoopUtilization();
    eluTaken = true;
  }
  if (done < warmupEnd) {
    warmupRequests += 1;
    return failure === undefined;
  }
  if (done > deadline) return false;
  const r = results[kind];
  if (failure !== undefined) {
    r.failures[failure] = (r.failures[failure] ?? 0) + 1;
    return false;
  }
  r.ok += 1;
  samples[kind].push(done - started);
  if (spec.checkBodies && !ackLooksRight(kind, text)) {
    r.badBodies += 1;
    r.badBodySample ??= text.slice(0, 300);
  }
  return true;
}

async function mixSlot(slot: number): Promise<void> {
  for (let k = slot; performance.now() < deadline; k++) {
    const user = ACTORS[Math.floor(k / 2) % ACTORS.length]!;
    if (k % 2 === 0) await one('status', user);
    else if (await one('log_command', user)) {
      if (performance.now() < deadline) await one('log_submit', user);
    }
  }
}

async function adminStatusSlot(): Promise<void> {
  while (performance.now() < deadline) await one('admin_status', ACTORS[0]!);
}

let issued = 0;
async function sessionSlot(): Promise<void> {
  while (issued < (spec.count ?? 0)) {
    const n = issued++;
    await one('log_submit', ACTORS[n % ACTORS.length]!);
  }
}

const slot = { mix: mixSlot, admin_status: adminStatusSlot, sessions: sessionSlot }[spec.mode];
const slots = Array.from({ length: spec.concurrency }, (_, i) => slot(i));
await Promise.all(slots);
const elu = performance.eventLoopUtilization(eluStart).utilization;
const end = timed ? deadline : performance.now();
agent.destroy();

const kinds = Object.fromEntries(KINDS.map((k) => [k, { ...results[k], latencies: Float64Array.from(samples[k]) }])) as Record<Kind, KindResult>;
const result: LoadResult = { kinds, windowMs: end - warmupEnd, warmupRequests, elu };
parentPort!.postMessage(result);
