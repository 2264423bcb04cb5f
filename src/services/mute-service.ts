import type { Duration } from '../domain/durations.ts';
import { clearMute, setMutedUntil } from '../db/repositories/members-repository.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** Far enough ahead to mean "until unmuted" while staying a real timestamp. */
const INDEFINITELY = new Date('9999-12-31T00:00:00Z');

/** Stops and restarts every nudge to one person; their pairs' status stays visible to admins. */
export class MuteService {
  constructor(private readonly deps: ServiceDeps) {}

  async mute(actor: Actor, duration: Duration | undefined): Promise<Date | undefined> {
    await this.deps.directory.get(actor.teamId, actor.userId);
    const until = duration ? new Date(this.deps.clock.now().getTime() + duration.days * 86_400_000) : INDEFINITELY;
    await setMutedUntil(this.deps.db, actor.teamId, actor.userId, until);
    return duration ? until : undefined;
  }

  /** Returns false when the person was not muted. */
  async unmute(actor: Actor): Promise<boolean> {
    return clearMute(this.deps.db, actor.teamId, actor.userId, this.deps.clock.now());
  }
}
