import { sql, type Kysely } from 'kysely';
import type { Database, Member } from '../schema.ts';

export interface MemberProfile {
  displayName: string;
  realName: string;
  tz: string | null;
  isWorkspaceAdmin: boolean;
  isBot: boolean;
  deactivated: boolean;
}

export function findMember(db: Kysely<Database>, teamId: string, userId: string): Promise<Member | undefined> {
  return db.selectFrom('members').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst();
}

export function findMembers(db: Kysely<Database>, teamId: string, userIds: string[]): Promise<Member[]> {
  if (userIds.length === 0) return Promise.resolve([]);
  return db.selectFrom('members').selectAll().where('team_id', '=', teamId).where('user_id', 'in', userIds).execute();
}

export async function saveProfile(db: Kysely<Database>, teamId: string, userId: string, profile: MemberProfile, at: Date): Promise<Member> {
  const values = {
    display_name: profile.displayName,
    real_name: profile.realName,
    tz: profile.tz,
    is_workspace_admin: profile.isWorkspaceAdmin,
    is_bot: profile.isBot,
    deactivated: profile.deactivated,
    profile_refreshed_at: at,
  };
  return db
    .insertInto('members')
    .values({ team_id: teamId, user_id: userId, ...values, deactivated_at: profile.deactivated ? at : null })
    // The first time someone was seen deactivated is kept: departures are counted from it.
    .onConflict((oc) =>
      oc.columns(['team_id', 'user_id']).doUpdateSet({ ...values, deactivated_at: profile.deactivated ? sql<Date>`coalesce(members.deactivated_at, ${at})` : null }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A placeholder row so a pair can reference someone whose profile Slack could not give us yet. */
export async function ensureMemberRow(db: Kysely<Database>, teamId: string, userId: string): Promise<void> {
  await db.insertInto('members').values({ team_id: teamId, user_id: userId }).onConflict((oc) => oc.doNothing()).execute();
}

export async function saveDmChannel(db: Kysely<Database>, teamId: string, userId: string, channelId: string): Promise<void> {
  await db.updateTable('members').set({ dm_channel_id: channelId }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

/** Slack said the person can never receive a DM: they count as deactivated until user_change says otherwise. */
export async function markDeactivated(db: Kysely<Database>, teamId: string, userId: string, at: Date): Promise<void> {
  await db.updateTable('members').set({ deactivated: true, deactivated_at: sql<Date>`coalesce(deactivated_at, ${at})` }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

export async function setMutedUntil(db: Kysely<Database>, teamId: string, userId: string, until: Date): Promise<void> {
  await db.updateTable('members').set({ muted_until: until }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}

/** Lifts a mute still in force at `now`; false when there was none. */
export async function clearMute(db: Kysely<Database>, teamId: string, userId: string, now: Date): Promise<boolean> {
  const result = await db.updateTable('members').set({ muted_until: null }).where('team_id', '=', teamId).where('user_id', '=', userId).where('muted_until', '>', now).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
