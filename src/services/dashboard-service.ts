import { dayIn } from '../domain/calendar.ts';
import { pairRhythm, type PairRhythm } from '../domain/pair-health.ts';
import { openAdvicePreview } from '../db/repositories/advice-repository.ts';

/** Dashboards list this many open loops per pair; the rest are counted and one command away. */
export const OPEN_LOOPS_SHOWN = 5;
import { openGoalsOf, type GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { activePairsWithLastSession, countPairsByStatus, livePairsOf, type PairCounts } from '../db/repositories/pairs-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { sessionSummaries } from '../db/repositories/sessions-repository.ts';
import { countFeedback } from '../db/repositories/feedback-repository.ts';
import { deliveryFailuresSince, type DeliveryFailure } from '../db/repositories/program-stats-repository.ts';
import type { AdviceItem, Pair, Program } from '../db/schema.ts';
import { isProgramAdmin, partnerOf, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { ReportService, type ProgramReport } from './report-service.ts';

export interface PairCard {
  pair: Pair;
  role: 'mentor' | 'mentee';
  partnerId: string;
  lastSessionOn: string | null;
  sessionCount: number;
  rhythm: PairRhythm;
  goals: GoalWithProgress[];
  /** The first few open advice items of the pair: visible to both members, closable by the mentee. */
  openLoops: AdviceItem[];
  /** All open advice items of the pair. */
  openLoopCount: number;
}

export interface StalledPair {
  pairId: number;
  mentorId: string;
  menteeId: string;
  daysSinceLast: number;
  lastSessionOn: string | null;
}

/** Counts and dates only: what admins may see of the program. */
export interface ProgramSummary {
  counts: PairCounts;
  stalled: StalledPair[];
  feedbackNotes: number;
  /** Nudges that could not be delivered in the last 7 days (permanent Slack errors). */
  deliveryFailures: DeliveryFailure[];
  /** The program report's figures (counts and dates only), shown in the admin part of Home. */
  report?: ProgramReport;
}

export interface Dashboard {
  today: string;
  program: Program;
  cards: PairCard[];
  isAdmin: boolean;
  summary: ProgramSummary | undefined;
}

export class DashboardService {
  constructor(private readonly deps: ServiceDeps) {}

  async forMember(actor: Actor): Promise<Dashboard> {
    const [member, program, pairs] = await Promise.all([
      this.deps.directory.get(actor.teamId, actor.userId),
      defaultProgram(this.deps.db, actor.teamId),
      livePairsOf(this.deps.db, actor.teamId, actor.userId),
    ]);
    const today = dayIn(this.deps.clock.now(), member.tz);
    const ids = pairs.map((p) => p.id);
    const [summaries, goals, advice, isAdmin] = await Promise.all([
      sessionSummaries(this.deps.db, actor.teamId, ids),
      openGoalsOf(this.deps.db, actor.teamId, ids),
      openAdvicePreview(this.deps.db, actor.teamId, ids, OPEN_LOOPS_SHOWN),
      isProgramAdmin(this.deps, actor, { member, program }),
    ]);
    const cards = pairs.map((pair): PairCard => {
      const summary = summaries.get(pair.id);
      const lastSessionOn = summary?.lastHeldOn ?? null;
      return {
        pair,
        role: roleIn(pair, actor.userId)!,
        partnerId: partnerOf(pair, actor.userId),
        lastSessionOn,
        sessionCount: summary?.count ?? 0,
        rhythm: pairRhythm({ startedOn: pair.rhythm_anchor_on, lastSessionOn, cadenceDays: pair.cadence_days, graceDays: program.grace_days }, today),
        goals: goals.filter((g) => g.pair_id === pair.id),
        openLoops: advice.items.filter((a) => a.pair_id === pair.id),
        openLoopCount: advice.counts.get(pair.id) ?? 0,
      };
    });
    return { today, program, cards, isAdmin, summary: isAdmin ? await this.programSummary(program, today) : undefined };
  }

  async programSummary(program: Program, today: string): Promise<ProgramSummary> {
    const [counts, active, feedbackNotes, deliveryFailures, report] = await Promise.all([
      countPairsByStatus(this.deps.db, program.id),
      activePairsWithLastSession(this.deps.db, program.id),
      countFeedback(this.deps.db, program.id),
      deliveryFailuresSince(this.deps.db, program.team_id, new Date(this.deps.clock.now().getTime() - 7 * 86_400_000)),
      new ReportService(this.deps).programReport(program, today),
    ]);
    const stalled = active
      .map(({ pair, lastSessionOn }) => ({
        pair,
        lastSessionOn,
        rhythm: pairRhythm({ startedOn: pair.rhythm_anchor_on, lastSessionOn, cadenceDays: pair.cadence_days, graceDays: program.grace_days }, today),
      }))
      .filter((p) => p.rhythm.stalled)
      .sort((a, b) => b.rhythm.daysSinceLast - a.rhythm.daysSinceLast)
      .map((p) => ({ pairId: p.pair.id, mentorId: p.pair.mentor_id, menteeId: p.pair.mentee_id, daysSinceLast: p.rhythm.daysSinceLast, lastSessionOn: p.lastSessionOn }));
    return { counts, stalled, feedbackNotes, deliveryFailures, report };
  }
}
