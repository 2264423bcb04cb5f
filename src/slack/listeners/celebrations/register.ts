import type { App } from '@slack/bolt';
import { CELEBRATE_CALLBACK } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { celebrateSubmissionCallback } from './celebrate-submission.ts';
import { registerSuggestionButtons } from './suggestion-buttons.ts';

/** Registers the celebrations actions and view submissions. */
export function registerCelebrationListeners(app: App, rt: SlackRuntime): void {
  registerSuggestionButtons(app, rt);
  app.view(CELEBRATE_CALLBACK, celebrateSubmissionCallback(rt));
}
