import { describeSlot } from '../../../domain/session-booking.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { bookingIcs } from '../../booking-calendar.ts';
import { uploadToDm } from '../../dm-upload.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { parseAgendaForm, parseBookingForm } from '../../parse/booking-form.ts';
import { metadata } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { bookingDm } from '../../surfaces/booking-messages.ts';
import { submissionCallback } from '../views/submission.ts';

/** The booking modal: saved, then each member gets the time in their own zone, calendar links and an .ics file. */
export function bookingSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'booking',
    parse: async (values, meta) => {
      const parsed = parseBookingForm(values, meta);
      return parsed.ok ? { ok: true as const, value: { input: parsed.value, message: metadata(meta).message } } : parsed;
    },
    save: async (actor, { input, message }) => ({ ...(await rt.services.bookings.book(actor, input)), actor, message }),
    confirmation: ({ booking, members, actor }) => {
      const me = members.find((m) => m.userId === actor.userId)!;
      const when = `${describeSlot(booking.starts_at, booking.minutes, me.tz, me.today)} (${me.tz ?? 'UTC'})`;
      return { title: 'Session booked', text: `:calendar: Booked: *${when}*. You and ${mention(me.partnerId)} each get a DM with the time in your own time zone, calendar links and a calendar file.` };
    },
    afterSave: async (actor, { booking, replaced, pair, members, message }) => {
      const names = new Map(await Promise.all(members.map(async (m) => [m.userId, (await rt.services.members.find(actor.teamId, m.userId))?.real_name || m.userId] as const)));
      const event = {
        title: `Mentoring: ${names.get(pair.mentor_id)} and ${names.get(pair.mentee_id)}`,
        details: 'Your mentoring session, booked in Slack. Afterwards, log it with /mentor log.',
        startsAt: booking.starts_at,
        minutes: booking.minutes,
      };
      const ics = bookingIcs(booking.id, event, rt.clock.now());
      for (const m of members) {
        await rt.messenger.dm(actor.teamId, m.userId, bookingDm({ partnerId: m.partnerId, startsAt: booking.starts_at, minutes: booking.minutes, tz: m.tz, today: m.today, event, replaced: replaced !== undefined }));
        await uploadToDm(rt.client, m.userId, 'The session as a calendar file: open it to add it to your calendar.', [ics]).catch((error: unknown) =>
          rt.logger.warn({ team: actor.teamId, user: m.userId, slackError: slackErrorCode(error) ?? String(error) }, 'calendar file not shared'),
        );
      }
      await replaceActionsLater(rt, actor.teamId, message, `Next session booked by ${mention(actor.userId)}.`);
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
    },
  });
}

/** The mentee's agenda, shown in the mentor's prep message. */
export function agendaSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'booking_agenda',
    parse: async (values, meta) => {
      const parsed = parseAgendaForm(values, meta);
      return parsed.ok ? { ok: true as const, value: { ...parsed.value, message: metadata(meta).message } } : parsed;
    },
    save: async (actor, { bookingId, agenda, message }) => ({ ...(await rt.services.bookings.saveAgenda(actor, bookingId, agenda)), message }),
    confirmation: ({ booking, pair }) => ({
      title: 'Agenda saved',
      text: booking.agenda ? `:spiral_note_pad: Saved. ${mention(pair.mentor_id)} sees it in their prep message before the session.` : 'The agenda is empty now.',
    }),
    afterSave: async (actor, { message, booking }) => {
      if (booking.agenda) await replaceActionsLater(rt, actor.teamId, message, 'Agenda added. Thank you!');
    },
  });
}
