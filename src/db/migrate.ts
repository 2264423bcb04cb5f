import { Migrator, sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';
import type { Database } from './schema.ts';

class ListedMigrations implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  async getMigrations() {
    return this.list;
  }
}

// An arbitrary constant shared by every replica: whoever holds it migrates, the others wait.
const MIGRATION_LOCK = 724_551_190;

export interface MigrationLog {
  info(fields: object, msg: string): void;
}

/**
 * Brings the schema up to date. On PostgreSQL a session advisory lock serialises replicas that start
 * together (Kysely's own lock is taken only after it creates its bookkeeping tables, which can race).
 * A replica that finds the lock taken says so, then waits for it without the session's lock and
 * statement timeouts (a migration may rightly take longer than any command); the migration runs on
 * that same session. PGlite is one process by construction (the data-dir lock), and has a single connection.
 */
export async function migrateToLatest(handle: DatabaseHandle, log?: MigrationLog): Promise<string[]> {
  const run = async (db: Kysely<Database>) => {
    const migrator = new Migrator({ db, provider: new ListedMigrations(migrations) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  if (handle.kind === 'pglite') return run(handle.db);
  return handle.db.connection().execute(async (conn) => {
    await sql`set lock_timeout = 0`.execute(conn);
    await sql`set statement_timeout = 0`.execute(conn);
    try {
      const { rows } = await sql<{ locked: boolean }>`select pg_try_advisory_lock(${MIGRATION_LOCK}) as locked`.execute(conn);
      if (!rows[0]?.locked) {
        const started = Date.now();
        log?.info({}, "waiting for another replica's migration");
        await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
        log?.info({ waitedMs: Date.now() - started }, "another replica's migration finished");
      }
      try {
        return await run(conn);
      } finally {
        await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
      }
    } finally {
      // Back to the connection's own limits before it returns to the pool.
      await sql`reset lock_timeout`.execute(conn);
      await sql`reset statement_timeout`.execute(conn);
    }
  });
}
