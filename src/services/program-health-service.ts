import { addDaysTo, daysBetween, type CalendarDay } from '../domain/calendar.ts';
import { stalledPairings, type StalledPair } from '../domain/pair-health.ts';
import { closureRate, daysToClose, median, ratio } from '../domain/report-stats.ts';
import { trendWindow, weeklyTotals } from '../domain/sparkline.ts';
import { programHealthRows, type DeliveryFailure, type HealthPair } from '../db/repositories/program-health-repository.ts';
import type { LoopRow } from '../db/repositories/report-repository.ts';
import type { Program } from '../db/schema.ts';
import type { ServiceDeps } from './context.ts';

export type { StalledPair } from '../domain/pair-health.ts';
export type { DeliveryFailure } from '../db/repositories/program-health-repository.ts';

export const TREND_WEEKS = 12;
export const RECENT_DAYS = 30;
const DAY_MS = 86_400_000;

export interface PairCounts {
  active: number;
  paused: number;
  ended: number;
}

/** Program health as `/mentor report` shows it: counts, dates and who is stalled; never notes, advice or outcomes. */
export interface ProgramReport {
  asOf: CalendarDay;
  pairs: PairCounts;
  /** Active pairs whose last session is no older than their cadence. */
  metWithinCadence: number;
  stalled: StalledPair[];
  /** Sessions held in the last 30 days, today included. */
  recentSessions: number;
  usefulness: { mean: number | null; rated: number };
  loops: { closed: number; open: number; closureRate: number | null; medianDaysToClose: number | null };
  goals: { set: number; achieved: number };
  /** Active pairs whose review falls in the next 30 days (or is overdue). */
  reviewsDue: Array<{ pairId: number; mentorId: string; menteeId: string; reviewOn: CalendarDay; proposal?: HealthPair['proposal'] }>;
  /** Reminders that could not be delivered in the last 30 days, newest first. */
  deliveryFailures: DeliveryFailure[];
  /** Sessions per seven-day window, oldest first, the last one ending today. */
  trend: { weeks: number[]; from: CalendarDay; to: CalendarDay };
}

/** The one read model of program health: the admin Home, `/mentor status`, `/mentor report` and the digest. */
export interface ProgramHealth extends ProgramReport {
  feedbackNotes: number;
  /** Feedback notes no admin has handled yet. */
  unhandledFeedback: number;
  /** The week behind, for the digest: sessions held from 7 days before today to today, loops closed and reminders not delivered in the 7 days before `now`. */
  pastWeek: { sessions: number; loopsClosed: number; deliveryFailures: DeliveryFailure[] };
}

/** Reads program health in one query. Callers check that the reader is a program admin. */
export class ProgramHealthService {
  constructor(private readonly deps: Pick<ServiceDeps, 'db'>) {}

  /** Health as of `today` (the reader's day) at the instant `now`. */
  async read(program: Program, today: CalendarDay, now: Date): Promise<ProgramHealth> {
    const window = trendWindow(today, TREND_WEEKS);
    const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
    const rows = await programHealthRows(this.deps.db, { programId: program.id, teamId: program.team_id }, window, new Date(now.getTime() - RECENT_DAYS * DAY_MS));
    const sessionsFrom = (from: CalendarDay) => rows.sessionDays.filter((d) => d.day >= from).reduce((sum, d) => sum + d.count, 0);
    return {
      asOf: today,
      ...pairFigures(rows.pairs, program, today),
      recentSessions: sessionsFrom(addDaysTo(today, -(RECENT_DAYS - 1))),
      usefulness: { mean: ratio(rows.usefulness.sum, rows.usefulness.rated), rated: rows.usefulness.rated },
      loops: loopFigures(rows.loops),
      goals: rows.goals,
      deliveryFailures: rows.deliveryFailures,
      trend: { weeks: weeklyTotals(rows.sessionDays, today, TREND_WEEKS), ...window },
      feedbackNotes: rows.feedbackNotes,
      unhandledFeedback: rows.unhandledFeedback,
      pastWeek: {
        sessions: sessionsFrom(addDaysTo(today, -7)),
        loopsClosed: rows.loops.filter((l) => l.closed_at !== null && l.closed_at >= weekAgo).length,
        deliveryFailures: rows.deliveryFailures.filter((f) => f.created_at >= weekAgo),
      },
    };
  }
}

function pairFigures(pairs: HealthPair[], program: Program, today: CalendarDay): Pick<ProgramReport, 'pairs' | 'metWithinCadence' | 'stalled' | 'reviewsDue'> {
  const counts: PairCounts = { active: 0, paused: 0, ended: 0 };
  for (const p of pairs) counts[p.status] += 1;
  const active = pairs.filter((p) => p.status === 'active');
  const stalled = stalledPairings(
    active.map((p) => ({ pairId: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, startedOn: p.rhythm_anchor_on, lastSessionOn: p.last_session_on, cadenceDays: p.cadence_days, bookedOn: p.booked_on })),
    program.grace_days,
    today,
  );
  const met = active.filter((p) => p.last_session_on !== null && daysBetween(p.last_session_on, today) <= p.cadence_days).length;
  const reviewsBy = addDaysTo(today, RECENT_DAYS);
  const reviewsDue = active
    .filter((p) => p.review_on <= reviewsBy || p.proposal)
    .sort((a, b) => (a.review_on < b.review_on ? -1 : a.review_on > b.review_on ? 1 : a.id - b.id))
    .map((p) => ({ pairId: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, reviewOn: p.review_on, proposal: p.proposal }));
  return { pairs: counts, metWithinCadence: met, stalled, reviewsDue };
}

function loopFigures(loops: LoopRow[]): ProgramReport['loops'] {
  const closed = loops.filter((l) => l.outcome !== 'open' && l.closed_at !== null);
  const open = loops.length - closed.length;
  return {
    closed: closed.length,
    open,
    closureRate: closureRate(closed.length, open),
    medianDaysToClose: median(closed.map((l) => daysToClose(l.given_on, l.closed_at!))),
  };
}
