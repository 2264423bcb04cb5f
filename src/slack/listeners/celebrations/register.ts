import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';
import { CELEBRATE_ACTION, CELEBRATE_CALLBACK } from '../../ids.ts';
import { celebrateSubmissionCallback } from './celebrate-submission.ts';
import { editButtonCallback, postButtonCallback } from './suggestion-buttons.ts';

/** Registers the celebrations actions and view submissions. */
export function registerCelebrationListeners(app: App, rt: SlackRuntime): void {
  app.action<BlockAction<ButtonAction>>(CELEBRATE_ACTION.post, postButtonCallback(rt));
  app.action<BlockAction<ButtonAction>>(CELEBRATE_ACTION.chooseChannel, editButtonCallback(rt));
  app.action<BlockAction<ButtonAction>>(CELEBRATE_ACTION.edit, editButtonCallback(rt));
  app.view(CELEBRATE_CALLBACK, celebrateSubmissionCallback(rt));
}
