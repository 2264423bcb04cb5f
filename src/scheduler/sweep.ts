import type { Kysely } from 'kysely';
import { allPrograms, insertNudges, resumeExpiredPauses } from '../db/repositories/scheduler-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { bundleProgram } from './bundle.ts';
import { decideProgram, type Decision } from './decide.ts';
import type { Composer, Directory } from './ports.ts';
import { sendDeliveries, type Outbox, type SendResult } from './send.ts';

export interface SweepDeps {
  db: Kysely<Database>;
  directory: Directory;
  composer: Composer;
  /** Where deliveries go: the sender and the error policy (see the scheduler README). */
  outbox: Outbox;
  logger: Logger;
}

export interface SweepReport {
  at: string;
  resumedPairs: number;
  decided: number;
  deliveries: number;
  deferred: number;
  send: SendResult;
}

/**
 * One pass at instant `now`: resume pauses that ended, decide what is due (written with unique
 * keys), bundle ripe nudges into one message per person and local day, then drain the outbox.
 * Safe to run on several replicas at once and to re-run after a crash at any step.
 */
export async function runSweep(deps: SweepDeps, now: Date): Promise<SweepReport> {
  const report: SweepReport = { at: now.toISOString(), resumedPairs: 0, decided: 0, deliveries: 0, deferred: 0, send: { sent: 0, retrying: 0, failed: 0, calls: 0 } };
  report.resumedPairs = await resumeExpiredPauses(deps.db, now);
  const programs = await allPrograms(deps.db);
  for (const program of programs) {
    const decisions = await decideProgram(deps.db, program, now);
    report.decided += await insertNudges(deps.db, decisions.map(({ why: _why, detail, ...nudge }) => ({ ...nudge, detail: JSON.stringify(detail) })));
  }
  for (const program of programs) {
    const bundled = await bundleProgram(deps.db, program, now, deps.directory, deps.composer);
    report.deliveries += bundled.deliveries;
    report.deferred += bundled.deferred;
  }
  report.send = await sendDeliveries(deps.db, deps.outbox, now, deps.logger);
  deps.logger.info({ sweep: report }, 'sweep finished');
  return report;
}

export interface PlannedNudge extends Decision {
  deliverNow: boolean;
}

/** What a sweep at `now` would decide, without writing or sending anything. */
export async function planSweep(db: Kysely<Database>, now: Date): Promise<PlannedNudge[]> {
  const planned: PlannedNudge[] = [];
  for (const program of await allPrograms(db)) {
    for (const decision of await decideProgram(db, program, now)) planned.push({ ...decision, deliverNow: decision.deliver_after.getTime() <= now.getTime() });
  }
  return planned.sort((a, b) => a.recipient_id.localeCompare(b.recipient_id) || a.rule.localeCompare(b.rule));
}
