import { PROGRAM_CHECKED_FIELD } from '../domain/programs.ts';
import { BOOKING_FIELDS } from '../services/booking-service.ts';

/**
 * Every callback, action and block id: shared by the Block Kit builders in surfaces/, the parsers
 * in parse/ and the listeners that register for them. Add a new one here, never as a literal.
 */
export const CALLBACK = {
  goal: 'goal_modal',
  log: 'log_modal',
  loop: 'loop_modal',
  feedback: 'feedback_modal',
  goalDate: 'goal_date_modal',
  review: 'review_modal',
  /** A read-only answer shown in place of a form or as a refusal. */
  notice: 'notice_modal',
  report: 'program_report_modal',
} as const;

export const ACTION = {
  openLog: 'open_log_modal',
  openGoal: 'open_goal_modal',
  openLoop: 'open_loop_modal',
  snoozeStall: 'nudge_snooze_week',
  pausePair: 'nudge_pause_pair',
  loopNotYet: 'nudge_loop_not_yet',
  loopDidntApply: 'nudge_loop_didnt_apply',
  goalAchieved: 'nudge_goal_achieved',
  goalNewDate: 'nudge_goal_new_date',
  goalDrop: 'nudge_goal_drop',
  openReview: 'nudge_open_review',
  openReport: 'open_report',
  pulseGoingWell: 'pulse_going_well',
  pulseCouldBeBetter: 'pulse_could_be_better',
  pulseNotWorking: 'pulse_not_working',
  /** On a "your partner has left" nudge: the join modal, to be matched again. */
  findNewMatch: 'nudge_find_new_match',
  /** "Join the program" for someone in no pairing (Home, `/mentor status`, refusals): the join modal. */
  openJoin: 'open_join_modal',
} as const;

/** A pulse button's value names the pairing and the pulse day: "12:30". */
export const pulseButtonValue = (pairId: number, day: number) => `${pairId}:${day}`;

export function parsePulseButtonValue(value: string | undefined): { pairId: number; day: number } {
  const match = /^(\d{1,9}):(\d{1,3})$/.exec(value ?? '');
  return match ? { pairId: Number(match[1]), day: Number(match[2]) } : { pairId: NaN, day: NaN };
}

const NUDGE_ACTIONS_PREFIX = 'nudge_actions_';

/** Each nudge in a message has its own actions row, so a press can replace just that row. */
export const nudgeActionsBlockId = (nudgeId: number) => `${NUDGE_ACTIONS_PREFIX}${nudgeId}`;

const NUDGE_TEXT_PREFIX = 'nudge_text_';

/** The section of a nudge that quotes private text (advice, a goal's title): not kept once sent. */
export const nudgeTextBlockId = (nudgeId: number, part?: number) => `${NUDGE_TEXT_PREFIX}${nudgeId}${part === undefined ? '' : `_${part}`}`;

/** The nudge id of a private-text section, or undefined for any other block. */
export const nudgeIdOfTextBlock = (blockId: string | undefined): number | undefined =>
  blockId?.startsWith(NUDGE_TEXT_PREFIX) ? Number(blockId.slice(NUDGE_TEXT_PREFIX.length).split('_')[0]) : undefined;

/** Which part of a nudge a private-text section holds (a goal of a confidence question), if it names one. */
export const partOfTextBlock = (blockId: string | undefined): number | undefined => {
  const part = blockId?.startsWith(NUDGE_TEXT_PREFIX) ? blockId.slice(NUDGE_TEXT_PREFIX.length).split('_')[1] : undefined;
  return part === undefined ? undefined : Number(part);
};

/** The buttons of a pairing's kickoff DM. */
export const kickoffActionsBlockId = (pairId: number) => `kickoff_${pairId}`;

/** True for the actions row of a nudge (a button pressed in a nudge DM, not on Home). */
export const isNudgeActionsBlockId = (blockId: string | undefined): boolean => blockId?.startsWith(NUDGE_ACTIONS_PREFIX) ?? false;

/** Block ids of message rows that are not per item. */
export const BLOCK = {
  digestActions: 'digest_actions',
  matchAgain: 'match_again',
} as const;

/** Block ids double as field names: a FieldErrors key is the block that shows the error. */
export const FIELD = {
  pair: 'pair_id',
  title: 'title',
  objective: 'objective',
  outcome: 'outcome',
  successMeasure: 'success_measure',
  targetDate: 'target_date',
  milestones: 'milestones',
  celebrate: 'celebrate',
  heldOn: 'held_on',
  minutes: 'minutes',
  topics: 'topics',
  notes: 'notes',
  advice: 'advice',
  commitments: 'commitments',
  goalIds: 'goal_ids',
  usefulness: 'usefulness',
  loopOutcome: 'loop_outcome',
  outcomeText: 'outcome_text',
  feedbackBody: 'feedback_body',
  newTargetDate: 'new_target_date',
  reviewAchieved: 'review_achieved',
  reviewDecision: 'review_decision',
  reviewMonths: 'review_months',
} as const;

/** Every input uses this action id inside its own block, so values read as values[field].value. */
export const INPUT_ACTION = 'value';

// Matching: `/mentor join` and the suggestions of `/mentor match`.
export const JOIN_CALLBACK = 'join_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const JOIN_FIELD = {
  roles: 'join_roles',
  manager: 'join_manager',
  menteePick: 'mentee_skill_pick',
  menteeOther: 'mentee_skills_other',
  strengths: 'mentee_strengths',
  gap: 'mentee_gap',
  mentorPick: 'mentor_skill_pick',
  mentorOther: 'mentor_skills_other',
  capacity: 'mentor_capacity',
  reverse: 'mentor_reverse',
} as const;

export const MATCH_ACTION = {
  pair: 'match_pair',
  skip: 'match_skip',
  again: 'match_include_previous',
} as const;

/** Mentee-choice programs: the mentee asks a suggested mentor, who accepts or declines. */
export const CHOICE_ACTION = {
  /** One per suggestion: action ids must differ within a row. */
  ask: ['mentee_choice_ask_1', 'mentee_choice_ask_2', 'mentee_choice_ask_3'],
  show: 'mentee_choice_show',
  accept: 'match_request_accept',
  decline: 'match_request_decline',
} as const;

/** The row of Ask buttons under a mentee's suggestions, and the Accept / Decline row of a request. */
export const CHOICES_BLOCK = 'mentee_choices';
export const REQUEST_BLOCK = 'match_request';

/** Each suggestion's buttons sit in their own row, so a press replaces just that row. */
export const suggestionBlockId = (mentorId: string, menteeId: string) => `match_${mentorId}_${menteeId}`;

// Program settings (`/mentor settings`).
export const SETTINGS_CALLBACK = 'program_settings_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const SETTINGS_FIELD = {
  cadenceDays: 'settings_cadence_days',
  graceDays: 'settings_grace_days',
  followUpDays: 'settings_follow_up_days',
  reviewMonths: 'settings_review_months',
  workStart: 'settings_work_start',
  workEnd: 'settings_work_end',
  workDays: 'settings_work_days',
  celebrationChannel: 'settings_celebration_channel',
  menteesSeeStalled: 'settings_mentees_see_stalled',
  skills: 'settings_skills',
  avoidSameManager: 'settings_avoid_same_manager',
  matchingMode: 'settings_matching_mode',
  departureEndDays: 'settings_departure_end_days',
  retentionMonths: 'settings_retention_months',
  pulseEnabled: 'settings_pulse_enabled',
  pulseDays: 'settings_pulse_days',
  exitSurveyEnabled: 'settings_exit_survey_enabled',
  didItStickEnabled: 'settings_did_it_stick_enabled',
  confidenceEnabled: 'settings_confidence_enabled',
  adviceImpactEnabled: 'settings_advice_impact_enabled',
} as const;

// Celebrations: shout-out suggestions and the celebrate modal.
export const CELEBRATE_CALLBACK = 'celebrate_modal';

export const CELEBRATE_ACTION = {
  post: 'celebration_post',
  chooseChannel: 'celebration_choose_channel',
  edit: 'celebration_edit',
} as const;

/** Block ids of the celebrate modal; a field error is keyed by the block that shows it. */
export const CELEBRATE_FIELD = {
  people: 'celebrate_people',
  channel: 'celebrate_channel',
  message: 'celebrate_message',
  milestone: 'celebrate_milestone',
} as const;

/** Each suggestion DM has one actions row, replaced by "Posted to … by …" once posted. */
export const celebrationActionsBlockId = (celebrationId: number) => `celebration_actions_${celebrationId}`;

// Goal progress: the goal menu on Home, the progress modal, milestones in the log, consent.
export const GOAL_PROGRESS_CALLBACK = 'goal_progress_modal';

export const GOAL_ACTION = {
  /** The overflow menu of each open goal on Home; its options' values are `GOAL_MENU.*:<goal id>`. */
  menu: 'goal_menu',
  consentYes: 'goal_consent_yes',
  consentNo: 'goal_consent_no',
} as const;

export const GOAL_MENU = {
  achieved: 'achieved',
  progress: 'progress',
  edit: 'edit',
  drop: 'drop',
} as const;

export type GoalMenuChoice = (typeof GOAL_MENU)[keyof typeof GOAL_MENU];

export const goalMenuValue = (choice: GoalMenuChoice, goalId: number) => `${choice}:${goalId}`;

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const GOAL_FIELD = {
  /** The progress modal's checkboxes. */
  milestonesDone: 'milestones_done',
  /** The log modal's open milestones. */
  milestoneIds: 'milestone_ids',
} as const;

/** The consent question's buttons, replaced by the mentee's answer. */
export const goalConsentBlockId = (goalId: number) => `goal_consent_${goalId}`;

/** Each goal's line on Home carries its menu. */
export const goalBlockId = (goalId: number) => `goal_${goalId}`;

// Personal data: the confirmation modal of `/mentor delete-my-data`.
export const DELETE_MY_DATA_CALLBACK = 'delete_my_data_modal';

// The feedback inbox: each note's buttons in the admins' DMs and on their Home, and the reply modal.
export const FEEDBACK_ACTION = {
  markHandled: 'feedback_mark_handled',
  reply: 'feedback_reply_privately',
} as const;

export const FEEDBACK_REPLY_CALLBACK = 'feedback_reply_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const FEEDBACK_FIELD = {
  showName: 'feedback_show_name',
  reply: 'feedback_reply',
} as const;

/** Each note's buttons sit in their own row, replaced by who handled it once it is handled. */
export const feedbackActionsBlockId = (noteId: number) => `feedback_note_${noteId}`;

// Pairing reviews: the "what next" answer, and the partner's answer to a proposal to extend or conclude.
export const REVIEW_FIELD = {
  nextSteps: 'review_next_steps',
} as const;

/** Each button's value is the proposal's review id. */
export const REVIEW_ACTION = {
  agree: 'review_agree',
  talk: 'review_talk',
} as const;

/** A proposal's buttons sit in their own row, replaced by the answer once given. */
export const reviewProposalBlockId = (reviewId: number) => `review_proposal_${reviewId}`;
// Following up: commitments on Home, "We met" on the quiet-pairing reminder, the mentor's advice list.
export const FOLLOW_UP_ACTION = {
  /** "Done" beside an open commitment on the mentee's Home; its value is the commitment id. */
  commitmentDone: 'commitment_done',
  /** "Ask how it went" beside an open piece of advice on the mentor's card; its value is the advice id. */
  askHowItWent: 'advice_ask_how_it_went',
  /** "We met" on the quiet-pairing reminder; its value is the pair id. */
  weMet: 'nudge_we_met',
} as const;

export const WE_MET_CALLBACK = 'we_met_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const WE_MET_FIELD = {
  metOn: 'met_on',
} as const;

/** Each open commitment's line on Home. */
export const commitmentBlockId = (commitmentId: number) => `commitment_${commitmentId}`;

/** The log form's read-only list of commitments still open. */
export const OPEN_COMMITMENTS_BLOCK = 'open_commitments';

/** The list of a pairing's open commitments on the mentor's card. */
export const commitmentsBlockId = (pairId: number) => `commitments_${pairId}`;

/** Each open piece of advice on the mentor's card. */
export const adviceGivenBlockId = (adviceId: number) => `advice_given_${adviceId}`;

/** What came of the mentor's advice, on their card. */
export const adviceOutcomesBlockId = (pairId: number) => `advice_outcomes_${pairId}`;

/** The buttons of the close-the-loop prompt a mentor's "Ask how it went" sends. */
export const askedLoopActionsBlockId = (adviceId: number) => `asked_loop_${adviceId}`;
// Confidence 1–5 in a goal: five buttons per goal, one action id per number.
const CONFIDENCE_ACTION_PREFIX = 'confidence_rate_';

/** The action id of the button for one rating (1–5); unique within the goal's row. */
export const confidenceActionId = (rating: number) => `${CONFIDENCE_ACTION_PREFIX}${rating}`;

/** Matches every confidence button; the rating is the last character. */
export const CONFIDENCE_ACTION_PATTERN = /^confidence_rate_[1-5]$/;

export const ratingOfConfidenceAction = (actionId: string): number => (CONFIDENCE_ACTION_PATTERN.test(actionId) ? Number(actionId.slice(CONFIDENCE_ACTION_PREFIX.length)) : NaN);

/** A confidence button's value names the goal and the moment; a review's also its day: "12:set", "12:review:2027-05-30". */
export const confidenceButtonValue = (goalId: number, moment: string, reviewOn?: string) => [goalId, moment, ...(reviewOn ? [reviewOn] : [])].join(':');

export function parseConfidenceButtonValue(value: string | undefined): { goalId: number; moment: string; reviewOn?: string } {
  const match = /^(\d{1,9}):([a-z]{1,10})(?::(\d{4}-\d{2}-\d{2}))?$/.exec(value ?? '');
  if (!match) return { goalId: NaN, moment: '' };
  return { goalId: Number(match[1]), moment: match[2]!, ...(match[3] ? { reviewOn: match[3] } : {}) };
}

/** Each goal's row of five buttons, and the line under it saying what was saved. */
export const confidenceBlockId = (goalId: number, moment: string) => `confidence_${goalId}_${moment}`;
export const confidenceSavedBlockId = (goalId: number, moment: string) => `confidence_saved_${goalId}_${moment}`;

// Programs: `/mentor program new | edit` (one modal) and the archive confirmation.
export const PROGRAM_CALLBACK = 'program_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const PROGRAM_FIELD = {
  ...PROGRAM_CHECKED_FIELD,
  description: 'program_description',
  kind: 'program_kind',
  startsOn: 'program_starts_on',
  endsOn: 'program_ends_on',
  channel: 'program_celebration_channel',
  enrolment: 'program_enrolment',
} as const;

export const PROGRAM_ACTION = {
  /** The button of `/mentor program archive <name>`'s confirmation; its value is the program id. */
  archive: 'program_archive_confirm',
  /** A program card's join buttons; their value is the program id. */
  joinAsMentee: 'program_join_mentee',
  joinAsMentor: 'program_join_mentor',
  /** *Carry over pairings* in the admins' end-of-program message; its value is the program id. */
  carryOver: 'program_carry_over',
} as const;

/** The carry-over modal: which program the running pairings move into. */
export const CARRY_OVER_CALLBACK = 'program_carry_over_modal';
export const CARRY_OVER_FIELD = { target: 'program_carry_over_target' } as const;

export const programJoinBlockId = (programId: number) => `program_join_${programId}`;

export const programArchiveBlockId = (programId: number) => `program_archive_${programId}`;

// Outcome surveys: the pulse's private note, the exit survey and "did it stick".
export const SURVEY_ACTION = {
  /** After a pulse answer; value as the pulse buttons' ("12:30"). */
  pulseNote: 'pulse_add_note',
  /** After "Not working": the feedback form, to reach the program admins privately; value: the pair id. */
  pulseTellAdmins: 'pulse_tell_admins',
  /** The exit survey's DM; value: the pair id. */
  openExitSurvey: 'exit_survey_open',
  stickYes: 'did_it_stick_yes',
  stickPartly: 'did_it_stick_partly',
  stickNo: 'did_it_stick_no',
} as const;

export const PULSE_NOTE_CALLBACK = 'pulse_note_modal';
export const EXIT_SURVEY_CALLBACK = 'exit_survey_modal';

/** Block ids double as field names: a field error is keyed by the block that shows it. */
export const SURVEY_FIELD = {
  pulseNote: 'pulse_note',
  objective: 'exit_objective',
  satisfaction: 'exit_satisfaction',
  whatChanged: 'exit_what_changed',
  share: 'exit_share_with_admins',
  recommend: 'exit_recommend',
} as const;

/** The line saying which pulse answer was noted, above its "Add a private note" row. */
export const pulseAnsweredBlockId = (pairId: number, day: number) => `pulse_answered_${pairId}_${day}`;
// The next session: booking it, its agenda, and "Did you meet?".
export const BOOKING_CALLBACK = 'booking_modal';
export const AGENDA_CALLBACK = 'booking_agenda_modal';

export const BOOKING_ACTION = {
  /** "Book next session": its value is the pair id. */
  book: 'booking_open',
  /** The rest carry the booking id. */
  agenda: 'booking_agenda',
  metYes: 'booking_met_yes',
  metMoved: 'booking_met_moved',
  metNo: 'booking_met_no',
  addDetails: 'booking_add_details',
} as const;

/** Block ids double as field names; the booking modal's are the service's (its field errors use them). */
export const BOOKING_FIELD = { ...BOOKING_FIELDS, agenda: 'booking_agenda_text' } as const;

/** Enrolment: the *Join* of a buddy program on Home (value: program id, both roles asked), and an admin's *Suggest pairs* (value: program id). */
export const ENROLMENT_ACTION = {
  join: 'program_join_any',
  suggestPairs: 'enrolment_suggest_pairs',
} as const;

export const joinableBlockId = (programId: number) => `joinable_${programId}`;
export const waitingBlockId = (programId: number) => `waiting_match_${programId}`;

// Which program an admin command acts on: "Which program?" and the program switch on admin replies, modals and Home.
/** The program select; its value is the program id, its block says what to run for the program picked. */
export const ADMIN_PROGRAM_ACTION = 'admin_program_pick';
const ADMIN_PROGRAM_BLOCK = 'admin_program:';
/** Slack caps block ids at 255 characters; a longer command is only remembered, not run again. */
export const adminProgramBlockId = (command: string) => `${ADMIN_PROGRAM_BLOCK}${command.length <= 240 ? command : command.split(' ')[0]}`;
export const adminProgramCommandOf = (blockId: string): string | undefined => (blockId.startsWith(ADMIN_PROGRAM_BLOCK) ? blockId.slice(ADMIN_PROGRAM_BLOCK.length) : undefined);
/** What the select on the admin Home and in the settings modal runs. */
export const ADMIN_PROGRAM_HOME = 'home';
export const ADMIN_PROGRAM_SETTINGS = 'settings-modal';
