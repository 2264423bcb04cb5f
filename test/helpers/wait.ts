// Waiting for work that runs after an ack (DMs, Home refreshes) or in another process.

export function sleep(ms: number): Promise<void> {
  return new Promise((done) => setTimeout(done, ms));
}

/**
 * Retries `check` (assertions, sync or async) until it passes; after `timeoutMs` the last
 * failure is thrown. Always await it: an unawaited eventually asserts nothing.
 */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 3000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() - started > timeoutMs) throw error;
      await sleep(20);
    }
  }
}

/** Polls `check` until it returns true; fails naming `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}
