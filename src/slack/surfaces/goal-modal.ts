import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import type { ModalView } from '@slack/types';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../ids.ts';
import { context, section } from './blocks.ts';
import { dateInput, modal, pairSelect, textInput, type PairChoice } from './modal-parts.ts';

/** An open goal as the edit form shows it. */
export interface GoalDraft {
  id: number;
  pair_id: number;
  title: string;
  outcome: string;
  success_measure: string;
  target_date: string | null;
  celebrate_publicly: boolean;
  milestones: Array<{ id: number; title: string; done: boolean }>;
}

const CELEBRATE_OPTION = { text: { type: 'plain_text' as const, text: 'OK to celebrate publicly when achieved' }, value: 'yes' };

/**
 * The goal modal; with one pairing the pair travels in private_metadata instead of a picker. With
 * `goal` it edits that goal, filled in. The celebration box is the mentee's alone: `consentBox`
 * is false for a mentor (who gets none, and whose submission never sets it).
 */
export function goalModal(input: { pairs: PairChoice[]; pairId?: number; objective?: string | null; goal?: GoalDraft; consentBox?: boolean }): ModalView {
  const goal = input.goal;
  const fixed = goal?.pair_id ?? input.pairId ?? (input.pairs.length === 1 ? input.pairs[0]!.pairId : undefined);
  const fixedLabel = input.pairs.find((p) => p.pairId === fixed)?.label;
  return modal(
    CALLBACK.goal,
    goal ? 'Edit goal' : 'Set a goal',
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
      textInput(FIELD.title, 'Goal', { maxLength: LIMITS.goalTitle, placeholder: 'e.g. Lead a design review on my own', ...(goal ? { initial: goal.title } : {}) }),
      textInput(FIELD.outcome, 'What will the mentee be able to do?', { multiline: true, maxLength: LIMITS.goalOutcome, optional: true, ...(goal?.outcome ? { initial: goal.outcome } : {}) }),
      textInput(FIELD.successMeasure, 'How will you know it worked?', {
        maxLength: LIMITS.successMeasure,
        optional: true,
        placeholder: 'e.g. Ran two reviews with no help',
        ...(goal?.success_measure ? { initial: goal.success_measure } : {}),
      }),
      dateInput(FIELD.targetDate, 'Target date', { optional: true, ...(goal?.target_date ? { initial: goal.target_date } : {}) }),
      textInput(FIELD.milestones, 'Milestones (one per line)', {
        multiline: true,
        maxLength: 1600,
        optional: true,
        hint: goal ? `Up to ${LIMITS.milestones} milestones. Ticked ones stay ticked while their wording stays the same.` : `Up to ${LIMITS.milestones} milestones.`,
        ...(goal && goal.milestones.length > 0 ? { initial: goal.milestones.map((m) => m.title).join('\n') } : {}),
      }),
      ...(input.consentBox
        ? [
            {
              type: 'input' as const,
              block_id: FIELD.celebrate,
              optional: true,
              label: { type: 'plain_text' as const, text: 'Celebration' },
              hint: { type: 'plain_text' as const, text: 'Only you, the mentee, decide this. Program admins may suggest a shout-out when the goal is achieved.' },
              element: {
                type: 'checkboxes' as const,
                action_id: INPUT_ACTION,
                options: [CELEBRATE_OPTION],
                ...(goal?.celebrate_publicly ? { initial_options: [CELEBRATE_OPTION] } : {}),
              },
            },
          ]
        : [context('The mentee decides whether a goal may be celebrated publicly: I will ask them.')]),
    ],
    { ...(fixed !== undefined ? { pairId: fixed } : {}), ...(goal ? { goalId: goal.id } : {}) },
  );
}
