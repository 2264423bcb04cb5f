// Helpers for the process tests: the real entry point (src/main.ts) run as a child process,
// exactly as `npm start` runs it, against the fake Slack. Not a test file itself.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sleep, waitFor as waitUntil } from '../helpers/wait.ts';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nobody listens on right now: bind 0, read it, release it. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** Distinctive credentials, so a scan of the logs can tell whether they leaked. */
export function credentials(): { botToken: string; signingSecret: string } {
  return {
    botToken: `xoxb-4242-${randomBytes(6).toString('hex')}-${randomBytes(12).toString('hex')}`,
    signingSecret: randomBytes(16).toString('hex'),
  };
}

const tempDirs: string[] = [];

/** A fresh temporary directory, removed by removeTempDirs() (a PGlite data dir is ~40 MB). */
export function tempDir(prefix = 'mentor-proc-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/** For afterAll, once every child has exited. */
export function removeTempDirs(): void {
  for (const dir of tempDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/**
 * The child's whole environment, built from scratch: nothing of the parent leaks in (no
 * DATABASE_URL / TEST_DATABASE_URL, no NODE_OPTIONS from vitest), and dotenv reads an empty
 * file instead of a developer's .env in the repo root.
 */
export function childEnv(vars: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const emptyEnvFile = join(tempDir('mentor-env-'), 'empty.env');
  writeFileSync(emptyEnvFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    DOTENV_CONFIG_PATH: emptyEnvFile,
  };
  for (const [k, v] of Object.entries(vars)) if (v !== undefined) env[k] = v;
  for (const k of Object.keys(env)) if (env[k] === undefined) delete env[k];
  return env;
}

export interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export class ChildBot {
  stdout = '';
  stderr = '';
  readonly exited: Promise<Exit>;
  private exit: Exit | undefined;

  constructor(
    readonly proc: ChildProcess,
    readonly env: NodeJS.ProcessEnv,
  ) {
    proc.stdout!.setEncoding('utf8').on('data', (c: string) => (this.stdout += c));
    proc.stderr!.setEncoding('utf8').on('data', (c: string) => (this.stderr += c));
    this.exited = new Promise((done) => {
      proc.once('exit', (code, signal) => {
        this.exit = { code, signal };
        done(this.exit);
      });
    });
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  get port(): number | undefined {
    return this.env.PORT ? Number(this.env.PORT) : undefined;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** stdout split into lines, each parsed as JSON (throws on a line that is not JSON). */
  jsonLines(): Array<Record<string, any>> {
    return this.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => {
        try {
          return JSON.parse(line) as Record<string, any>;
        } catch {
          throw new Error(`stdout line is not JSON: ${line}`);
        }
      });
  }

  /**
   * Polls GET /healthz until it answers 200 (and "ready" is logged); fails early (with the child's output) if it exits.
   * A cold start (tsx transform + PGlite initdb + migrations) takes ~8 s on an idle 2-CPU box.
   */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.hasExited) throw new Error(`bot exited before it was ready (${JSON.stringify(this.exit)})\n${this.output()}`);
      try {
        // Ready = /healthz answers 200 and the bot has logged that it is ready (in Socket Mode the
        // health port opens before the socket connects, so the log line can come a little later).
        const res = await fetch(`${this.baseUrl}/healthz`, { signal: AbortSignal.timeout(1000) });
        if (res.status === 200 && this.stdout.includes('"msg":"mentor bot ready"')) return;
      } catch {
        // not listening yet
      }
      await sleep(100);
    }
    throw new Error(`bot not ready within ${timeoutMs} ms\n${this.output()}`);
  }

  /** Waits for the exit; kills the child and fails if it does not come within the timeout. */
  async waitForExit(timeoutMs = 45_000): Promise<Exit> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        this.kill();
        reject(new Error(`bot did not exit within ${timeoutMs} ms\n${this.output()}`));
      }, timeoutMs);
    });
    try {
      return await Promise.race([this.exited, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL if still running (cleanup only). */
  kill(): void {
    if (!this.hasExited && this.proc.pid !== undefined) this.proc.kill('SIGKILL');
  }

  output(): string {
    return `--- stdout ---\n${this.stdout}\n--- stderr ---\n${this.stderr}`;
  }
}

const running = new Set<ChildBot>();
/** Every child started in this file, for checks over all of their output. */
export const allChildren: ChildBot[] = [];

/** Starts `node --import tsx src/main.ts` in the repo root with exactly `env`. */
export function spawnBot(env: NodeJS.ProcessEnv): ChildBot {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const child = new ChildBot(proc, env);
  running.add(child);
  allChildren.push(child);
  void child.exited.then(() => running.delete(child));
  return child;
}

/** For afterAll/afterEach: SIGKILLs every child still running and waits for them to go. */
export async function killAll(): Promise<void> {
  const left = [...running];
  for (const child of left) child.kill();
  await Promise.all(left.map((c) => c.exited));
}

/** Polls `check` until it returns true; a child process gets 10 s by default. */
export function waitFor(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  return waitUntil(check, what, timeoutMs);
}

/** A stack-trace line as Node prints them ("    at fn (file:line:col)"). */
export const STACK_LINE = /^\s+at\s.+(:\d+:\d+\)?|\(native\)|<anonymous>)/m;
