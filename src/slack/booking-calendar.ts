import ical from 'ical-generator';
import type { CalendarEvent } from '../domain/session-booking.ts';
import type { UploadFile } from './dm-upload.ts';

/**
 * The booking as an .ics file (ical-generator), in UTC so every calendar shows it in its own zone.
 * The UID names the booking, so importing a moved booking's file updates nothing else.
 */
export function bookingIcs(bookingId: number, event: CalendarEvent, stamp: Date): UploadFile {
  const calendar = ical({ name: 'Mentoring', prodId: { company: 'Mentor Loop', product: 'Mentor Loop', language: 'EN' } });
  calendar.createEvent({
    id: `booking-${bookingId}@mentor-loop`,
    start: event.startsAt,
    end: new Date(event.startsAt.getTime() + event.minutes * 60_000),
    summary: event.title,
    description: event.details,
    stamp,
  });
  return { content: calendar.toString(), filename: 'mentoring-session.ics', title: event.title };
}
