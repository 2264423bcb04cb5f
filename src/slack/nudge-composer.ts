import { dayIn } from '../domain/calendar.ts';
import type { Composer } from '../scheduler/ports.ts';
import type { CohortEndService, ProgramWrapUp } from '../services/cohort-end-service.ts';
import type { DigestService, WeeklyDigest } from '../services/digest-service.ts';
import type { NudgeMessageService } from '../services/nudge-message-service.ts';
import { keptCopy, nudgeMessage } from './surfaces/nudge-message.ts';

/**
 * The scheduler's composer: a person's due nudges as one message, dated in their time zone.
 * The admins' digest (the nudges' own program), and a program's wrap-up when it ends, are built once per program and sweep, at the sweep's `now`. Private text
 * (advice, goal titles) is read by id here, and the copy kept once sent leaves it out.
 */
export function nudgeComposer(
  digests: Pick<DigestService, 'weekly'>,
  messages: Pick<NudgeMessageService, 'privateTexts'>,
  cohortEnd: Pick<CohortEndService, 'wrapUpFor'>,
): Composer {
  return {
    forProgram(teamId, programId, now) {
      let digest: Promise<WeeklyDigest> | undefined;
      const wrapUps = new Map<number, Promise<ProgramWrapUp | undefined>>();
      return async (recipient, nudges) => {
        const today = dayIn(now, recipient.tz);
        const weekly = nudges.some((n) => n.rule === 'admin_digest') ? await (digest ??= digests.weekly(teamId, now, programId)) : undefined;
        const ended = new Map<number, ProgramWrapUp | undefined>();
        for (const n of nudges.filter((x) => x.rule === 'cohort_end_admin')) {
          const programId = Number((n.detail as Record<string, unknown> | null)?.programId);
          if (!wrapUps.has(programId)) wrapUps.set(programId, cohortEnd.wrapUpFor(teamId, programId, now));
          ended.set(programId, await wrapUps.get(programId));
        }
        const message = nudgeMessage(nudges, today, await messages.privateTexts(teamId, nudges), weekly, ended);
        return { ...message, kept: keptCopy(message) };
      };
    },
  };
}
