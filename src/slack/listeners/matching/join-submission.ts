import { parseJoinForm } from '../../parse/join-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from '../views/submission.ts';

export function joinSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'join',
    parse: async (values, _meta, actor) => parseJoinForm(values, actor.userId, await rt.services.matching.programSkills(actor)),
    save: (actor, input) => rt.services.matching.saveProfile(actor, input),
    confirmation: ({ mentee, mentor, updated }) => {
      const as = mentee && mentor ? 'a mentee and a mentor' : mentee ? 'a mentee' : 'a mentor';
      return {
        title: updated ? 'Profile updated' : 'You’re in',
        text: `:seedling: ${updated ? 'Your profile is updated' : 'You’ve joined'}: you’re in the program as ${as}. Program admins use your answers to suggest pairs; \`/mentor join\` changes them any time.`,
      };
    },
    afterSave: async () => {},
  });
}
