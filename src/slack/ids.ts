/** Ids shared by the Block Kit builders and the listeners that read what they produce. */
export const CALLBACK = {
  goal: 'goal_modal',
  log: 'log_modal',
  loop: 'loop_modal',
  feedback: 'feedback_modal',
  goalDate: 'goal_date_modal',
  review: 'review_modal',
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
} as const;

/** Each nudge in a message has its own actions row, so a press can replace just that row. */
export const nudgeActionsBlockId = (nudgeId: number) => `nudge_actions_${nudgeId}`;

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
