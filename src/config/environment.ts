// Loads .env into the process environment (variables already set win; DOTENV_CONFIG_PATH picks
// another file) as soon as an entry point imports this module.
import 'dotenv/config';
import type { Environment } from './config.ts';

/** The process environment: the one place that reads `process.env`; entry points pass it on. */
export function readEnvironment(): Environment {
  return process.env;
}
