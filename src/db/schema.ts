import type { ColumnType, Generated, Selectable } from 'kysely';
import type { AdviceOutcome } from '../domain/inputs.ts';
import type { ConfidenceMoment, PulseAnswer, Reached } from '../domain/outcomes.ts';
import type { SurveyRule } from '../domain/survey-policy.ts';
import type { ProgramKind } from '../domain/programs.ts';

export type { AdviceOutcome, ConfidenceMoment, PulseAnswer, ProgramKind, Reached };

/** A column the database fills in on insert. */
type Defaulted<T> = ColumnType<T, T | undefined, T>;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;

export interface ProgramsTable {
  id: Generated<number>;
  team_id: string;
  name: string;
  is_default: Defaulted<boolean>;
  cadence_days: Defaulted<number>;
  grace_days: Defaulted<number>;
  follow_up_days: Defaulted<number>;
  review_months: Defaulted<number>;
  work_start_minute: Defaulted<number>;
  work_end_minute: Defaulted<number>;
  work_days: Defaulted<number[]>;
  celebration_channel: Defaulted<string | null>;
  mentees_see_stalled: Defaulted<boolean>;
  max_advice_lines: Defaulted<number>;
  skills: Defaulted<string[]>;
  avoid_same_manager: Defaulted<boolean>;
  pulse_enabled: Defaulted<boolean>;
  /** Days of a pairing the pulse is asked on (at most 4, each 1–365). */
  pulse_days: Defaulted<number[]>;
  confidence_enabled: Defaulted<boolean>;
  exit_survey_enabled: Defaulted<boolean>;
  did_it_stick_enabled: Defaulted<boolean>;
  advice_impact_enabled: Defaulted<boolean>;
  /** Days after a member's deactivation before their pairings end. */
  departure_end_days: Defaulted<number>;
  /** Months after a pairing ended before its private text is deleted. */
  retention_months: Defaulted<number>;
  description: Defaulted<string>;
  kind: Defaulted<ProgramKind>;
  /** Calendar days (YYYY-MM-DD); a program may run without dates. */
  starts_on: Defaulted<string | null>;
  ends_on: Defaulted<string | null>;
  enrolment_open: Defaulted<boolean>;
  /** Set once archived: the program takes no new people or pairings. */
  archived_at: NullableTimestamp;
  created_at: Timestamp;
  /** Who picks a mentee's mentor: program admins, or the mentee from three suggestions. */
  matching_mode: Defaulted<MatchingMode>;
}

export type MatchingMode = 'admin' | 'mentee';

export interface MembersTable {
  team_id: string;
  user_id: string;
  display_name: Defaulted<string>;
  real_name: Defaulted<string>;
  tz: Defaulted<string | null>;
  is_workspace_admin: Defaulted<boolean>;
  is_bot: Defaulted<boolean>;
  deactivated: Defaulted<boolean>;
  /** When the member was first seen deactivated; null while active. */
  deactivated_at: NullableTimestamp;
  /** When the person last deleted their data with `/mentor delete-my-data`. */
  data_erased_at: NullableTimestamp;
  dm_channel_id: Defaulted<string | null>;
  muted_until: NullableTimestamp;
  profile_refreshed_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface ProgramAdminsTable {
  team_id: string;
  program_id: number;
  user_id: string;
  granted_by: string;
  granted_at: Timestamp;
}

export type PairKind = 'standard' | 'reverse';
export type PairStatus = 'active' | 'paused' | 'ended';

export interface PairsTable {
  id: Generated<number>;
  team_id: string;
  program_id: number;
  mentor_id: string;
  mentee_id: string;
  kind: Defaulted<PairKind>;
  cadence_days: number;
  status: Defaulted<PairStatus>;
  paused_until: NullableTimestamp;
  started_at: ColumnType<Date, Date | string, Date | string>;
  review_on: string;
  /** The day of the last session, kept in step by the session insert. */
  last_session_on: Defaulted<string | null>;
  /** The last session's day, or the start day before any session: what cadence counts from. */
  rhythm_anchor_on: string;
  objective: Defaulted<string | null>;
  created_by: string;
  ended_at: NullableTimestamp;
  /** When retention emptied the pairing's private text. */
  private_text_cleared_at: NullableTimestamp;
  created_at: Timestamp;
}

export type GoalStatus = 'open' | 'achieved' | 'dropped';

export interface GoalsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  title: string;
  outcome: Defaulted<string>;
  success_measure: Defaulted<string>;
  target_date: Defaulted<string | null>;
  status: Defaulted<GoalStatus>;
  celebrate_publicly: Defaulted<boolean>;
  created_by: string;
  created_at: Timestamp;
  achieved_at: NullableTimestamp;
}

export interface GoalMilestonesTable {
  id: Generated<number>;
  goal_id: number;
  position: number;
  title: string;
  done: Defaulted<boolean>;
  done_at: NullableTimestamp;
}

export interface SessionsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  held_on: string;
  minutes: number;
  topics: Defaulted<string>;
  notes: Defaulted<string>;
  usefulness: Defaulted<number | null>;
  logged_by: string;
  created_at: Timestamp;
}

export interface SessionGoalsTable {
  session_id: number;
  goal_id: number;
}

export interface AdviceItemsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  session_id: number;
  text: string;
  follow_up_on: string;
  outcome: Defaulted<AdviceOutcome>;
  outcome_text: Defaulted<string | null>;
  usefulness: Defaulted<number | null>;
  closed_at: NullableTimestamp;
  closed_by: Defaulted<string | null>;
  snoozed_until: Defaulted<string | null>;
  /** When the mentor last asked the mentee how it went (at most once a week). */
  asked_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface CommitmentsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  session_id: number;
  text: string;
  done: Defaulted<boolean>;
  /** When and by whom (the mentee) it was ticked off; both null while open. */
  done_at: NullableTimestamp;
  done_by: Defaulted<string | null>;
  created_at: Timestamp;
}

export interface FeedbackNotesTable {
  id: Generated<number>;
  team_id: string;
  program_id: number;
  pair_id: number | null;
  author_id: string;
  body: string;
  /** Whether admins see who wrote it; the partner never does. */
  show_author: Defaulted<boolean>;
  handled_by: Defaulted<string | null>;
  handled_at: NullableTimestamp;
  /** Set when the note was handled by a private reply to its author. */
  replied_at: NullableTimestamp;
  created_at: Timestamp;
}

/** Where each admin got a feedback note by DM, to show every copy who handled it. */
export interface FeedbackDmsTable {
  team_id: string;
  note_id: number;
  admin_id: string;
  channel_id: string;
  message_ts: string;
}

export interface ProcessedEventsTable {
  event_id: string;
  team_id: string;
  /** When the event was taken for handling (its claim). */
  received_at: Timestamp;
  /** Set once its handler succeeded; null while it is being handled. */
  handled_at: NullableTimestamp;
}

/** A modal submission taken for saving; the confirmation is set once the save succeeded. */
export interface ViewSubmissionsTable {
  team_id: string;
  view_id: string;
  view_hash: string;
  user_id: string;
  form: string;
  confirmation_title: string | null;
  confirmation_text: string | null;
  /** The confirmation's next step (a Block Kit button), as JSON; null when it had none. */
  confirmation_next: ColumnType<unknown, string | null | undefined, string | null>;
  submitted_at: Timestamp;
}

export type NudgeRule = 'stalled' | 'close_loop' | 'goal_date' | 'review_due' | 'admin_digest' | SurveyRule | 'partner_left' | 'session_prep' | 'did_you_meet' | 'cohort_end' | 'cohort_end_admin' | 'confidence';

export type BookingStatus = 'booked' | 'met' | 'missed' | 'replaced';

/** A pairing's next session as booked: at most one upcoming ('booked') per pairing. */
export interface BookingsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  starts_at: ColumnType<Date, Date | string, Date | string>;
  minutes: number;
  booked_by: string;
  /** The mentee's agenda: private text of the pair. */
  agenda: Defaulted<string | null>;
  status: Defaulted<BookingStatus>;
  /** The session "Yes, we met" recorded. */
  session_id: Defaulted<number | null>;
  answered_by: Defaulted<string | null>;
  answered_at: NullableTimestamp;
  /** When the recorded session got its details from the log form (once). */
  details_at: NullableTimestamp;
  created_at: Timestamp;
}

export interface RuleSnoozesTable {
  team_id: string;
  pair_id: number;
  rule: string;
  until: ColumnType<Date, Date | string, Date | string>;
  snoozed_by: string;
}

export interface DeliveriesTable {
  id: Generated<number>;
  team_id: string;
  recipient_id: string;
  local_day: string;
  status: Defaulted<'pending' | 'sent' | 'failed'>;
  message: ColumnType<unknown, string, string>;
  attempts: Defaulted<number>;
  next_attempt_at: ColumnType<Date, Date | string, Date | string>;
  claimed_until: NullableTimestamp;
  claim_token: Defaulted<string | null>;
  last_error: Defaulted<string | null>;
  channel_id: Defaulted<string | null>;
  message_ts: Defaulted<string | null>;
  created_at: Timestamp;
  sent_at: NullableTimestamp;
}

export interface NudgesTable {
  id: Generated<number>;
  team_id: string;
  program_id: number;
  rule: NudgeRule;
  subject: string;
  period: string;
  recipient_id: string;
  pair_id: number | null;
  detail: ColumnType<unknown, string | undefined, string>;
  due_at: ColumnType<Date, Date | string, Date | string>;
  deliver_after: ColumnType<Date, Date | string, Date | string>;
  status: Defaulted<'pending' | 'bundled' | 'dropped'>;
  delivery_id: Defaulted<number | null>;
  created_at: Timestamp;
}

export interface PairReviewsTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  reviewed_by: string;
  achieved: Defaulted<string>;
  decision: ReviewDecisionKind;
  months: Defaulted<number | null>;
  /** "What next": the reviewer's own words beside the decision. */
  next_steps: Defaulted<string>;
  /** applied: took effect at once (continue); pending: a proposal waiting for the partner; agreed / talk: the partner's answer; replaced: a newer review or an admin decided. */
  status: Defaulted<ReviewStatus>;
  /** Who settled the proposal (the partner, the next reviewer or an admin) and when. */
  decided_by: Defaulted<string | null>;
  decided_at: NullableTimestamp;
  created_at: Timestamp;
}

export type ReviewDecisionKind = 'continue' | 'extend' | 'conclude';
export type ReviewStatus = 'applied' | 'pending' | 'agreed' | 'talk' | 'replaced';

export interface CronLeasesTable {
  key: string;
  holder: string;
  expires_at: ColumnType<Date, Date | string, Date | string>;
}

export interface MemberProfilesTable {
  team_id: string;
  program_id: number;
  user_id: string;
  role: 'mentee' | 'mentor';
  skills: Defaulted<string[]>;
  strengths: Defaulted<string[]>;
  gap: Defaulted<string>;
  capacity: Defaulted<number>;
  open_to_reverse: Defaulted<boolean>;
  manager_id: Defaulted<string | null>;
  updated_at: Timestamp;
  /** When this role's answers were first given in the program (kept when they change). */
  joined_at: Timestamp;
}

export interface MatchSkipsTable {
  team_id: string;
  program_id: number;
  mentor_id: string;
  mentee_id: string;
  skipped_by: string;
  skipped_at: Timestamp;
}

export type MatchRequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn' | 'expired';

/** A mentee's request to a mentor they chose; at most one pending per mentee and program. */
export interface MatchRequestsTable {
  id: Generated<number>;
  team_id: string;
  program_id: number;
  mentee_id: string;
  mentor_id: string;
  status: Defaulted<MatchRequestStatus>;
  created_at: Timestamp;
  decided_at: NullableTimestamp;
}

export type CelebrationKind = 'goal_achieved' | 'tenth_session' | 'pair_completed' | 'five_loops' | 'manual' | 'graduation';

export interface CelebrationsTable {
  id: Generated<number>;
  team_id: string;
  program_id: number;
  kind: CelebrationKind;
  subject: string;
  people: string[];
  message: string;
  channel_id: Defaulted<string | null>;
  suggested_at: NullableTimestamp;
  posted_at: NullableTimestamp;
  posted_by: Defaulted<string | null>;
  message_ts: Defaulted<string | null>;
  created_at: Timestamp;
}

export interface ChartUploadsTable {
  team_id: string;
  program_id: number;
  /** A ChartKind (src/charts/charts.ts). */
  kind: string;
  day: string;
  file_id: Defaulted<string | null>;
  alt_text: Defaulted<string>;
  claimed_at: Timestamp;
  created_at: Timestamp;
}

export interface PulseAnswersTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  respondent_id: string;
  day: number;
  answer: PulseAnswer;
  /** Private to the person who wrote it. */
  note: Defaulted<string | null>;
  answered_at: Timestamp;
  updated_at: Timestamp;
}

export interface ConfidenceRatingsTable {
  id: Generated<number>;
  team_id: string;
  goal_id: number;
  moment: ConfidenceMoment;
  /** The review's day for moment 'review'; null otherwise. */
  review_on: Defaulted<string | null>;
  rating: number;
  rated_by: string;
  rated_at: Timestamp;
  updated_at: Timestamp;
}

export interface ExitSurveyAnswersTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  respondent_id: string;
  objective_reached: Reached;
  satisfaction: number;
  /** Kept for the pair; admins read it only when share_with_admins. */
  what_changed: Defaulted<string | null>;
  share_with_admins: Defaulted<boolean>;
  recommend: number;
  answered_at: Timestamp;
  updated_at: Timestamp;
}

export interface DidItStickAnswersTable {
  id: Generated<number>;
  team_id: string;
  pair_id: number;
  mentee_id: string;
  answer: Reached;
  answered_at: Timestamp;
  updated_at: Timestamp;
}

/** A workspace the app was removed from (or whose bot token was revoked): no more work for it. */
export interface WorkspacesTable {
  team_id: string;
  uninstalled_at: NullableTimestamp;
  uninstall_reason: Defaulted<string | null>;
}

/** The program an admin of several programs last picked. */
export interface AdminProgramChoicesTable {
  team_id: string;
  user_id: string;
  program_id: number;
  chosen_at: Timestamp;
}

export interface Database {
  programs: ProgramsTable;
  members: MembersTable;
  program_admins: ProgramAdminsTable;
  pairs: PairsTable;
  goals: GoalsTable;
  goal_milestones: GoalMilestonesTable;
  sessions: SessionsTable;
  session_goals: SessionGoalsTable;
  advice_items: AdviceItemsTable;
  commitments: CommitmentsTable;
  feedback_notes: FeedbackNotesTable;
  feedback_dms: FeedbackDmsTable;
  processed_events: ProcessedEventsTable;
  view_submissions: ViewSubmissionsTable;
  rule_snoozes: RuleSnoozesTable;
  deliveries: DeliveriesTable;
  nudges: NudgesTable;
  cron_leases: CronLeasesTable;
  pair_reviews: PairReviewsTable;
  member_profiles: MemberProfilesTable;
  match_skips: MatchSkipsTable;
  match_requests: MatchRequestsTable;
  celebrations: CelebrationsTable;
  chart_uploads: ChartUploadsTable;
  pulse_answers: PulseAnswersTable;
  confidence_ratings: ConfidenceRatingsTable;
  exit_survey_answers: ExitSurveyAnswersTable;
  did_it_stick_answers: DidItStickAnswersTable;
  workspaces: WorkspacesTable;
  bookings: BookingsTable;
  admin_program_choices: AdminProgramChoicesTable;
}

export type Program = Selectable<ProgramsTable>;
export type Member = Selectable<MembersTable>;
export type Pair = Selectable<PairsTable>;
export type MatchRequest = Selectable<MatchRequestsTable>;
export type Goal = Selectable<GoalsTable>;
export type GoalMilestone = Selectable<GoalMilestonesTable>;
export type Session = Selectable<SessionsTable>;
export type AdviceItem = Selectable<AdviceItemsTable>;
export type Commitment = Selectable<CommitmentsTable>;
export type FeedbackNote = Selectable<FeedbackNotesTable>;
export type Delivery = Selectable<DeliveriesTable>;
export type Nudge = Selectable<NudgesTable>;
export type ChartUpload = Selectable<ChartUploadsTable>;
export type MemberProfile = Selectable<MemberProfilesTable>;
export type Celebration = Selectable<CelebrationsTable>;
export type PairReview = Selectable<PairReviewsTable>;
export type Booking = Selectable<BookingsTable>;
