import type { Kysely } from 'kysely';
import { TZDate } from '@date-fns/tz';
import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { isInsideWindow, nextWindowStart } from '../domain/delivery-window.ts';
import { insertDeliveries, type NewDelivery } from '../db/repositories/deliveries-repository.ts';
import { bundleNudges, deferNudges, dropPendingNudges, ripeNudges } from '../db/repositories/nudges-repository.ts';
import type { Database, Nudge, Program } from '../db/schema.ts';
import { workingHours } from './decide.ts';
import type { Composer, Directory } from './ports.ts';

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
 * A fixed number of statements per program: the recipients' members are read at once, and drops,
 * deferrals and the new deliveries are each written in one statement.
 */
export async function bundleProgram(db: Kysely<Database>, program: Program, now: Date, directory: Directory, composer: Composer): Promise<BundleResult> {
  const ripe = await ripeNudges(db, program.id, now);
  const byRecipient = new Map<string, Nudge[]>();
  for (const nudge of ripe) {
    const list = byRecipient.get(nudge.recipient_id);
    if (list) list.push(nudge);
    else byRecipient.set(nudge.recipient_id, [nudge]);
  }
  const result: BundleResult = { deliveries: 0, deferred: 0 };
  if (byRecipient.size === 0) return result;

  const hours = workingHours(program);
  const members = await directory.members(program.team_id, [...byRecipient.keys()], now);
  const compose = composer.forProgram(program.team_id, program.id, now);
  const drop: number[] = [];
  const defer: Array<{ id: number; until: Date }> = [];
  const due: Array<{ recipient: string; tz: string | null; nudges: Nudge[] }> = [];

  for (const [recipient, nudges] of byRecipient) {
    const member = members.get(recipient);
    const tz = member?.tz ?? null;
    if (member?.deactivated || (member?.muted_until && member.muted_until > now)) {
      drop.push(...nudges.map((n) => n.id));
    } else if (!isInsideWindow(now, tz, hours)) {
      const until = nextWindowStart(now, tz, hours);
      defer.push(...nudges.map((n) => ({ id: n.id, until })));
      result.deferred += nudges.length;
    } else {
      due.push({ recipient, tz, nudges });
    }
  }
  await dropPendingNudges(db, drop);
  await deferNudges(db, defer, { pendingOnly: false });

  const rows: NewDelivery[] = [];
  for (const d of due) {
    const message = await compose({ teamId: program.team_id, userId: d.recipient, tz: d.tz }, d.nudges);
    rows.push({ team_id: program.team_id, recipient_id: d.recipient, local_day: dayIn(now, d.tz), message: JSON.stringify(message), next_attempt_at: now, created_at: now });
  }
  const created = rows.length === 0 ? new Map<string, number>() : await db.transaction().execute(async (trx) => {
    const ids = await insertDeliveries(trx, rows);
    await bundleNudges(trx, due.flatMap((d) => (ids.has(d.recipient) ? d.nudges.map((n) => ({ id: n.id, deliveryId: ids.get(d.recipient)! })) : [])));
    return ids;
  });
  result.deliveries += created.size;
  // Those who already had today's message wait for the next window after today.
  const later: Array<{ id: number; until: Date }> = [];
  for (const d of due) {
    if (created.has(d.recipient)) continue;
    const until = nextWindowStart(startOfNextLocalDay(now, d.tz), d.tz, hours);
    later.push(...d.nudges.map((n) => ({ id: n.id, until })));
    result.deferred += d.nudges.length;
  }
  await deferNudges(db, later, { pendingOnly: true });
  return result;
}
