import { FieldErrors, UserError } from '../../../domain/errors.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { parseCelebrateForm } from '../../parse/celebrate-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { CELEBRATE_FIELD } from '../../ids.ts';
import { CHANNEL_PROBLEMS, postFailedText } from '../../surfaces/celebration-messages.ts';
import { submissionCallback } from '../views/submission.ts';
import { publishShoutOut, showPosted } from '../../shout-outs.ts';

/**
 * The celebrate modal: admins only (re-checked here), posted before the modal closes so a channel
 * Slack refuses comes back as a field error on the channel, with nothing recorded as posted.
 */
export function celebrateSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'celebrate',
    parse: async (values, meta) => parseCelebrateForm(values, meta),
    save: async (actor, input) => {
      const { people, message, channelId, milestone, meta } = input;
      const prepared = await rt.services.celebrations.prepare(actor, { ...(meta.celebrationId ? { celebrationId: meta.celebrationId } : {}), ...(meta.programId ? { programId: meta.programId } : {}), people, message, channelId, milestone });
      if (prepared.status === 'milestone_gone') throw new FieldErrors({ [CELEBRATE_FIELD.milestone]: 'That milestone is no longer available to mention. Choose another, or none.' });
      if (prepared.status === 'taken') throw new UserError(`This shout-out was already posted by ${mention(prepared.celebration.posted_by ?? '')}.`);
      if (prepared.status !== 'claimed') throw new FieldErrors({ [CELEBRATE_FIELD.channel]: 'Choose a channel to post in.' });
      const outcome = await publishShoutOut(rt, prepared.celebration, prepared.milestone);
      if (outcome.ok) return { celebration: outcome.celebration, meta };
      if (outcome.problem) throw new FieldErrors({ [CELEBRATE_FIELD.channel]: CHANNEL_PROBLEMS[outcome.problem] });
      throw new UserError(postFailedText(outcome.channelId, undefined, outcome.code));
    },
    confirmation: ({ celebration }) => ({ title: 'Shout-out posted', text: `:tada: Posted in <#${celebration.channel_id}>. Thank you for celebrating!` }),
    afterSave: async (_actor, { celebration, meta }) => showPosted(rt, meta.message, celebration),
  });
}
