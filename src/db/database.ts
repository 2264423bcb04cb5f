import type { PGlite } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/config.ts';
import { lockDataDir } from './data-dir-lock.ts';
import type { Database } from './schema.ts';

// Dates stay 'YYYY-MM-DD' strings (a calendar day has no time zone); counts come back as numbers.
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));
pg.types.setTypeParser(pg.types.builtins.NUMERIC, (value) => Number(value));

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  kind: 'postgres' | 'pglite';
  /** True when the database answers `select 1` within `timeoutMs`; false otherwise, never later. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
}

function wrap(pool: pg.Pool, kind: DatabaseHandle['kind'], onClose: () => Promise<void>): DatabaseHandle {
  // An idle connection the server closes (restart, failover) must not take the process down:
  // pg-pool drops that client itself, and the next query opens a fresh one.
  pool.on('error', (error) => console.warn(JSON.stringify({ level: 40, msg: 'database connection lost; it will be replaced', err: error.message })));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  let closed = false;
  return {
    db,
    kind,
    async ping(timeoutMs = PING_TIMEOUT_MS) {
      // A partitioned network neither answers nor fails: the timer answers for it.
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<boolean>((resolve) => {
        timer = setTimeout(() => resolve(false), timeoutMs);
      });
      const answer = sql`select 1`.execute(db).then(
        () => true,
        () => false,
      );
      try {
        return await Promise.race([answer, late]);
      } finally {
        clearTimeout(timer);
      }
    },
    async close() {
      if (closed) return;
      closed = true;
      await db.destroy();
      await onClose();
    },
  };
}

/** How long a health check waits for the database: /healthz answers within 2 seconds either way. */
export const PING_TIMEOUT_MS = 1500;

/**
 * Session limits set on every PostgreSQL connection, so a partition or a stuck lock fails a command
 * instead of hanging it. Each can be changed in DATABASE_URL's query string
 * (`?statement_timeout=60000&lock_timeout=10000&idle_in_transaction_session_timeout=60000`, in ms):
 * values there win over these.
 */
export const POSTGRES_TIMEOUTS = {
  /** Opening a connection (TCP and authentication). */
  connectionTimeoutMillis: 5_000,
  statement_timeout: 15_000,
  lock_timeout: 5_000,
  idle_in_transaction_session_timeout: 60_000,
} as const;

export function openPostgres(url: string, max = 10): DatabaseHandle {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    ...POSTGRES_TIMEOUTS,
    // Connections to a host that vanished are found out by TCP keepalives instead of hanging.
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
  });
  return wrap(pool, 'postgres', async () => {});
}

/** An already-created PGlite (tests load a migrated template this way); the caller owns its lock. */
export async function openPglite(pglite: PGlite, onClose: () => Promise<void> = () => pglite.close()): Promise<DatabaseHandle> {
  // Loaded only when used, so a PostgreSQL deployment never pays for the embedded engine.
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  return wrap(new pg.Pool(createPgConfig(pglite) as pg.PoolConfig), 'pglite', onClose);
}

export async function openDatabase(config: Config['database'], purpose = 'the bot'): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  const lock = await lockDataDir(config.dataDir, purpose);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(config.dataDir);
    return openPglite(pglite, async () => {
      await pglite.close();
      await lock.release();
    });
  } catch (error) {
    await lock.release();
    throw error;
  }
}
