// The bot as `npm start` runs it, in a child process: the esbuild bundle (`npm run build`) run by
// `node dist/main.js`, so the pid measured is the node process running the bot itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './databases.ts';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const CONFIG_KEYS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN', 'SLACK_API_URL', 'PORT', 'DATABASE_URL', 'DATA_DIR', 'LOG_LEVEL'];

/** The node flags `npm start` uses (read from package.json), so the bench runs the bot exactly so. */
function startNodeFlags(): string[] {
  const start = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';
  return /node\s+(.*?)\s*dist\/main\.js/.exec(start)?.[1]?.split(/\s+/).filter(Boolean) ?? [];
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function healthz(port: number): Promise<number> {
  return new Promise((resolve) => {
    const req = http.get({ host: '127.0.0.1', port, path: '/healthz', agent: false, timeout: 1000 }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(0));
  });
}

export interface Memory {
  rssKb: number;
  peakKb: number;
}

export class BotProcess {
  private exited: Promise<{ code: number | null; signal: string | null }>;
  private readonly output: string[] = [];

  private constructor(
    readonly proc: ChildProcess,
    readonly port: number,
  ) {
    this.exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve({ code, signal })));
    // Keep the pipes drained (a full pipe would block the bot) and the tail for diagnostics.
    const keep = (chunk: Buffer) => {
      this.output.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      if (this.output.length > 200) this.output.splice(0, this.output.length - 200);
    };
    proc.stdout!.on('data', keep);
    proc.stderr!.on('data', keep);
  }

  /** Spawns the bot and waits for GET /healthz to answer 200; `readyMs` is spawn → that answer. */
  static async start(env: Record<string, string>, cleanup: Cleanup): Promise<{ bot: BotProcess; readyMs: number; readyLogMs: number | undefined }> {
    const port = await freePort();
    const childEnv: Record<string, string | undefined> = { ...process.env };
    for (const key of CONFIG_KEYS) childEnv[key] = ''; // set-but-empty: a stray .env cannot fill them in
    Object.assign(childEnv, env, { PORT: String(port) });
    delete childEnv.NODE_OPTIONS;
    const spawnedAt = performance.now();
    const spawnedAtEpoch = Date.now();
    const proc = spawn(process.execPath, [...startNodeFlags(), 'dist/main.js'], { cwd: ROOT, env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    const bot = new BotProcess(proc, port);
    cleanup.add(`kill bot process ${proc.pid}`, async () => {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGKILL');
        await bot.exited;
      }
    });
    let exited = false;
    void bot.exited.then(() => (exited = true));
    while (!exited) {
      if ((await healthz(port)) === 200) {
        const readyMs = performance.now() - spawnedAt;
        const readyLine = bot.output.map((l) => { try { return JSON.parse(l); } catch { return undefined; } }).find((l) => l?.msg === 'mentor bot ready');
        return { bot, readyMs, readyLogMs: typeof readyLine?.time === 'number' ? readyLine.time - spawnedAtEpoch : undefined };
      }
      if (performance.now() - spawnedAt > 120_000) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    throw new Error(`the bot did not become ready (exit: ${JSON.stringify(exited ? await bot.exited : null)}):\n${bot.tail()}`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** VmRSS and VmHWM (peak) of the bot's node process. */
  memory(): Memory {
    const status = readFileSync(`/proc/${this.proc.pid}/status`, 'utf8');
    const kb = (key: string) => Number(status.match(new RegExp(`^${key}:\\s+(\\d+) kB`, 'm'))?.[1] ?? NaN);
    return { rssKb: kb('VmRSS'), peakKb: kb('VmHWM') };
  }

  tail(lines = 20): string {
    return this.output.slice(-lines).join('\n');
  }

  /** SIGTERM, then the exit code and how long the shutdown took. */
  async stop(timeoutMs = 30_000): Promise<{ code: number | null; signal: string | null; ms: number }> {
    const started = performance.now();
    this.proc.kill('SIGTERM');
    const timer = setTimeout(() => this.proc.kill('SIGKILL'), timeoutMs);
    const result = await this.exited;
    clearTimeout(timer);
    return { ...result, ms: performance.now() - started };
  }
}
