import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';
import { JOIN_CALLBACK, MATCH_ACTION } from '../../ids.ts';
import { joinSubmissionCallback } from './join-submission.ts';
import { includePreviousPress, pairPress, skipPress } from './match-buttons.ts';

/** Registers the matching actions and view submissions. */
export function registerMatchingListeners(app: App, rt: SlackRuntime): void {
  app.view(JOIN_CALLBACK, joinSubmissionCallback(rt));
  app.action<BlockAction<ButtonAction>>(MATCH_ACTION.pair, pairPress(rt));
  app.action<BlockAction<ButtonAction>>(MATCH_ACTION.skip, skipPress(rt));
  app.action<BlockAction<ButtonAction>>(MATCH_ACTION.again, includePreviousPress(rt));
}
