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
    testDatabase: { kind: 'postgres'; adminUrl: string; template: string; prefix: string } | { kind: 'pglite'; dumpPath: string };
  }
}

/** Databases of one test run share a prefix naming the run's pid, so parallel runs never touch each other's. */
const runPrefix = (pid: number) => `mentor_test_${pid}_`;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Migrates one template database per run; each test file then gets its own copy
 * (CREATE DATABASE … TEMPLATE on PostgreSQL, a loaded data-dir dump on PGlite).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    const prefix = runPrefix(process.pid);
    const template = `${prefix}template`;
    await dropTestDatabases(admin, (name) => {
      const pid = Number(/^mentor_test_(\d+)_/.exec(name)?.[1]);
      return !Number.isInteger(pid) || pid === process.pid || !isAlive(pid);
    });
    await admin.query(`create database ${template}`);
    const templateUrl = new URL(url);
    templateUrl.pathname = `/${template}`;
    const handle = openPostgres(templateUrl.toString(), 2);
    await migrateToLatest(handle);
    await handle.close();
    project.provide('testDatabase', { kind: 'postgres', adminUrl: url, template, prefix });
    return async () => {
      await dropTestDatabases(admin, (name) => name.startsWith(prefix));
      await admin.end();
    };
  }
  const dir = mkdtempSync(join(tmpdir(), 'mentor-test-'));
  const pglite = await PGlite.create('memory://');
  const handle = await openPglite(pglite);
  await migrateToLatest(handle);
  const dump = await pglite.dumpDataDir('none');
  const dumpPath = join(dir, 'template.tar');
  writeFileSync(dumpPath, Buffer.from(await dump.arrayBuffer()));
  await handle.close();
  project.provide('testDatabase', { kind: 'pglite', dumpPath });
  return async () => rmSync(dir, { recursive: true, force: true });
}

/** Drops this run's databases, and those left by runs that died (their pid is gone). */
async function dropTestDatabases(admin: pg.Client, which: (name: string) => boolean): Promise<void> {
  const { rows } = await admin.query<{ datname: string }>(`select datname from pg_database where datname like 'mentor\\_test\\_%'`);
  for (const { datname } of rows.filter((r) => which(r.datname))) await admin.query(`drop database if exists "${datname}" with (force)`);
}
