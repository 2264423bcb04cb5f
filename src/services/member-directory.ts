import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import { findMember, findMembers, saveProfile, ensureMemberRow, type MemberProfile } from '../db/repositories/members-repository.ts';
import type { Database, Member } from '../db/schema.ts';

/** Looks a person up in Slack; undefined when Slack does not know them (user_not_found). */
export type ProfileSource = (teamId: string, userId: string) => Promise<MemberProfile | undefined>;

// Profiles (time zone, admin flag, deactivation) are refreshed at most this often, or on user_change.
const PROFILE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

function isFresh(member: Member, now: Date): boolean {
  return member.profile_refreshed_at !== null && now.getTime() - member.profile_refreshed_at.getTime() < PROFILE_MAX_AGE_MS;
}

export class UnknownUserError extends Error {
  override name = 'UnknownUserError';
}

/** The members table as a cache of Slack's users.info. */
export class MemberDirectory {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly source: ProfileSource,
  ) {}

  async get(teamId: string, userId: string): Promise<Member> {
    const cached = await findMember(this.db, teamId, userId);
    if (cached && isFresh(cached, this.clock.now())) return cached;
    return this.refresh(teamId, userId, cached, this.clock.now());
  }

  /**
   * Many people at once as of `now` (a sweep's instant): one query, then a refresh only for
   * profiles older than a day. Someone Slack cannot tell us about keeps their cached row, or is
   * left out when there is none.
   */
  async members(teamId: string, userIds: string[], now: Date): Promise<Map<string, Member>> {
    const found = new Map((await findMembers(this.db, teamId, userIds)).map((m) => [m.user_id, m]));
    for (const userId of userIds) {
      const cached = found.get(userId);
      if (cached && isFresh(cached, now)) continue;
      const refreshed = await this.refresh(teamId, userId, cached, now).catch(() => cached);
      if (refreshed) found.set(userId, refreshed);
    }
    return found;
  }

  /** A profile from Slack's user_change event: no Web API call needed. */
  async update(teamId: string, userId: string, profile: MemberProfile): Promise<Member> {
    return saveProfile(this.db, teamId, userId, profile, this.clock.now());
  }

  private async refresh(teamId: string, userId: string, cached: Member | undefined, now: Date): Promise<Member> {
    let profile: MemberProfile | undefined;
    try {
      profile = await this.source(teamId, userId);
    } catch (error) {
      // Slack is slow or down: a stale profile beats failing the person's command.
      if (cached) return cached;
      throw error;
    }
    if (!profile) {
      if (cached) return cached;
      throw new UnknownUserError(`Slack does not know the user ${userId}.`);
    }
    await ensureMemberRow(this.db, teamId, userId);
    return saveProfile(this.db, teamId, userId, profile, now);
  }
}
