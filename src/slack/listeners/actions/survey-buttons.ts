import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { PulseAnswer } from '../../../domain/outcomes.ts';
import { ACTION, parsePulseButtonValue } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { pulseAnswered } from '../../surfaces/nudge-message.ts';
import { buttonCallback } from './button.ts';

/** Going well / Could be better / Not working: the service re-checks the presser and keeps one answer per pulse. */
export function registerSurveyButtons(app: App, rt: SlackRuntime): void {
  const pulse = (actionId: string, answer: PulseAnswer) =>
    app.action<BlockAction<ButtonAction>>(
      actionId,
      buttonCallback(rt, {
        run: async ({ actor, value }) => {
          const { answer: saved } = await rt.services.surveys.answerPulse(actor, { ...parsePulseButtonValue(value), answer });
          return pulseAnswered(saved.answer, saved.day);
        },
      }),
    );
  pulse(ACTION.pulseGoingWell, 'going_well');
  pulse(ACTION.pulseCouldBeBetter, 'could_be_better');
  pulse(ACTION.pulseNotWorking, 'not_working');
}
