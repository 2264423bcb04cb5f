import type { Kysely } from 'kysely';
import { clearExpiredPrivateText, pruneDeduplication } from '../db/repositories/retention-repository.ts';
import { allPrograms, archiveFinishedProgram, insertNudges, resumeExpiredPauses } from '../db/repositories/scheduler-repository.ts';
import { dayIn } from '../domain/calendar.ts';
import { isWorkspaceUninstalled } from '../db/repositories/workspaces-repository.ts';
import type { Database } from '../db/schema.ts';
import type { Logger } from '../logger.ts';
import { bundleProgram } from './bundle.ts';
import { endPairingsOfDeparted } from './departures.ts';
import { decideProgram, workspaceFacts, type Decision, type WorkspaceFacts } from './decide.ts';
import type { Composer, Directory, Outbox } from './ports.ts';
import { sendDeliveries, type SendResult } from './send.ts';

export interface SweepDeps {
  db: Kysely<Database>;
  /** The workspace this bot serves (auth.test's team_id): a sweep touches nothing of another's. */
  teamId: string;
  directory: Directory;
  composer: Composer;
  /** Where deliveries go: the sender and the error policy (see the scheduler README). */
  outbox: Outbox;
  logger: Logger;
}

export interface SweepReport {
  at: string;
  resumedPairs: number;
  endedPairs: number;
  decided: number;
  deliveries: number;
  deferred: number;
  send: SendResult;
  /** Event ids and modal submissions forgotten. */
  pruned: number;
  /** Ended pairings whose private text passed the program's retention and was emptied. */
  clearedPairs: number;
  /** Programs past their end date whose last pairing has ended, archived by this sweep. */
  archivedPrograms: number;
}

/**
 * One pass at instant `now`: resume pauses that ended, end the pairings of members who left, decide what is due (written with unique
 * keys), archive programs past their end date with no pairing left running, bundle ripe nudges into one message per person and local day, drain the outbox, then forget
 * old event ids and empty the private text of pairings ended longer ago than their retention.
 * Safe to run on several replicas at once and to re-run after a crash at any step. Once `signal`
 * aborts, no further program is decided or bundled and no new delivery is claimed or posted.
 * A workspace the app was removed from is skipped: nothing is decided, bundled or sent for it.
 */
export async function runSweep(deps: SweepDeps, now: Date, opts: { signal?: AbortSignal } = {}): Promise<SweepReport> {
  const report: SweepReport = { at: now.toISOString(), resumedPairs: 0, endedPairs: 0, decided: 0, deliveries: 0, deferred: 0, send: { sent: 0, retrying: 0, failed: 0, calls: 0 }, pruned: 0, clearedPairs: 0, archivedPrograms: 0 };
  const stopped = () => opts.signal?.aborted === true;
  if (await isWorkspaceUninstalled(deps.db, deps.teamId)) {
    deps.logger.info({ team: deps.teamId, sweep: report }, 'sweep skipped: the app was removed from this workspace');
    return report;
  }
  report.resumedPairs = await resumeExpiredPauses(deps.db, now, deps.teamId);
  const programs = await allPrograms(deps.db, deps.teamId);
  report.endedPairs = await endPairingsOfDeparted(deps.db, programs, now, deps.teamId);
  const facts = await workspaceFacts(deps.db, deps.teamId, now);
  for (const program of programs) {
    if (stopped()) break;
    const decisions = await decideProgram(deps.db, program, now, facts);
    report.decided += await insertNudges(deps.db, decisions.map(({ why: _why, detail, ...nudge }) => ({ ...nudge, detail: JSON.stringify(detail) })));
    // After deciding, so the admins' end-of-program message is decided before the program is archived.
    if (await archiveFinishedProgram(deps.db, program, dayIn(now, 'UTC'), now)) report.archivedPrograms += 1;
  }
  for (const program of programs) {
    if (stopped()) break;
    const bundled = await bundleProgram(deps.db, program, now, deps.directory, deps.composer);
    report.deliveries += bundled.deliveries;
    report.deferred += bundled.deferred;
  }
  report.send = await sendDeliveries(deps.db, deps.outbox, now, deps.logger, { teamId: deps.teamId, ...(opts.signal ? { signal: opts.signal } : {}) });
  if (!stopped()) {
    report.pruned = await pruneDeduplication(deps.db, deps.teamId);
    report.clearedPairs = await clearExpiredPrivateText(deps.db, deps.teamId, now);
  }
  deps.logger.info({ sweep: report }, 'sweep finished');
  return report;
}

export interface PlannedNudge extends Decision {
  deliverNow: boolean;
}

/** What a sweep at `now` would decide, without writing or sending anything. */
export async function planSweep(db: Kysely<Database>, now: Date, teamId?: string): Promise<PlannedNudge[]> {
  const planned: PlannedNudge[] = [];
  const facts = new Map<string, Promise<WorkspaceFacts>>();
  for (const program of await allPrograms(db, teamId)) {
    if (!facts.has(program.team_id)) facts.set(program.team_id, workspaceFacts(db, program.team_id, now));
    for (const decision of await decideProgram(db, program, now, await facts.get(program.team_id))) planned.push({ ...decision, deliverNow: decision.deliver_after.getTime() <= now.getTime() });
  }
  return planned.sort((a, b) => a.recipient_id.localeCompare(b.recipient_id) || a.rule.localeCompare(b.rule));
}

/**
 * Runs sweeps for the bot and stops them cleanly: once stopping, no new sweep starts and the
 * running ones claim nothing new, finish what they posted, and are waited for up to a deadline.
 */
export class SweepRunner {
  private readonly abort = new AbortController();
  private readonly running = new Set<Promise<unknown>>();

  constructor(private readonly deps: SweepDeps) {}

  run(now: Date): Promise<SweepReport> {
    if (this.abort.signal.aborted) return Promise.reject(new Error('the bot is stopping: no new sweep starts'));
    const sweep = runSweep(this.deps, now, { signal: this.abort.signal });
    const tracked = sweep.catch(() => undefined).finally(() => this.running.delete(tracked));
    this.running.add(tracked);
    return sweep;
  }

  /** Stops new work and waits for running sweeps; false when the deadline passed first. */
  async stop(deadlineMs: number): Promise<boolean> {
    this.abort.abort();
    if (this.running.size === 0) return true;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const finished = await Promise.race([Promise.all([...this.running]).then(() => true as const), deadline]);
    clearTimeout(timer);
    return finished;
  }
}
