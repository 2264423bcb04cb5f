import { dayIn } from '../domain/calendar.ts';
import { pairRhythm, type PairRhythm } from '../domain/pair-health.ts';
import { openAdvicePreview } from '../db/repositories/advice-repository.ts';

/** Dashboards list this many open loops per pair; the rest are counted and one command away. */
export const OPEN_LOOPS_SHOWN = 5;
import { openGoalsOf, type GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { livePairsOf } from '../db/repositories/pairs-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { sessionSummaries } from '../db/repositories/sessions-repository.ts';
import type { AdviceItem, Pair, Program } from '../db/schema.ts';
import { isProgramAdmin, partnerOf, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { ProgramHealth, ProgramHealthService } from './program-health-service.ts';

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

export interface Dashboard {
  today: string;
  program: Program;
  cards: PairCard[];
  isAdmin: boolean;
  /** Program health, for program admins only (counts, dates and names). */
  summary: ProgramHealth | undefined;
}

export class DashboardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly health: ProgramHealthService,
  ) {}

  async forMember(actor: Actor): Promise<Dashboard> {
    const [member, program, pairs] = await Promise.all([
      this.deps.directory.get(actor.teamId, actor.userId),
      defaultProgram(this.deps.db, actor.teamId),
      livePairsOf(this.deps.db, actor.teamId, actor.userId),
    ]);
    const now = this.deps.clock.now();
    const today = dayIn(now, member.tz);
    const ids = pairs.map((p) => p.id);
    const admin = isProgramAdmin(this.deps, actor, { member, program });
    const [summaries, goals, advice, isAdmin, summary] = await Promise.all([
      sessionSummaries(this.deps.db, actor.teamId, ids),
      openGoalsOf(this.deps.db, actor.teamId, ids),
      openAdvicePreview(this.deps.db, actor.teamId, ids, OPEN_LOOPS_SHOWN),
      admin,
      admin.then((yes) => (yes ? this.health.read(program, today, now) : undefined)),
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
    return { today, program, cards, isAdmin, summary };
  }
}
