import type { App } from '@slack/bolt';
import { CALLBACK, DELETE_MY_DATA_CALLBACK, GOAL_PROGRESS_CALLBACK } from '../ids.ts';
import type { SlackRuntime } from '../runtime.ts';
import { registerOpenModalButtons } from './actions/open-modal-buttons.ts';
import { registerNudgeButtons } from './actions/nudge-buttons.ts';
import { registerSurveyButtons } from './actions/survey-buttons.ts';
import { registerConfidenceButtons } from './actions/confidence-buttons.ts';
import { registerGoalButtons } from './actions/goal-buttons.ts';
import { goalProgressSubmissionCallback } from './views/goal-progress-submission.ts';
import { registerAdminFeatureListeners } from './admin-features.ts';
import { goalDateSubmissionCallback, reviewSubmissionCallback } from './views/review-submissions.ts';
import { mentorCommandCallback } from './commands/mentor-command.ts';
import { appHomeOpenedCallback } from './events/app-home-opened.ts';
import { userChangeCallback } from './events/user-change.ts';
import { workspaceRemovedCallback } from './events/workspace-removed.ts';
import { deleteDataSubmissionCallback } from './personal-data/delete-data-submission.ts';
import { registerFeedbackListeners } from './feedback/register.ts';
import { registerReviewListeners } from './reviews/register.ts';
import { registerFollowUpListeners } from './follow-up/register.ts';
import { registerProgramListeners } from './programs/register.ts';
import { registerBookingListeners } from './bookings/register.ts';
import { feedbackSubmissionCallback } from './views/feedback-submission.ts';
import { registerSurveySubmissions } from './views/survey-submissions.ts';
import { goalSubmissionCallback } from './views/goal-submission.ts';
import { logSubmissionCallback } from './views/log-submission.ts';
import { loopSubmissionCallback } from './views/loop-submission.ts';

export function registerListeners(app: App, rt: SlackRuntime): void {
  // Slack redelivers events it thinks failed; each envelope's event_id is handled once. It is recorded
  // as handled only after its handler succeeded: one that failed (a database blip) is handled on retry.
  app.use(async ({ body, next }) => {
    const envelope = body as { type?: string; event_id?: string; team_id?: string };
    if (envelope.type !== 'event_callback' || !envelope.event_id) return next();
    const { once } = rt.services;
    if (!(await once.claimEvent(envelope.team_id ?? '', envelope.event_id))) return;
    try {
      await next();
    } catch (error) {
      await once.releaseEvent(envelope.event_id).catch(() => {});
      throw error;
    }
    await once.eventHandled(envelope.event_id);
  });

  app.command('/mentor', mentorCommandCallback(rt));
  registerOpenModalButtons(app, rt);
  registerNudgeButtons(app, rt);
  registerSurveyButtons(app, rt);
  registerConfidenceButtons(app, rt);
  registerSurveySubmissions(app, rt);
  registerAdminFeatureListeners(app, rt);
  registerGoalButtons(app, rt);
  app.view(GOAL_PROGRESS_CALLBACK, goalProgressSubmissionCallback(rt));
  app.view(CALLBACK.goal, goalSubmissionCallback(rt));
  app.view(CALLBACK.log, logSubmissionCallback(rt));
  app.view(CALLBACK.loop, loopSubmissionCallback(rt));
  app.view(CALLBACK.feedback, feedbackSubmissionCallback(rt));
  registerFeedbackListeners(app, rt);
  registerFollowUpListeners(app, rt);
  registerProgramListeners(app, rt);
  registerBookingListeners(app, rt);
  app.view(CALLBACK.goalDate, goalDateSubmissionCallback(rt));
  app.view(CALLBACK.review, reviewSubmissionCallback(rt));
  registerReviewListeners(app, rt);
  app.event('app_home_opened', appHomeOpenedCallback(rt));
  app.event('user_change', userChangeCallback(rt));
  app.view(DELETE_MY_DATA_CALLBACK, deleteDataSubmissionCallback(rt));
  app.event('app_uninstalled', workspaceRemovedCallback(rt));
  app.event('tokens_revoked', workspaceRemovedCallback(rt));
}
