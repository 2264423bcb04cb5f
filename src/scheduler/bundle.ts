import type { Kysely } from 'kysely';
import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { isInsideWindow, nextWindowStart } from '../domain/delivery-window.ts';
import type { Database, Nudge, Program } from '../db/schema.ts';
import type { MemberDirectory } from '../services/member-directory.ts';
import type { Reply } from '../slack/surfaces/help-message.ts';
import { workingHours } from './decide.ts';
import { TZDate } from '@date-fns/tz';

/** Builds the one message a person gets for all their due nudges. */
export type Composer = (teamId: string, recipientId: string, nudges: Nudge[], now: Date) => Promise<Reply>;

export interface BundleResult {
  deliveries: number;
  deferred: number;
}

/** The start of the next local day in `tz`, for nudges that must wait for tomorrow's window. */
function startOfNextLocalDay(now: Date, tz: string | null): Date {
  const zone = tz ?? 'UTC';
  const tomorrow = addDaysTo(dayIn(now, zone), 1);
  const [y, m, d] = tomorrow.split('-').map(Number) as [number, number, number];
  return new Date(new TZDate(y, m - 1, d, 0, 0, zone).getTime());
}

/**
 * Turns ripe nudges into deliveries: one message per person per local day, inside their window.
 * The unique (recipient, local day) key makes concurrent sweeps agree on a single delivery.
 */
export async function bundleProgram(db: Kysely<Database>, program: Program, now: Date, directory: MemberDirectory, compose: Composer): Promise<BundleResult> {
  const ripe = await db
    .selectFrom('nudges')
    .selectAll()
    .where('program_id', '=', program.id)
    .where('status', '=', 'pending')
    .where('deliver_after', '<=', now)
    .orderBy('recipient_id')
    .orderBy('id')
    .execute();
  const byRecipient = new Map<string, Nudge[]>();
  for (const nudge of ripe) byRecipient.set(nudge.recipient_id, [...(byRecipient.get(nudge.recipient_id) ?? []), nudge]);
  const hours = workingHours(program);
  const result: BundleResult = { deliveries: 0, deferred: 0 };

  for (const [recipient, nudges] of byRecipient) {
    // Refreshes the cached time zone when it is older than a day.
    const member = await directory.get(program.team_id, recipient).catch(() => undefined);
    const tz = member?.tz ?? null;
    const ids = nudges.map((n) => n.id);
    if (member?.deactivated || (member?.muted_until && member.muted_until > now)) {
      await db.updateTable('nudges').set({ status: 'dropped' }).where('id', 'in', ids).where('status', '=', 'pending').execute();
      continue;
    }
    if (!isInsideWindow(now, tz, hours)) {
      await db.updateTable('nudges').set({ deliver_after: nextWindowStart(now, tz, hours) }).where('id', 'in', ids).execute();
      result.deferred += ids.length;
      continue;
    }
    const localDay = dayIn(now, tz);
    const message = await compose(program.team_id, recipient, nudges, now);
    const created = await db.transaction().execute(async (trx) => {
      const delivery = await trx
        .insertInto('deliveries')
        .values({ team_id: program.team_id, recipient_id: recipient, local_day: localDay, message: JSON.stringify(message), next_attempt_at: now, created_at: now })
        .onConflict((oc) => oc.columns(['team_id', 'recipient_id', 'local_day']).doNothing())
        .returning('id')
        .executeTakeFirst();
      if (!delivery) return false;
      await trx.updateTable('nudges').set({ status: 'bundled', delivery_id: delivery.id }).where('id', 'in', ids).where('status', '=', 'pending').execute();
      return true;
    });
    if (created) {
      result.deliveries += 1;
    } else {
      // Already had today's message: these wait for the next window after today.
      const later = nextWindowStart(startOfNextLocalDay(now, tz), tz, hours);
      await db.updateTable('nudges').set({ deliver_after: later }).where('id', 'in', ids).where('status', '=', 'pending').execute();
      result.deferred += ids.length;
    }
  }
  return result;
}
