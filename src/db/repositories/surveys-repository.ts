import { sql, type Kysely, type Selectable } from 'kysely';
import { addDaysTo, addMonthsTo } from '../../domain/calendar.ts';
import type { MonthlyTally, OutcomeInputs, PulseAnswer, Reached } from '../../domain/outcomes.ts';
import { normalizePulseDays, STICK_MONTHS, SURVEY_LATE_DAYS, type SurveyPair, type SurveySettings } from '../../domain/survey-policy.ts';
import type {
  ConfidenceMoment,
  ConfidenceRatingsTable,
  Database,
  DidItStickAnswersTable,
  ExitSurveyAnswersTable,
  Program,
  PulseAnswersTable,
} from '../schema.ts';

export type PulseAnswerRow = Selectable<PulseAnswersTable>;
export type ConfidenceRatingRow = Selectable<ConfidenceRatingsTable>;
export type ExitSurveyAnswerRow = Selectable<ExitSurveyAnswersTable>;
export type DidItStickAnswerRow = Selectable<DidItStickAnswersTable>;

export function surveySettingsOf(program: Program): SurveySettings {
  return {
    pulseEnabled: program.pulse_enabled,
    pulseDays: normalizePulseDays(program.pulse_days),
    exitSurveyEnabled: program.exit_survey_enabled,
    didItStickEnabled: program.did_it_stick_enabled,
    adviceImpactEnabled: program.advice_impact_enabled,
  };
}

// Every answer is written with INSERT … SELECT from the pairing, so only one of its members (the
// mentee, where the survey is the mentee's) can answer: for anyone else nothing is written and
// the functions return undefined. A second answer to the same survey updates the first.

/** A pulse answer; `note` undefined keeps the note given before, null removes it. */
export function recordPulse(
  db: Kysely<Database>,
  input: { teamId: string; pairId: number; respondentId: string; day: number; answer: PulseAnswer; note?: string | null; at: Date },
): Promise<PulseAnswerRow | undefined> {
  return db
    .insertInto('pulse_answers')
    .columns(['team_id', 'pair_id', 'respondent_id', 'day', 'answer', 'note', 'answered_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('pairs')
        .select((s) => [
          'pairs.team_id',
          'pairs.id',
          s.val(input.respondentId).as('respondent_id'),
          s.cast(s.val(input.day), 'integer').as('day'),
          s.val(input.answer).as('answer'),
          s.val(input.note ?? null).as('note'),
          s.cast(s.val(input.at), 'timestamptz').as('answered_at'),
          s.cast(s.val(input.at), 'timestamptz').as('updated_at'),
        ])
        .where('pairs.team_id', '=', input.teamId)
        .where('pairs.id', '=', input.pairId)
        .where((w) => w.or([w('pairs.mentor_id', '=', input.respondentId), w('pairs.mentee_id', '=', input.respondentId)])),
    )
    .onConflict((oc) =>
      oc.columns(['pair_id', 'respondent_id', 'day']).doUpdateSet((eb) => ({
        answer: eb.ref('excluded.answer'),
        updated_at: eb.ref('excluded.updated_at'),
        ...(input.note === undefined ? {} : { note: eb.ref('excluded.note') }),
      })),
    )
    .returningAll()
    .executeTakeFirst();
}

/** The private note on one's own pulse answer: only the person who answered can set it (nothing written otherwise). */
export function setPulseNote(
  db: Kysely<Database>,
  input: { teamId: string; pairId: number; respondentId: string; day: number; note: string | null; at: Date },
): Promise<PulseAnswerRow | undefined> {
  return db
    .updateTable('pulse_answers')
    .set({ note: input.note, updated_at: input.at })
    .where('team_id', '=', input.teamId)
    .where('pair_id', '=', input.pairId)
    .where('respondent_id', '=', input.respondentId)
    .where('day', '=', input.day)
    .returningAll()
    .executeTakeFirst();
}

/** One person's own pulse answer, if they gave one. */
export function pulseAnswerOf(db: Kysely<Database>, input: { teamId: string; pairId: number; respondentId: string; day: number }): Promise<PulseAnswerRow | undefined> {
  return db
    .selectFrom('pulse_answers')
    .selectAll()
    .where('team_id', '=', input.teamId)
    .where('pair_id', '=', input.pairId)
    .where('respondent_id', '=', input.respondentId)
    .where('day', '=', input.day)
    .executeTakeFirst();
}

/** One person's own exit survey of a pairing, if they answered it. */
export function exitSurveyAnswerOf(db: Kysely<Database>, input: { teamId: string; pairId: number; respondentId: string }): Promise<ExitSurveyAnswerRow | undefined> {
  return db
    .selectFrom('exit_survey_answers')
    .selectAll()
    .where('team_id', '=', input.teamId)
    .where('pair_id', '=', input.pairId)
    .where('respondent_id', '=', input.respondentId)
    .executeTakeFirst();
}

/** The mentee's confidence in a goal at one moment (a review's rating names the review's day). */
export function recordConfidence(
  db: Kysely<Database>,
  input: { teamId: string; goalId: number; moment: ConfidenceMoment; reviewOn?: string; rating: number; ratedBy: string; at: Date },
): Promise<ConfidenceRatingRow | undefined> {
  return db
    .insertInto('confidence_ratings')
    .columns(['team_id', 'goal_id', 'moment', 'review_on', 'rating', 'rated_by', 'rated_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('goals')
        .innerJoin('pairs', 'pairs.id', 'goals.pair_id')
        .select((s) => [
          'goals.team_id',
          'goals.id',
          s.val(input.moment).as('moment'),
          s.cast(s.val(input.moment === 'review' ? (input.reviewOn ?? null) : null), 'date').as('review_on'),
          s.cast(s.val(input.rating), 'smallint').as('rating'),
          'pairs.mentee_id',
          s.cast(s.val(input.at), 'timestamptz').as('rated_at'),
          s.cast(s.val(input.at), 'timestamptz').as('updated_at'),
        ])
        .where('goals.team_id', '=', input.teamId)
        .where('goals.id', '=', input.goalId)
        .where('pairs.mentee_id', '=', input.ratedBy),
    )
    .onConflict((oc) =>
      oc.columns(['goal_id', 'moment', 'review_on']).doUpdateSet((eb) => ({ rating: eb.ref('excluded.rating'), updated_at: eb.ref('excluded.updated_at') })),
    )
    .returningAll()
    .executeTakeFirst();
}

/** Whether the program of a pairing asks the confidence questions; undefined for a pairing outside the workspace. */
export async function confidenceEnabledForPair(db: Kysely<Database>, teamId: string, pairId: number): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('pairs')
    .innerJoin('programs', 'programs.id', 'pairs.program_id')
    .select('programs.confidence_enabled')
    .where('pairs.team_id', '=', teamId)
    .where('pairs.id', '=', pairId)
    .executeTakeFirst();
  return row?.confidence_enabled;
}

export interface ExitSurveyInput {
  teamId: string;
  pairId: number;
  respondentId: string;
  objectiveReached: Reached;
  satisfaction: number;
  whatChanged: string | null;
  shareWithAdmins: boolean;
  recommend: number;
  at: Date;
}

export function recordExitSurvey(db: Kysely<Database>, input: ExitSurveyInput): Promise<ExitSurveyAnswerRow | undefined> {
  return db
    .insertInto('exit_survey_answers')
    .columns(['team_id', 'pair_id', 'respondent_id', 'objective_reached', 'satisfaction', 'what_changed', 'share_with_admins', 'recommend', 'answered_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('pairs')
        .select((s) => [
          'pairs.team_id',
          'pairs.id',
          s.val(input.respondentId).as('respondent_id'),
          s.val(input.objectiveReached).as('objective_reached'),
          s.cast(s.val(input.satisfaction), 'smallint').as('satisfaction'),
          s.val(input.whatChanged).as('what_changed'),
          s.cast(s.val(input.shareWithAdmins), 'boolean').as('share_with_admins'),
          s.cast(s.val(input.recommend), 'smallint').as('recommend'),
          s.cast(s.val(input.at), 'timestamptz').as('answered_at'),
          s.cast(s.val(input.at), 'timestamptz').as('updated_at'),
        ])
        .where('pairs.team_id', '=', input.teamId)
        .where('pairs.id', '=', input.pairId)
        .where((w) => w.or([w('pairs.mentor_id', '=', input.respondentId), w('pairs.mentee_id', '=', input.respondentId)])),
    )
    .onConflict((oc) =>
      oc.columns(['pair_id', 'respondent_id']).doUpdateSet((eb) => ({
        objective_reached: eb.ref('excluded.objective_reached'),
        satisfaction: eb.ref('excluded.satisfaction'),
        what_changed: eb.ref('excluded.what_changed'),
        share_with_admins: eb.ref('excluded.share_with_admins'),
        recommend: eb.ref('excluded.recommend'),
        updated_at: eb.ref('excluded.updated_at'),
      })),
    )
    .returningAll()
    .executeTakeFirst();
}

export function recordDidItStick(
  db: Kysely<Database>,
  input: { teamId: string; pairId: number; menteeId: string; answer: Reached; at: Date },
): Promise<DidItStickAnswerRow | undefined> {
  return db
    .insertInto('did_it_stick_answers')
    .columns(['team_id', 'pair_id', 'mentee_id', 'answer', 'answered_at', 'updated_at'])
    .expression((eb) =>
      eb
        .selectFrom('pairs')
        .select((s) => [
          'pairs.team_id',
          'pairs.id',
          'pairs.mentee_id',
          s.val(input.answer).as('answer'),
          s.cast(s.val(input.at), 'timestamptz').as('answered_at'),
          s.cast(s.val(input.at), 'timestamptz').as('updated_at'),
        ])
        .where('pairs.team_id', '=', input.teamId)
        .where('pairs.id', '=', input.pairId)
        .where('pairs.mentee_id', '=', input.menteeId),
    )
    .onConflict((oc) => oc.columns(['pair_id', 'mentee_id']).doUpdateSet((eb) => ({ answer: eb.ref('excluded.answer'), updated_at: eb.ref('excluded.updated_at') })))
    .returningAll()
    .executeTakeFirst();
}

/** The calendar month (UTC) of a timestamp column, 'YYYY-MM'. */
const monthOf = (column: string) => sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM')`;

/**
 * What a program's outcome figures are computed from: how many answers had each value, per month
 * (of the first answer). Counts only: no person, no note, no free text.
 */
export async function outcomeInputs(db: Kysely<Database>, programId: number): Promise<OutcomeInputs> {
  const tally = <V>(table: 'pulse_answers' | 'exit_survey_answers' | 'did_it_stick_answers', column: string) =>
    db
      .selectFrom(`${table} as t` as 'pulse_answers as t')
      .innerJoin('pairs as p', 'p.id', 't.pair_id')
      .where('p.program_id', '=', programId)
      .select([monthOf('t.answered_at').as('month'), sql<V>`${sql.ref(`t.${column}`)}`.as('value'), sql<number>`count(*)::int`.as('count')])
      .groupBy(['month', 'value'])
      .orderBy('month')
      .orderBy('value')
      .execute() as Promise<MonthlyTally<V>>;

  const [pulse, objective, satisfaction, recommend, stick, advice, confidence] = await Promise.all([
    tally<PulseAnswer>('pulse_answers', 'answer'),
    tally<Reached>('exit_survey_answers', 'objective_reached'),
    tally<number>('exit_survey_answers', 'satisfaction'),
    tally<number>('exit_survey_answers', 'recommend'),
    tally<Reached>('did_it_stick_answers', 'answer'),
    db
      .selectFrom('advice_items as a')
      .innerJoin('pairs as p', 'p.id', 'a.pair_id')
      .where('p.program_id', '=', programId)
      .where('a.outcome', '<>', 'open')
      .select([monthOf('a.closed_at').as('month'), 'a.outcome as value', sql<number>`count(*)::int`.as('count')])
      .groupBy(['month', 'a.outcome'])
      .orderBy('month')
      .orderBy('a.outcome')
      .$narrowType<{ value: OutcomeInputs['advice'][number]['value'] }>()
      .execute(),
    confidenceTally(db, programId),
  ]);
  return { pulse, objective, satisfaction, recommend, stick, advice, confidence };
}

/** Per goal: the rating when it was set and the latest one after, counted by (before, after). */
async function confidenceTally(db: Kysely<Database>, programId: number): Promise<OutcomeInputs['confidence']> {
  const rows = await sql<{ month: string; before: number; after: number; count: number }>`
    with after as (
      select distinct on (c.goal_id) c.goal_id, c.rating, c.rated_at
      from confidence_ratings c
      join goals g on g.id = c.goal_id
      join pairs p on p.id = g.pair_id
      where p.program_id = ${programId} and c.moment <> 'set'
      order by c.goal_id, c.rated_at desc, c.id desc
    )
    select to_char(a.rated_at at time zone 'UTC', 'YYYY-MM') as month, b.rating as before, a.rating as after, count(*)::int as count
    from after a
    join confidence_ratings b on b.goal_id = a.goal_id and b.moment = 'set'
    group by 1, 2, 3
    order by 1, 2, 3
  `.execute(db);
  return rows.rows.map((r) => ({ month: r.month, value: { before: r.before, after: r.after }, count: r.count }));
}

/** What changed, in the words of those who chose to share it with the admins; no names. */
export async function sharedWhatChanged(db: Kysely<Database>, programId: number): Promise<string[]> {
  const rows = await db
    .selectFrom('exit_survey_answers as e')
    .innerJoin('pairs as p', 'p.id', 'e.pair_id')
    .where('p.program_id', '=', programId)
    .where('e.share_with_admins', '=', true)
    .where('e.what_changed', 'is not', null)
    .select('e.what_changed')
    .orderBy('e.answered_at')
    .execute();
  return rows.map((r) => r.what_changed!);
}

// Candidate queries for the scheduler: the pairings a survey rule could be due for today; the rule
// in src/domain decides. Days are UTC days, as for the other rules.
const startedOn = sql<string>`(pairs.started_at at time zone 'UTC')::date`;
const endedOn = sql<string>`(pairs.ended_at at time zone 'UTC')::date`;

function surveyPairs(db: Kysely<Database>, programId: number) {
  return db
    .selectFrom('pairs')
    .select(['pairs.id as pairId', 'pairs.mentor_id as mentorId', 'pairs.mentee_id as menteeId', 'pairs.status', startedOn.as('startedOn'), sql<string | null>`${endedOn}`.as('endedOn')])
    // Members who deleted their data once the pairing had ended (or as it ended) are asked nothing about it.
    .select(sql<string[]>`array(select m.user_id from members m where m.team_id = pairs.team_id and m.user_id in (pairs.mentor_id, pairs.mentee_id) and m.data_erased_at >= pairs.ended_at)`.as('erasedIds'))
    .where('pairs.program_id', '=', programId);
}

/** Active pairings that reached one of the program's pulse days within the late window. */
export function pulseCandidates(db: Kysely<Database>, program: Program, today: string): Promise<SurveyPair[]> {
  const from = addDaysTo(today, -(SURVEY_LATE_DAYS - 1));
  return surveyPairs(db, program.id)
    .where('pairs.status', '=', 'active')
    .where(sql<boolean>`exists (select 1 from unnest(${program.pulse_days}::int[]) as d(day) where ${startedOn} + d.day between ${from}::date and ${today}::date)`)
    .orderBy('pairs.id')
    .execute();
}

/** Pairings that ended within the late window (the exit survey). */
export function exitSurveyCandidates(db: Kysely<Database>, program: Program, today: string): Promise<SurveyPair[]> {
  const from = addDaysTo(today, -(SURVEY_LATE_DAYS - 1));
  return surveyPairs(db, program.id)
    .where('pairs.status', '=', 'ended')
    .where(sql<boolean>`${endedOn} between ${from}::date and ${today}::date`)
    .orderBy('pairs.id')
    .execute();
}

/** Pairings whose end was three months ago, give or take the late window ("did it stick"). */
export function didItStickCandidates(db: Kysely<Database>, program: Program, today: string): Promise<SurveyPair[]> {
  const from = addDaysTo(today, -(SURVEY_LATE_DAYS - 1));
  // A coarse range on ended_at first (months are 28–31 days), then the exact calendar-month rule.
  const earliest = addDaysTo(addMonthsTo(from, -STICK_MONTHS), -3);
  return surveyPairs(db, program.id)
    .where('pairs.status', '=', 'ended')
    .where('pairs.ended_at', '>=', new Date(`${earliest}T00:00:00Z`))
    .where(sql<boolean>`(${endedOn} + make_interval(months => ${STICK_MONTHS}))::date between ${from}::date and ${today}::date`)
    .orderBy('pairs.id')
    .execute();
}

export interface AdviceImpactCandidate {
  mentorId: string;
  /** Advice given in the month. */
  given: number;
  /** Advice whose loop was closed in the month, and of those, tried and worked. */
  closed: number;
  tried: number;
  worked: number;
  usefulnessMean: number | null;
}

/** A calendar month ('YYYY-MM', UTC) as a half-open range of instants. */
function monthRange(month: string): { start: Date; end: Date } {
  return { start: new Date(`${month}-01T00:00:00Z`), end: new Date(`${addMonthsTo(`${month}-01`, 1)}T00:00:00Z`) };
}

/**
 * Mentors of a program with advice given or closed in `month` ('YYYY-MM', UTC), with the counts;
 * with `mentorId`, that mentor only (their own pairings).
 */
export async function adviceImpactCandidates(db: Kysely<Database>, programId: number, month: string, mentorId?: string): Promise<AdviceImpactCandidate[]> {
  const { start, end } = monthRange(month);
  const given = sql`a.created_at >= ${start} and a.created_at < ${end}`;
  const closed = sql`a.closed_at >= ${start} and a.closed_at < ${end}`;
  const mentor = mentorId === undefined ? sql`true` : sql`p.mentor_id = ${mentorId}`;
  const rows = await sql<AdviceImpactCandidate>`
    select p.mentor_id as "mentorId",
      count(*) filter (where ${given})::int as given,
      count(*) filter (where ${closed})::int as closed,
      count(*) filter (where ${closed} and a.outcome in ('tried_worked', 'tried_didnt'))::int as tried,
      count(*) filter (where ${closed} and a.outcome = 'tried_worked')::int as worked,
      avg(a.usefulness) filter (where ${closed}) as "usefulnessMean"
    from advice_items a
    join pairs p on p.id = a.pair_id
    where p.program_id = ${programId} and ${mentor} and ((${given}) or (${closed}))
    group by p.mentor_id
    order by p.mentor_id
  `.execute(db);
  return rows.rows.map((r) => ({ ...r, usefulnessMean: r.usefulnessMean === null ? null : Number(r.usefulnessMean) }));
}

/** Advice a mentee reported back on, as the mentor's monthly DM quotes it. */
export interface ClosedAdvice {
  adviceId: number;
  menteeId: string;
  text: string;
  outcome: 'tried_worked' | 'tried_didnt' | 'not_applicable';
  outcomeText: string | null;
  usefulness: number | null;
}

/** The advice of one mentor's pairings in a program reported back on in `month`, oldest first, at most `limit`. */
export function closedAdviceOfMentor(db: Kysely<Database>, programId: number, mentorId: string, month: string, limit: number): Promise<ClosedAdvice[]> {
  const { start, end } = monthRange(month);
  return db
    .selectFrom('advice_items as a')
    .innerJoin('pairs as p', (j) => j.onRef('p.id', '=', 'a.pair_id').onRef('p.team_id', '=', 'a.team_id'))
    .select(['a.id as adviceId', 'p.mentee_id as menteeId', 'a.text', 'a.outcome', 'a.outcome_text as outcomeText', 'a.usefulness'])
    .where('p.program_id', '=', programId)
    .where('p.mentor_id', '=', mentorId)
    .where('a.closed_at', '>=', start)
    .where('a.closed_at', '<', end)
    .orderBy('a.closed_at')
    .orderBy('a.id')
    .limit(limit)
    .$narrowType<{ outcome: ClosedAdvice['outcome'] }>()
    .execute();
}
