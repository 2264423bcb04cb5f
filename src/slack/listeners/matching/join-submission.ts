import { parseJoinForm } from '../../parse/join-form.ts';
import { metadata } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { joinedText } from '../../surfaces/enrolment.ts';
import { submissionCallback } from '../views/submission.ts';
import { sendChoices } from './mentee-choice-buttons.ts';

export function joinSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'join',
    parse: async (values, meta, actor) => {
      const { programId, role } = metadata(meta);
      const parsed = parseJoinForm(values, actor.userId, await rt.services.matching.programSkills(actor, programId), role);
      return parsed.ok ? { ok: true, value: { input: parsed.value, programId, role } } : parsed;
    },
    save: (actor, { input, programId, role }) => rt.services.matching.saveProfile(actor, input, programId, role),
    confirmation: (saved) => ({ title: saved.updated ? 'Profile updated' : 'You’re in', text: joinedText(saved) }),
    // Their Home no longer offers what they just joined; where mentees choose, a mentee gets their three suggestions by DM at once.
    afterSave: async (actor, { mentee, program }) => {
      await rt.homes.publishAll(actor.teamId, [actor.userId]);
      if (!mentee || program.matching_mode !== 'mentee') return;
      await sendChoices(rt, actor.teamId, actor.userId, program.id, 'In this program you choose your mentor.');
    },
  });
}
