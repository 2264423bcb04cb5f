import { mention } from '../../../domain/mrkdwn.ts';
import { parseLoopForm } from '../../parse/loop-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { loopClosedMessage } from '../../surfaces/dm-messages.ts';
import { submissionCallback } from './submission.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { metadata } from '../../parse/view-values.ts';
import { noticeMilestone } from '../../milestones.ts';

export function loopSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'loop',
    parse: async (values, meta) => {
      const parsed = parseLoopForm(values, meta);
      return parsed.ok ? { ok: true as const, value: { input: parsed.value, message: metadata(meta).message } } : parsed;
    },
    save: async (actor, { input, message }) => ({ ...(await rt.services.advice.closeLoop(actor, input)), message }),
    confirmation: ({ pair }) => ({ title: 'Loop closed', text: `:repeat: Thanks! I've told ${mention(pair.mentor_id)} how it went.` }),
    afterSave: async (actor, { advice, pair, message }) => {
      await replaceActionsLater(rt, actor.teamId, message, `Loop closed: ${mention(pair.mentor_id)} has been told how it went.`);
      await rt.messenger.dm(actor.teamId, pair.mentor_id, loopClosedMessage(advice, pair));
      await rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]);
      await noticeMilestone(rt, { kind: 'loop_closed', teamId: actor.teamId, pairId: pair.id, menteeId: pair.mentee_id });
    },
  });
}
