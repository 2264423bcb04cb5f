import { dayIn } from '../domain/calendar.ts';
import type { StalledPair } from '../domain/pair-health.ts';
import { escalatedStalls, type DeliveryFailure } from '../db/repositories/program-health-repository.ts';
import { waitingCount } from '../db/repositories/enrolment-repository.ts';
import { countLivePrograms, defaultProgram, programOf } from '../db/repositories/programs-repository.ts';
import type { Program } from '../db/schema.ts';
import type { ServiceDeps } from './context.ts';
import type { ProgramHealthService } from './program-health-service.ts';

export interface WeeklyDigest {
  weekOf: string;
  /** The program it reports; `programName` only when the workspace has several programs. */
  programId?: number;
  programName?: string;
  /** The first stalled pairings (see `ProgramHealth.stalled`), and how many in all. */
  stalled: Array<StalledPair & { escalated: boolean }>;
  stalledCount: number;
  sessionsThisWeek: number;
  loopsClosedThisWeek: number;
  reviewsDue: Array<{ pairId: number; mentorId: string; menteeId: string; reviewOn: string; proposal?: { decision: 'extend' | 'conclude'; months: number | null } | null }>;
  deliveryFailures: DeliveryFailure[];
  /** Feedback notes waiting for an admin (the notes themselves are on the admins' Home). */
  unhandledFeedback: number;
  /** Mentees of the program with no live pairing (the names are on the admins' Home), for *Suggest pairs*. */
  waitingForMatch?: { programId: number; count: number };
}

/** The admins' Monday digest: the week behind and what needs them now. Counts and names only. */
export class DigestService {
  constructor(
    private readonly deps: Pick<ServiceDeps, 'db'>,
    private readonly health: ProgramHealthService,
  ) {}

  /**
   * One program's digest for the week ending on `now`'s day (UTC): the same for every admin who
   * gets it, so it is built once per program. Time comes only from `now`.
   */
  async forProgram(program: Program, now: Date): Promise<WeeklyDigest> {
    const today = dayIn(now, 'UTC');
    const [health, escalated, programs, waiting] = await Promise.all([
      this.health.read(program, today, now),
      escalatedStalls(this.deps.db, program.id),
      countLivePrograms(this.deps.db, program.team_id),
      waitingCount(this.deps.db, program.team_id, program.id),
    ]);
    return {
      weekOf: today,
      programId: program.id,
      ...(programs > 1 ? { programName: program.name } : {}),
      stalled: health.stalled.map((s) => ({ ...s, escalated: escalated.has(s.pairId) })),
      stalledCount: health.stalledCount,
      sessionsThisWeek: health.pastWeek.sessions,
      loopsClosedThisWeek: health.pastWeek.loopsClosed,
      reviewsDue: health.reviewsDue,
      deliveryFailures: health.pastWeek.deliveryFailures,
      unhandledFeedback: health.unhandledFeedback,
      waitingForMatch: { programId: program.id, count: waiting },
    };
  }

  /** The digest of one of the workspace's programs, by default the main one (see `forProgram`). */
  async weekly(teamId: string, now: Date, programId?: number): Promise<WeeklyDigest> {
    const program = programId === undefined ? undefined : await programOf(this.deps.db, teamId, programId);
    return this.forProgram(program ?? (await defaultProgram(this.deps.db, teamId)), now);
  }
}
