import { dayIn } from '../domain/calendar.ts';
import type { MemberProfile } from '../db/repositories/members-repository.ts';
import type { Member } from '../db/schema.ts';
import type { Actor, ServiceDeps } from './context.ts';

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

  /** A profile from Slack's user_change event. */
  updateProfile(teamId: string, userId: string, profile: MemberProfile): Promise<Member> {
    return this.deps.directory.update(teamId, userId, profile);
  }
}
