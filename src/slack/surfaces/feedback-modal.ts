import type { ModalView } from '@slack/types';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FEEDBACK_FIELD, FIELD, INPUT_ACTION } from '../ids.ts';
import { context, option } from './blocks.ts';
import { modal, selectInput, textInput, type PairChoice } from './modal-parts.ts';

export const GENERAL_FEEDBACK = 'general';
export const SHOW_NAME = 'yes';

/** `about`: the pairing chosen at first, when it is one of `pairs`. */
export function feedbackModal(input: { pairs: PairChoice[]; about?: number }): ModalView {
  // Pairings in several programs: "the program in general" is asked per program.
  const programs = [...new Map(input.pairs.flatMap((p) => (p.program ? [[p.program.id, p.program.name] as const] : []))).entries()];
  const general = programs.length > 1 ? programs.map(([id, name]) => option(`${name} in general`, `${GENERAL_FEEDBACK}:${id}`)) : [option('The program in general', GENERAL_FEEDBACK)];
  const options = [...input.pairs.map((p) => option(p.label, String(p.pairId))), ...general];
  const initial = options.find((o) => o.value === String(input.about));
  return modal(CALLBACK.feedback, 'Private feedback', 'Send to admins', [
    context('Only program admins read this: each of them gets it by DM. Your partner is never told. Use it to raise anything about your pairing or the program.'),
    ...(input.pairs.length > 0
      ? [
          selectInput(FIELD.pair, 'About', options, { placeholder: 'Choose', ...(input.about !== undefined && initial ? { initial } : {}) }),
        ]
      : []),
    textInput(FIELD.feedbackBody, 'Your note', { multiline: true, maxLength: LIMITS.feedback }),
    {
      type: 'input',
      block_id: FEEDBACK_FIELD.showName,
      optional: true,
      label: { type: 'plain_text', text: 'Your name' },
      hint: { type: 'plain_text', text: 'Untick to send it without your name. Admins can still reply to you privately; your partner never sees it either way.' },
      element: {
        type: 'checkboxes',
        action_id: INPUT_ACTION,
        options: [{ text: { type: 'plain_text', text: 'Admins may see that I wrote this' }, value: SHOW_NAME }],
        initial_options: [{ text: { type: 'plain_text', text: 'Admins may see that I wrote this' }, value: SHOW_NAME }],
      },
    },
  ]);
}
