import type { Kysely } from 'kysely';
import type { Booking, Database, Program } from '../schema.ts';

export async function findBooking(db: Kysely<Database>, teamId: string, bookingId: number): Promise<Booking | undefined> {
  if (!Number.isSafeInteger(bookingId)) return undefined;
  return db.selectFrom('bookings').selectAll().where('team_id', '=', teamId).where('id', '=', bookingId).executeTakeFirst();
}

/** The pairing's upcoming booking (at most one, by a partial unique index). */
export function upcomingBooking(db: Kysely<Database>, teamId: string, pairId: number): Promise<Booking | undefined> {
  return db.selectFrom('bookings').selectAll().where('team_id', '=', teamId).where('pair_id', '=', pairId).where('status', '=', 'booked').executeTakeFirst();
}

/** The start of the last session this person booked, for their usual time of day. */
export async function lastBookedBy(db: Kysely<Database>, teamId: string, userId: string): Promise<Date | null> {
  const row = await db.selectFrom('bookings').select('starts_at').where('team_id', '=', teamId).where('booked_by', '=', userId).orderBy('created_at', 'desc').orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row?.starts_at ?? null;
}

/** Books the pairing's next session, replacing its upcoming one; call inside a transaction. */
export async function replaceBooking(db: Kysely<Database>, input: { teamId: string; pairId: number; startsAt: Date; minutes: number; bookedBy: string }): Promise<{ booking: Booking; replaced: Booking | undefined }> {
  const replaced = await db
    .updateTable('bookings')
    .set({ status: 'replaced' })
    .where('team_id', '=', input.teamId)
    .where('pair_id', '=', input.pairId)
    .where('status', '=', 'booked')
    .returningAll()
    .executeTakeFirst();
  const booking = await db
    .insertInto('bookings')
    .values({ team_id: input.teamId, pair_id: input.pairId, starts_at: input.startsAt, minutes: input.minutes, booked_by: input.bookedBy })
    .returningAll()
    .executeTakeFirstOrThrow();
  return { booking, replaced };
}

/** The agenda of a booking still upcoming; undefined when it is no longer booked. */
export function setAgenda(db: Kysely<Database>, teamId: string, bookingId: number, agenda: string | null): Promise<Booking | undefined> {
  return db.updateTable('bookings').set({ agenda }).where('team_id', '=', teamId).where('id', '=', bookingId).where('status', '=', 'booked').returningAll().executeTakeFirst();
}

/**
 * Answers "Did you meet?" once: only a booking still 'booked' changes, so a second press (or the
 * partner's) finds nothing. Returns the booking as answered, or undefined when it was answered before.
 */
export function answerBooking(db: Kysely<Database>, teamId: string, bookingId: number, status: 'met' | 'missed', by: string, at: Date): Promise<Booking | undefined> {
  return db
    .updateTable('bookings')
    .set({ status, answered_by: by, answered_at: at })
    .where('team_id', '=', teamId)
    .where('id', '=', bookingId)
    .where('status', '=', 'booked')
    .returningAll()
    .executeTakeFirst();
}

export async function linkSession(db: Kysely<Database>, bookingId: number, sessionId: number): Promise<void> {
  await db.updateTable('bookings').set({ session_id: sessionId }).where('id', '=', bookingId).execute();
}

/** Claims the one "Add details" of a met booking's session; undefined when it was claimed before. */
export function claimDetails(db: Kysely<Database>, teamId: string, bookingId: number, at: Date): Promise<Booking | undefined> {
  return db
    .updateTable('bookings')
    .set({ details_at: at })
    .where('team_id', '=', teamId)
    .where('id', '=', bookingId)
    .where('status', '=', 'met')
    .where('session_id', 'is not', null)
    .where('details_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

export interface BookingCandidate {
  booking_id: number;
  pair_id: number;
  team_id: string;
  mentor_id: string;
  mentee_id: string;
  starts_at: Date;
  minutes: number;
  /** The pairing's last logged session day, so a session logged since is not asked about. */
  last_session_on: string | null;
}

/**
 * Upcoming bookings of the program's active pairings from a week before `now` to two days after:
 * what the prep DM and "Did you meet?" rules look at (served by the partial index on starts_at).
 */
export function bookingCandidates(db: Kysely<Database>, program: Program, now: Date): Promise<BookingCandidate[]> {
  return db
    .selectFrom('bookings as b')
    .innerJoin('pairs as p', 'p.id', 'b.pair_id')
    .select(['b.id as booking_id', 'b.pair_id', 'b.team_id', 'p.mentor_id', 'p.mentee_id', 'b.starts_at', 'b.minutes', 'p.last_session_on'])
    .where('b.status', '=', 'booked')
    .where('b.starts_at', '>=', new Date(now.getTime() - 9 * 86_400_000))
    .where('b.starts_at', '<=', new Date(now.getTime() + 5 * 86_400_000))
    .where('p.program_id', '=', program.id)
    .where('p.team_id', '=', program.team_id)
    .where('p.status', '=', 'active')
    .execute();
}

/** What a prep DM quotes, read when it is composed: the pair's open commitments and advice, and the agenda. */
export interface PrepText {
  commitments: string[];
  advice: string[];
  agenda: string | null;
}

export async function prepTexts(db: Kysely<Database>, teamId: string, bookingIds: number[]): Promise<Map<number, PrepText>> {
  const out = new Map<number, PrepText>();
  if (bookingIds.length === 0) return out;
  const bookings = await db.selectFrom('bookings').select(['id', 'pair_id', 'agenda']).where('team_id', '=', teamId).where('id', 'in', bookingIds).execute();
  const pairIds = [...new Set(bookings.map((b) => b.pair_id))];
  if (pairIds.length === 0) return out;
  const [commitments, advice] = await Promise.all([
    db.selectFrom('commitments').select(['pair_id', 'text']).where('team_id', '=', teamId).where('pair_id', 'in', pairIds).where('done', '=', false).where('text', '<>', '').orderBy('id').execute(),
    db.selectFrom('advice_items').select(['pair_id', 'text']).where('team_id', '=', teamId).where('pair_id', 'in', pairIds).where('outcome', '=', 'open').where('text', '<>', '').orderBy('follow_up_on').orderBy('id').execute(),
  ]);
  for (const b of bookings) {
    out.set(b.id, {
      commitments: commitments.filter((c) => c.pair_id === b.pair_id).map((c) => c.text),
      advice: advice.filter((a) => a.pair_id === b.pair_id).map((a) => a.text),
      agenda: b.agenda,
    });
  }
  return out;
}
