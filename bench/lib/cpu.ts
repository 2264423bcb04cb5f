// Where the CPU went during a window: the whole machine, this process, the PostgreSQL server.
import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SEC = 100; // getconf CLK_TCK on Linux

function machineTicks(): { busy: number; total: number } {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
  const total = fields.reduce((a, b) => a + b, 0);
  const idle = (fields[3] ?? 0) + (fields[4] ?? 0);
  return { busy: total - idle, total };
}

function processTicks(pid: string, path = `/proc/${pid}/stat`): number {
  try {
    const stat = readFileSync(path, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]); // utime + stime
  } catch {
    return 0;
  }
}

function postgresTicks(): number {
  let sum = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') sum += processTicks(pid);
    } catch {
      // gone already
    }
  }
  return sum;
}

export interface CpuUse {
  /** Busy share of all cores (0..1). */
  machine: number;
  cores: number;
  /** In cores (1 = one core fully busy). */
  self: number;
  /** This process's main thread alone (the server under test), in cores. */
  mainThread: number;
  /** CPU seconds the main thread used in the window. */
  mainThreadSeconds: number;
  postgres: number;
}

export function cpuWindow(): () => CpuUse {
  const m0 = machineTicks();
  const s0 = process.cpuUsage();
  const p0 = postgresTicks();
  const mainStat = `/proc/self/task/${process.pid}/stat`;
  const t0Main = processTicks('self', mainStat);
  const t0 = performance.now();
  return () => {
    const m1 = machineTicks();
    const s1 = process.cpuUsage(s0);
    const seconds = (performance.now() - t0) / 1000;
    const mainThreadSeconds = (processTicks('self', mainStat) - t0Main) / TICKS_PER_SEC;
    const cores = readFileSync('/proc/stat', 'utf8').split('\n').filter((l) => /^cpu\d/.test(l)).length;
    return {
      machine: (m1.busy - m0.busy) / Math.max(1, m1.total - m0.total),
      cores,
      self: (s1.user + s1.system) / 1e6 / seconds,
      mainThread: mainThreadSeconds / seconds,
      mainThreadSeconds,
      postgres: (postgresTicks() - p0) / TICKS_PER_SEC / seconds,
    };
  };
}
