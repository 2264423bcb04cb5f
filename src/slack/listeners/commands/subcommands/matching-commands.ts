import { joinModal } from '../../../surfaces/join-modal.ts';
import { matchMessage } from '../../../surfaces/match-message.ts';
import type { Subcommand } from './types.ts';

/** `/mentor join`: the profile modal, prefilled with what the person saved before. */
export const join: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  const form = await rt.services.matching.profileForm(actor);
  await rt.client.views.open({
    trigger_id: triggerId,
    view: joinModal({
      programSkills: form.programSkills,
      mentee: form.mentee ? { skills: form.mentee.skills, strengths: form.mentee.strengths, gap: form.mentee.gap } : null,
      mentor: form.mentor ? { skills: form.mentor.skills, capacity: form.mentor.capacity, openToReverse: form.mentor.open_to_reverse } : null,
      managerId: form.managerId,
    }),
  });
  return undefined;
};

/** `/mentor match` (admins): ranked suggestions with Pair / Skip buttons, as the ephemeral reply. */
export const match: Subcommand<unknown> = async ({ rt, actor }) => matchMessage(await rt.services.matching.suggest(actor, { includePrevious: false }));
