import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import type { MentionableMilestone } from '../../services/celebration-service.ts';
import { context, option, section } from './blocks.ts';
import { CELEBRATE_CALLBACK, CELEBRATE_FIELD, INPUT_ACTION } from '../ids.ts';
import { selectInput, textInput } from './modal-parts.ts';

/** How long a shout-out may be and how many people it may name. */
export const CELEBRATION_LIMITS = {
  message: 1000,
  people: 20,
} as const;

/** What the celebrate modal carries to its submission; re-checked there, never trusted. */
export interface CelebrateMetadata {
  /** The suggestion being edited, if the modal came from a suggestion DM. */
  celebrationId?: number;
  /** That DM, so its buttons can be replaced once the shout-out is posted. */
  message?: { channel: string; ts: string };
  /** The program a new shout-out is posted for (a suggestion carries its own). */
  programId?: number;
}

export interface CelebrateModalInput {
  people: string[];
  channelId: string | null;
  /** Only when opened from a conversation (the slash command): Slack preselects it when public. */
  defaultToCurrentConversation?: boolean;
  message?: string;
  milestones: MentionableMilestone[];
  /** mrkdwn shown above the form, e.g. why a one-click post failed. */
  warning?: string;
  metadata: CelebrateMetadata;
}

/** Plain-text option label (selects cannot render mentions), cut to Slack's 75 characters. */
export function milestoneOption(m: MentionableMilestone): PlainTextOption {
  return m.kind === 'goal_achieved' ? option(`${m.menteeName}: achieved “${m.goalTitle}”`, m.value) : option(`${m.mentorName} & ${m.menteeName}: pairing completed`, m.value);
}

export function celebrateModal(input: CelebrateModalInput): ModalView {
  const people: InputBlock = {
    type: 'input',
    block_id: CELEBRATE_FIELD.people,
    label: { type: 'plain_text', text: 'Who are you celebrating?' },
    element: {
      type: 'multi_users_select',
      action_id: INPUT_ACTION,
      max_selected_items: CELEBRATION_LIMITS.people,
      placeholder: { type: 'plain_text', text: 'Choose people' },
      ...(input.people.length > 0 ? { initial_users: input.people.slice(0, CELEBRATION_LIMITS.people) } : {}),
    },
  };
  const channel: InputBlock = {
    type: 'input',
    block_id: CELEBRATE_FIELD.channel,
    label: { type: 'plain_text', text: 'Post in' },
    hint: { type: 'plain_text', text: 'Public channels only. I can post there without being a member.' },
    element: {
      type: 'conversations_select',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: 'Choose a channel' },
      filter: { include: ['public'], exclude_bot_users: true },
      ...(input.channelId ? { initial_conversation: input.channelId } : input.defaultToCurrentConversation ? { default_to_current_conversation: true } : {}),
    },
  };
  const options = input.milestones.slice(0, 100).map(milestoneOption);
  const blocks: KnownBlock[] = [
    ...(input.warning ? [section(input.warning)] : []),
    people,
    channel,
    textInput(CELEBRATE_FIELD.message, 'Message', {
      multiline: true,
      maxLength: CELEBRATION_LIMITS.message,
      placeholder: 'e.g. Theo led his first design review this week. Well done!',
      ...(input.message ? { initial: input.message } : {}),
    }),
    // A static_select needs at least one option: without recent milestones there is nothing to offer.
    ...(options.length > 0 ? [selectInput(CELEBRATE_FIELD.milestone, 'Milestone to mention (optional)', options, { optional: true, placeholder: 'Choose a milestone' })] : []),
    context('People are mentioned by name. Your message is posted as written, without formatting tricks: no @channel or @here.'),
  ];
  return {
    type: 'modal',
    callback_id: CELEBRATE_CALLBACK,
    title: { type: 'plain_text', text: 'Celebrate' },
    submit: { type: 'plain_text', text: 'Post shout-out' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(input.metadata),
    blocks,
  };
}
