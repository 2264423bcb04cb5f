import type { Migration } from 'kysely';
import * as initial from './2026-11-22T0001-initial.ts';

/**
 * Every migration, in order, listed by hand: Kysely's FileMigrationProvider cannot load .ts files
 * under vitest, and an explicit list makes the order reviewable. Never edit a landed migration.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-initial': initial,
};
