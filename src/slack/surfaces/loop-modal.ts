import type { ModalView } from '@slack/types';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../ids.ts';
import { context, option, section } from './blocks.ts';
import { modal, selectInput, textInput, USEFULNESS_OPTIONS } from './modal-parts.ts';
import type { MessageRef } from './review-modals.ts';

export const OUTCOME_LABELS = {
  tried_worked: 'I tried it and it worked',
  tried_didnt: "I tried it and it didn't work",
  not_applicable: "It didn't apply in the end",
} as const;

export function loopModal(input: { adviceId: number; adviceText: string; mentorId: string; givenOn: string; message?: MessageRef }): ModalView {
  return modal(
    CALLBACK.loop,
    'Close the loop',
    'Tell my mentor',
    [
      section(`*Advice from ${mention(input.mentorId)}* (logged ${input.givenOn}):\n>${escapeMrkdwn(input.adviceText)}`),
      {
        type: 'input',
        block_id: FIELD.loopOutcome,
        label: { type: 'plain_text', text: 'Did you try it?' },
        element: {
          type: 'radio_buttons',
          action_id: INPUT_ACTION,
          options: Object.entries(OUTCOME_LABELS).map(([value, text]) => option(text, value)),
        },
      },
      textInput(FIELD.outcomeText, 'What happened?', {
        multiline: true,
        maxLength: LIMITS.outcomeText,
        optional: true,
        hint: 'Needed when you tried it. Your mentor reads this; nobody else does.',
      }),
      selectInput(FIELD.usefulness, 'How useful was the advice?', USEFULNESS_OPTIONS, { optional: true }),
      context('Your mentor gets a DM with your answer right away.'),
    ],
    { adviceId: input.adviceId, ...(input.message ? { message: input.message } : {}) },
  );
}
