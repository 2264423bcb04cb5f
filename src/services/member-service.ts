import { dayIn, describeDayOf } from '../domain/calendar.ts';
import { findMember, saveDmChannel, type MemberProfile } from '../db/repositories/members-repository.ts';
import type { Member } from '../db/schema.ts';
import type { StaleProfiles } from './member-directory.ts';
import type { Actor, ServiceDeps } from './context.ts';

export interface CachedProfiles {
  run<T>(work: () => Promise<T>): Promise<T>;
  refresh(): Promise<void>;
}

/** People as the bot knows them: names for pickers, their calendar day, profile changes from Slack. */
export class MemberService {
  constructor(private readonly deps: ServiceDeps) {}

  /** The person's profile, or undefined when Slack does not know them or cannot be reached. */
  find(teamId: string, userId: string): Promise<Member | undefined> {
    return this.deps.directory.get(teamId, userId).catch(() => undefined);
  }

  /** The actor's calendar day, in their Slack time zone. */
  async todayFor(actor: Actor): Promise<string> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    return dayIn(this.deps.clock.now(), member.tz);
  }

  /** An instant (a pause's end, when advice was logged) as the actor reads its day: "Mon 30 Nov". */
  async describeDayFor(actor: Actor, instant: Date): Promise<string> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    return describeDayOf(instant, member.tz, this.deps.clock.now());
  }

  /**
   * A scope that answers from cached profiles, stale ones included, so nothing waits on Slack;
   * `refresh` brings the stale ones up to date once the answer is out.
   */
  cachedProfiles(): CachedProfiles {
    const stale: StaleProfiles = new Map();
    return {
      run: (work) => this.deps.directory.withCachedProfiles(stale, work),
      refresh: () => this.deps.directory.refreshStale(stale),
    };
  }

  /** The DM channel remembered for someone; `known` is false when they have no members row. */
  async dmChannelOf(teamId: string, userId: string): Promise<{ known: boolean; channelId: string | null }> {
    const member = await findMember(this.deps.db, teamId, userId);
    return { known: member !== undefined, channelId: member?.dm_channel_id ?? null };
  }

  rememberDmChannel(teamId: string, userId: string, channelId: string): Promise<void> {
    return saveDmChannel(this.deps.db, teamId, userId, channelId);
  }

  /** A profile from Slack's user_change event. */
  updateProfile(teamId: string, userId: string, profile: MemberProfile): Promise<Member> {
    return this.deps.directory.update(teamId, userId, profile);
  }
}
