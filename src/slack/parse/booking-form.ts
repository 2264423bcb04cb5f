import { isCalendarDay } from '../../domain/calendar.ts';
import { charLength } from '../../domain/mrkdwn.ts';
import { isClockTime } from '../../domain/session-booking.ts';
import type { BookingInput } from '../../services/booking-service.ts';
import { BOOKING_FIELD } from '../ids.ts';
import { AGENDA_MAX } from '../surfaces/booking-messages.ts';
import { date, metadata, text, time, type FormResult, type ViewValues } from './view-values.ts';

export const MIN_BOOKING_MINUTES = 15;
export const MAX_BOOKING_MINUTES = 480;

/** The booking modal: a day, a time and a duration; whether that instant is still to come is the service's check. */
export function parseBookingForm(values: ViewValues, rawMetadata: string | undefined): FormResult<BookingInput> {
  const errors: Record<string, string> = {};
  const pairId = metadata(rawMetadata).pairId;
  const day = date(values, BOOKING_FIELD.day);
  if (day === null || !isCalendarDay(day)) errors[BOOKING_FIELD.day] = 'Pick the day of your next session.';
  const at = time(values, BOOKING_FIELD.time);
  if (at === null || !isClockTime(at)) errors[BOOKING_FIELD.time] = 'Pick the time it starts.';
  const minutesText = text(values, BOOKING_FIELD.minutes);
  const minutes = /^\d{1,4}$/.test(minutesText) ? Number(minutesText) : NaN;
  if (!Number.isInteger(minutes)) errors[BOOKING_FIELD.minutes] = 'Enter a whole number of minutes, e.g. 60.';
  else if (minutes < MIN_BOOKING_MINUTES || minutes > MAX_BOOKING_MINUTES) errors[BOOKING_FIELD.minutes] = `Enter between ${MIN_BOOKING_MINUTES} and ${MAX_BOOKING_MINUTES} minutes.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // A form without a pairing was not opened by the bot: the service refuses NaN like any pairing not yours.
  return { ok: true, value: { pairId: pairId ?? NaN, day: day!, time: at!, minutes } };
}

export function parseAgendaForm(values: ViewValues, rawMetadata: string | undefined): FormResult<{ bookingId: number; agenda: string | null }> {
  const agenda = text(values, BOOKING_FIELD.agenda);
  if (charLength(agenda) > AGENDA_MAX) return { ok: false, errors: { [BOOKING_FIELD.agenda]: `Keep the agenda under ${AGENDA_MAX} characters.` } };
  return { ok: true, value: { bookingId: metadata(rawMetadata).bookingId ?? NaN, agenda: agenda || null } };
}
