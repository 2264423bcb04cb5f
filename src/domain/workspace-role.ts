/** The fields of a Slack user object (users.info, user_change) that decide a workspace role. */
export interface SlackUserRole {
  team_id?: string;
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  /** Multi-channel guest. */
  is_restricted?: boolean;
  /** Single-channel guest. */
  is_ultra_restricted?: boolean;
  /** A Slack Connect user from another organisation, seen through a shared channel. */
  is_stranger?: boolean;
}

/**
 * A workspace admin or owner of *this* workspace. The flags count only for its full members: a guest,
 * or an external Slack Connect user (an admin of their own workspace), is never an admin here.
 */
export function isWorkspaceAdminOf(user: SlackUserRole, teamId: string): boolean {
  if (user.is_restricted || user.is_ultra_restricted || user.is_stranger) return false;
  if (user.team_id !== undefined && user.team_id !== teamId) return false;
  return Boolean(user.is_admin || user.is_owner || user.is_primary_owner);
}
