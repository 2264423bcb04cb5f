import { AsyncLocalStorage } from 'node:async_hooks';
import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import { findMember, findMembers, saveProfile, ensureMemberRow, type MemberProfile } from '../db/repositories/members-repository.ts';
import type { Database, Member } from '../db/schema.ts';

export type { MemberProfile };

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

/** People whose cached profile was used although stale, to refresh once the answer is out. */
export type StaleProfiles = Map<string, { teamId: string; userId: string }>;

/** The members table as a cache of Slack's users.info. */
export class MemberDirectory {
  private readonly answering = new AsyncLocalStorage<StaleProfiles>();

  constructor(
    private readonly db: Kysely<Database>,
    private readonly clock: Clock,
    private readonly source: ProfileSource,
  ) {}

  async get(teamId: string, userId: string): Promise<Member> {
    const cached = await findMember(this.db, teamId, userId);
    if (cached && isFresh(cached, this.clock.now())) return cached;
    const stale = this.answering.getStore();
    if (cached && stale) {
      stale.set(`${teamId}:${userId}`, { teamId, userId });
      return cached;
    }
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

  /**
   * Runs `work` on cached profiles even when stale, so no Web API call delays an answer Slack
   * waits for (a view submission has 3 seconds); who was stale is added to `stale`. Someone never
   * seen before is still looked up: there is nothing to answer from.
   */
  withCachedProfiles<T>(stale: StaleProfiles, work: () => Promise<T>): Promise<T> {
    return this.answering.run(stale, work);
  }

  /** Refreshes the profiles `withCachedProfiles` answered from while stale. */
  async refreshStale(stale: StaleProfiles): Promise<void> {
    for (const { teamId, userId } of stale.values()) await this.answering.exit(() => this.get(teamId, userId));
  }

  /** The fresh cached profiles of several people in one query; the rest are left to `get`. */
  async freshProfiles(teamId: string, userIds: string[]): Promise<Map<string, Member>> {
    const members = await findMembers(this.db, teamId, [...new Set(userIds)]);
    return new Map(members.filter((m) => isFresh(m, this.clock.now())).map((m) => [m.user_id, m]));
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
