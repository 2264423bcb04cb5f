import { parseFeedbackForm } from '../../parse/feedback-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { feedbackNoteMessage } from '../../surfaces/feedback-inbox.ts';
import { submissionCallback } from './submission.ts';

export function feedbackSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'feedback',
    parse: async (values) => parseFeedbackForm(values),
    save: (actor, input) => rt.services.feedback.submit(actor, input),
    confirmation: (note) => ({
      title: 'Feedback sent',
      text: note.show_author
        ? ':lock: Thank you. Only program admins can read your note (each of them gets it by DM); your partner is not told.'
        : ':lock: Thank you. Only program admins can read your note, and they get it without your name; your partner is not told.',
    }),
    // Every admin of the note's program at once, by DM; their Homes list it until one of them handles it.
    afterSave: async (actor, note) => {
      const [inboxNote, admins] = await Promise.all([rt.services.feedback.forInbox(note), rt.services.feedback.programAdmins(actor.teamId, note.program_id)]);
      const message = feedbackNoteMessage(inboxNote);
      const sent = await Promise.all(admins.map(async (adminId) => ({ adminId, at: await rt.messenger.dmPosted(actor.teamId, adminId, message) })));
      await rt.services.feedback.recordDms(note, sent.flatMap(({ adminId, at }) => (at ? [{ adminId, ...at }] : [])));
      await rt.homes.publishAll(actor.teamId, admins);
    },
  });
}
