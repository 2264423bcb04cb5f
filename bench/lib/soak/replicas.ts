// The soak run's handle on one bot replica process (replica.ts, bundled, run by node): start,
// move its clock, trigger a sweep, stop it with SIGTERM or kill it with SIGKILL, start it again.
import { spawn, type ChildProcess } from 'node:child_process';
import { build } from 'esbuild';
import { ROOT } from '../child.ts';
import type { Cleanup } from '../databases.ts';

const CONFIG_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DATABASE_URL', 'DATA_DIR', 'LOG_LEVEL', 'NUDGE_CRON'];

export type SweepOutcome =
  | { kind: 'done'; report: { decided: number; deliveries: number; send: { sent: number; retrying: number; failed: number } } }
  | { kind: 'busy' }
  | { kind: 'error'; message: string };

/**
 * Bundles replica.ts the way `npm run build` bundles the bot (packages stay external) into
 * dist/, so each replica starts on plain node, as `npm start` runs the bot.
 */
export async function buildReplica(): Promise<string> {
  const outfile = 'dist/soak-replica.js';
  await build({ entryPoints: ['bench/lib/soak/replica.ts'], absWorkingDir: ROOT, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', sourcemap: true, outfile, logLevel: 'warning' });
  return outfile;
}

export class Replica {
  private proc: ChildProcess | undefined;
  private exited: Promise<{ code: number | null; signal: string | null }> = Promise.resolve({ code: null, signal: null });
  private readonly output: string[] = [];
  port = 0;
  private control = 0;
  /** Sweeps that ended in an error (e.g. the database closed under them). */
  sweepErrors: string[] = [];
  starts = 0;

  constructor(
    readonly name: string,
    private readonly env: Record<string, string>,
    private readonly cleanup: Cleanup,
    private readonly script: string,
  ) {}

  /** Up and ready: started, not exited, its ports known. */
  get alive(): boolean {
    return this.port > 0 && this.proc !== undefined && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Spawns the replica at simulated instant `at` and waits for its ready line. */
  async start(at: Date): Promise<void> {
    const env: Record<string, string | undefined> = { ...process.env };
    for (const key of CONFIG_KEYS) env[key] = '';
    Object.assign(env, this.env, { PORT: '0', NUDGE_CRON: 'off', SOAK_START_AT: at.toISOString() });
    delete env.NODE_OPTIONS;
    const proc = spawn(process.execPath, ['--enable-source-maps', this.script], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc = proc;
    this.port = 0;
    this.starts += 1;
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    this.cleanup.add(`kill replica ${this.name} (${proc.pid})`, async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await this.exited;
      }
    });
    const ready = new Promise<void>((resolve, reject) => {
      let buffered = '';
      const keep = (chunk: Buffer) => {
        buffered += chunk.toString('utf8');
        const lines = buffered.split('\n');
        buffered = lines.pop() ?? '';
        for (const line of lines.filter(Boolean)) {
          this.output.push(line);
          if (line.includes('"soak replica ready"')) {
            const parsed = JSON.parse(line) as { port: number; control: number };
            this.port = parsed.port;
            this.control = parsed.control;
            resolve();
          }
        }
        if (this.output.length > 300) this.output.splice(0, this.output.length - 300);
      };
      proc.stdout!.on('data', keep);
      proc.stderr!.on('data', keep);
      void this.exited.then((exit) => reject(new Error(`replica ${this.name} exited before it was ready (${JSON.stringify(exit)}):\n${this.tail()}`)));
    });
    await ready;
  }

  tail(lines = 30): string {
    return this.output.slice(-lines).join('\n');
  }

  /** Log lines (pino JSON) whose message contains `text`. */
  logged(text: string): number {
    return this.output.filter((l) => l.includes(text)).length;
  }

  private async post(path: string, at: Date): Promise<Response> {
    return fetch(`http://127.0.0.1:${this.control}${path}?at=${encodeURIComponent(at.toISOString())}`, { method: 'POST' });
  }

  async setClock(at: Date): Promise<void> {
    if (!this.alive) return;
    await this.post('/clock', at).catch(() => undefined);
  }

  async sweep(at: Date): Promise<SweepOutcome> {
    try {
      const res = await this.post('/sweep', at);
      const body = (await res.json()) as any;
      if (res.status === 409) return { kind: 'busy' };
      if (res.status !== 200) {
        this.sweepErrors.push(String(body?.error));
        return { kind: 'error', message: String(body?.error) };
      }
      return { kind: 'done', report: body };
    } catch (error) {
      // The process went away under the request (SIGTERM, SIGKILL).
      const message = `no answer: ${(error as Error).message}`;
      this.sweepErrors.push(message);
      return { kind: 'error', message };
    }
  }

  /** Sends `signal` and waits for the exit (SIGKILL after `timeoutMs`). */
  async signal(signal: 'SIGTERM' | 'SIGKILL', timeoutMs = 30_000): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const started = performance.now();
    this.proc?.kill(signal);
    const timer = setTimeout(() => this.proc?.kill('SIGKILL'), timeoutMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return { ...exit, ms: performance.now() - started };
  }
}
