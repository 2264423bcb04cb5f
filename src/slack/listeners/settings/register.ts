import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/** Registers the settings actions and view submissions. */
export function registerSettingsListeners(_app: App, _rt: SlackRuntime): void {}
