// A database that stops answering (a network partition) must fail commands and health checks in time,
// and a replica waiting for another's migration must say so.
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPostgres, POSTGRES_TIMEOUTS } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { healthHandler } from '../../src/slack/app.ts';
import { createTestDatabase, testDatabaseKind } from '../helpers/test-database.ts';

/** Accepts TCP connections and never says a word: what a partitioned database host looks like. */
let silent: Server;
const sockets: Socket[] = [];
let silentUrl: string;

beforeAll(async () => {
  silent = createServer((socket) => {
    sockets.push(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  silentUrl = `postgres://mentor@127.0.0.1:${(silent.address() as AddressInfo).port}/mentor`;
});

afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe('a database that does not answer', () => {
  it('a health check answers false within 2 seconds', async () => {
    const handle = openPostgres(silentUrl);
    const started = Date.now();
    const ok = await handle.ping();
    expect(ok).toBe(false);
    expect(Date.now() - started).toBeLessThan(2000);
    void handle.close().catch(() => {});
  });

  it('GET /healthz answers 503 within 2 seconds', async () => {
    const handle = openPostgres(silentUrl);
    const server: HttpServer = createHttpServer(healthHandler(() => handle.ping()));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const started = Date.now();
      const res = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`, { signal: AbortSignal.timeout(5000) });
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ ok: false, database: 'down' });
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      void handle.close().catch(() => {});
    }
  });

  it('a command fails once the connection timeout passes instead of hanging', async () => {
    const handle = openPostgres(silentUrl);
    const started = Date.now();
    await expect(sql`select 1`.execute(handle.db)).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(POSTGRES_TIMEOUTS.connectionTimeoutMillis + 2000);
    void handle.close().catch(() => {});
  }, 15_000);
});

describe.runIf(testDatabaseKind() === 'postgres')('on PostgreSQL', () => {
  it('every session has statement, lock and idle-in-transaction timeouts', async () => {
    const database = await createTestDatabase();
    try {
      // pg_settings gives these in milliseconds.
      const read = async (name: string) =>
        Number((await sql<{ setting: string }>`select setting from pg_settings where name = ${name}`.execute(database.db)).rows[0]!.setting);
      expect(await read('statement_timeout')).toBe(POSTGRES_TIMEOUTS.statement_timeout);
      expect(await read('lock_timeout')).toBe(POSTGRES_TIMEOUTS.lock_timeout);
      expect(await read('idle_in_transaction_session_timeout')).toBe(POSTGRES_TIMEOUTS.idle_in_transaction_session_timeout);
    } finally {
      await database.close();
    }
  });

  it('the connection string can change a timeout', async () => {
    const database = await createTestDatabase();
    const url = new URL(database.url!);
    url.searchParams.set('statement_timeout', '42000');
    const tuned = openPostgres(url.toString(), 1);
    try {
      const { rows } = await sql<{ value: string }>`select current_setting('statement_timeout') as value`.execute(tuned.db);
      expect(rows[0]!.value).toBe('42s');
    } finally {
      await tuned.close();
      await database.close();
    }
  });

  it("a replica waiting on another replica's migration says so, then migrates after it", async () => {
    const database = await createTestDatabase();
    // Another replica holds the migration lock (the same constant every replica uses).
    const other = new pg.Client({ connectionString: database.url });
    await other.connect();
    await other.query('select pg_advisory_lock(724551190)');
    const lines: string[] = [];
    try {
      const migrating = migrateToLatest(database, { info: (_fields, msg) => lines.push(msg) });
      const deadline = Date.now() + 5000;
      while (!lines.includes("waiting for another replica's migration") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(lines).toContain("waiting for another replica's migration");
      // Still waiting past the lock timeout: a migration wait is not a command.
      await new Promise((r) => setTimeout(r, POSTGRES_TIMEOUTS.lock_timeout + 500));
      await other.query('select pg_advisory_unlock(724551190)');
      await expect(migrating).resolves.toEqual([]);
      expect(lines).toContain("another replica's migration finished");
      // The connection went back to the pool with its own limits.
      const { rows: after } = await sql<{ setting: string }>`select setting from pg_settings where name = 'lock_timeout'`.execute(database.db);
      expect(Number(after[0]!.setting)).toBe(POSTGRES_TIMEOUTS.lock_timeout);
    } finally {
      await other.end();
      await database.close();
    }
  });
});
