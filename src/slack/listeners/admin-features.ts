import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../runtime.ts';
import { registerCelebrationListeners } from './celebrations/register.ts';
import { registerMatchingListeners } from './matching/register.ts';
import { registerSettingsListeners } from './settings/register.ts';

/** The admin features' buttons and modals; each area registers its own in its folder. */
export function registerAdminFeatureListeners(app: App, rt: SlackRuntime): void {
  registerCelebrationListeners(app, rt);
  registerMatchingListeners(app, rt);
  registerSettingsListeners(app, rt);
}
