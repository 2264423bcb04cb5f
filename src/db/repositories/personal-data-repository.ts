import { sql, type Kysely, type Selectable } from 'kysely';
import type {
  BookingsTable,
  AdviceItem,
  Celebration,
  CommitmentsTable,
  ConfidenceRatingsTable,
  Database,
  Delivery,
  DidItStickAnswersTable,
  ExitSurveyAnswersTable,
  FeedbackNote,
  Goal,
  GoalMilestone,
  Member,
  MemberProfile,
  Nudge,
  Pair,
  PairReviewsTable,
  ProgramAdminsTable,
  PulseAnswersTable,
  Session,
} from '../schema.ts';

/** What replaces required text (titles, advice) when its author's words are deleted; optional text becomes ''. */
export const ERASED_TEXT = '(deleted)';

/** Every row the bot holds about one person in one workspace, and the shared rows of their pairings. */
export interface PersonalRows {
  member: Member | undefined;
  adminGrants: Selectable<ProgramAdminsTable>[];
  matchingProfiles: MemberProfile[];
  pairs: Pair[];
  goals: Goal[];
  milestones: GoalMilestone[];
  sessions: Session[];
  sessionGoals: { session_id: number; goal_id: number }[];
  advice: AdviceItem[];
  commitments: Selectable<CommitmentsTable>[];
  reviews: Selectable<PairReviewsTable>[];
  /** Sessions booked in their pairings, with the mentee's agenda. */
  bookings: Selectable<BookingsTable>[];
  feedbackNotes: FeedbackNote[];
  nudges: Nudge[];
  deliveries: Delivery[];
  celebrations: Celebration[];
  /** Survey answers they gave: pulse checks, exit surveys, confidence ratings, did it stick. */
  surveys: {
    pulse: Selectable<PulseAnswersTable>[];
    exit: Selectable<ExitSurveyAnswersTable>[];
    confidence: Selectable<ConfidenceRatingsTable>[];
    didItStick: Selectable<DidItStickAnswersTable>[];
  };
}

function pairsOf(db: Kysely<Database>, teamId: string, userId: string): Promise<Pair[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .orderBy('id')
    .execute();
}

/** Reads everything about `userId`: their own rows, and of pairs only the pairings they are in. */
export async function personalRows(db: Kysely<Database>, teamId: string, userId: string): Promise<PersonalRows> {
  const pairs = await pairsOf(db, teamId, userId);
  const pairIds = pairs.map((p) => p.id);
  const inPairs = pairIds.length > 0 ? pairIds : [-1];
  const [member, adminGrants, matchingProfiles, goals, sessions, advice, commitments, reviews, feedbackNotes, nudges, deliveries, celebrations] = await Promise.all([
    db.selectFrom('members').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst(),
    db.selectFrom('program_admins').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('program_id').execute(),
    db.selectFrom('member_profiles').selectAll().where('team_id', '=', teamId).where('user_id', '=', userId).orderBy('program_id').orderBy('role').execute(),
    db.selectFrom('goals').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
    db.selectFrom('sessions').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
    db.selectFrom('advice_items').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
    db.selectFrom('commitments').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
    db.selectFrom('pair_reviews').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
    db.selectFrom('feedback_notes').selectAll().where('team_id', '=', teamId).where('author_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('nudges').selectAll().where('team_id', '=', teamId).where('recipient_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('deliveries').selectAll().where('team_id', '=', teamId).where('recipient_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('celebrations').selectAll().where('team_id', '=', teamId).where(sql<boolean>`${userId} = any(people)`).orderBy('id').execute(),
  ]);
  const goalIds = goals.map((g) => g.id);
  const sessionIds = sessions.map((s) => s.id);
  const [milestones, sessionGoals, bookings] = await Promise.all([
    db.selectFrom('goal_milestones').selectAll().where('goal_id', 'in', goalIds.length > 0 ? goalIds : [-1]).orderBy('goal_id').orderBy('position').execute(),
    db.selectFrom('session_goals').selectAll().where('session_id', 'in', sessionIds.length > 0 ? sessionIds : [-1]).orderBy('session_id').orderBy('goal_id').execute(),
    db.selectFrom('bookings').selectAll().where('team_id', '=', teamId).where('pair_id', 'in', inPairs).orderBy('id').execute(),
  ]);
  const [pulse, exit, confidence, didItStick] = await Promise.all([
    db.selectFrom('pulse_answers').selectAll().where('team_id', '=', teamId).where('respondent_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('exit_survey_answers').selectAll().where('team_id', '=', teamId).where('respondent_id', '=', userId).orderBy('id').execute(),
    db.selectFrom('confidence_ratings').selectAll().where('team_id', '=', teamId).where('rated_by', '=', userId).orderBy('id').execute(),
    db.selectFrom('did_it_stick_answers').selectAll().where('team_id', '=', teamId).where('mentee_id', '=', userId).orderBy('id').execute(),
  ]);
  return { member, adminGrants, matchingProfiles, pairs, goals, milestones, sessions, sessionGoals, advice, commitments, reviews, bookings, feedbackNotes, nudges, deliveries, celebrations, surveys: { pulse, exit, confidence, didItStick } };
}

/** How many rows each kind of erasure touched; all zero when nothing of the person's was left. */
export interface ErasedCounts {
  profile: number;
  feedbackNotes: number;
  sessionTexts: number;
  adviceTexts: number;
  commitments: number;
  goals: number;
  milestones: number;
  objectives: number;
  reviews: number;
  /** Agendas the mentee added to booked sessions. */
  bookingAgendas: number;
  matchingProfiles: number;
  matchSkips: number;
  matchRequests: number;
  nudges: number;
  deliveries: number;
  celebrations: number;
  /** Private notes of pulse checks and the "what changed" of exit surveys they wrote. */
  surveyTexts: number;
}

const changed = (result: { numUpdatedRows?: bigint; numDeletedRows?: bigint }) => Number(result.numUpdatedRows ?? result.numDeletedRows ?? 0n);

/**
 * Deletes the person's private text and keeps anonymous counts: the words they wrote (feedback
 * notes, the topics and notes of sessions they logged, reviews), the advice and loop outcomes of
 * their pairings, the goals they set as mentee, their matching profile, their cached Slack names
 * and the text of messages and nudges about them. Session rows keep their day and minutes, goals
 * and advice their status, so program counts stay right. Run it in a transaction; running it
 * again changes nothing.
 */
export async function erasePersonalText(trx: Kysely<Database>, teamId: string, userId: string): Promise<ErasedCounts> {
  const pairs = await pairsOf(trx, teamId, userId);
  const pairIds = pairs.length > 0 ? pairs.map((p) => p.id) : [-1];
  const menteePairIds = pairs.filter((p) => p.mentee_id === userId).map((p) => p.id);
  const asMentee = menteePairIds.length > 0 ? menteePairIds : [-1];
  const counts: ErasedCounts = {
    profile: changed(
      await trx
        .updateTable('members')
        .set({ display_name: '', real_name: '' })
        .where('team_id', '=', teamId)
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('display_name', '<>', ''), eb('real_name', '<>', '')]))
        .executeTakeFirst(),
    ),
    feedbackNotes: changed(await trx.deleteFrom('feedback_notes').where('team_id', '=', teamId).where('author_id', '=', userId).executeTakeFirst()),
    sessionTexts: changed(
      await trx
        .updateTable('sessions')
        .set({ topics: '', notes: '' })
        .where('team_id', '=', teamId)
        .where('pair_id', 'in', pairIds)
        .where('logged_by', '=', userId)
        .where((eb) => eb.or([eb('topics', '<>', ''), eb('notes', '<>', '')]))
        .executeTakeFirst(),
    ),
    adviceTexts: changed(
      await trx
        .updateTable('advice_items')
        .set({ text: ERASED_TEXT, outcome_text: null })
        .where('team_id', '=', teamId)
        .where('pair_id', 'in', pairIds)
        .where((eb) => eb.or([eb('text', '<>', ERASED_TEXT), eb('outcome_text', 'is not', null)]))
        .executeTakeFirst(),
    ),
    commitments: changed(
      await trx.updateTable('commitments').set({ text: ERASED_TEXT }).where('team_id', '=', teamId).where('pair_id', 'in', pairIds).where('text', '<>', ERASED_TEXT).executeTakeFirst(),
    ),
    goals: changed(
      await trx
        .updateTable('goals')
        .set({ title: ERASED_TEXT, outcome: '', success_measure: '' })
        .where('team_id', '=', teamId)
        .where('pair_id', 'in', asMentee)
        .where((eb) => eb.or([eb('title', '<>', ERASED_TEXT), eb('outcome', '<>', ''), eb('success_measure', '<>', '')]))
        .executeTakeFirst(),
    ),
    milestones: changed(
      await trx
        .updateTable('goal_milestones')
        .set({ title: ERASED_TEXT })
        .where('goal_id', 'in', trx.selectFrom('goals').select('id').where('team_id', '=', teamId).where('pair_id', 'in', asMentee))
        .where('title', '<>', ERASED_TEXT)
        .executeTakeFirst(),
    ),
    objectives: changed(
      await trx.updateTable('pairs').set({ objective: null }).where('team_id', '=', teamId).where('id', 'in', asMentee).where('objective', 'is not', null).executeTakeFirst(),
    ),
    reviews: changed(
      await trx
        .updateTable('pair_reviews')
        .set({ achieved: '', next_steps: '' })
        .where('team_id', '=', teamId)
        .where('reviewed_by', '=', userId)
        .where((eb) => eb.or([eb('achieved', '<>', ''), eb('next_steps', '<>', '')]))
        .executeTakeFirst(),
    ),
    bookingAgendas: changed(
      await trx.updateTable('bookings').set({ agenda: null }).where('team_id', '=', teamId).where('pair_id', 'in', asMentee).where('agenda', 'is not', null).executeTakeFirst(),
    ),
    matchingProfiles: changed(await trx.deleteFrom('member_profiles').where('team_id', '=', teamId).where('user_id', '=', userId).executeTakeFirst()),
    matchSkips: changed(
      await trx
        .deleteFrom('match_skips')
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
        .executeTakeFirst(),
    ),
    matchRequests: changed(
      await trx
        .deleteFrom('match_requests')
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
        .executeTakeFirst(),
    ),
    nudges: changed(
      await trx
        .updateTable('nudges')
        .set({ detail: '{}', status: sql`case when status = 'pending' then 'dropped' else status end` })
        .where('team_id', '=', teamId)
        .where((eb) => eb.or([eb('recipient_id', '=', userId), eb('pair_id', 'in', pairIds)]))
        .where((eb) => eb.or([eb(sql`detail::text`, '<>', '{}'), eb('status', '=', 'pending')]))
        .executeTakeFirst(),
    ),
    deliveries: changed(
      await trx
        .updateTable('deliveries')
        .set({
          message: JSON.stringify({ text: '' }),
          status: sql`case when status = 'pending' then 'failed' else status end`,
          last_error: sql`case when status = 'pending' then 'data_deleted' else last_error end`,
          claimed_until: null,
          claim_token: null,
        })
        .where('team_id', '=', teamId)
        .where('recipient_id', '=', userId)
        .where((eb) => eb.or([eb(sql`message->>'text'`, 'is distinct from', ''), eb(sql`message ? 'blocks'`, '=', true), eb('status', '=', 'pending')]))
        .executeTakeFirst(),
    ),
    celebrations: changed(
      await trx.updateTable('celebrations').set({ message: ERASED_TEXT }).where('team_id', '=', teamId).where(sql<boolean>`${userId} = any(people)`).where('message', '<>', ERASED_TEXT).executeTakeFirst(),
    ),
    surveyTexts:
      changed(await trx.updateTable('pulse_answers').set({ note: null }).where('team_id', '=', teamId).where('respondent_id', '=', userId).where('note', 'is not', null).executeTakeFirst()) +
      changed(await trx.updateTable('exit_survey_answers').set({ what_changed: null, share_with_admins: false }).where('team_id', '=', teamId).where('respondent_id', '=', userId).where('what_changed', 'is not', null).executeTakeFirst()),
  };
  return counts;
}

/** Ends the person's active and paused pairings as of `now`; returns the pairings ended. */
export function endPairsOf(trx: Kysely<Database>, teamId: string, userId: string, now: Date): Promise<Pair[]> {
  return trx
    .updateTable('pairs')
    .set({ status: 'ended', ended_at: now, paused_until: null })
    .where('team_id', '=', teamId)
    .where((eb) => eb.or([eb('mentor_id', '=', userId), eb('mentee_id', '=', userId)]))
    .where('status', '<>', 'ended')
    .returningAll()
    .execute();
}

/** Records when the person deleted their data: pairings that ended by then ask them no survey. */
export async function markDataErased(trx: Kysely<Database>, teamId: string, userId: string, now: Date): Promise<void> {
  await trx.updateTable('members').set({ data_erased_at: now }).where('team_id', '=', teamId).where('user_id', '=', userId).execute();
}
