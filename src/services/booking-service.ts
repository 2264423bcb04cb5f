import { dayIn } from '../domain/calendar.ts';
import { FieldErrors, UserError } from '../domain/errors.ts';
import {
  bookingProblem,
  DEFAULT_BOOKING_MINUTES,
  defaultSlot,
  instantOf,
  MAX_BOOKING_DAYS_AHEAD,
  slotOf,
  type LocalSlot,
} from '../domain/session-booking.ts';
import { answerBooking, findBooking, lastBookedBy, linkSession, replaceBooking, setAgenda, upcomingBooking, type PrepText } from '../db/repositories/bookings-repository.ts';
import { findSession, insertSession } from '../db/repositories/sessions-repository.ts';
import type { Booking, Member, Pair, Session } from '../db/schema.ts';
import { partnerOf, requirePairMember, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { Booking, PrepText };

/** The booking modal's fields, as block ids: a FieldErrors key is the block that shows the error. */
export const BOOKING_FIELDS = { day: 'booking_day', time: 'booking_time', minutes: 'booking_minutes' } as const;

export const PAUSED_NO_BOOKING = 'This pairing is paused, so it takes no bookings. `/mentor resume` restarts it; then book your next session.';

export interface BookingInput {
  pairId: number;
  day: string;
  time: string;
  minutes: number;
}

/** One member as a booking DM needs them: their zone and the day it is for them. */
export interface BookingMember {
  userId: string;
  partnerId: string;
  role: 'mentor' | 'mentee';
  tz: string | null;
  today: string;
}

/** What "Yes, we met" did: recorded the session, or found the booking already answered. */
export type MetAnswer =
  | { recorded: true; session: Session; booking: Booking; pair: Pair }
  | { recorded: false; booking: Booking; pair: Pair };

export class BookingService {
  constructor(private readonly deps: ServiceDeps) {}

  private member(teamId: string, userId: string): Promise<Member> {
    return this.deps.directory.get(teamId, userId);
  }

  /** A pairing that may book: the actor is a member, and it is neither paused nor ended. */
  private async bookablePair(actor: Actor, pairId: number): Promise<Pair> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so there is no next session to book.');
    if (pair.status === 'paused') throw new UserError(PAUSED_NO_BOOKING);
    return pair;
  }

  /**
   * The booking form's defaults, in the actor's zone: the upcoming booking when there is one,
   * else the last session plus the pair's rhythm at the actor's usual time.
   */
  async bookingForm(actor: Actor, pairId: number): Promise<{ pair: Pair; slot: LocalSlot; minutes: number; tz: string | null; upcoming: Booking | undefined }> {
    const pair = await this.bookablePair(actor, pairId);
    const now = this.deps.clock.now();
    const [member, upcoming, lastBookedAt] = await Promise.all([
      this.member(actor.teamId, actor.userId),
      upcomingBooking(this.deps.db, actor.teamId, pair.id),
      lastBookedBy(this.deps.db, actor.teamId, actor.userId),
    ]);
    const future = upcoming && upcoming.starts_at.getTime() > now.getTime() ? upcoming : undefined;
    const slot = future ? slotOf(future.starts_at, member.tz) : defaultSlot({ anchorOn: pair.rhythm_anchor_on, cadenceDays: pair.cadence_days, lastBookedAt, tz: member.tz }, now);
    return { pair, slot, minutes: future?.minutes ?? upcoming?.minutes ?? DEFAULT_BOOKING_MINUTES, tz: member.tz, upcoming: future };
  }

  /** Books the next session at a day and time in the actor's zone, replacing the upcoming one. */
  async book(actor: Actor, input: BookingInput): Promise<{ booking: Booking; replaced: Booking | undefined; pair: Pair; members: BookingMember[] }> {
    const pair = await this.bookablePair(actor, input.pairId);
    const member = await this.member(actor.teamId, actor.userId);
    const startsAt = instantOf({ day: input.day, time: input.time }, member.tz);
    const problem = bookingProblem(startsAt, this.deps.clock.now());
    if (problem === 'past') throw new FieldErrors({ [BOOKING_FIELDS.day]: 'That time has already passed. Pick a day and time still to come.' });
    if (problem === 'too_far') throw new FieldErrors({ [BOOKING_FIELDS.day]: `Book within the next ${MAX_BOOKING_DAYS_AHEAD} days.` });
    const { booking, replaced } = await this.deps.db.transaction().execute((trx) =>
      replaceBooking(trx, { teamId: actor.teamId, pairId: pair.id, startsAt, minutes: input.minutes, bookedBy: actor.userId }),
    );
    return { booking, replaced, pair, members: await this.membersOf(actor.teamId, pair) };
  }

  /** Both members with their zones, for DMs that show the time in each one's own zone. */
  async membersOf(teamId: string, pair: Pair): Promise<BookingMember[]> {
    const now = this.deps.clock.now();
    return Promise.all(
      [pair.mentor_id, pair.mentee_id].map(async (userId) => {
        const tz = (await this.deps.directory.get(teamId, userId).catch(() => undefined))?.tz ?? null;
        return { userId, partnerId: partnerOf(pair, userId), role: roleIn(pair, userId)!, tz, today: dayIn(now, tz) };
      }),
    );
  }

  /** A booking the actor's pairing holds; the same refusal whether or not it exists. */
  private async visibleBooking(actor: Actor, bookingId: number): Promise<{ booking: Booking; pair: Pair }> {
    const booking = await findBooking(this.deps.db, actor.teamId, bookingId);
    const pair = await requirePairMember(this.deps, actor, booking?.pair_id ?? NaN);
    return { booking: booking!, pair };
  }

  /** "Add an agenda": the mentee's, on a booking still to come. */
  async agendaForm(actor: Actor, bookingId: number): Promise<{ booking: Booking; pair: Pair }> {
    const { booking, pair } = await this.visibleBooking(actor, bookingId);
    if (pair.mentee_id !== actor.userId) throw new UserError('The mentee sets the agenda; your prep message shows it once they have.');
    if (booking.status !== 'booked' || booking.starts_at.getTime() <= this.deps.clock.now().getTime()) throw new UserError('That session is no longer coming up, so its agenda is closed.');
    return { booking, pair };
  }

  async saveAgenda(actor: Actor, bookingId: number, agenda: string | null): Promise<{ booking: Booking; pair: Pair }> {
    const { pair } = await this.agendaForm(actor, bookingId);
    const booking = await setAgenda(this.deps.db, actor.teamId, bookingId, agenda);
    if (!booking) throw new UserError('That session is no longer coming up, so its agenda is closed.');
    return { booking, pair };
  }

  /**
   * "Yes, we met": records the session in one tap (the booked day in the presser's zone, the booked
   * duration), once; a second press, or the partner's, records nothing.
   */
  async answerMet(actor: Actor, bookingId: number): Promise<MetAnswer> {
    const { booking, pair } = await this.visibleBooking(actor, bookingId);
    const now = this.deps.clock.now();
    if (booking.starts_at.getTime() > now.getTime()) throw new UserError("That session hasn't happened yet. Once it has, I'll ask how it went.");
    if (pair.status === 'ended') throw new UserError('That pairing has ended, so it takes no new sessions.');
    const member = await this.member(actor.teamId, actor.userId);
    const heldOn = dayIn(booking.starts_at, member.tz);
    const result = await this.deps.db.transaction().execute(async (trx) => {
      const answered = await answerBooking(trx, actor.teamId, booking.id, 'met', actor.userId, now);
      if (!answered) return undefined;
      const { session } = await insertSession(trx, {
        teamId: actor.teamId, pairId: pair.id, heldOn, minutes: booking.minutes, topics: '', notes: '', usefulness: null,
        loggedBy: actor.userId, goalIds: [], advice: [], adviceFollowUpOn: heldOn, commitments: [],
      });
      await linkSession(trx, booking.id, session.id);
      return { session, booking: { ...answered, session_id: session.id } };
    });
    if (result) return { recorded: true, ...result, pair };
    return { recorded: false, booking: (await findBooking(this.deps.db, actor.teamId, booking.id)) ?? booking, pair };
  }

  /** "Not this time": the booking is closed without a session; undefined when it was answered before. */
  async answerMissed(actor: Actor, bookingId: number): Promise<{ booking: Booking | undefined; pair: Pair }> {
    const { booking, pair } = await this.visibleBooking(actor, bookingId);
    return { booking: await answerBooking(this.deps.db, actor.teamId, booking.id, 'missed', actor.userId, this.deps.clock.now()), pair };
  }

  /** "We moved it": the pairing to book again, checked like any booking. */
  async pairToRebook(actor: Actor, bookingId: number): Promise<Pair> {
    const { pair } = await this.visibleBooking(actor, bookingId);
    return this.bookablePair(actor, pair.id);
  }

  /** "Add details": the met booking's session, for the log form filled in (the session service saves it, once). */
  async detailsForm(actor: Actor, bookingId: number): Promise<{ booking: Booking; pair: Pair; session: Session }> {
    const { booking, pair } = await this.visibleBooking(actor, bookingId);
    if (booking.status !== 'met' || booking.session_id === null) throw new UserError('That session was not recorded from a booking.');
    if (booking.details_at) throw new UserError('The details of this session were already added. `/mentor log` records another session.');
    const session = await findSession(this.deps.db, actor.teamId, booking.session_id);
    if (!session) throw new UserError('That session was not recorded from a booking.');
    return { booking, pair, session };
  }
}
