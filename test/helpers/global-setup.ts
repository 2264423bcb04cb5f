import { PGlite } from '@electric-sql/pglite';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openPglite, openPostgres } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase: { kind: 'postgres'; adminUrl: string; template: string } | { kind: 'pglite'; dumpPath: string };
  }
}

export const TEMPLATE_DB = 'mentor_test_template';

/**
 * Migrates one template database per run; each test file then gets its own copy
 * (CREATE DATABASE … TEMPLATE on PostgreSQL, a loaded data-dir dump on PGlite).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await dropTestDatabases(admin);
    await admin.query(`create database ${TEMPLATE_DB}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${TEMPLATE_DB}`;
    const handle = openPostgres(templateUrl.toString(), 2);
    await migrateToLatest(handle);
    await handle.close();
    project.provide('testDatabase', { kind: 'postgres', adminUrl: url, template: TEMPLATE_DB });
    return async () => {
      await dropTestDatabases(admin);
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mentor-test-'));
  const pglite = await PGlite.create('memory://');
  const handle = openPglite(pglite);
  await migrateToLatest(handle);
  const dump = await pglite.dumpDataDir('none');
  const dumpPath = join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('testDatabase', { kind: 'pglite', dumpPath });
  return async () => rmSync(dir, { recursive: true, force: true });
}

async function dropTestDatabases(admin: pg.Client): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'mentor_test_%'`);
  for (const { datname } of rows) await admin.query(`drop database if exists "${datname}" with (force)`);
}
