import { dayIn } from '../domain/calendar.ts';
import type { Composer } from '../scheduler/bundle.ts';
import type { Services } from '../services/index.ts';
import { nudgeMessage } from './surfaces/nudge-message.ts';

/** The scheduler's composer: today's nudges for one person as one message, in their time zone. */
export function nudgeComposer(services: Services): Composer {
  return async (teamId, recipientId, nudges, now) => {
    const member = await services.directory.get(teamId, recipientId).catch(() => undefined);
    const today = dayIn(now, member?.tz);
    const digest = nudges.some((n) => n.rule === 'admin_digest') ? await services.digest.weekly(teamId, now) : undefined;
    return nudgeMessage(nudges, today, digest);
  };
}
