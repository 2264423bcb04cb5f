import type { Kysely } from 'kysely';
import { dayIn } from '../domain/calendar.ts';
import { toCsv, type CsvColumn } from '../domain/csv.ts';
import { daysToClose } from '../domain/report-stats.ts';
import { goalsForExport, sessionsForExport, type GoalExportRow, type SessionExportRow } from '../db/repositories/report-export-repository.ts';
import { adviceLoops, programPairs, type LoopRow, type ProgramScope, type ReportPair } from '../db/repositories/report-repository.ts';
import { outcomeLines } from '../domain/outcome-lines.ts';
import { outcomeReport } from '../domain/outcomes.ts';
import { outcomeInputs } from '../db/repositories/surveys-repository.ts';
import type { Database, Program } from '../db/schema.ts';
import type { Actor, ServiceDeps } from './context.ts';
import type { ProgramHealth, ProgramHealthService } from './program-health-service.ts';
import { adminProgram, type AdministeredProgram, type ProgramPick } from './program-scope.ts';

/** A program's outcome figures over all time and per month (aggregates only, each under the 5-answer floor protected). */
export type ProgramOutcomes = ReturnType<typeof outcomeReport>;

/** Everything the full `/mentor report` shows: today's health and the outcome figures. */
export interface FullReport {
  program: Program;
  health: ProgramHealth;
  outcomes: ProgramOutcomes;
}

/** Today's health of the program an admin's report is about, and the programs they could switch to. */
export interface AdminReport {
  program: Program;
  choices: AdministeredProgram[];
  health: ProgramHealth;
}

/** The export of one program, and the programs the admin could switch to. */
export interface AdminExport {
  program: Program;
  choices: AdministeredProgram[];
  files: ExportFile[];
}

export interface ExportFile {
  filename: string;
  title: string;
  csv: string;
  rows: number;
}

/** `/mentor report` and `/mentor export`: admins only. */
export class ReportService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly health: ProgramHealthService,
  ) {}

  /**
   * `/mentor report [program]` and the digest's "Open report": the health of the program the admin
   * names, picked last or runs alone (see `adminProgram`), as of their own day.
   */
  async forAdmin(actor: Actor, pick: ProgramPick = {}): Promise<AdminReport> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    const { program, choices } = await adminProgram(this.deps, actor, pick, { member });
    const now = this.deps.clock.now();
    return { program, choices, health: await this.health.read(program, dayIn(now, member.tz), now) };
  }

  /**
   * The report with its outcome figures (read after the command's ack: a few more counting queries).
   * `today` is the report the ack showed (`forAdmin`), so the full report does not read the health again.
   */
  async full(actor: Actor, pick: ProgramPick = {}, today?: AdminReport): Promise<FullReport & { choices: AdministeredProgram[] }> {
    const { program, choices, health } = today ?? (await this.forAdmin(actor, pick));
    return { program, choices, health, outcomes: outcomeReport(await outcomeInputs(this.deps.db, program.id)) };
  }

  /** Which program `/mentor export [program]` exports, checked before the files are made. */
  async exportTarget(actor: Actor, pick: ProgramPick = {}): Promise<{ program: Program; choices: AdministeredProgram[] }> {
    return adminProgram(this.deps, actor, pick);
  }

  /**
   * A program's report as of `now` (UTC day), for the message its admins get when it ends: the
   * scheduler chose them as the program's admins, so no actor is checked here.
   */
  async finalFor(program: Program, now: Date): Promise<ProgramHealth> {
    return this.health.read(program, dayIn(now, 'UTC'), now);
  }

  /** `/mentor export [program]`: one CSV per table admins may see, as of today (UTC). */
  async exportFor(actor: Actor, pick: ProgramPick = {}): Promise<AdminExport> {
    const { program, choices } = await adminProgram(this.deps, actor, pick);
    const scope: ProgramScope = { programId: program.id, teamId: program.team_id };
    const { pairs, sessions, goals, loops, outcomes } = await snapshot(this.deps.db, async (trx) => ({
      pairs: await programPairs(trx, scope),
      sessions: await sessionsForExport(trx, scope),
      goals: await goalsForExport(trx, scope),
      loops: await adviceLoops(trx, scope),
      outcomes: outcomeReport(await outcomeInputs(trx, program.id)),
    }));
    const today = dayIn(this.deps.clock.now(), 'UTC');
    const file = <T>(name: string, title: string, columns: Array<CsvColumn<T>>, rows: T[]): ExportFile => ({
      filename: `mentoring-${name}-${today}.csv`,
      title: `${title} (${today})`,
      csv: toCsv(columns, rows),
      rows: rows.length,
    });
    const files = [
      file('pairs', 'Pairings', PAIR_COLUMNS, pairs),
      file('sessions', 'Sessions', SESSION_COLUMNS, sessions),
      file('goals', 'Goals', GOAL_COLUMNS, goals),
      file('advice-loops', 'Advice loops', LOOP_COLUMNS, loops),
      file('outcomes', 'Outcome figures', OUTCOME_COLUMNS, outcomeRows(outcomes)),
    ];
    return { program, choices, files };
  }
}

/**
 * Runs the reads in one repeatable-read transaction: every CSV comes from the same snapshot, so
 * the files agree with each other, and an export holds one pooled connection rather than one per
 * query.
 */
function snapshot<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  return db.transaction().setIsolationLevel('repeatable read').execute(work);
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

/** One aggregate of one period ('all' or a month 'YYYY-MM'): never a person's answer. */
interface OutcomeRow {
  period: string;
  key: string;
  value: number | null;
  answers: number | null;
  /** "not enough answers yet" for a figure under the floor. */
  text: string;
}

function outcomeRows(outcomes: ProgramOutcomes): OutcomeRow[] {
  const rows = (period: string, figures: ProgramOutcomes['overall']) => outcomeLines(figures).map((l) => ({ period, key: l.key, value: l.value, answers: l.answers, text: l.text }));
  return [...rows('all', outcomes.overall), ...outcomes.months.flatMap((m) => rows(m.month, m.figures))];
}

const OUTCOME_COLUMNS: Array<CsvColumn<OutcomeRow>> = [
  { header: 'period', value: (r) => r.period },
  { header: 'figure', value: (r) => r.key },
  // A figure over fewer than 5 answers has no value and no count, only its text.
  { header: 'value', value: (r) => (r.value === null ? null : Math.round(r.value * 10) / 10) },
  { header: 'answers', value: (r) => r.answers },
  { header: 'note', value: (r) => (r.value === null ? r.text : null) },
];
