import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/** Registers the matching actions and view submissions. */
export function registerMatchingListeners(_app: App, _rt: SlackRuntime): void {}
