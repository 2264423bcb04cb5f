// --profile DIR: a CPU profile of the main thread (the bot) over the measured window, saved for
// Chrome DevTools / speedscope, plus a short printed breakdown of where the time went.
import { mkdir, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { join } from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

export async function startProfile(): Promise<() => Promise<Profile>> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  return async () => {
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    session.disconnect();
    return profile;
  };
}

const short = (url: string) => url.replace(/^file:\/\/.*?\/(src|bench|test|node_modules)\//, '$1/').replace(/^node_modules\//, '');

/** Groups a frame: our files by path, packages by name, Node internals by module. */
function group(url: string, fn: string): string {
  const u = short(url);
  if (!u) return fn.startsWith('(') ? fn : '(native)';
  if (u.startsWith('src/') || u.startsWith('bench/') || u.startsWith('test/')) return u;
  if (u.startsWith('node:')) return `node:${u.slice(5).split('/')[0]}`;
  const parts = u.split('/');
  return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

const AREAS: Array<[RegExp, string]> = [
  [/^(kysely)$/, 'Kysely (building/compiling queries)'],
  [/^(pg|pg-protocol|pg-pool|pg-types|postgres-date|postgres-array|postgres-interval|postgres-bytea)$/, 'pg driver (incl. its socket writes)'],
  [/^(@electric-sql\/pglite|wasm:)$/, 'PGlite (WASM PostgreSQL)'],
  [/^(@slack\/web-api|p-retry|retry|p-queue|p-timeout|eventemitter3|axios|form-data|follow-redirects|proxy-from-env|is-stream|is-electron)$/, 'Slack Web API client'],
  [/^(@slack\/bolt|raw-body|tsscmp|@slack\/oauth|@slack\/logger|iconv-lite|bytes)$/, 'Bolt (receive, verify, route, ack)'],
  [/^(date-fns|@date-fns\/tz|src\/domain\/calendar\.ts)$/, 'dates and time zones (calendar.ts, date-fns)'],
  [/^(pino|pino-std-serializers|fast-redact|sonic-boom|thread-stream|on-exit-leak-free)$/, 'logging (pino)'],
  [/^src\//, 'bot code (src/, other)'],
  [/^(bench|test)\//, 'bench instrumentation'],
];

/** The package or file that asked for a sample's work: the nearest non-Node frame on its stack. */
function owner(id: number, byId: Map<number, ProfileNode>, parent: Map<number, number>): string {
  const leaf = byId.get(id)!.callFrame;
  if (['(idle)', '(garbage collector)', '(program)'].includes(leaf.functionName)) return leaf.functionName;
  for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
    const f = byId.get(cur)!.callFrame;
    const g = group(f.url, f.functionName);
    if (g.startsWith('node:') || g.startsWith('(')) continue;
    return AREAS.find(([re]) => re.test(g))?.[1] ?? g;
  }
  return 'Node.js (HTTP server, sockets, timers)';
}

/** Self time by function and total (inclusive) time by file or package, as percentages. */
export function breakdown(profile: Profile, top = 15): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const time = new Map<number, number>();
  profile.samples.forEach((id, i) => time.set(id, (time.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = [...time.values()].reduce((a, b) => a + b, 0) || 1;
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const owners = new Map<string, number>();
  for (const [id, t] of time) {
    const o = owner(id, byId, parent);
    owners.set(o, (owners.get(o) ?? 0) + t);
    const f = byId.get(id)!.callFrame;
    const key = `${f.functionName || '(anonymous)'} ${short(f.url)}${f.url ? `:${f.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + t);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cf = byId.get(cur)!.callFrame;
      const g = group(cf.url, cf.functionName);
      if (g === '(root)' || seen.has(g)) continue;
      seen.add(g);
      inclusive.set(g, (inclusive.get(g) ?? 0) + t);
    }
  }
  const list = (m: Map<string, number>) =>
    [...m].sort((a, b) => b[1] - a[1]).slice(0, top).map(([k, t]) => `    ${((100 * t) / total).toFixed(1).padStart(5)}%  ${k}`).join('\n');
  return [
    `  time by who asked for it (each sample charged to the nearest package or file on its stack):\n${list(owners)}`,
    `  self time, top functions:\n${list(self)}`,
    `  total time by file / package (a sample counts for every file on its stack):\n${list(inclusive)}`,
  ].join('\n');
}

export async function saveProfile(dir: string, name: string, profile: Profile): Promise<string> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `${name}-${process.pid}.cpuprofile`);
  await writeFile(path, JSON.stringify(profile));
  return path;
}
