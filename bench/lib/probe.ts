// What one interaction costs, measured unloaded (one request at a time): its ack time, the
// database queries it runs before and after the ack, and its Web API calls. Queries are seen by
// a Kysely plugin on the bot's own database handle, off except while probing.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import http, { type Server } from 'node:http';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { FakeSlackThread } from './fake-host.ts';
import { ACTORS, bodyFor, KINDS, signedHeaders, type Kind } from './workload.ts';

/** "select members", "insert sessions", …: the statement and its first table. */
function label(node: RootOperationNode): string {
  const n = node as any;
  const table = n.from?.froms?.[0]?.table?.identifier?.name ?? n.into?.table?.identifier?.name ?? n.table?.table?.identifier?.name ?? '';
  return `${String(node.kind).replace(/QueryNode$/, '').replace('Raw', 'raw').toLowerCase()} ${table}`.trim();
}

export class QueryCounter implements KyselyPlugin {
  enabled = false;
  count = 0;
  readonly byLabel = new Map<string, { n: number; ms: number }>();
  private readonly started = new WeakMap<object, { label: string; at: number }>();

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (this.enabled) {
      this.count += 1;
      this.started.set(queryId, { label: label(node), at: performance.now() });
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const s = this.started.get(queryId);
    if (s) {
      const entry = this.byLabel.get(s.label) ?? { n: 0, ms: 0 };
      entry.n += 1;
      entry.ms += performance.now() - s.at;
      this.byLabel.set(s.label, entry);
    }
    return result;
  }

  reset(): void {
    this.count = 0;
    this.byLabel.clear();
  }
}

/** The same handle with the counter plugged into its Kysely instance. */
export function counted(handle: DatabaseHandle, counter: QueryCounter): DatabaseHandle {
  return { ...handle, db: handle.db.withPlugin(counter) };
}

function post(url: string, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers: signedHeaders(body), agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end(body);
  });
}

export interface InteractionCost {
  kind: Kind;
  ackMs: number;
  queriesBeforeAck: number;
  queriesAfterAck: number;
  webApi: Record<string, number>;
  /** Query label → count and summed time, over all rounds. */
  queries: Map<string, { n: number; ms: number }>;
}

/**
 * `rounds` of each kind, one request at a time; medians for times, per-request counts. With the
 * bot's HTTP server at hand, "before the ack" is read when the ack is written, not when it arrives.
 */
export async function probe(
  url: string,
  pairId: number,
  heldOn: string,
  counter: QueryCounter,
  fake: FakeSlackThread,
  server?: Server,
  rounds = 5,
  kinds: readonly Kind[] = KINDS,
): Promise<InteractionCost[]> {
  const costs: InteractionCost[] = [];
  let atAck: number | undefined;
  const onRequest = (_req: http.IncomingMessage, res: http.ServerResponse) => {
    const end = res.end.bind(res) as (...args: unknown[]) => http.ServerResponse;
    res.end = ((...args: unknown[]) => {
      atAck ??= counter.count;
      return end(...args);
    }) as typeof res.end;
  };
  server?.prependListener('request', onRequest);
  counter.enabled = true;
  try {
    for (const kind of kinds) {
      const acks: number[] = [];
      let before = 0;
      let after = 0;
      const queries = new Map<string, { n: number; ms: number }>();
      await fake.reset();
      for (let i = 0; i < rounds; i++) {
        counter.reset();
        atAck = undefined;
        const body = bodyFor(kind, ACTORS[i % ACTORS.length]!, pairId, heldOn);
        const t = performance.now();
        const status = await post(url, body);
        acks.push(performance.now() - t);
        if (status !== 200) throw new Error(`probe: ${kind} answered ${status}`);
        before += atAck ?? counter.count;
        await fake.settle(150);
        after += counter.count;
        for (const [k, v] of counter.byLabel) {
          const e = queries.get(k) ?? { n: 0, ms: 0 };
          queries.set(k, { n: e.n + v.n, ms: e.ms + v.ms });
        }
      }
      const { byMethod } = await fake.counts();
      acks.sort((a, b) => a - b);
      costs.push({
        kind,
        ackMs: acks[Math.floor(acks.length / 2)]!,
        queriesBeforeAck: before / rounds,
        queriesAfterAck: (after - before) / rounds,
        webApi: Object.fromEntries(Object.entries(byMethod).map(([m, n]) => [m, n / rounds])),
        queries,
      });
    }
  } finally {
    counter.enabled = false;
    server?.off('request', onRequest);
  }
  return costs;
}
