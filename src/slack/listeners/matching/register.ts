import type { App } from '@slack/bolt';
import { JOIN_CALLBACK } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { joinSubmissionCallback } from './join-submission.ts';
import { registerMatchButtons } from './match-buttons.ts';
import { registerMenteeChoiceButtons } from './mentee-choice-buttons.ts';

/** Registers the matching actions and view submissions. */
export function registerMatchingListeners(app: App, rt: SlackRuntime): void {
  app.view(JOIN_CALLBACK, joinSubmissionCallback(rt));
  registerMatchButtons(app, rt);
  registerMenteeChoiceButtons(app, rt);
}
