import { escapeMrkdwn } from '../../../domain/mrkdwn.ts';
import { parseJoinForm } from '../../parse/join-form.ts';
import { metadata } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from '../views/submission.ts';
import { sendChoices } from './mentee-choice-buttons.ts';

export function joinSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'join',
    parse: async (values, meta, actor) => {
      const programId = metadata(meta).programId;
      const parsed = parseJoinForm(values, actor.userId, await rt.services.matching.programSkills(actor, programId));
      return parsed.ok ? { ok: true, value: { input: parsed.value, programId } } : parsed;
    },
    save: (actor, { input, programId }) => rt.services.matching.saveProfile(actor, input, programId),
    confirmation: ({ mentee, mentor, updated, program }) => {
      const as = mentee && mentor ? 'a mentee and a mentor' : mentee ? 'a mentee' : 'a mentor';
      const where = program.is_default ? 'the program' : `*${escapeMrkdwn(program.name)}*`;
      if (mentee && program.matching_mode === 'mentee') {
        return {
          title: updated ? 'Profile updated' : 'You’re in',
          text: `:seedling: ${updated ? 'Your profile is updated' : 'You’ve joined'}: you’re in ${where} as ${as}. Here mentees choose their mentor: I’ve sent the mentors who fit you best to our DM, each with an *Ask* button. \`/mentor suggestions\` shows them again.`,
        };
      }
      return {
        title: updated ? 'Profile updated' : 'You’re in',
        text: `:seedling: ${updated ? 'Your profile is updated' : 'You’ve joined'}: you’re in ${where} as ${as}. Program admins use your answers to suggest pairs; ${program.is_default ? '\`/mentor join\`' : 'the Join buttons on its announcement'} change${program.is_default ? 's' : ''} them any time.`,
      };
    },
    // Where mentees choose, a new or updated mentee gets their three suggestions by DM at once.
    afterSave: async (actor, { mentee, program }) => {
      if (!mentee || program.matching_mode !== 'mentee') return;
      await sendChoices(rt, actor.teamId, actor.userId, program.id, 'In this program you choose your mentor.');
    },
  });
}
