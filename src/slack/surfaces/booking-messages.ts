import type { KnownBlock, ModalView } from '@slack/types';
import { describeDay } from '../../domain/calendar.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { describeSlot, googleCalendarLink, outlookCalendarLink, type CalendarEvent, type LocalSlot } from '../../domain/session-booking.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import type { NudgeTexts } from '../../services/nudge-message-service.ts';
import { AGENDA_CALLBACK, BOOKING_ACTION, BOOKING_CALLBACK, BOOKING_FIELD, INPUT_ACTION, nudgeActionsBlockId, nudgeTextBlockId } from '../ids.ts';
import { actions, button, context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { dateInput, modal, textInput } from './modal-parts.ts';
import type { MessageRef } from './review-modals.ts';

type Detail = Record<string, any>;

export const AGENDA_MAX = 2000;
const MAX_PREP_ITEMS = 5;

/** "Book next session": its button, wherever a pairing's next step is offered. */
export const bookButton = (pairId: number) => button('Book next session', BOOKING_ACTION.book, String(pairId));

/** Date and time pickers (in the presser's zone, named in the hint) and a duration. */
export function bookingModal(input: { pairId: number; partnerId: string; slot: LocalSlot; minutes: number; tz: string | null; rebooking: boolean; message?: MessageRef }): ModalView {
  const zone = input.tz ?? 'UTC';
  return modal(
    BOOKING_CALLBACK,
    'Book next session',
    'Book it',
    [
      section(`Your next session with ${mention(input.partnerId)}. ${input.rebooking ? 'This replaces the session booked before. ' : ''}You both get the time in your own time zone, with calendar links.`),
      dateInput(BOOKING_FIELD.day, 'Day', { initial: input.slot.day }),
      {
        type: 'input',
        block_id: BOOKING_FIELD.time,
        label: { type: 'plain_text', text: 'Time' },
        hint: { type: 'plain_text', text: `In your time zone (${zone}).` },
        element: { type: 'timepicker', action_id: INPUT_ACTION, initial_time: input.slot.time },
      },
      textInput(BOOKING_FIELD.minutes, 'Duration (minutes)', { maxLength: 3, initial: String(input.minutes), placeholder: 'e.g. 60' }),
    ],
    { pairId: input.pairId, ...(input.message ? { message: input.message } : {}) },
  );
}

/** The mentee's agenda for a booked session; the mentor sees it in their prep message. */
export function agendaModal(input: { bookingId: number; agenda: string | null; message?: MessageRef }): ModalView {
  return modal(
    AGENDA_CALLBACK,
    'Add an agenda',
    'Save agenda',
    [
      textInput(BOOKING_FIELD.agenda, 'What would you like to talk about?', {
        multiline: true,
        maxLength: AGENDA_MAX,
        optional: true,
        initial: input.agenda ?? '',
        hint: 'Only your mentor sees it, in the message I send them before the session.',
      }),
    ],
    { bookingId: input.bookingId, ...(input.message ? { message: input.message } : {}) },
  );
}

export interface BookingDm {
  partnerId: string;
  startsAt: Date;
  minutes: number;
  tz: string | null;
  today: string;
  event: CalendarEvent;
  replaced: boolean;
}

/** The booking DM: the time in the recipient's own zone, and links to add it to a calendar. */
export function bookingDm(dm: BookingDm): Reply {
  const when = describeWhen(dm);
  const links = `<${googleCalendarLink(dm.event)}|Add to Google Calendar> · <${outlookCalendarLink(dm.event)}|Add to Outlook>`;
  return {
    text: `Next mentoring session with ${mention(dm.partnerId)}: ${when}`,
    blocks: [
      section(`:calendar: *${dm.replaced ? 'Moved: your' : 'Your'} next session with ${mention(dm.partnerId)}* is on *${when}*.`),
      section(links),
      context("I'll send you a short prep message the working day before, and ask afterwards whether you met. The calendar file follows."),
    ],
  };
}

function describeWhen(dm: { startsAt: Date; minutes: number; tz: string | null; today: string }): string {
  return `${describeSlot(dm.startsAt, dm.minutes, dm.tz, dm.today)} (${dm.tz ?? 'UTC'})`;
}

/** The prep message's private part, composed from the texts read now: it is not kept once sent. */
function prepSection(n: Nudge, d: Detail, texts: NudgeTexts): KnownBlock {
  const prep = texts.prep?.get(Number(d.bookingId));
  const list = (items: string[]) => items.slice(0, MAX_PREP_ITEMS).map((t) => `• ${escapeMrkdwn(truncate(t, 200))}`).concat(items.length > MAX_PREP_ITEMS ? [`…and ${items.length - MAX_PREP_ITEMS} more on my Home tab`] : []).join('\n');
  const parts: string[] = [];
  if (prep && prep.commitments.length > 0) parts.push(`*Commitments from last time*\n${list(prep.commitments)}`);
  if (prep && prep.advice.length > 0) parts.push(`*${d.role === 'mentee' ? 'Advice to report back on' : 'Advice you gave, waiting to hear how it went'}*\n${list(prep.advice)}`);
  if (d.role === 'mentor') parts.push(prep?.agenda ? `*Agenda from ${mention(d.partnerId)}*\n>${escapeMrkdwn(truncate(prep.agenda, 1500)).replace(/\n/g, '\n>')}` : `_${mention(d.partnerId)} has not added an agenda yet._`);
  return { ...section(parts.length > 0 ? parts.join('\n\n') : 'Nothing left open from last time.'), block_id: nudgeTextBlockId(n.id) };
}

export function sessionPrepItem(n: Nudge, d: Detail, texts: NudgeTexts, today: string): KnownBlock[] {
  const when = describeWhen({ startsAt: new Date(String(d.startsAt)), minutes: Number(d.minutes), tz: d.tz ?? null, today });
  return [
    section(`:spiral_note_pad: *Coming up: your session with ${mention(d.partnerId)}*, ${when}.`),
    prepSection(n, d, texts),
    ...(d.role === 'mentee' ? [actions(nudgeActionsBlockId(n.id), button('Add an agenda', BOOKING_ACTION.agenda, String(d.bookingId), 'primary'))] : []),
  ];
}

export function didYouMeetItem(n: Nudge, d: Detail, today: string): KnownBlock[] {
  const day = describeDay(String(d.bookedOn), today);
  const value = String(d.bookingId);
  return [
    section(`:handshake: *Did you meet ${mention(d.partnerId)} on ${day}?* Your session was booked for then.`),
    actions(
      nudgeActionsBlockId(n.id),
      button('Yes', BOOKING_ACTION.metYes, value, 'primary'),
      button('We moved it', BOOKING_ACTION.metMoved, value),
      button('Not this time', BOOKING_ACTION.metNo, value),
    ),
  ];
}

/** What replaces "Did you meet?" once "Yes" recorded the session: the record, and its details one tap away. */
export function metRecordedBlock(blockId: string, text: string, bookingId: number): KnownBlock {
  return { ...section(`:white_check_mark: ${text}`, button('Add details', BOOKING_ACTION.addDetails, String(bookingId))), block_id: blockId };
}

export function prepSubject(d: Detail): string {
  return `your session with ${mention(d.partnerId)} is coming up`;
}

export function didYouMeetSubject(d: Detail): string {
  return `did you meet ${mention(d.partnerId)}?`;
}
