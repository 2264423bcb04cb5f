/** Where a piece of advice stands: open until the mentee closes the loop with what happened. */
export type AdviceOutcome = 'open' | 'tried_worked' | 'tried_didnt' | 'not_applicable';

/** What a person submitted, after the modal's values are parsed and checked field by field. */
export interface GoalInput {
  pairId: number;
  title: string;
  outcome: string;
  successMeasure: string;
  targetDate: string | null;
  milestones: string[];
  celebratePublicly: boolean;
  /** The pairing's objective, when the form offered it (single-pair modals); empty leaves it as is. */
  objective?: string;
  /** Set when the form edits an existing goal. */
  goalId?: number;
}

export interface SessionInput {
  pairId: number;
  heldOn: string;
  minutes: number;
  topics: string;
  notes: string;
  advice: string[];
  commitments: string[];
  goalIds: number[];
  /** Milestones of the pair's open goals the session completed. */
  milestoneIds: number[];
  usefulness: number | null;
}

export interface LoopInput {
  adviceId: number;
  outcome: Exclude<AdviceOutcome, 'open'>;
  outcomeText: string | null;
  usefulness: number | null;
}

export interface FeedbackInput {
  pairId: number | null;
  /** A note about a program in general from someone in several programs: which one (from the form). */
  programId?: number;
  body: string;
  /** Whether admins see who wrote it (the partner never does). */
  showAuthor: boolean;
}

export interface FeedbackReplyInput {
  noteId: number;
  text: string;
}

export const LIMITS = {
  goalTitle: 150,
  objective: 1000,
  goalOutcome: 1000,
  successMeasure: 500,
  milestones: 10,
  milestone: 150,
  topics: 1000,
  notes: 3000,
  adviceLine: 500,
  commitments: 10,
  commitment: 500,
  minutes: 600,
  outcomeText: 2000,
  feedback: 3000,
  feedbackReply: 3000,
} as const;
