import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import type { ModalView, PlainTextOption } from '@slack/types';
import { LIMITS } from '../../domain/inputs.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../ids.ts';
import { option, section } from './blocks.ts';
import { dateInput, modal, pairSelect, selectInput, textInput, USEFULNESS_OPTIONS, type PairChoice } from './modal-parts.ts';
import type { MessageRef } from './review-modals.ts';
import { logMilestonesBlock, type LogMilestoneChoice } from './goal-progress.ts';
import { logCommitmentsBlocks } from './follow-up.ts';
import type { Commitment } from '../../services/commitment-service.ts';

export interface GoalChoice {
  goalId: number;
  pairId: number;
  title: string;
}

/** `filled`: the session "Yes, we met" recorded, whose details this form adds (its day and duration filled in). */
export function logModal(input: { pairs: PairChoice[]; pairId?: number; goals: GoalChoice[]; milestones?: LogMilestoneChoice[]; commitments?: Array<Pick<Commitment, 'pair_id' | 'text'>>; today: string; maxAdviceLines: number; message?: MessageRef; filled?: { bookingId: number; heldOn: string; minutes: number } }): ModalView {
  const fixed = input.pairId ?? (input.pairs.length === 1 ? input.pairs[0]!.pairId : undefined);
  const fixedLabel = input.pairs.find((p) => p.pairId === fixed)?.label;
  const goals = input.goals.filter((g) => fixed === undefined || g.pairId === fixed);
  const many = input.pairs.length > 1 && fixed === undefined;
  const goalOptions: PlainTextOption[] = goals
    .slice(0, 100)
    .map((g) => option(many ? `${g.title} (${input.pairs.find((p) => p.pairId === g.pairId)?.label ?? ''})` : g.title, String(g.goalId)));
  return modal(
    CALLBACK.log,
    'Log a session',
    'Save session',
    [
      ...(fixed !== undefined ? [section(`Session for your pairing: *${escapeMrkdwn(fixedLabel ?? 'this pairing')}*`)] : [pairSelect(input.pairs)]),
      ...logCommitmentsBlocks(input.commitments ?? [], input.pairs, fixed),
      dateInput(FIELD.heldOn, 'Date', { initial: input.filled?.heldOn ?? input.today }),
      textInput(FIELD.minutes, 'Duration (minutes)', { maxLength: 3, placeholder: 'e.g. 60', ...(input.filled ? { initial: String(input.filled.minutes) } : {}) }),
      textInput(FIELD.topics, 'Topics', { multiline: true, maxLength: LIMITS.topics, optional: true }),
      textInput(FIELD.notes, 'Private notes', {
        multiline: true,
        maxLength: LIMITS.notes,
        optional: true,
        hint: 'Only the two of you can ever read these. Program admins see that a session happened, not what was said.',
      }),
      textInput(FIELD.advice, 'Advice received (one per line)', {
        multiline: true,
        maxLength: 3000,
        optional: true,
        hint: `Up to ${input.maxAdviceLines} lines. I'll ask the mentee later how each one went, so they can close the loop with their mentor.`,
      }),
      textInput(FIELD.commitments, 'Commitments before next session (one per line)', { multiline: true, maxLength: 2000, optional: true }),
      ...(goalOptions.length > 0
        ? [
            {
              type: 'input' as const,
              block_id: FIELD.goalIds,
              optional: true,
              label: { type: 'plain_text' as const, text: 'Goals touched' },
              element: { type: 'multi_static_select' as const, action_id: INPUT_ACTION, placeholder: { type: 'plain_text' as const, text: 'Choose goals' }, options: goalOptions },
            },
          ]
        : []),
      ...logMilestonesBlock((input.milestones ?? []).filter((m) => fixed === undefined || m.pairId === fixed)),
      selectInput(FIELD.usefulness, 'How useful was it?', USEFULNESS_OPTIONS, { optional: true }),
    ],
    { ...(fixed !== undefined ? { pairId: fixed } : {}), ...(input.message ? { message: input.message } : {}), ...(input.filled ? { bookingId: input.filled.bookingId } : {}) },
  );
}
