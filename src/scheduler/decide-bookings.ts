import type { Kysely } from 'kysely';
import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { didYouMeetDue, sessionPrepDue } from '../domain/session-booking.ts';
import { bookingCandidates } from '../db/repositories/bookings-repository.ts';
import { timeZones, type NewNudge } from '../db/repositories/scheduler-repository.ts';
import type { Database, Program } from '../db/schema.ts';

/** A decision as decide.ts makes them, before its delivery window is known. */
type Undelivered = Omit<NewNudge, 'detail' | 'deliver_after'> & { detail: Record<string, unknown>; why: string };

/**
 * The booked-session rules, per member and in each one's own zone: the prep DM from the working
 * day before (until the session starts), and "Did you meet?" from the day after. The period names
 * the booking's start, so a booking moved to another time is asked about again.
 */
export async function bookingDecisions(db: Kysely<Database>, program: Program, now: Date): Promise<Undelivered[]> {
  const bookings = await bookingCandidates(db, program, now);
  if (bookings.length === 0) return [];
  const zones = await timeZones(db, program.team_id, [...new Set(bookings.flatMap((b) => [b.mentor_id, b.mentee_id]))]);
  const out: Undelivered[] = [];
  for (const b of bookings) {
    const period = b.starts_at.toISOString();
    for (const [recipient, partner, role] of [[b.mentor_id, b.mentee_id, 'mentor'], [b.mentee_id, b.mentor_id, 'mentee']] as const) {
      const tz = zones.get(recipient) ?? null;
      const base = { team_id: program.team_id, program_id: program.id, subject: `booking:${b.booking_id}`, period, recipient_id: recipient, pair_id: b.pair_id };
      const detail = { bookingId: b.booking_id, partnerId: partner, role, startsAt: period, minutes: b.minutes, tz, bookedOn: dayIn(b.starts_at, tz) };
      const prep = sessionPrepDue({ startsAt: b.starts_at, tz, workDays: program.work_days }, now);
      if (prep) out.push({ ...base, rule: 'session_prep', due_at: new Date(`${prep.dueOn}T00:00:00Z`), detail, why: `session booked for ${period}: the prep message from ${prep.dueOn}` });
      const met = didYouMeetDue({ startsAt: b.starts_at, tz }, now);
      // A session logged since the day before the booking (two zones can differ by a day) already answers it.
      const logged = b.last_session_on !== null && b.last_session_on >= addDaysTo(detail.bookedOn, -1);
      if (met && !logged) out.push({ ...base, rule: 'did_you_meet', due_at: new Date(`${met.dueOn}T00:00:00Z`), detail, why: `session booked for ${period} has passed: did they meet?` });
    }
  }
  return out;
}

/** A prep message that could only arrive once its session has started is not sent at all. */
export function arrivesInTime(d: { rule: string; detail: Record<string, unknown>; deliver_after: Date }): boolean {
  return d.rule !== 'session_prep' || d.deliver_after.getTime() < new Date(String(d.detail.startsAt)).getTime();
}
