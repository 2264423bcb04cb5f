import type { App } from '@slack/bolt';
import type { SlackRuntime } from '../../runtime.ts';

/** Registers the reports actions and view submissions. */
export function registerReportListeners(_app: App, _rt: SlackRuntime): void {}
