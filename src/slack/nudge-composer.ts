import { dayIn } from '../domain/calendar.ts';
import type { Composer } from '../scheduler/ports.ts';
import type { DigestService, WeeklyDigest } from '../services/digest-service.ts';
import type { NudgeMessageService } from '../services/nudge-message-service.ts';
import { keptCopy, nudgeMessage } from './surfaces/nudge-message.ts';

/**
 * The scheduler's composer: a person's due nudges as one message, dated in their time zone.
 * The admins' digest is built once per program and sweep, at the sweep's `now`. Private text
 * (advice, goal titles) is read by id here, and the copy kept once sent leaves it out.
 */
export function nudgeComposer(digests: Pick<DigestService, 'weekly'>, messages: Pick<NudgeMessageService, 'privateTexts'>): Composer {
  return {
    forProgram(teamId, programId, now) {
      let digest: Promise<WeeklyDigest> | undefined;
      return async (recipient, nudges) => {
        const today = dayIn(now, recipient.tz);
        const weekly = nudges.some((n) => n.rule === 'admin_digest') ? await (digest ??= digests.weekly(teamId, now, programId)) : undefined;
        const message = nudgeMessage(nudges, today, await messages.privateTexts(teamId, nudges), weekly);
        return { ...message, kept: keptCopy(message) };
      };
    },
  };
}
