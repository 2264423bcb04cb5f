import type { InputBlock, KnownBlock, ModalView, PlainTextOption } from '@slack/types';
import { PROFILE_LIMITS, skillKey } from '../../domain/matching.ts';
import { REVERSE_PAIRING } from '../../domain/plain-words.ts';
import { INPUT_ACTION, JOIN_CALLBACK, JOIN_FIELD } from '../ids.ts';
import { escapeMrkdwn } from '../../domain/mrkdwn.ts';
import { context, header, option, section } from './blocks.ts';
import { modal, textInput } from './modal-parts.ts';

export const ROLE = { mentee: 'mentee', mentor: 'mentor' } as const;
export const REVERSE_YES = 'yes';

// Slack: a select holds at most 100 options, and an option value at most 150 characters.
const MAX_SKILL_OPTIONS = 100;
const MAX_OPTION_VALUE = 150;

export interface JoinModalInput {
  /** The program's skill list (admins edit it in settings). */
  programSkills: string[];
  mentee: { skills: string[]; strengths: string[]; gap: string } | null;
  mentor: { skills: string[]; capacity: number; openToReverse: boolean } | null;
  managerId: string | null;
  /** The program joined from its announcement; the workspace's default program when absent. */
  program?: { id: number; name: string };
  /** Joined by one role's button: only that role's questions (and the manager); the other role's answers stay as saved. */
  role?: 'mentee' | 'mentor';
}

/** A hint is plain text: the mrkdwn stars of a shared sentence would show as they are. */
const plainText = (mrkdwn: string) => mrkdwn.replace(/\*/g, '');

/** The program's skills as options, once each by key; the value is the skill itself. */
export function skillOptions(programSkills: string[]): PlainTextOption[] {
  const seen = new Set<string>();
  const options: PlainTextOption[] = [];
  for (const skill of programSkills) {
    const key = skillKey(skill);
    const value = skill.trim();
    if (!key || seen.has(key) || value.length > MAX_OPTION_VALUE) continue;
    seen.add(key);
    options.push(option(value, value));
    if (options.length === MAX_SKILL_OPTIONS) break;
  }
  return options;
}

function checkboxes(field: string, label: string, options: PlainTextOption[], initial: PlainTextOption[], opts: { optional: boolean; hint?: string }): InputBlock {
  return {
    type: 'input',
    block_id: field,
    optional: opts.optional,
    label: { type: 'plain_text', text: label },
    ...(opts.hint ? { hint: { type: 'plain_text', text: opts.hint } } : {}),
    element: { type: 'checkboxes', action_id: INPUT_ACTION, options, ...(initial.length > 0 ? { initial_options: initial } : {}) },
  };
}

/** A skills question: the program's list to pick from (when it has one) plus free text, one per line. */
function skillInputs(pickField: string, otherField: string, label: string, options: PlainTextOption[], saved: string[]): KnownBlock[] {
  const byKey = new Map(options.map((o) => [skillKey(o.value ?? ''), o]));
  const picked = saved.map((s) => byKey.get(skillKey(s))).filter((o): o is PlainTextOption => o !== undefined);
  const typed = saved.filter((s) => !byKey.has(skillKey(s)));
  const other = textInput(otherField, options.length > 0 ? 'Other skills (one per line)' : `${label} (one per line)`, {
    multiline: true,
    optional: true,
    maxLength: 2000,
    placeholder: 'e.g. Giving feedback',
    ...(typed.length > 0 ? { initial: typed.join('\n') } : {}),
  });
  if (options.length === 0) return [other];
  const pick: InputBlock = {
    type: 'input',
    block_id: pickField,
    optional: true,
    label: { type: 'plain_text', text: label },
    element: {
      type: 'multi_static_select',
      action_id: INPUT_ACTION,
      placeholder: { type: 'plain_text', text: 'Choose from the program’s skills' },
      options,
      ...(picked.length > 0 ? { initial_options: picked } : {}),
    },
  };
  return [pick, other];
}

/** `/mentor join`: who you are in the program (mentee, mentor or both) and what matching needs to know; one role's questions when joined by that role's button. */
export function joinModal(input: JoinModalInput): ModalView {
  const options = skillOptions(input.programSkills);
  const roleOptions = [option('I’d like a mentor (mentee)', ROLE.mentee), option('I can mentor someone (mentor)', ROLE.mentor)];
  const reverseOption = option('Open to a reverse pairing too', REVERSE_YES);
  const role = input.role;
  const menteeBlocks: KnownBlock[] = [
    ...skillInputs(JOIN_FIELD.menteePick, JOIN_FIELD.menteeOther, 'Skills you want to grow', options, input.mentee?.skills ?? []),
    textInput(JOIN_FIELD.strengths, 'What you’re already good at (one per line)', {
      multiline: true,
      optional: true,
      maxLength: 1600,
      ...(input.mentee?.strengths.length ? { initial: input.mentee.strengths.join('\n') } : {}),
    }),
    textInput(JOIN_FIELD.gap, 'What gap limits your next step?', {
      multiline: true,
      optional: true,
      maxLength: PROFILE_LIMITS.gap,
      placeholder: 'e.g. I can build features but struggle to get buy-in for design changes',
      ...(input.mentee?.gap ? { initial: input.mentee.gap } : {}),
    }),
  ];
  const mentorBlocks: KnownBlock[] = [
    ...skillInputs(JOIN_FIELD.mentorPick, JOIN_FIELD.mentorOther, 'Skills you can help with', options, input.mentor?.skills ?? []),
    {
      type: 'input',
      block_id: JOIN_FIELD.capacity,
      optional: true,
      label: { type: 'plain_text', text: 'How many mentees can you take at once?' },
      hint: { type: 'plain_text', text: `${PROFILE_LIMITS.capacityMin}–${PROFILE_LIMITS.capacityMax}. Your current pairings as mentor count against it.` },
      element: {
        type: 'number_input',
        action_id: INPUT_ACTION,
        is_decimal_allowed: false,
        min_value: String(PROFILE_LIMITS.capacityMin),
        max_value: String(PROFILE_LIMITS.capacityMax),
        initial_value: String(input.mentor?.capacity ?? 1),
      },
    },
    checkboxes(JOIN_FIELD.reverse, 'Reverse mentoring', [reverseOption], input.mentor?.openToReverse ? [reverseOption] : [], {
      optional: true,
      hint: `${plainText(REVERSE_PAIRING)} There, you would be the mentee.`,
    }),
  ];
  const manager: KnownBlock = {
    type: 'input',
    block_id: JOIN_FIELD.manager,
    optional: true,
    label: { type: 'plain_text', text: 'Your manager' },
    hint: { type: 'plain_text', text: 'Optional. Lets admins avoid pairing people who share a manager.' },
    element: { type: 'users_select', action_id: INPUT_ACTION, placeholder: { type: 'plain_text', text: 'Choose a person' }, ...(input.managerId ? { initial_user: input.managerId } : {}) },
  };
  if (role) {
    const where = input.program ? `*${escapeMrkdwn(input.program.name)}*` : 'the program';
    const blocks: KnownBlock[] = [
      section(`Joining ${where} as a ${role}`),
      context(role === ROLE.mentee
        ? 'Program admins use these answers to find you a mentor. You can change them any time with the same button or `/mentor join`.'
        : 'Program admins use these answers to suggest mentees for you. You can change them any time with the same button or `/mentor join`.'),
      ...(role === ROLE.mentee ? menteeBlocks : mentorBlocks),
      manager,
    ];
    const metadata = { ...(input.program ? { programId: input.program.id } : {}), role };
    return modal(JOIN_CALLBACK, role === ROLE.mentee ? 'Join as mentee' : 'Join as mentor', 'Join', blocks, metadata);
  }
  const blocks: KnownBlock[] = [
    ...(input.program ? [section(`Joining *${escapeMrkdwn(input.program.name)}*`)] : []),
    context('Program admins use these answers to suggest mentoring pairs. Fill in the part for each role you pick; you can change it any time with `/mentor join`.'),
    checkboxes(JOIN_FIELD.roles, 'Join as', roleOptions, roleOptions.filter((o) => (o.value === ROLE.mentee ? input.mentee : input.mentor) !== null), { optional: false }),
    manager,
    header('As a mentee'),
    ...menteeBlocks,
    header('As a mentor'),
    ...mentorBlocks,
  ];
  return modal(JOIN_CALLBACK, 'Mentoring profile', 'Save profile', blocks, input.program ? { programId: input.program.id } : {});
}
