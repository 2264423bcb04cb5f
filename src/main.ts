import { ConfigError, loadConfig } from './config/config.ts';
import { readEnvironment } from './config/environment.ts';
import { DataDirLockedError } from './db/data-dir-lock.ts';
import { startBot } from './bot.ts';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnvironment());
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  let bot;
  try {
    bot = await startBot(config);
  } catch (error) {
    if (error instanceof DataDirLockedError || error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE' || code === 'EACCES') {
      console.error(`Cannot start: PORT ${config.port} is ${code === 'EADDRINUSE' ? 'already in use' : 'not allowed'}. Stop the other process or set PORT to a free port.`);
      process.exit(1);
    }
    throw error;
  }
  const shutdown = (signal: string) => {
    bot.logger.info({ signal }, 'shutting down');
    bot.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        bot.logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

await main();
