import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import { PROGRAM_KIND_LABEL, PROGRAM_KINDS, PROGRAM_LIMITS } from '../../domain/programs.ts';
import type { Program } from '../../services/settings-service.ts';
import { INPUT_ACTION, PROGRAM_CALLBACK, PROGRAM_FIELD as F } from '../ids.ts';
import { context, option } from './blocks.ts';
import { celebrationChannelInput, dateInput, modal, textInput } from './modal-parts.ts';

export const ENROLMENT = { open: 'open', closed: 'closed' } as const;

const KIND_HINT: Record<(typeof PROGRAM_KINDS)[number], string> = {
  standard: 'a more experienced colleague mentors',
  reverse: 'a junior colleague briefs a senior one',
  buddy: 'a peer helps a newcomer settle in',
};

const KIND_OPTIONS: PlainTextOption[] = PROGRAM_KINDS.map((kind) => option(`${PROGRAM_KIND_LABEL[kind]}: ${KIND_HINT[kind]}`, kind));
const ENROLMENT_OPTIONS: PlainTextOption[] = [
  option('Open: people can join by themselves', ENROLMENT.open),
  option('Closed: only admins add people', ENROLMENT.closed),
];

export interface ProgramModalInput {
  /** The program being edited; undefined for a new one. */
  program?: Program;
  /** Granted admins of the edited program. */
  adminIds: string[];
  /** The program a new one copies its rhythm and reminders from (the default program). */
  template: Program;
}

/** `/mentor program new` (empty) and `/mentor program edit <name>` (filled in): one modal. */
export function programModal(input: ProgramModalInput): ModalView {
  const p = input.program;
  const kind = KIND_OPTIONS.find((o) => o.value === (p?.kind ?? 'standard'))!;
  const enrolment = ENROLMENT_OPTIONS[p && !p.enrolment_open ? 1 : 0]!;
  const channel = p ? p.celebration_channel : input.template.celebration_channel;
  const blocks: KnownBlock[] = [
    context(
      p
        ? `Changes apply at once. Cadence, reminders and working hours stay as they are.`
        : `Cadence, reminders and working hours are copied from *${escapeMrkdwn(input.template.name)}*.`,
    ),
    textInput(F.name, 'Name', { maxLength: PROGRAM_LIMITS.name, placeholder: 'e.g. Spring cohort 2027', ...(p ? { initial: p.name } : {}) }),
    textInput(F.description, 'What is it for?', {
      multiline: true,
      optional: true,
      maxLength: PROGRAM_LIMITS.description,
      placeholder: 'e.g. Six months of mentoring for new team leads',
      ...(p?.description ? { initial: p.description } : {}),
    }),
    {
      type: 'input',
      block_id: F.kind,
      label: { type: 'plain_text', text: 'Kind' },
      element: { type: 'static_select', action_id: INPUT_ACTION, options: KIND_OPTIONS, initial_option: kind },
    },
    dateInput(F.startsOn, 'Starts on', { optional: true, ...(p?.starts_on ? { initial: p.starts_on } : {}) }),
    dateInput(F.endsOn, 'Ends on', { optional: true, hint: 'Leave both dates empty for a program that keeps running.', ...(p?.ends_on ? { initial: p.ends_on } : {}) }),
    celebrationChannelInput(F.channel, channel),
    adminsInput(input.adminIds),
    {
      type: 'input',
      block_id: F.enrolment,
      label: { type: 'plain_text', text: 'Enrolment' },
      element: { type: 'radio_buttons', action_id: INPUT_ACTION, options: ENROLMENT_OPTIONS, initial_option: enrolment },
    },
  ];
  return modal(PROGRAM_CALLBACK, p ? 'Edit program' : 'New program', p ? 'Save program' : 'Create program', blocks, p ? { programId: p.id } : {});
}

function adminsInput(adminIds: string[]): InputBlock {
  return {
    type: 'input',
    block_id: F.admins,
    optional: true,
    label: { type: 'plain_text', text: 'Program admins' },
    hint: { type: 'plain_text', text: 'They run this program only. Workspace admins and owners run every program.' },
    element: {
      type: 'multi_users_select',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: 'Choose people' },
      max_selected_items: PROGRAM_LIMITS.admins,
      ...(adminIds.length > 0 ? { initial_users: adminIds.slice(0, PROGRAM_LIMITS.admins) } : {}),
    },
  };
}
