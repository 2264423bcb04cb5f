import { addDaysTo, type CalendarDay } from '../domain/calendar.ts';
import type { StalledPair } from '../domain/pair-health.ts';
import { closureRate, ratio } from '../domain/report-stats.ts';
import { trendWindow, weeklyTotals } from '../domain/sparkline.ts';
import { programHealthRows, type DeliveryFailure, type ReviewDueRow } from '../db/repositories/program-health-repository.ts';
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
  /** The first `STALLED_LISTED` stalled pairings, the longest quiet first (then oldest pairing first). */
  stalled: StalledPair[];
  /** All stalled pairings: `stalledFrom` (domain/pair-health.ts) has come. */
  stalledCount: number;
  /** Sessions held in the last 30 days, today included. */
  recentSessions: number;
  usefulness: { mean: number | null; rated: number };
  loops: { closed: number; open: number; closureRate: number | null; medianDaysToClose: number | null };
  goals: { set: number; achieved: number };
  /** Active pairs whose review falls in the next 30 days (or is overdue). */
  reviewsDue: Array<{ pairId: number; mentorId: string; menteeId: string; reviewOn: CalendarDay; proposal?: ReviewDueRow['proposal'] }>;
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

/** Stalled pairings listed by program health, the longest quiet first; the rest are counted (the report lists 30, Home and the digest 15). */
export const STALLED_LISTED = 30;

/** Reads program health in one query. Callers check that the reader is a program admin. */
export class ProgramHealthService {
  constructor(private readonly deps: Pick<ServiceDeps, 'db'>) {}

  /** Health as of `today` (the reader's day) at the instant `now`. */
  async read(program: Program, today: CalendarDay, now: Date): Promise<ProgramHealth> {
    const window = trendWindow(today, TREND_WEEKS);
    const weekAgo = new Date(now.getTime() - 7 * DAY_MS);
    const rows = await programHealthRows(
      this.deps.db,
      { programId: program.id, teamId: program.team_id },
      {
        today,
        graceDays: program.grace_days,
        reviewsBy: addDaysTo(today, RECENT_DAYS),
        sessionWindow: window,
        loopsClosedSince: weekAgo,
        failuresSince: new Date(now.getTime() - RECENT_DAYS * DAY_MS),
        stalledListed: STALLED_LISTED,
      },
    );
    const sessionsFrom = (from: CalendarDay) => rows.sessionDays.filter((d) => d.day >= from).reduce((sum, d) => sum + d.count, 0);
    const { closed, open, medianDaysToClose } = rows.loops;
    return {
      asOf: today,
      pairs: rows.pairs,
      metWithinCadence: rows.metWithinCadence,
      stalled: rows.stalled.map((p) => ({ pairId: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, daysSinceLast: p.days_since_last, lastSessionOn: p.last_session_on })),
      stalledCount: rows.stalledCount,
      reviewsDue: rows.reviewsDue.map((p) => ({ pairId: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, reviewOn: p.review_on, proposal: p.proposal })),
      recentSessions: sessionsFrom(addDaysTo(today, -(RECENT_DAYS - 1))),
      usefulness: { mean: ratio(rows.usefulness.sum, rows.usefulness.rated), rated: rows.usefulness.rated },
      loops: { closed, open, closureRate: closureRate(closed, open), medianDaysToClose },
      goals: rows.goals,
      deliveryFailures: rows.deliveryFailures,
      trend: { weeks: weeklyTotals(rows.sessionDays, today, TREND_WEEKS), ...window },
      feedbackNotes: rows.feedbackNotes,
      unhandledFeedback: rows.unhandledFeedback,
      pastWeek: {
        sessions: sessionsFrom(addDaysTo(today, -7)),
        loopsClosed: rows.loops.closedSince,
        deliveryFailures: rows.deliveryFailures.filter((f) => f.created_at >= weekAgo),
      },
    };
  }
}
