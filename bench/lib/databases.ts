import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** Cleanup steps, run last-in first-out; each failure is reported and the rest still run. */
export class Cleanup {
  private readonly steps: Array<{ what: string; run: () => Promise<unknown> }> = [];
  add(what: string, run: () => Promise<unknown>): void {
    this.steps.push({ what, run });
  }
  async runAll(): Promise<void> {
    while (this.steps.length > 0) {
      const step = this.steps.pop()!;
      await step.run().catch((error: unknown) => console.error(`cleanup: ${step.what} failed: ${String(error)}`));
    }
  }
}

async function admin<T>(adminUrl: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** A fresh, empty database on the server; dropped by `cleanup`. Returns its URL. */
export async function createDatabase(adminUrl: string, name: string, cleanup: Cleanup): Promise<string> {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  await admin(adminUrl, (c) => c.query(`create database ${name}`));
  cleanup.add(`drop database ${name}`, () => admin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function serverVersion(adminUrl: string): Promise<string> {
  return admin(adminUrl, async (c) => (await c.query<{ server_version: string }>('show server_version')).rows[0]!.server_version);
}

/** A temporary folder (e.g. a PGlite DATA_DIR), removed by `cleanup`. */
export async function tempDir(prefix: string, cleanup: Cleanup): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  cleanup.add(`remove ${dir}`, () => rm(dir, { recursive: true, force: true }));
  return dir;
}
