import type { FakeUser } from '../../test/helpers/fake-slack.ts';
import { Rpc, startTsWorker } from './threads.ts';

export interface FakeCounts {
  byMethod: Record<string, number>;
  total: number;
  failed: number;
  violations: number;
  /** Event-loop utilization of the fake's thread since the last reset (0..1). */
  elu: number;
}

/** The main thread's handle on the fake Slack running in fake-worker.ts. */
export class FakeSlackThread {
  private constructor(
    private readonly rpc: Rpc,
    readonly apiUrl: string,
  ) {}

  static async start(): Promise<FakeSlackThread> {
    const rpc = new Rpc(startTsWorker(new URL('./fake-worker.ts', import.meta.url)));
    return new FakeSlackThread(rpc, await rpc.call<string>('apiUrl'));
  }

  addUser(user: FakeUser): Promise<void> {
    return this.rpc.call('addUser', user);
  }

  counts(): Promise<FakeCounts> {
    return this.rpc.call('counts');
  }

  reset(): Promise<void> {
    return this.rpc.call('reset');
  }

  lastViewOpen(): Promise<Record<string, any> | undefined> {
    return this.rpc.call('lastViewOpen');
  }

  /** Waits until the bot's after-ack work (DMs, Home refreshes, modals) has stopped reaching Slack. */
  async settle(quietMs = 600, timeoutMs = 60_000): Promise<number> {
    const started = Date.now();
    let last = -1;
    let quietSince = Date.now();
    while (Date.now() - started < timeoutMs) {
      const { total } = await this.counts();
      if (total !== last) {
        last = total;
        quietSince = Date.now();
      } else if (Date.now() - quietSince >= quietMs) {
        return quietSince - started;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    return Date.now() - started;
  }

  async close(): Promise<void> {
    await this.rpc.call('close').catch(() => {});
    await this.rpc.worker.terminate();
  }
}
