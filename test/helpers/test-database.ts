import { PGlite } from '@electric-sql/pglite';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type DatabaseHandle } from '../../src/db/database.ts';

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
