import type { InputBlock, ModalView, PlainTextOption, KnownBlock } from '@slack/types';
import { truncate } from '../../domain/mrkdwn.ts';
import { FIELD, INPUT_ACTION } from '../ids.ts';
import { option } from './blocks.ts';

export interface PairChoice {
  pairId: number;
  /** e.g. "Mentoring Alex Kim"; plain text, shown in a select. */
  label: string;
  /** Set only when the person's pairings are in several programs: the pairing's program. */
  program?: { id: number; name: string };
}

/** What a modal carries between open and submit; re-checked on submit, never trusted. */
export interface ModalMetadata {
  /** The join modal of one role's button. */
  role?: 'mentee' | 'mentor';
  pairId?: number;
  adviceId?: number;
  goalId?: number;
  /** The program a program modal edits. */
  programId?: number;
  /** A booked session (its agenda, or the session "Yes, we met" recorded). */
  bookingId?: number;
  /** The nudge message that opened the modal, updated once the submission is saved. */
  message?: { channel: string; ts: string; blockId: string };
}

export function modal(callbackId: string, title: string, submit: string | undefined, blocks: KnownBlock[], metadata: ModalMetadata = {}): ModalView {
  return {
    type: 'modal',
    callback_id: callbackId,
    title: { type: 'plain_text', text: truncate(title, 24) },
    ...(submit ? { submit: { type: 'plain_text', text: truncate(submit, 24) } } : {}),
    close: { type: 'plain_text', text: submit ? 'Cancel' : 'Close' },
    private_metadata: JSON.stringify(metadata),
    blocks,
  };
}

export function textInput(
  field: string,
  label: string,
  opts: { multiline?: boolean; maxLength: number; optional?: boolean; placeholder?: string; hint?: string; initial?: string },
): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: {
      type: 'plain_text_input',
      action_id: INPUT_ACTION,
      multiline: opts.multiline ?? false,
      max_length: opts.maxLength,
      ...(opts.placeholder ? { placeholder: { type: 'plain_text', text: truncate(opts.placeholder, 150) } } : {}),
      ...(opts.initial ? { initial_value: opts.initial } : {}),
    },
  };
}

export function dateInput(field: string, label: string, opts: { initial?: string; optional?: boolean; hint?: string }): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: { type: 'datepicker', action_id: INPUT_ACTION, ...(opts.initial ? { initial_date: opts.initial } : {}) },
  };
}

export function selectInput(field: string, label: string, options: PlainTextOption[], opts: { optional?: boolean; initial?: PlainTextOption; placeholder?: string }): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: opts.optional ?? false,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'static_select',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: opts.placeholder ?? 'Choose…' },
      options: options.slice(0, 100),
      ...(opts.initial ? { initial_option: opts.initial } : {}),
    },
  };
}

/** The pair picker, shown only to people in more than one pairing. */
export function pairSelect(pairs: PairChoice[], selected?: number): InputBlock {
  const options = pairs.map((p) => option(p.label, String(p.pairId)));
  const initial = options.find((o) => o.value === String(selected));
  return selectInput(FIELD.pair, 'Which pairing?', options, { ...(initial ? { initial } : {}), placeholder: 'Choose a pairing' });
}

export const USEFULNESS_OPTIONS: PlainTextOption[] = [
  option('5 – extremely useful', '5'),
  option('4 – very useful', '4'),
  option('3 – useful', '3'),
  option('2 – a little useful', '2'),
  option('1 – not useful', '1'),
];

/** The celebration channel picker: public channels of this workspace only (shared ones would carry shout-outs outside it). */
export function celebrationChannelInput(blockId: string, initial: string | null | undefined): InputBlock {
  return {
    type: 'input',
    block_id: blockId,
    optional: true,
    label: { type: 'plain_text', text: 'Celebration channel' },
    hint: { type: 'plain_text', text: 'Where shout-outs go. Public channels only.' },
    element: {
      type: 'conversations_select',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: 'Choose a channel' },
      filter: { include: ['public'], exclude_external_shared_channels: true },
      ...(initial ? { initial_conversation: initial } : {}),
    },
  };
}
