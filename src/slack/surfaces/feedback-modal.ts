import type { ModalView } from '@slack/types';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FIELD } from '../ids.ts';
import { context, option } from './blocks.ts';
import { modal, selectInput, textInput, type PairChoice } from './modal-parts.ts';

export const GENERAL_FEEDBACK = 'general';

export function feedbackModal(input: { pairs: PairChoice[] }): ModalView {
  return modal(CALLBACK.feedback, 'Private feedback', 'Send to admins', [
    context('Only program admins read this. Your partner is never told. Use it to raise anything about your pairing or the program.'),
    ...(input.pairs.length > 0
      ? [
          selectInput(
            FIELD.pair,
            'About',
            [...input.pairs.map((p) => option(p.label, String(p.pairId))), option('The program in general', GENERAL_FEEDBACK)],
            { placeholder: 'Choose' },
          ),
        ]
      : []),
    textInput(FIELD.feedbackBody, 'Your note', { multiline: true, maxLength: LIMITS.feedback }),
  ]);
}
