import type { KindResult, LoadResult, LoadSpec } from './load-worker.ts';
import { KINDS } from './workload.ts';
import { startTsWorker } from './threads.ts';

export type { LoadResult, LoadSpec } from './load-worker.ts';

/**
 * Runs one load (see load-worker.ts) on a fresh worker thread and returns what it measured.
 * `onStarted` runs when the generator starts its clock (warm-up, then the measured window).
 */
export function runLoad(spec: LoadSpec, onStarted?: () => void): Promise<LoadResult> {
  const worker = startTsWorker(new URL('./load-worker.ts', import.meta.url), spec);
  return new Promise((resolve, reject) => {
    worker.on('message', (msg: LoadResult | { started: true }) => {
      if ('started' in msg) return onStarted?.();
      resolve(msg);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`load generator exited with code ${code} before reporting`)));
  });
}

/** Several loads as one: latencies and counts together, windows added up. */
export function mergeResults(results: LoadResult[]): LoadResult {
  const merge = (parts: KindResult[]): KindResult => {
    const failures: Record<string, number> = {};
    for (const p of parts) for (const [k, n] of Object.entries(p.failures)) failures[k] = (failures[k] ?? 0) + n;
    const latencies = new Float64Array(parts.reduce((n, p) => n + p.latencies.length, 0));
    parts.reduce((offset, p) => (latencies.set(p.latencies, offset), offset + p.latencies.length), 0);
    const sample = parts.find((p) => p.badBodySample)?.badBodySample;
    return { latencies, ok: parts.reduce((n, p) => n + p.ok, 0), failures, badBodies: parts.reduce((n, p) => n + p.badBodies, 0), ...(sample ? { badBodySample: sample } : {}) };
  };
  return {
    kinds: Object.fromEntries(KINDS.map((k) => [k, merge(results.map((r) => r.kinds[k]))])) as LoadResult['kinds'],
    windowMs: results.reduce((n, r) => n + r.windowMs, 0),
    warmupRequests: results.reduce((n, r) => n + r.warmupRequests, 0),
    elu: results.reduce((n, r) => n + r.elu, 0) / Math.max(1, results.length),
  };
}
