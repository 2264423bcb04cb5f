import { ConfigError, loadDatabaseConfig } from '../config/config.ts';
import { readEnvironment } from '../config/environment.ts';
import { DataDirLockedError } from './data-dir-lock.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

try {
  // Only the database settings matter here, so migrating needs no Slack credentials.
  const handle = await openDatabase(loadDatabaseConfig(readEnvironment()), 'npm run migrate');
  try {
    const applied = await migrateToLatest(handle);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof DataDirLockedError || error instanceof ConfigError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
