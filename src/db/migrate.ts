import { Migrator, sql, type Migration, type MigrationProvider } from 'kysely';
import { migrations } from '../../migrations/index.ts';
import type { DatabaseHandle } from './database.ts';

class ListedMigrations implements MigrationProvider {
  constructor(private readonly list: Record<string, Migration>) {}
  async getMigrations() {
    return this.list;
  }
}

// An arbitrary constant shared by every replica: whoever holds it migrates, the others wait.
const MIGRATION_LOCK = 724_551_190;

/**
 * Brings the schema up to date. On PostgreSQL a session advisory lock serialises replicas that start
 * together (Kysely's own lock is taken only after it creates its bookkeeping tables, which can race).
 * PGlite is one process by construction (the data-dir lock), and has a single connection.
 */
export async function migrateToLatest(handle: DatabaseHandle): Promise<string[]> {
  const run = async () => {
    const migrator = new Migrator({ db: handle.db, provider: new ListedMigrations(migrations) });
    const { error, results } = await migrator.migrateToLatest();
    if (error) throw error instanceof Error ? error : new Error(String(error));
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  if (handle.kind === 'pglite') return run();
  return handle.db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(${MIGRATION_LOCK})`.execute(conn);
    try {
      return await run();
    } finally {
      await sql`select pg_advisory_unlock(${MIGRATION_LOCK})`.execute(conn);
    }
  });
}
