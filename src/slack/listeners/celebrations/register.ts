import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/** Registers the celebrations actions and view submissions. */
export function registerCelebrationListeners(_app: App, _rt: SlackRuntime): void {}
