import { KINDS, KIND_LABEL, type Kind } from './workload.ts';
import type { KindResult, LoadResult } from './load-worker.ts';

export interface Summary {
  requests: number;
  rps: number;
  p50: number;
  p90: number;
  p99: number;
  max: number;
  failures: number;
  failureKinds: Record<string, number>;
  badBodies: number;
}

/** Nearest-rank percentile of an ascending array. */
function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function summarizeOf(parts: KindResult[], windowMs: number): Summary {
  const all = new Float64Array(parts.reduce((n, p) => n + p.latencies.length, 0));
  let offset = 0;
  for (const p of parts) {
    all.set(p.latencies, offset);
    offset += p.latencies.length;
  }
  all.sort();
  const failureKinds: Record<string, number> = {};
  for (const p of parts) for (const [k, n] of Object.entries(p.failures)) failureKinds[k] = (failureKinds[k] ?? 0) + n;
  return {
    requests: all.length,
    rps: all.length / (windowMs / 1000),
    p50: percentile(all, 50),
    p90: percentile(all, 90),
    p99: percentile(all, 99),
    max: all.length ? all[all.length - 1]! : NaN,
    failures: Object.values(failureKinds).reduce((a, b) => a + b, 0),
    failureKinds,
    badBodies: parts.reduce((n, p) => n + p.badBodies, 0),
  };
}

export function summarize(result: LoadResult, kind?: Kind): Summary {
  return summarizeOf(kind ? [result.kinds[kind]] : KINDS.map((k) => result.kinds[k]), result.windowMs);
}

export const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(1) : v.toFixed(0)) : '-');
export const mb = (kb: number) => `${(kb / 1024).toFixed(0)} MB`;
export const secs = (msValue: number) => `${(msValue / 1000).toFixed(2)} s`;
export const pct = (v: number) => `${(v * 100).toFixed(0)}%`;

/** A fixed-width table: the first column left-aligned, the rest right-aligned. */
export function table(header: string[], rows: string[][], indent = '  '): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => indent + cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)].join('\n');
}

/** Rows for one load: all requests, then each kind that was sent. */
export function loadRows(name: string, result: LoadResult): string[][] {
  const row = (label: string, s: Summary) => [
    label,
    String(s.requests),
    s.rps.toFixed(0),
    ms(s.p50),
    ms(s.p90),
    ms(s.p99),
    ms(s.max),
    s.failures === 0 ? '0' : `${s.failures} (${Object.entries(s.failureKinds).map(([k, n]) => `${k}: ${n}`).join(', ')})`,
    String(s.badBodies),
  ];
  const sent = KINDS.filter((k) => result.kinds[k].ok > 0 || Object.keys(result.kinds[k].failures).length > 0);
  return [row(`${name}: all`, summarize(result)), ...sent.map((k) => row(`  ${KIND_LABEL[k]}`, summarize(result, k)))];
}

export const LOAD_HEADER = ['', 'requests', 'req/s', 'p50 ms', 'p90 ms', 'p99 ms', 'max ms', 'failures', 'bad acks'];
