import type { ModalView } from '@slack/types';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import { milestoneProgress, progressBar } from '../../domain/pair-health.ts';
import { CALLBACK, FIELD, INPUT_ACTION, REVIEW_FIELD } from '../ids.ts';
import { context, option, section } from './blocks.ts';
import { proposalWords, type ProposalSummary } from './review-messages.ts';
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

/** A goal as the review looks back on it: open, achieved or dropped, with its milestones. */
export interface ReviewGoal {
  title: string;
  status: 'open' | 'achieved' | 'dropped';
  milestones: Array<{ done: boolean }>;
}

const MAX_REVIEW_GOALS = 15;

export function reviewGoalLine(goal: ReviewGoal): string {
  const { done, total } = milestoneProgress(goal.milestones);
  const progress = total > 0 ? ` ${progressBar(done, total)} ${done}/${total} milestones` : ' · no milestones';
  const state = goal.status === 'achieved' ? ' · :white_check_mark: achieved' : goal.status === 'dropped' ? ' · dropped' : '';
  return `• ${escapeMrkdwn(truncate(goal.title, 120))}${progress}${state}`;
}

/** Section text holds 3000 characters: goals are listed while they fit, the rest counted. */
const GOALS_TEXT_BUDGET = 2900;

function goalsText(goals: ReviewGoal[]): string {
  if (goals.length === 0) return '*Goals*\n_No goals were set for this pairing._';
  const lines: string[] = [];
  let length = 0;
  for (const goal of goals.slice(0, MAX_REVIEW_GOALS)) {
    const line = reviewGoalLine(goal);
    if (length + line.length + 1 > GOALS_TEXT_BUDGET) break;
    lines.push(line);
    length += line.length + 1;
  }
  if (goals.length > lines.length) lines.push(`…and ${goals.length - lines.length} more`);
  return `*Goals*\n${lines.join('\n')}`;
}

/** The review: the objective and every goal with its progress to look back on, then the answers and the decision. */
export function reviewModal(input: {
  pairId: number;
  actorId: string;
  partnerId: string;
  objective: string | null;
  goals: ReviewGoal[];
  pending?: ProposalSummary | undefined;
  message?: MessageRef;
}): ModalView {
  const partner = mention(input.partnerId);
  const pending = input.pending
    ? input.pending.reviewedBy === input.actorId
      ? [context(`:hourglass_flowing_sand: Your proposal to ${proposalWords(input.pending)} is waiting for ${partner}. Saving this review replaces it.`)]
      : [context(`:hourglass_flowing_sand: ${partner} proposed to ${proposalWords(input.pending)}. Answer with *Agree* or *Let's talk* in your DM or on Home; saving this review instead replaces their proposal.`)]
    : [];
  return modal(
    CALLBACK.review,
    'Pairing review',
    'Save review',
    [
      section(`*Review of your pairing with ${partner}*\n${input.objective ? `_Objective:_ ${escapeMrkdwn(truncate(input.objective, 500))}` : '_No objective written down yet._'}`),
      section(goalsText(input.goals)),
      ...pending,
      textInput(FIELD.reviewAchieved, 'What was achieved against the objective?', { multiline: true, maxLength: 3000 }),
      textInput(REVIEW_FIELD.nextSteps, 'What next? What will each of you do from here?', { multiline: true, maxLength: 3000, optional: true }),
      {
        type: 'input',
        block_id: FIELD.reviewDecision,
        label: { type: 'plain_text', text: 'What should happen to the pairing?' },
        element: {
          type: 'radio_buttons',
          action_id: INPUT_ACTION,
          options: [option('Continue as we are', 'continue'), option('Propose to extend for a set time', 'extend'), option('Propose to conclude the pairing', 'conclude')],
        },
      },
      selectInput(FIELD.reviewMonths, 'Extend by (only when extending)', ['1', '2', '3', '4', '5', '6'].map((m) => option(`${m} month${m === '1' ? '' : 's'}`, m)), { optional: true }),
      context(`Your answers go to ${partner} and sit on both your Home tabs; program admins see only the decision. Extending or concluding happens once ${partner} agrees.`),
    ],
    { pairId: input.pairId, ...(input.message ? { message: input.message } : {}) },
  );
}
