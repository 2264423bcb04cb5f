import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { PulseAnswer, Reached } from '../../../domain/outcomes.ts';
import { ACTION, parsePulseButtonValue, SURVEY_ACTION } from '../../ids.ts';
import { replaceRowWith } from '../../message-updates.ts';
import { openExitSurveyModal, openFeedbackModal, openPulseNoteModal } from '../../modal-openers.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { didItStickAnswered, pulseAnswered, pulseAnsweredBlocks } from '../../surfaces/survey-messages.ts';
import { buttonCallback } from './button.ts';

/**
 * The outcome surveys' buttons. Each service call re-checks the presser (only that member, or only
 * the mentee) and keeps one answer per survey: a second press updates the first.
 */
export function registerSurveyButtons(app: App, rt: SlackRuntime): void {
  // Going well / Could be better / Not working: the row becomes what was noted, with "Add a private note".
  const pulse = (actionId: string, answer: PulseAnswer) =>
    app.action<BlockAction<ButtonAction>>(
      actionId,
      buttonCallback(rt, {
        run: async ({ actor, value }) => {
          const { answer: saved } = await rt.services.surveys.answerPulse(actor, { ...parsePulseButtonValue(value), answer });
          return pulseAnswered(saved.answer, saved.day);
        },
        showDone: async (press) => {
          if (!press.message) return;
          const { pairId, day } = parsePulseButtonValue(press.value);
          const blocks = pulseAnsweredBlocks(answer, { pairId, day }, press.blockId);
          await replaceRowWith(rt, press.actor.teamId, { ...press.message, blockId: press.blockId }, press.message.blocks, press.message.text, blocks);
        },
      }),
    );
  pulse(ACTION.pulseGoingWell, 'going_well');
  pulse(ACTION.pulseCouldBeBetter, 'could_be_better');
  pulse(ACTION.pulseNotWorking, 'not_working');

  const opens = (actionId: string, open: (press: { actor: Parameters<typeof openFeedbackModal>[1]; triggerId: string; value: string | undefined; id: number }) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run: async (press) => void (await open(press)) }));
  opens(SURVEY_ACTION.pulseNote, (p) => openPulseNoteModal(rt, p.actor, p.triggerId, parsePulseButtonValue(p.value)));
  // The feedback form, about this pairing if it is still one of the presser's: the admins get it as any feedback note.
  opens(SURVEY_ACTION.pulseTellAdmins, (p) => openFeedbackModal(rt, p.actor, p.triggerId, p.id));
  opens(SURVEY_ACTION.openExitSurvey, (p) => openExitSurveyModal(rt, p.actor, p.triggerId, p.id));

  const stick = (actionId: string, answer: Reached) =>
    app.action<BlockAction<ButtonAction>>(
      actionId,
      buttonCallback(rt, {
        run: async ({ actor, id }) => didItStickAnswered((await rt.services.surveys.answerDidItStick(actor, { pairId: id, answer })).answer),
      }),
    );
  stick(SURVEY_ACTION.stickYes, 'yes');
  stick(SURVEY_ACTION.stickPartly, 'partly');
  stick(SURVEY_ACTION.stickNo, 'no');
}
