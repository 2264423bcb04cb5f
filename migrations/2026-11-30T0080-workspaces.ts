import { sql, type Kysely } from 'kysely';

// A workspace that removed the app (app_uninstalled) or whose bot token was revoked
// (tokens_revoked): the sweep skips it and nothing is sent to it any more.
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    create table workspaces (
      team_id text primary key,
      -- Null while the app is installed; set when Slack told us it was removed.
      uninstalled_at timestamptz,
      uninstall_reason text
    );
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop table workspaces`.execute(db);
}
