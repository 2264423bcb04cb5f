import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/** Takes a cron fire slot for `holder` on the database clock; false when another holder has it. */
export async function takeCronSlot(db: Kysely<Database>, key: string, holder: string, ttlMs: number): Promise<boolean> {
  const won = await db
    .insertInto('cron_leases')
    .values({ key, holder, expires_at: sql<Date>`now() + ${`${Math.max(1000, ttlMs)} milliseconds`}::interval` })
    .onConflict((oc) => oc.column('key').doNothing())
    .returning('holder')
    .executeTakeFirst();
  return won !== undefined;
}

/** Old slots are of no use once they expired a day ago. */
export async function pruneCronSlots(db: Kysely<Database>): Promise<void> {
  await db.deleteFrom('cron_leases').where('expires_at', '<', sql<Date>`now() - interval '1 day'`).execute();
}
