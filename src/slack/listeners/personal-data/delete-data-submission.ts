import { parseDeleteDataForm } from '../../parse/delete-data-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { erasureConfirmation, partnerLeftMessage } from '../../surfaces/personal-data.ts';
import { submissionCallback } from '../views/submission.ts';

/** The confirmed `/mentor delete-my-data`: delete, confirm, then tell each partner and refresh Homes. */
export function deleteDataSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'delete-my-data',
    parse: async (values) => parseDeleteDataForm(values),
    save: (actor) => rt.services.personalData.erase(actor),
    confirmation: (result) => erasureConfirmation(result),
    afterSave: async (actor, result) => {
      const partners = [...new Set(result.endedPairs.map((p) => (p.mentor_id === actor.userId ? p.mentee_id : p.mentor_id)))];
      for (const partner of partners) await rt.messenger.dm(actor.teamId, partner, partnerLeftMessage(actor.userId));
      await rt.homes.publishAll(actor.teamId, [actor.userId, ...partners]);
    },
  });
}
