import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import { sql, type Kysely } from 'kysely';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/database.ts';
import type { Database } from '../../src/db/schema.ts';

let counter = 0;

export function testDatabaseKind(): 'postgres' | 'pglite' {
  return inject('testDatabase').kind;
}

/** A fresh, migrated database of its own: a copy of the run's template. Close drops it. */
export async function createTestDatabase(): Promise<DatabaseHandle & { url?: string }> {
  const setup = inject('testDatabase');
  if (setup.kind === 'pglite') {
    const dump = new Blob([readFileSync(setup.dumpPath)]);
    return openPglite(await PGlite.create({ loadDataDir: dump }));
  }
  const name = `${setup.prefix}${process.pid}_${++counter}`;
  const admin = new pg.Client({ connectionString: setup.adminUrl });
  await admin.connect();
  await admin.query(`create database ${name} template ${setup.template}`);
  await admin.end();
  const url = new URL(setup.adminUrl);
  url.pathname = `/${name}`;
  const handle = openPostgres(url.toString());
  return {
    ...handle,
    url: url.toString(),
    async close() {
      await handle.close();
      const dropper = new pg.Client({ connectionString: setup.adminUrl });
      await dropper.connect();
      await dropper.query(`drop database if exists ${name} with (force)`);
      await dropper.end();
    },
  };
}

const dataTables = new WeakMap<Kysely<Database>, string[]>();

/**
 * Empties every table the migrations created, in one statement, and restarts their id sequences;
 * the migrations' own bookkeeping stays. Works the same on PGlite and PostgreSQL.
 */
export async function resetTables(db: Kysely<Database>): Promise<void> {
  let tables = dataTables.get(db);
  if (!tables) {
    const { rows } = await sql<{ name: string }>`
      select tablename as name from pg_tables
      where schemaname = current_schema() and tablename not in ('kysely_migration', 'kysely_migration_lock')
      order by tablename`.execute(db);
    tables = rows.map((r) => r.name);
    dataTables.set(db, tables);
  }
  if (tables.length === 0) return;
  await sql`truncate ${sql.join(tables.map((name) => sql.table(name)))} restart identity cascade`.execute(db);
}
