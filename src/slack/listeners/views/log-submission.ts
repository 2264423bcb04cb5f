import { describeDay } from '../../../domain/calendar.ts';
import { parseLogForm } from '../../parse/log-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from './submission.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { metadata, pairIdFrom } from '../../parse/view-values.ts';
import { FIELD } from '../../ids.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { noticeMilestone } from '../../milestones.ts';
import { bookButton } from '../../surfaces/booking-messages.ts';

export function logSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'log',
    parse: async (values, meta, actor) => {
      // The chosen pairing's program decides how many pieces of advice it takes.
      const carried = metadata(meta);
      const { message, bookingId } = carried;
      const pairId = pairIdFrom(values, FIELD.pair, carried);
      const { program, today } = await rt.services.sessions.formContext(actor, pairId === null ? [] : [pairId]);
      const parsed = parseLogForm(values, meta, today, program.max_advice_lines);
      return parsed.ok ? { ok: true as const, value: { input: parsed.value, message, bookingId, program, today } } : parsed;
    },
    save: async (actor, { input, message, bookingId, program, today }) => ({
      ...(await rt.services.sessions.logSession(actor, input, { program, today, ...(bookingId !== undefined ? { detailsOf: bookingId } : {}) })),
      message,
      today,
    }),
    confirmation: ({ session, advice, pair, today }) => {
      const when = advice[0] ? describeDay(advice[0].follow_up_on, today) : '';
      const followUp = !advice[0]
        ? ''
        : session.logged_by === pair.mentee_id
          ? ` Around ${when} I'll ask you how it went, so you can close the loop with ${mention(pair.mentor_id)}.`
          : ` Around ${when} I'll ask ${mention(pair.mentee_id)} how it went, and tell you what they say.`;
      const recorded = advice.length > 0 ? ` ${advice.length} piece${advice.length === 1 ? '' : 's'} of advice recorded.` : '';
      const next = pair.status === 'active' ? bookButton(pair.id) : undefined;
      return { title: 'Session logged', text: `:white_check_mark: Logged your ${session.minutes}-minute session on ${describeDay(session.held_on, today)}.${recorded}${followUp}`, ...(next ? { next } : {}) };
    },
    afterSave: async (actor, { pair, message }) => {
      await replaceActionsLater(rt, actor.teamId, message, `Session logged by ${mention(actor.userId)}. Thank you!`);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      await noticeMilestone(rt, { kind: 'session_logged', teamId: actor.teamId, pairId: pair.id });
    },
  });
}
