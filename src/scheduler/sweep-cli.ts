import { parseArgs } from 'node:util';
import { ConfigError, loadConfig, loadDatabaseConfig } from '../config/config.ts';
import { readEnvironment } from '../config/environment.ts';
import { DataDirLockedError } from '../db/data-dir-lock.ts';
import { openDatabase } from '../db/database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { createLogger } from '../logger.ts';
import { standaloneSweep } from '../bot.ts';
import { planSweep } from './sweep.ts';

const USAGE = 'Usage: npm run sweep -- [--at <ISO instant>] [--dry-run]';

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const { values } = (() => {
  try {
    return parseArgs({ options: { at: { type: 'string' }, 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } } });
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
})();
if (values.help) {
  console.log(`${USAGE}\nRuns one nudge sweep and delivery pass as if the clock read --at (default now). --dry-run prints what would be sent and why, and sends nothing.`);
  process.exit(0);
}
const now = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(now.getTime())) fail(`--at must be an ISO instant such as 2026-11-23T09:30:00Z, not "${values.at}".\n${USAGE}`);

const dryRun = values['dry-run'];
// A dry run needs only the database; a real sweep also needs the Slack token to send.
let config;
let dbConfig;
try {
  config = dryRun ? undefined : loadConfig(readEnvironment());
  dbConfig = config?.database ?? loadDatabaseConfig(readEnvironment());
} catch (error) {
  if (error instanceof ConfigError) fail(error.message);
  throw error;
}

let handle;
try {
  handle = await openDatabase(dbConfig, 'npm run sweep');
} catch (error) {
  if (error instanceof DataDirLockedError) fail(`${error.message}\nWhile the bot runs on the embedded database it sweeps by itself (NUDGE_CRON).`);
  throw error;
}
try {
  await migrateToLatest(handle);
  if (dryRun) {
    const planned = await planSweep(handle.db, now);
    if (planned.length === 0) console.log(`Nothing is due at ${now.toISOString()}.`);
    let current = '';
    for (const p of planned) {
      if (p.recipient_id !== current) {
        current = p.recipient_id;
        console.log(`\n${current}:`);
      }
      const when = p.deliverNow ? 'would send now' : `waits for working hours: ${p.deliver_after.toISOString()}`;
      console.log(`  ${p.rule} ${p.subject}${p.pair_id ? ` (pair ${p.pair_id})` : ''}, due since ${p.due_at.toISOString().slice(0, 10)}: ${p.why}; ${when}`);
    }
    console.log(`\n${planned.length} nudge(s) would be decided; nothing was written or sent.`);
  } else {
    const logger = createLogger(config!.logLevel);
    const report = await standaloneSweep(config!, handle.db, now, logger);
    console.log(
      `Sweep at ${report.at}: ${report.decided} nudge(s) decided, ${report.deliveries} message(s) prepared, ${report.send.sent} sent, ${report.send.retrying} to retry, ${report.send.failed} failed, ${report.deferred} waiting for working hours${report.archivedPrograms > 0 ? `, ${report.archivedPrograms} ended program(s) archived` : ''}.`,
    );
  }
} finally {
  await handle.close();
}
process.exit(0);
