import { parseFeedbackForm } from '../../parse/feedback-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { submissionCallback } from './submission.ts';

export function feedbackSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'feedback',
    parse: async (values) => parseFeedbackForm(values),
    save: (actor, input) => rt.services.feedback.submit(actor, input),
    confirmation: () => ({ title: 'Feedback sent', text: ':lock: Thank you. Only program admins can read your note; your partner is not told.' }),
    afterSave: async () => {},
  });
}
