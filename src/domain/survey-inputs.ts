import type { PulseAnswer, Reached } from './outcomes.ts';

/** Lengths of the survey texts, as the check constraints of migration 0070 allow them. */
export const SURVEY_LIMITS = {
  pulseNote: 2000,
  whatChanged: 3000,
} as const;

/** A private note on one's own pulse answer; null removes it. */
export interface PulseNoteInput {
  pairId: number;
  day: number;
  note: string | null;
}

/** One member's exit survey of an ended pairing. */
export interface ExitSurveyAnswers {
  pairId: number;
  objectiveReached: Reached;
  /** 1–5. */
  satisfaction: number;
  /** Kept for the pair; the admins read it only when `shareWithAdmins`. */
  whatChanged: string | null;
  shareWithAdmins: boolean;
  /** 0–10: how likely they are to recommend mentoring to a colleague. */
  recommend: number;
}

export type { PulseAnswer, Reached };
