// The embedded database's folder lock must hold across hosts and PID namespaces on a shared volume.
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirLockedError, lockDataDir } from '../../src/db/data-dir-lock.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mentor-lock-'));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** What a holder on another machine (or container) leaves on the shared volume: the lock and its record. */
function foreignHolder(dir: string, opts: { pid: number; host: string; ageMs?: number }): void {
  const mutex = join(dir, 'mentor-bot.lock.d');
  mkdirSync(mutex);
  writeFileSync(join(dir, 'mentor-bot.lock'), `${opts.pid}\nthe bot\n${opts.host}\npid:[1]\nforeign-token\n`);
  if (opts.ageMs) {
    const then = new Date(Date.now() - opts.ageMs);
    utimesSync(mutex, then, then);
  }
}

describe('the data folder lock', () => {
  it('refuses a holder on another host with the same pid, naming its host and pid', async () => {
    const dir = tempDir();
    // Two containers sharing a volume are both PID 1: the pid alone says nothing.
    foreignHolder(dir, { pid: process.pid, host: 'replica-b' });
    const attempt = lockDataDir(dir, 'npm run sweep');
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(`is in use by the bot (pid ${process.pid} on host replica-b)`);
    // The live lock and its record are untouched.
    expect(existsSync(join(dir, 'mentor-bot.lock.d'))).toBe(true);
    expect(readFileSync(join(dir, 'mentor-bot.lock'), 'utf8')).toContain('replica-b');
  });

  it('takes over a lock whose heartbeat stopped, and releases it cleanly', async () => {
    const dir = tempDir();
    foreignHolder(dir, { pid: 4242, host: 'replica-b', ageMs: 60_000 });
    const lock = await lockDataDir(dir, 'the bot', { staleMs: 5_000, heartbeatMs: 1_000 });
    const [pid, purpose, host] = readFileSync(join(dir, 'mentor-bot.lock'), 'utf8').split('\n');
    expect({ pid, purpose, host }).toEqual({ pid: String(process.pid), purpose: 'the bot', host: hostname() });
    await lock.release();
    expect(existsSync(join(dir, 'mentor-bot.lock'))).toBe(false);
    expect(existsSync(join(dir, 'mentor-bot.lock.d'))).toBe(false);
  });

  it('keeps its heartbeat: a held lock never goes stale while its holder lives', async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir, 'the bot', { staleMs: 2_000, heartbeatMs: 500 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 3_000));
      // Same host and pid namespace, but the holder is alive: still refused after the stale period.
      await expect(lockDataDir(dir, 'npm run sweep', { staleMs: 2_000, heartbeatMs: 500 })).rejects.toThrow(
        `is in use by the bot (pid ${process.pid} on host ${hostname()})`,
      );
    } finally {
      await lock.release();
    }
  });

  it('refuses a second process while the first holds the folder', async () => {
    const dir = tempDir();
    const lock = await lockDataDir(dir, 'the bot');
    try {
      const script = `import { lockDataDir } from './src/db/data-dir-lock.ts';
        try { await lockDataDir(${JSON.stringify(dir)}, 'npm run sweep'); console.log('locked'); process.exit(0); }
        catch (e) { console.error(e.message); process.exit(3); }`;
      const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (chunk) => (stderr += String(chunk)));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(3);
      expect(stderr).toContain(`is in use by the bot (pid ${process.pid} on host ${hostname()})`);
    } finally {
      await lock.release();
    }
  }, 30_000);
});
