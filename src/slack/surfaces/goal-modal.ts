import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import type { ModalView } from '@slack/types';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../ids.ts';
import { section } from './blocks.ts';
import { dateInput, modal, pairSelect, textInput, type PairChoice } from './modal-parts.ts';

/** The goal modal; with one pairing the pair travels in private_metadata instead of a picker. */
export function goalModal(input: { pairs: PairChoice[]; pairId?: number; objective?: string | null }): ModalView {
  const fixed = input.pairId ?? (input.pairs.length === 1 ? input.pairs[0]!.pairId : undefined);
  const fixedLabel = input.pairs.find((p) => p.pairId === fixed)?.label;
  return modal(
    CALLBACK.goal,
    'Set a goal',
    'Save goal',
    [
      ...(fixed !== undefined ? [section(`Goal for your pairing: *${escapeMrkdwn(fixedLabel ?? 'this pairing')}*`)] : [pairSelect(input.pairs)]),
      // The kickoff asks the pair to agree an objective; this is where it is written down.
      ...(fixed !== undefined
        ? [
            textInput(FIELD.objective, 'Pairing objective', {
              multiline: true,
              maxLength: LIMITS.objective,
              optional: true,
              hint: 'What this mentoring should change, tied to real work. Shared by both of you; leave as is to keep it.',
              ...(input.objective ? { initial: input.objective } : {}),
            }),
          ]
        : []),
      textInput(FIELD.title, 'Goal', { maxLength: LIMITS.goalTitle, placeholder: 'e.g. Lead a design review on my own' }),
      textInput(FIELD.outcome, 'What will the mentee be able to do?', { multiline: true, maxLength: LIMITS.goalOutcome, optional: true }),
      textInput(FIELD.successMeasure, 'How will you know it worked?', { maxLength: LIMITS.successMeasure, optional: true, placeholder: 'e.g. Ran two reviews with no help' }),
      dateInput(FIELD.targetDate, 'Target date', { optional: true }),
      textInput(FIELD.milestones, 'Milestones (one per line)', { multiline: true, maxLength: 1600, optional: true, hint: `Up to ${LIMITS.milestones} milestones.` }),
      {
        type: 'input',
        block_id: FIELD.celebrate,
        optional: true,
        label: { type: 'plain_text', text: 'Celebration' },
        element: {
          type: 'checkboxes',
          action_id: INPUT_ACTION,
          options: [{ text: { type: 'plain_text', text: 'OK to celebrate publicly when achieved' }, value: 'yes' }],
        },
      },
    ],
    fixed !== undefined ? { pairId: fixed } : {},
  );
}
