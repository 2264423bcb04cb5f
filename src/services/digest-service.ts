import { addDaysTo, dayIn } from '../domain/calendar.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { deliveryFailuresSince, escalatedStalls, loopsClosedSince, reviewsDueBy, sessionsBetween, type DeliveryFailure } from '../db/repositories/program-stats-repository.ts';
import type { ServiceDeps } from './context.ts';
import type { StalledPair } from './dashboard-service.ts';
import { DashboardService } from './dashboard-service.ts';

export interface WeeklyDigest {
  weekOf: string;
  stalled: Array<StalledPair & { escalated: boolean }>;
  sessionsThisWeek: number;
  loopsClosedThisWeek: number;
  reviewsDue: Array<{ pairId: number; mentorId: string; menteeId: string; reviewOn: string }>;
  deliveryFailures: DeliveryFailure[];
}

/** The admins' Monday digest: the week behind and what needs them now. Counts and names only. */
export class DigestService {
  constructor(private readonly deps: ServiceDeps) {}

  async weekly(teamId: string, now: Date): Promise<WeeklyDigest> {
    const program = await defaultProgram(this.deps.db, teamId);
    const today = dayIn(now, 'UTC');
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const [summary, escalated, sessions, loops, reviews, failures] = await Promise.all([
      new DashboardService(this.deps).programSummary(program, today),
      escalatedStalls(this.deps.db, program.id),
      sessionsBetween(this.deps.db, program.id, addDaysTo(today, -7), today),
      loopsClosedSince(this.deps.db, program.id, weekAgo),
      reviewsDueBy(this.deps.db, program.id, addDaysTo(today, 30)),
      deliveryFailuresSince(this.deps.db, teamId, weekAgo),
    ]);
    return {
      weekOf: today,
      stalled: summary.stalled.map((s) => ({ ...s, escalated: escalated.has(s.pairId) })),
      sessionsThisWeek: sessions,
      loopsClosedThisWeek: loops,
      reviewsDue: reviews.map((r) => ({ pairId: r.id, mentorId: r.mentor_id, menteeId: r.mentee_id, reviewOn: r.review_on })),
      deliveryFailures: failures,
    };
  }
}
