import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { mention } from '../../../domain/mrkdwn.ts';
import { CARRY_OVER_FIELD, PROGRAM_ACTION } from '../../ids.ts';
import { replaceActionsLater } from '../../message-updates.ts';
import { metadata, selected } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { carriedOverText, carryOverModal } from '../../surfaces/cohort-end-messages.ts';
import { buttonCallback } from '../actions/button.ts';
import { submissionCallback } from '../views/submission.ts';

/**
 * *Carry over pairings* in the admins' end-of-program message: a modal choosing another running
 * program, then the move (re-checked: an admin of both, neither archived, not the same program).
 */
export function registerCarryOver(app: App, rt: SlackRuntime, callbackId: string): void {
  app.action<BlockAction<ButtonAction>>(
    PROGRAM_ACTION.carryOver,
    buttonCallback(rt, {
      run: async (press) => {
        const choices = await rt.services.cohortEnd.carryOverChoices(press.actor, press.id);
        const message = press.message ? { message: { channel: press.message.channel, ts: press.message.ts, blockId: press.blockId } } : {};
        await rt.client.views.open({ trigger_id: press.triggerId, view: carryOverModal(choices, message) });
      },
    }),
  );
  app.view(
    callbackId,
    submissionCallback(rt, {
      name: 'carry_over',
      parse: async (values, privateMetadata) => {
        const meta = metadata(privateMetadata);
        const picked = selected(values, CARRY_OVER_FIELD.target);
        if (picked === null || !/^\d{1,9}$/.test(picked)) return { ok: false, errors: { [CARRY_OVER_FIELD.target]: 'Choose the program the pairings move into.' } };
        return { ok: true, value: { fromId: meta.programId ?? NaN, toId: Number(picked), message: meta.message } };
      },
      save: async (actor, { fromId, toId, message }) => ({ done: await rt.services.cohortEnd.carryOver(actor, fromId, toId), message }),
      confirmation: ({ done }) => ({ title: 'Pairings carried over', text: carriedOverText(done) }),
      // The end-of-program message shows what was done in place of its button.
      afterSave: (actor, { done, message }) => replaceActionsLater(rt, actor.teamId, message, `${carriedOverText(done)} (${mention(actor.userId)})`),
    }),
  );
}
