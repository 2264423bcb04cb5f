import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { mention } from '../../domain/mrkdwn.ts';
import type { PulseAnswer, Reached } from '../../domain/outcomes.ts';
import { SURVEY_LIMITS } from '../../domain/survey-inputs.ts';
import type { Nudge } from '../../scheduler/ports.ts';
import { EXIT_SURVEY_CALLBACK, INPUT_ACTION, nudgeActionsBlockId, PULSE_NOTE_CALLBACK, pulseAnsweredBlockId, pulseButtonValue, SURVEY_ACTION, SURVEY_FIELD } from '../ids.ts';
import { actions, button, context, option, section } from './blocks.ts';
import { modal, selectInput, textInput } from './modal-parts.ts';

type Detail = Record<string, any>;

export const PULSE_LABELS: Record<PulseAnswer, string> = { going_well: 'Going well', could_be_better: 'Could be better', not_working: 'Not working' };

/** What replaces the pulse buttons once answered. */
export function pulseAnswered(answer: PulseAnswer, day: number): string {
  const help = answer === 'not_working' ? ' If the program admins could help, *Tell the program admins* sends them a private note; your partner is not told.' : '';
  return `Thanks: *${PULSE_LABELS[answer]}* noted for day ${day}. Only you see this answer.${help}`;
}

/** Checkbox value of "share with program admins". */
export const SHARE = 'share';

export const REACHED_LABELS: Record<Reached, string> = { yes: 'Yes', partly: 'Partly', no: 'No' };

/** The exit survey in a nudge DM: four questions behind one button. */
export function exitSurveyItem(n: Nudge, d: Detail): KnownBlock[] {
  return [
    section(`:checkered_flag: *Your pairing with ${mention(d.partnerId)} has ended.* Four short questions about how it went help the program do better. Your answers are private: program admins only ever see totals, and your words only if you choose to share them.`),
    actions(nudgeActionsBlockId(n.id), button('Answer 4 questions', SURVEY_ACTION.openExitSurvey, String(d.pairId), 'primary')),
  ];
}

/** "Did it stick", three months after the end, to the mentee. */
export function didItStickItem(n: Nudge, d: Detail): KnownBlock[] {
  const value = String(d.pairId);
  return [
    section(`:seedling: *Three months ago your pairing with ${mention(d.mentorId)} came to a close. Are you still using what you learned?* Your answer is private: program admins only ever see totals.`),
    actions(
      nudgeActionsBlockId(n.id),
      button('Yes', SURVEY_ACTION.stickYes, value, 'primary'),
      button('Partly', SURVEY_ACTION.stickPartly, value),
      button('No', SURVEY_ACTION.stickNo, value),
    ),
  ];
}

export function didItStickAnswered(answer: Reached): string {
  return `Thanks: *${REACHED_LABELS[answer]}* noted. Only you see this answer.`;
}

/**
 * What replaces the pulse buttons once answered: what was noted, and a row to add a private note;
 * after "Not working", also a way to reach the program admins privately (the feedback form).
 */
export function pulseAnsweredBlocks(answer: PulseAnswer, pair: { pairId: number; day: number }, rowId: string): KnownBlock[] {
  const value = pulseButtonValue(pair.pairId, pair.day);
  return [
    { ...context(`:white_check_mark: ${pulseAnswered(answer, pair.day)}`), block_id: pulseAnsweredBlockId(pair.pairId, pair.day) },
    actions(
      rowId,
      button('Add a private note', SURVEY_ACTION.pulseNote, value),
      ...(answer === 'not_working' ? [button('Tell the program admins', SURVEY_ACTION.pulseTellAdmins, String(pair.pairId))] : []),
    ),
  ];
}

/** The note on one's own pulse answer; the metadata is the pulse's "pair:day", re-checked on submit. */
export function pulseNoteModal(input: { pairId: number; day: number; answer: PulseAnswer; note: string | null }): ModalView {
  return {
    ...modal(PULSE_NOTE_CALLBACK, 'A private note', 'Save note', [
      context(`Your answer for day ${input.day}: *${PULSE_LABELS[input.answer]}*. The note is for you alone: your partner and the program admins never see it. Leave it empty to remove it.`),
      textInput(SURVEY_FIELD.pulseNote, 'Your note', { multiline: true, optional: true, maxLength: SURVEY_LIMITS.pulseNote, ...(input.note ? { initial: input.note } : {}) }),
    ]),
    private_metadata: pulseButtonValue(input.pairId, input.day),
  };
}

function radio(field: string, label: string, options: PlainTextOption[], initial: string | undefined): InputBlock {
  const chosen = options.find((o) => o.value === initial);
  return {
    type: 'input',
    block_id: field,
    label: { type: 'plain_text', text: label },
    element: { type: 'radio_buttons', action_id: INPUT_ACTION, options, ...(chosen ? { initial_option: chosen } : {}) },
  };
}

const SATISFACTION: PlainTextOption[] = [
  option('5 – very satisfied', '5'),
  option('4 – satisfied', '4'),
  option('3 – neither', '3'),
  option('2 – dissatisfied', '2'),
  option('1 – very dissatisfied', '1'),
];
const RECOMMEND: PlainTextOption[] = Array.from({ length: 11 }, (_, i) => 10 - i).map((n) =>
  option(n === 10 ? '10 – extremely likely' : n === 0 ? '0 – not at all likely' : String(n), String(n)),
);

export interface ExitSurveyPrefill {
  objective_reached: Reached;
  satisfaction: number;
  what_changed: string | null;
  share_with_admins: boolean;
  recommend: number;
}

/** The exit survey; a second submission replaces the first, so it opens filled with it. */
export function exitSurveyModal(input: { pairId: number; partnerId: string; answer?: ExitSurveyPrefill }): ModalView {
  const a = input.answer;
  const share = option('Share this answer with the program admins (without your name)', SHARE);
  const initialOf = (options: PlainTextOption[], value: number | undefined) => options.find((o) => o.value === String(value));
  const satisfaction = initialOf(SATISFACTION, a?.satisfaction);
  const recommend = initialOf(RECOMMEND, a?.recommend);
  return modal(
    EXIT_SURVEY_CALLBACK,
    'How did it go?',
    'Send answers',
    [
      context(`About your pairing with ${mention(input.partnerId)}. Only you see your answers; program admins see totals over at least 5 answers.`),
      radio(SURVEY_FIELD.objective, 'Did you reach the pairing objective?', (['yes', 'partly', 'no'] as const).map((r) => option(REACHED_LABELS[r], r)), a?.objective_reached),
      selectInput(SURVEY_FIELD.satisfaction, 'How satisfied are you with the mentoring?', SATISFACTION, satisfaction ? { initial: satisfaction } : {}),
      textInput(SURVEY_FIELD.whatChanged, 'What changed in your work?', {
        multiline: true,
        optional: true,
        maxLength: SURVEY_LIMITS.whatChanged,
        hint: 'Kept with your pairing. Program admins read it only if you tick the box below.',
        ...(a?.what_changed ? { initial: a.what_changed } : {}),
      }),
      {
        type: 'input',
        block_id: SURVEY_FIELD.share,
        optional: true,
        label: { type: 'plain_text', text: 'Share with program admins' },
        element: { type: 'checkboxes', action_id: INPUT_ACTION, options: [share], ...(a?.share_with_admins ? { initial_options: [share] } : {}) },
      },
      selectInput(SURVEY_FIELD.recommend, 'How likely are you to recommend mentoring to a colleague?', RECOMMEND, recommend ? { initial: recommend } : {}),
    ],
    { pairId: input.pairId },
  );
}

export function exitSurveySaved(answer: { share_with_admins: boolean; what_changed: string | null }): { title: string; text: string } {
  const shared = answer.what_changed
    ? answer.share_with_admins
      ? ' What changed in your work goes to the program admins without your name.'
      : ' What changed in your work stays with your pairing: the program admins do not see it.'
    : '';
  return { title: 'Thank you', text: `:pray: Thank you: your answers are saved. Only you see them; the program admins see totals only.${shared} Press the same button again to change them.` };
}
