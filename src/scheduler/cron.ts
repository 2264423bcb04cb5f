import cron, { type RunCoordinator, type ScheduledTask } from 'node-cron';
import type { Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import { pruneCronSlots, takeCronSlot } from '../db/repositories/cron-leases-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logger.ts';

/**
 * node-cron's run coordinator on the shared database: the first replica to insert a fire slot's
 * key runs that slot; the others skip it. (Sweeps are safe to overlap anyway; this saves the work.)
 */
export function databaseRunCoordinator(db: Kysely<Database>, holder = randomUUID()): RunCoordinator {
  return {
    async shouldRun(key, ttlMs) {
      const won = await takeCronSlot(db, key, holder, ttlMs);
      await pruneCronSlots(db);
      return won;
    },
  };
}

/** Schedules the sweep; node-cron only triggers it, the sweep itself is an idempotent pass. */
export function scheduleSweep(options: { expression: string; timezone: string; db: Kysely<Database>; logger: Logger; sweep: () => Promise<unknown> }): ScheduledTask {
  return cron.schedule(
    options.expression,
    async () => {
      try {
        await options.sweep();
      } catch (error) {
        options.logger.error({ err: error }, 'sweep failed; the next one picks up where it stopped');
      }
    },
    {
      name: 'nudge-sweep',
      timezone: options.timezone,
      noOverlap: true,
      distributed: true,
      runCoordinator: databaseRunCoordinator(options.db),
      distributedLease: 10 * 60_000,
    },
  );
}
