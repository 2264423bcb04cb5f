import 'dotenv/config';
import { z } from 'zod';
import { DataDirLockedError } from './data-dir-lock.ts';
import { openDatabase } from './database.ts';
import { migrateToLatest } from './migrate.ts';

// Only the database settings matter here, so migrating needs no Slack credentials.
const env = z
  .object({ DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//).optional().or(z.literal('')), DATA_DIR: z.string().default('./data') })
  .parse(process.env);

try {
  const handle = await openDatabase(env.DATABASE_URL ? { kind: 'postgres', url: env.DATABASE_URL } : { kind: 'pglite', dataDir: env.DATA_DIR }, 'npm run migrate');
  try {
    const applied = await migrateToLatest(handle);
    console.log(applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'The database is up to date.');
  } finally {
    await handle.close();
  }
} catch (error) {
  console.error(error instanceof DataDirLockedError ? error.message : `Migration failed: ${(error as Error).message}`);
  process.exit(1);
}
