/** Ids shared by the celebration builders and listeners (kept here, apart from ids.ts, with the feature). */
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

export const CELEBRATION_LIMITS = {
  message: 1000,
  people: 20,
} as const;
