import type { Kysely } from 'kysely';
import type { Database } from '../schema.ts';

export async function isGrantedAdmin(db: Kysely<Database>, programId: number, userId: string): Promise<boolean> {
  const row = await db.selectFrom('program_admins').select('user_id').where('program_id', '=', programId).where('user_id', '=', userId).executeTakeFirst();
  return row !== undefined;
}

export async function grantAdmin(db: Kysely<Database>, teamId: string, programId: number, userId: string, grantedBy: string): Promise<boolean> {
  const result = await db
    .insertInto('program_admins')
    .values({ team_id: teamId, program_id: programId, user_id: userId, granted_by: grantedBy })
    .onConflict((oc) => oc.columns(['program_id', 'user_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function revokeAdmin(db: Kysely<Database>, programId: number, userId: string): Promise<boolean> {
  const result = await db.deleteFrom('program_admins').where('program_id', '=', programId).where('user_id', '=', userId).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listGrantedAdmins(db: Kysely<Database>, programId: number): Promise<string[]> {
  const rows = await db.selectFrom('program_admins').select('user_id').where('program_id', '=', programId).orderBy('granted_at').execute();
  return rows.map((r) => r.user_id);
}

export async function listWorkspaceAdmins(db: Kysely<Database>, teamId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('members')
    .select('user_id')
    .where('team_id', '=', teamId)
    .where('is_workspace_admin', '=', true)
    .where('deactivated', '=', false)
    .orderBy('user_id')
    .execute();
  return rows.map((r) => r.user_id);
}

/** Makes exactly `userIds` the granted admins of a program; those kept keep their grant's date. */
export async function setGrantedAdmins(db: Kysely<Database>, teamId: string, programId: number, userIds: string[], grantedBy: string): Promise<void> {
  let removed = db.deleteFrom('program_admins').where('team_id', '=', teamId).where('program_id', '=', programId);
  if (userIds.length > 0) removed = removed.where('user_id', 'not in', userIds);
  await removed.execute();
  if (userIds.length === 0) return;
  await db
    .insertInto('program_admins')
    .values(userIds.map((userId) => ({ team_id: teamId, program_id: programId, user_id: userId, granted_by: grantedBy })))
    .onConflict((oc) => oc.columns(['program_id', 'user_id']).doNothing())
    .execute();
}

/** Whether someone was granted admin of any program of the workspace. */
export async function isGrantedAdminOfAny(db: Kysely<Database>, teamId: string, userId: string): Promise<boolean> {
  const row = await db.selectFrom('program_admins').select('user_id').where('team_id', '=', teamId).where('user_id', '=', userId).limit(1).executeTakeFirst();
  return row !== undefined;
}
