import type { ModalView } from '@slack/types';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../ids.ts';
import { option, section } from './blocks.ts';
import { dateInput, modal, selectInput, textInput } from './modal-parts.ts';

/** Where the nudge that opened a modal lives, so the submission can update that message. */
export interface MessageRef {
  channel: string;
  ts: string;
  blockId: string;
}

export function goalDateModal(input: { goalId: number; title: string; message?: MessageRef }): ModalView {
  return modal(
    CALLBACK.goalDate,
    'New target date',
    'Save date',
    [section(`When do you now expect to reach *${escapeMrkdwn(truncate(input.title, 150))}*?`), dateInput(FIELD.newTargetDate, 'New target date', {})],
    { goalId: input.goalId, ...(input.message ? { message: input.message } : {}) },
  );
}

export function reviewModal(input: { pairId: number; partnerId: string; objective: string | null; message?: MessageRef }): ModalView {
  return modal(
    CALLBACK.review,
    'Pairing review',
    'Save review',
    [
      section(`*Review of your pairing with ${mention(input.partnerId)}*${input.objective ? `\nObjective: ${escapeMrkdwn(truncate(input.objective, 500))}` : ''}`),
      textInput(FIELD.reviewAchieved, 'What was achieved against the objective?', { multiline: true, maxLength: 3000 }),
      {
        type: 'input',
        block_id: FIELD.reviewDecision,
        label: { type: 'plain_text', text: 'What next?' },
        element: {
          type: 'radio_buttons',
          action_id: INPUT_ACTION,
          options: [option('Continue as we are', 'continue'), option('Extend for a set time', 'extend'), option('Conclude the pairing', 'conclude')],
        },
      },
      selectInput(FIELD.reviewMonths, 'Extend by (only when extending)', ['1', '2', '3', '4', '5', '6'].map((m) => option(`${m} month${m === '1' ? '' : 's'}`, m)), { optional: true }),
    ],
    { pairId: input.pairId, ...(input.message ? { message: input.message } : {}) },
  );
}
