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
  ping(): Promise<boolean>;
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
    async ping() {
      try {
        await sql`select 1`.execute(db);
        return true;
      } catch {
        return false;
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

export function openPostgres(url: string, max = 10): DatabaseHandle {
  return wrap(new pg.Pool({ connectionString: url, max }), 'postgres', async () => {});
}

/** An already-created PGlite (tests load a migrated template this way); the caller owns its lock. */
export async function openPglite(pglite: PGlite, onClose: () => Promise<void> = () => pglite.close()): Promise<DatabaseHandle> {
  // Loaded only when used, so a PostgreSQL deployment never pays for the embedded engine.
  const { createPgConfig } = await import('@electric-sql/pglite/node-postgres');
  return wrap(new pg.Pool(createPgConfig(pglite) as pg.PoolConfig), 'pglite', onClose);
}

export async function openDatabase(config: Config['database'], purpose = 'the bot'): Promise<DatabaseHandle> {
  if (config.kind === 'postgres') return openPostgres(config.url);
  const lock = lockDataDir(config.dataDir, purpose);
  try {
    const { PGlite } = await import('@electric-sql/pglite');
    const pglite = await PGlite.create(config.dataDir);
    return openPglite(pglite, async () => {
      await pglite.close();
      lock.release();
    });
  } catch (error) {
    lock.release();
    throw error;
  }
}
