import { sql, type Kysely } from 'kysely';
import type { Database } from '../schema.ts';

/**
 * Records that the app was removed from a workspace (or its bot token revoked) and cancels what
 * was waiting to be sent there: pending nudges are dropped, pending deliveries fail with `reason`.
 * Run it in a transaction. Returns how many deliveries were cancelled.
 */
export async function markWorkspaceUninstalled(trx: Kysely<Database>, teamId: string, reason: string, now: Date): Promise<number> {
  await trx
    .insertInto('workspaces')
    .values({ team_id: teamId, uninstalled_at: now, uninstall_reason: reason })
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ uninstalled_at: sql`coalesce(workspaces.uninstalled_at, excluded.uninstalled_at)`, uninstall_reason: reason }))
    .execute();
  await trx.updateTable('nudges').set({ status: 'dropped' }).where('team_id', '=', teamId).where('status', '=', 'pending').execute();
  const cancelled = await trx
    .updateTable('deliveries')
    .set({ status: 'failed', last_error: reason, claimed_until: null, claim_token: null })
    .where('team_id', '=', teamId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(cancelled.numUpdatedRows);
}

/** The app works for the workspace again (it was reinstalled and started with a working token). */
export async function markWorkspaceInstalled(db: Kysely<Database>, teamId: string): Promise<void> {
  await db.updateTable('workspaces').set({ uninstalled_at: null, uninstall_reason: null }).where('team_id', '=', teamId).where('uninstalled_at', 'is not', null).execute();
}

/** True once the app was removed from the workspace (until it is installed again). */
export async function isWorkspaceUninstalled(db: Kysely<Database>, teamId: string): Promise<boolean> {
  const row = await db.selectFrom('workspaces').select('team_id').where('team_id', '=', teamId).where('uninstalled_at', 'is not', null).executeTakeFirst();
  return row !== undefined;
}
