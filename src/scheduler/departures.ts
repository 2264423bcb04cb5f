import type { Kysely } from 'kysely';
import { nextWindowStart } from '../domain/delivery-window.ts';
import { endDepartedPairings, insertNudges, timeZones, type NewNudge } from '../db/repositories/scheduler-repository.ts';
import type { Database, Program } from '../db/schema.ts';
import { workingHours } from './decide.ts';

/**
 * Ends the pairings of members deactivated for longer than their program allows, and in the same
 * transaction writes each remaining partner a `partner_left` nudge (told kindly, offered a new
 * match). Returns how many pairings ended. Re-running finds nothing more: the pairings are ended.
 */
export async function endPairingsOfDeparted(db: Kysely<Database>, programs: Program[], now: Date, teamId: string): Promise<number> {
  const byId = new Map(programs.map((p) => [p.id, p]));
  return db.transaction().execute(async (trx) => {
    const ended = await endDepartedPairings(trx, now, teamId);
    if (ended.length === 0) return 0;
    const partners = ended.map((e) => ({ ...e, partner_id: e.departed_id === e.mentor_id ? e.mentee_id : e.mentor_id }));
    const zones = await timeZones(trx, teamId, [...new Set(partners.map((p) => p.partner_id))]);
    const nudges: NewNudge[] = [];
    for (const p of partners) {
      const program = byId.get(p.program_id);
      if (!program) continue;
      nudges.push({
        team_id: teamId, program_id: p.program_id, rule: 'partner_left', subject: `pair:${p.pair_id}`, period: 'ended', recipient_id: p.partner_id,
        // No pair id: the pairing has ended, and this nudge is about exactly that.
        pair_id: null,
        detail: JSON.stringify({ pairId: p.pair_id, partnerId: p.departed_id, role: p.partner_id === p.mentee_id ? 'mentee' : 'mentor' }),
        due_at: now,
        deliver_after: nextWindowStart(now, zones.get(p.partner_id), workingHours(program)),
      });
    }
    await insertNudges(trx, nudges);
    return ended.length;
  });
}
