import { mkdirSync, readFileSync, readlinkSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import lockfile from 'proper-lockfile';

export class DataDirLockedError extends Error {
  override name = 'DataDirLockedError';
}

export interface DataDirLock {
  release(): Promise<void>;
}

export interface DataDirLockOptions {
  /** How long a lock whose heartbeat stopped is still honoured (ms). */
  staleMs?: number;
  /** How often the holder renews its heartbeat (ms). */
  heartbeatMs?: number;
  /** Told when the lock was lost while held (its folder was removed or taken over). */
  onCompromised?: (error: Error) => void;
}

/** Who holds the folder: one line each, the pid first (what an operator looks for). */
interface Holder {
  pid: number;
  purpose: string;
  host: string;
  /** The PID namespace (Linux): a pid means something only inside its namespace. */
  pidNamespace: string;
  token: string;
}

const STALE_MS = 15_000;
const HEARTBEAT_MS = 3_000;

function pidNamespace(): string {
  try {
    return readlinkSync('/proc/self/ns/pid');
  } catch {
    return '';
  }
}

function readHolder(path: string): Holder | undefined {
  try {
    const [pid, purpose, host, ns, token] = readFileSync(path, 'utf8').split('\n');
    return { pid: Number(pid), purpose: purpose ?? '', host: host ?? '', pidNamespace: ns ?? '', token: token ?? '' };
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM means the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** A holder we can prove is gone: same host, same PID namespace, another pid, and no such process. */
function provablyDead(holder: Holder | undefined): boolean {
  if (!holder || !Number.isInteger(holder.pid) || holder.pid <= 0) return false;
  const ns = pidNamespace();
  return holder.host === hostname() && ns !== '' && holder.pidNamespace === ns && holder.pid !== process.pid && !isAlive(holder.pid);
}

/**
 * PGlite does not lock its directory, and two processes on one directory silently lose rows.
 * The lock is a directory created atomically (mkdir) whose modification time the holder renews
 * every few seconds, so it holds across hosts and PID namespaces on a shared volume (two containers
 * are both PID 1): a lock is taken over only once its heartbeat has stopped for `staleMs`. Next to it,
 * `mentor-bot.lock` names the holder (pid, purpose, host), written to a temporary file and renamed,
 * so a reader never sees it half-written.
 */
export async function lockDataDir(dataDir: string, purpose = 'the bot', options: DataDirLockOptions = {}): Promise<DataDirLock> {
  const dir = resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const recordPath = join(dir, 'mentor-bot.lock');
  const mutexPath = join(dir, 'mentor-bot.lock.d');
  const staleMs = options.staleMs ?? STALE_MS;
  const heartbeatMs = options.heartbeatMs ?? HEARTBEAT_MS;
  const onCompromised =
    options.onCompromised ??
    ((error: Error) => {
      // Another process may now be writing the same files: stop rather than corrupt them.
      throw new DataDirLockedError(`Lost the lock on the embedded database in ${dir} (${error.message}); stopping.`);
    });
  const lockOptions = { realpath: false, lockfilePath: mutexPath, stale: staleMs, update: heartbeatMs, onCompromised };

  let releaseMutex: () => Promise<void>;
  try {
    releaseMutex = await lockfile.lock(dir, lockOptions);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ELOCKED') throw error;
    const inUse = () => {
      const holder = readHolder(recordPath);
      const who = holder ? `${holder.purpose || 'another process'} (pid ${holder.pid} on host ${holder.host || 'unknown'})` : 'another process';
      return new DataDirLockedError(
        `The embedded database in ${dir} is in use by ${who}. ` +
          'Only one process may open it at a time: stop that process first, point DATA_DIR at another folder, ' +
          'or use PostgreSQL (DATABASE_URL) to run several processes.',
      );
    };
    if (!provablyDead(readHolder(recordPath))) throw inUse();
    // Its holder died on this very host: its heartbeat has stopped, so the lock goes stale shortly.
    try {
      const retries = { retries: Math.ceil((staleMs * 2) / 500), minTimeout: 500, maxTimeout: 500, factor: 1 };
      releaseMutex = await lockfile.lock(dir, { ...lockOptions, retries });
    } catch (retryError) {
      if ((retryError as NodeJS.ErrnoException).code === 'ELOCKED') throw inUse();
      throw retryError;
    }
  }

  const token = randomUUID();
  const temporary = `${recordPath}.${token}.tmp`;
  try {
    writeFileSync(temporary, `${process.pid}\n${purpose}\n${hostname()}\n${pidNamespace()}\n${token}\n`);
    renameSync(temporary, recordPath);
  } catch (error) {
    await releaseMutex().catch(() => {});
    throw error;
  }

  let released = false;
  return {
    async release() {
      if (released) return;
      released = true;
      // Remove the record only while it is still ours.
      if (readHolder(recordPath)?.token === token) {
        try {
          unlinkSync(recordPath);
        } catch {
          // Already gone: nothing to remove.
        }
      }
      await releaseMutex().catch(() => {
        // Released or taken over already.
      });
    },
  };
}
