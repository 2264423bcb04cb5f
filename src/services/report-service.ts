import type { Kysely } from 'kysely';
import { addDaysTo, dayIn, daysBetween, type CalendarDay } from '../domain/calendar.ts';
import { toCsv, type CsvColumn } from '../domain/csv.ts';
import { pairRhythm } from '../domain/pair-health.ts';
import { closureRate, daysToClose, median, ratio } from '../domain/report-stats.ts';
import { trendWindow, weeklyTotals } from '../domain/sparkline.ts';
import type { PairCounts } from '../db/repositories/pairs-repository.ts';
import { deliveryFailuresSince, reviewsDueBy, type DeliveryFailure } from '../db/repositories/program-stats-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import { goalsForExport, sessionsForExport, type GoalExportRow, type SessionExportRow } from '../db/repositories/report-export-repository.ts';
import { adviceLoops, goalCounts, programPairs, sessionDayCounts, usefulnessTotals, type LoopRow, type ProgramScope, type ReportPair } from '../db/repositories/report-repository.ts';
import type { Database, Program } from '../db/schema.ts';
import { requireProgramAdmin } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { StalledPair } from './dashboard-service.ts';

export const TREND_WEEKS = 12;
export const RECENT_DAYS = 30;

/** Program health for admins: counts, dates and who is stalled; never notes, advice or outcomes. */
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
  reviewsDue: Array<{ pairId: number; mentorId: string; menteeId: string; reviewOn: CalendarDay }>;
  /** Reminders that could not be delivered in the last 30 days, newest first. */
  deliveryFailures: DeliveryFailure[];
  /** Sessions per seven-day window, oldest first, the last one ending today. */
  trend: { weeks: number[]; from: CalendarDay; to: CalendarDay };
}

export interface ExportFile {
  filename: string;
  title: string;
  csv: string;
  rows: number;
}

export class ReportService {
  constructor(private readonly deps: ServiceDeps) {}

  /** `/mentor report` and the digest's "Open report": admins only, as of the admin's own day. */
  async forAdmin(actor: Actor): Promise<ProgramReport> {
    await requireProgramAdmin(this.deps, actor);
    const [member, program] = await Promise.all([this.deps.directory.get(actor.teamId, actor.userId), defaultProgram(this.deps.db, actor.teamId)]);
    return this.programReport(program, dayIn(this.deps.clock.now(), member.tz));
  }

  /** The report itself; callers check that the reader is a program admin. */
  async programReport(program: Program, today: CalendarDay): Promise<ProgramReport> {
    const scope: ProgramScope = { programId: program.id, teamId: program.team_id };
    const window = trendWindow(today, TREND_WEEKS);
    const since = new Date(this.deps.clock.now().getTime() - RECENT_DAYS * 86_400_000);
    // Awaited one by one: a transaction is one connection.
    const { pairs, days, usefulness, goals, loops, reviews, failures } = await snapshot(this.deps.db, async (trx) => ({
      pairs: await programPairs(trx, scope),
      days: await sessionDayCounts(trx, scope, window.from, window.to),
      usefulness: await usefulnessTotals(trx, scope),
      goals: await goalCounts(trx, scope),
      loops: await adviceLoops(trx, scope),
      reviews: await reviewsDueBy(trx, program.id, addDaysTo(today, RECENT_DAYS)),
      failures: await deliveryFailuresSince(trx, program.team_id, since),
    }));
    const recentFrom = addDaysTo(today, -(RECENT_DAYS - 1));
    return {
      asOf: today,
      ...pairFigures(pairs, program, today),
      recentSessions: days.filter((d) => d.day >= recentFrom).reduce((sum, d) => sum + d.count, 0),
      usefulness: { mean: ratio(usefulness.sum, usefulness.rated), rated: usefulness.rated },
      loops: loopFigures(loops),
      goals,
      reviewsDue: reviews.map((r) => ({ pairId: r.id, mentorId: r.mentor_id, menteeId: r.mentee_id, reviewOn: r.review_on })),
      deliveryFailures: failures,
      trend: { weeks: weeklyTotals(days, today, TREND_WEEKS), ...window },
    };
  }

  /** `/mentor export`: one CSV per table admins may see, as of today (UTC). */
  async exportFor(actor: Actor): Promise<ExportFile[]> {
    await requireProgramAdmin(this.deps, actor);
    const program = await defaultProgram(this.deps.db, actor.teamId);
    const scope: ProgramScope = { programId: program.id, teamId: program.team_id };
    const { pairs, sessions, goals, loops } = await snapshot(this.deps.db, async (trx) => ({
      pairs: await programPairs(trx, scope),
      sessions: await sessionsForExport(trx, scope),
      goals: await goalsForExport(trx, scope),
      loops: await adviceLoops(trx, scope),
    }));
    const today = dayIn(this.deps.clock.now(), 'UTC');
    const file = <T>(name: string, title: string, columns: Array<CsvColumn<T>>, rows: T[]): ExportFile => ({
      filename: `mentoring-${name}-${today}.csv`,
      title: `${title} (${today})`,
      csv: toCsv(columns, rows),
      rows: rows.length,
    });
    return [
      file('pairs', 'Pairings', PAIR_COLUMNS, pairs),
      file('sessions', 'Sessions', SESSION_COLUMNS, sessions),
      file('goals', 'Goals', GOAL_COLUMNS, goals),
      file('advice-loops', 'Advice loops', LOOP_COLUMNS, loops),
    ];
  }
}

/**
 * Runs the reads in one repeatable-read transaction: every figure (and every CSV) comes from the
 * same snapshot, so the numbers agree with each other, and a report holds one pooled connection
 * rather than one per query.
 */
function snapshot<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
}

function pairFigures(pairs: ReportPair[], program: Program, today: CalendarDay): Pick<ProgramReport, 'pairs' | 'metWithinCadence' | 'stalled'> {
  const counts: PairCounts = { active: 0, paused: 0, ended: 0 };
  for (const p of pairs) counts[p.status] += 1;
  const active = pairs
    .filter((p) => p.status === 'active')
    .map((p) => ({ p, rhythm: pairRhythm({ startedOn: p.rhythm_anchor_on, lastSessionOn: p.last_session_on, cadenceDays: p.cadence_days, graceDays: program.grace_days }, today) }));
  const stalled = active
    .filter(({ rhythm }) => rhythm.stalled)
    .sort((a, b) => b.rhythm.daysSinceLast - a.rhythm.daysSinceLast || a.p.id - b.p.id)
    .map(({ p, rhythm }) => ({ pairId: p.id, mentorId: p.mentor_id, menteeId: p.mentee_id, daysSinceLast: rhythm.daysSinceLast, lastSessionOn: p.last_session_on }));
  const met = active.filter(({ p }) => p.last_session_on !== null && daysBetween(p.last_session_on, today) <= p.cadence_days).length;
  return { pairs: counts, metWithinCadence: met, stalled };
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

const utcDay = (at: Date | null): string | null => (at ? dayIn(at, 'UTC') : null);

const PAIR_COLUMNS: Array<CsvColumn<ReportPair>> = [
  { header: 'pair_id', value: (p) => p.id },
  { header: 'mentor_id', value: (p) => p.mentor_id },
  { header: 'mentor_name', value: (p) => p.mentor_name },
  { header: 'mentee_id', value: (p) => p.mentee_id },
  { header: 'mentee_name', value: (p) => p.mentee_name },
  { header: 'kind', value: (p) => p.kind },
  { header: 'status', value: (p) => p.status },
  { header: 'cadence_days', value: (p) => p.cadence_days },
  { header: 'started_on', value: (p) => utcDay(p.started_at) },
  { header: 'last_session_on', value: (p) => p.last_session_on },
  { header: 'sessions', value: (p) => p.sessions },
  { header: 'review_on', value: (p) => p.review_on },
  { header: 'paused_until', value: (p) => utcDay(p.paused_until) },
  { header: 'ended_on', value: (p) => utcDay(p.ended_at) },
];

const SESSION_COLUMNS: Array<CsvColumn<SessionExportRow>> = [
  { header: 'session_id', value: (s) => s.id },
  { header: 'pair_id', value: (s) => s.pair_id },
  { header: 'mentor_id', value: (s) => s.mentor_id },
  { header: 'mentee_id', value: (s) => s.mentee_id },
  { header: 'held_on', value: (s) => s.held_on },
  { header: 'minutes', value: (s) => s.minutes },
  { header: 'usefulness', value: (s) => s.usefulness },
  { header: 'logged_by', value: (s) => s.logged_by },
  { header: 'logged_on', value: (s) => utcDay(s.created_at) },
  { header: 'advice_items', value: (s) => s.advice_items },
  { header: 'commitments', value: (s) => s.commitments },
  { header: 'goals_touched', value: (s) => s.goals_touched },
];

const GOAL_COLUMNS: Array<CsvColumn<GoalExportRow>> = [
  { header: 'goal_id', value: (g) => g.id },
  { header: 'pair_id', value: (g) => g.pair_id },
  { header: 'mentee_id', value: (g) => g.mentee_id },
  { header: 'title', value: (g) => (g.celebrate_publicly ? g.public_title : '') },
  { header: 'celebrate_publicly', value: (g) => g.celebrate_publicly },
  { header: 'status', value: (g) => g.status },
  { header: 'target_date', value: (g) => g.target_date },
  { header: 'set_on', value: (g) => utcDay(g.created_at) },
  { header: 'achieved_on', value: (g) => utcDay(g.achieved_at) },
  { header: 'milestones', value: (g) => g.milestones },
  { header: 'milestones_done', value: (g) => g.milestones_done },
];

const LOOP_COLUMNS: Array<CsvColumn<LoopRow>> = [
  { header: 'advice_id', value: (l) => l.id },
  { header: 'pair_id', value: (l) => l.pair_id },
  { header: 'session_id', value: (l) => l.session_id },
  { header: 'given_on', value: (l) => l.given_on },
  { header: 'follow_up_on', value: (l) => l.follow_up_on },
  { header: 'outcome', value: (l) => l.outcome },
  { header: 'closed_on', value: (l) => utcDay(l.closed_at) },
  { header: 'days_to_close', value: (l) => (l.closed_at ? daysToClose(l.given_on, l.closed_at) : null) },
  { header: 'usefulness', value: (l) => l.usefulness },
];
