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

const deleteOrder = new WeakMap<Kysely<Database>, string[]>();

/**
 * Empties every table the migrations created and restarts the id sequences; the migrations' own
 * bookkeeping stays. Deletes run children before parents, so every foreign key holds without
 * being switched off, in one transaction. On small tables this is a few times faster than
 * TRUNCATE (which recreates each table's files) on PGlite and PostgreSQL alike.
 */
export async function resetTables(db: Kysely<Database>): Promise<void> {
  let order = deleteOrder.get(db);
  if (!order) {
    order = await tablesChildrenFirst(db);
    deleteOrder.set(db, order);
  }
  const tables = order;
  await db.transaction().execute(async (tx) => {
    for (const name of tables) await sql`delete from ${sql.table(name)}`.execute(tx);
    await sql`select setval(oid, 1, false) from pg_class where relkind = 'S' and relnamespace = current_schema()::regnamespace`.execute(tx);
  });
}

/** The data tables, each after every table whose foreign keys point at it. */
async function tablesChildrenFirst(db: Kysely<Database>): Promise<string[]> {
  const { rows: tables } = await sql<{ name: string }>`
    select tablename as name from pg_tables
    where schemaname = current_schema() and tablename not in ('kysely_migration', 'kysely_migration_lock')
    order by tablename`.execute(db);
  const { rows: keys } = await sql<{ child: string; parent: string }>`
    select conrelid::regclass::text as child, confrelid::regclass::text as parent
    from pg_constraint where contype = 'f' and connamespace = current_schema()::regnamespace`.execute(db);
  const left = new Set(tables.map((t) => t.name));
  const order: string[] = [];
  while (left.size > 0) {
    const next = [...left].find((name) => !keys.some((k) => k.parent === name && k.child !== name && left.has(k.child)));
    if (next === undefined) throw new Error(`foreign keys form a cycle among ${[...left].join(', ')}`);
    order.push(next);
    left.delete(next);
  }
  return order;
}
