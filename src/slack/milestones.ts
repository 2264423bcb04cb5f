import type { SlackRuntime } from './runtime.ts';

/** Something worth celebrating just happened; admins may get a shout-out suggestion. */
export type Milestone =
  | { kind: 'goal_achieved'; teamId: string; goalId: number }
  | { kind: 'session_logged'; teamId: string; pairId: number }
  | { kind: 'pair_completed'; teamId: string; pairId: number }
  | { kind: 'loop_closed'; teamId: string; pairId: number; menteeId: string };

/**
 * Called after the change is committed. Never throws: a failed suggestion must not undo or hide
 * what the person did. (Owned by the celebrations work.)
 */
export async function noticeMilestone(rt: SlackRuntime, milestone: Milestone): Promise<void> {
  void rt;
  void milestone;
}
