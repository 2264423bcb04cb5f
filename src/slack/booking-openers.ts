import type { ModalView } from '@slack/types';
import type { Actor } from '../services/context.ts';
import { partnerOf } from '../services/access.ts';
import type { SlackRuntime } from './runtime.ts';
import { agendaModal, bookingModal } from './surfaces/booking-messages.ts';
import type { MessageRef } from './surfaces/review-modals.ts';

/** Where a booking button was pressed: a modal pressed inside another (the log confirmation) is pushed onto it. */
export interface OpenedFrom {
  actor: Actor;
  triggerId: string;
  inModal: boolean;
  /** The nudge row the button sat in, updated once the form is saved. */
  message?: MessageRef | undefined;
}

async function show(rt: SlackRuntime, from: OpenedFrom, view: ModalView): Promise<void> {
  if (from.inModal) await rt.client.views.push({ trigger_id: from.triggerId, view });
  else await rt.client.views.open({ trigger_id: from.triggerId, view });
}

/** "Book next session" (and "We moved it"): pickers filled in for the presser, who is re-checked. */
export async function openBookingModal(rt: SlackRuntime, from: OpenedFrom, pairId: number): Promise<void> {
  const form = await rt.services.bookings.bookingForm(from.actor, pairId);
  await show(
    rt,
    from,
    bookingModal({
      pairId: form.pair.id,
      partnerId: partnerOf(form.pair, from.actor.userId),
      slot: form.slot,
      minutes: form.minutes,
      tz: form.tz,
      rebooking: form.upcoming !== undefined,
      ...(from.message ? { message: from.message } : {}),
    }),
  );
}

/** "Add an agenda" on the mentee's prep message. */
export async function openAgendaModal(rt: SlackRuntime, from: OpenedFrom, bookingId: number): Promise<void> {
  const { booking } = await rt.services.bookings.agendaForm(from.actor, bookingId);
  await show(rt, from, agendaModal({ bookingId: booking.id, agenda: booking.agenda, ...(from.message ? { message: from.message } : {}) }));
}
