import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import type { Database } from '../db/schema.ts';
import { AdminService } from './admin-service.ts';
import { AdviceService } from './advice-service.ts';
import { BookingService } from './booking-service.ts';
import { CelebrationService } from './celebration-service.ts';
import { CommitmentService } from './commitment-service.ts';
import { ConfidenceService } from './confidence-service.ts';
import { ChartService } from './chart-service.ts';
import { CohortEndService } from './cohort-end-service.ts';
import type { ServiceDeps } from './context.ts';
import { DashboardService } from './dashboard-service.ts';
import { DigestService } from './digest-service.ts';
import { MuteService } from './mute-service.ts';
import { OnceService } from './once-service.ts';
import { FeedbackService } from './feedback-service.ts';
import { GoalService } from './goal-service.ts';
import { MatchingService } from './matching-service.ts';
import type { MemberDirectory } from './member-directory.ts';
import { MemberService } from './member-service.ts';
import { NudgeMessageService } from './nudge-message-service.ts';
import { PairService } from './pair-service.ts';
import { PersonalDataService } from './personal-data-service.ts';
import { ProgramHealthService } from './program-health-service.ts';
import { ProgramService } from './program-service.ts';
import { ReportService } from './report-service.ts';
import { ReviewService } from './review-service.ts';
import { SessionService } from './session-service.ts';
import { SettingsService } from './settings-service.ts';
import { SurveyService } from './survey-service.ts';
import { WorkspaceService } from './workspace-service.ts';

/** The domain services, each created once here from the same database, clock and profile cache. */
export interface Services {
  members: MemberService;
  nudgeMessages: NudgeMessageService;
  pairs: PairService;
  goals: GoalService;
  sessions: SessionService;
  advice: AdviceService;
  commitments: CommitmentService;
  feedback: FeedbackService;
  admins: AdminService;
  dashboard: DashboardService;
  digest: DigestService;
  mute: MuteService;
  celebrations: CelebrationService;
  matching: MatchingService;
  settings: SettingsService;
  reports: ReportService;
  reviews: ReviewService;
  charts: ChartService;
  once: OnceService;
  surveys: SurveyService;
  confidence: ConfidenceService;
  personalData: PersonalDataService;
  workspaces: WorkspaceService;
  programs: ProgramService;
  bookings: BookingService;
  cohortEnd: CohortEndService;
}

/** The domain services; the composition root creates the member directory and passes it in. */
export function createServices(db: Kysely<Database>, clock: Clock, directory: MemberDirectory): Services {
  const deps: ServiceDeps = { db, clock, directory };
  const health = new ProgramHealthService(deps);
  const pairs = new PairService(deps);
  const reports = new ReportService(deps, health);
  return {
    members: new MemberService(deps),
    nudgeMessages: new NudgeMessageService(deps),
    pairs,
    goals: new GoalService(deps),
    sessions: new SessionService(deps),
    advice: new AdviceService(deps),
    commitments: new CommitmentService(deps),
    feedback: new FeedbackService(deps),
    admins: new AdminService(deps),
    dashboard: new DashboardService(deps, health),
    digest: new DigestService(deps, health),
    mute: new MuteService(deps),
    celebrations: new CelebrationService(deps),
    matching: new MatchingService(deps, pairs),
    settings: new SettingsService(deps),
    reports,
    reviews: new ReviewService(deps),
    charts: new ChartService(deps),
    once: new OnceService(deps),
    surveys: new SurveyService(deps),
    confidence: new ConfidenceService(deps),
    personalData: new PersonalDataService(deps),
    workspaces: new WorkspaceService(deps),
    programs: new ProgramService(deps),
    bookings: new BookingService(deps),
    cohortEnd: new CohortEndService(deps, reports),
  };
}
