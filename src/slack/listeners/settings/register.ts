import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';
import { SETTINGS_CALLBACK } from '../../ids.ts';
import { settingsSubmissionCallback } from './settings-submission.ts';

/** Registers the settings actions and view submissions. */
export function registerSettingsListeners(app: App, rt: SlackRuntime): void {
  app.view(SETTINGS_CALLBACK, settingsSubmissionCallback(rt));
}
