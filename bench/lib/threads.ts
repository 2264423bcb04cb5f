// Worker threads that run TypeScript: tsx's loader is registered inside the worker before the
// module is imported (workers do not inherit the hooks `tsx` registered on the main thread).
import { Worker } from 'node:worker_threads';

export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const api = import.meta.resolve('tsx/esm/api');
  const boot = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(module.href)}); })`;
  return new Worker(boot, { eval: true, workerData });
}

/** Request/answer over postMessage: each request carries an id, each answer echoes it. */
export class Rpc {
  private next = 0;
  private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();

  constructor(readonly worker: Worker) {
    worker.on('message', (msg: { id?: number; result?: unknown; error?: string }) => {
      const waiter = msg.id === undefined ? undefined : this.pending.get(msg.id);
      if (!waiter) return;
      this.pending.delete(msg.id!);
      if (msg.error) waiter.reject(new Error(msg.error));
      else waiter.resolve(msg.result);
    });
    const failAll = (error: Error) => {
      for (const w of this.pending.values()) w.reject(error);
      this.pending.clear();
    };
    worker.on('error', failAll);
    worker.on('exit', (code) => failAll(new Error(`worker exited with code ${code}`)));
  }

  call<T>(op: string, arg?: unknown): Promise<T> {
    const id = ++this.next;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.worker.postMessage({ id, op, arg });
    });
  }
}

/** The worker side: answers each { id, op, arg } with the handler's result. */
export function serveRpc(port: import('node:worker_threads').MessagePort, handlers: Record<string, (arg: any) => unknown>): void {
  port.on('message', async ({ id, op, arg }: { id: number; op: string; arg: unknown }) => {
    try {
      const handler = handlers[op];
      if (!handler) throw new Error(`unknown op ${op}`);
      port.postMessage({ id, result: await handler(arg) });
    } catch (error) {
      port.postMessage({ id, error: String((error as Error)?.stack ?? error) });
    }
  });
}
