import type { Migration } from 'kysely';
import * as initial from './2026-11-22T0001-initial.ts';
import * as scheduler from './2026-11-22T0002-scheduler.ts';
import * as adminFeatures from './2026-11-22T0003-admin-features.ts';
import * as deliveryClaims from './2026-11-30T0010-delivery-claims.ts';
import * as eventClaims from './2026-11-30T0040-event-claims.ts';
import * as viewSubmissions from './2026-11-30T0041-view-submissions.ts';
import * as chartUploads from './2026-11-30T0050-chart-uploads.ts';
import * as outcomes from './2026-11-30T0070-outcomes.ts';
import * as workspaces from './2026-11-30T0080-workspaces.ts';
import * as departuresAndRetention from './2026-11-30T0085-departures-and-retention.ts';
import * as feedbackInbox from './2026-11-30T0090-feedback-inbox.ts';
import * as milestoneDoneAt from './2026-11-30T0095-milestone-done-at.ts';
import * as reviewProposals from './2026-11-30T0100-review-proposals.ts';
import * as commitmentsDone from './2026-11-30T0110-commitments-done.ts';
import * as adviceAsked from './2026-11-30T0111-advice-asked.ts';
import * as adviceByMonth from './2026-11-30T0150-advice-by-month.ts';
import * as programs from './2026-11-30T0170-programs.ts';
import * as bookings from './2026-11-30T0120-bookings.ts';
import * as cohortEnd from './2026-11-30T0240-cohort-end.ts';
import * as adminProgramChoice from './2026-11-30T0200-admin-program-choice.ts';
import * as profileJoinedAt from './2026-11-30T0220-profile-joined-at.ts';
import * as menteeChoice from './2026-11-30T0230-mentee-choice.ts';
import * as dataErasedAt from './2026-11-30T0290-data-erased-at.ts';
import * as confirmationNext from './2026-11-30T0291-confirmation-next.ts';
import * as confidenceNudges from './2026-11-30T0292-confidence-nudges.ts';
import * as sweepProgramIndexes from './2026-11-30T0260-sweep-program-indexes.ts';

/**
 * Every migration, in order, listed by hand: Kysely's FileMigrationProvider cannot load .ts files
 * under vitest, and an explicit list makes the order reviewable. Never edit a landed migration.
 */
export const migrations: Record<string, Migration> = {
  '2026-11-22T0001-initial': initial,
  '2026-11-22T0002-scheduler': scheduler,
  '2026-11-22T0003-admin-features': adminFeatures,
  '2026-11-30T0010-delivery-claims': deliveryClaims,
  '2026-11-30T0040-event-claims': eventClaims,
  '2026-11-30T0041-view-submissions': viewSubmissions,
  '2026-11-30T0050-chart-uploads': chartUploads,
  '2026-11-30T0070-outcomes': outcomes,
  '2026-11-30T0080-workspaces': workspaces,
  '2026-11-30T0085-departures-and-retention': departuresAndRetention,
  '2026-11-30T0090-feedback-inbox': feedbackInbox,
  '2026-11-30T0095-milestone-done-at': milestoneDoneAt,
  '2026-11-30T0100-review-proposals': reviewProposals,
  '2026-11-30T0110-commitments-done': commitmentsDone,
  '2026-11-30T0111-advice-asked': adviceAsked,
  '2026-11-30T0150-advice-by-month': adviceByMonth,
  '2026-11-30T0170-programs': programs,
  '2026-11-30T0120-bookings': bookings,
  '2026-11-30T0240-cohort-end': cohortEnd,
  '2026-11-30T0200-admin-program-choice': adminProgramChoice,
  '2026-11-30T0220-profile-joined-at': profileJoinedAt,
  '2026-11-30T0230-mentee-choice': menteeChoice,
  '2026-11-30T0290-data-erased-at': dataErasedAt,
  '2026-11-30T0291-confirmation-next': confirmationNext,
  '2026-11-30T0292-confidence-nudges': confidenceNudges,
  '2026-11-30T0260-sweep-program-indexes': sweepProgramIndexes,
};
