import type { App } from '@slack/bolt';
import { EXIT_SURVEY_CALLBACK, PULSE_NOTE_CALLBACK } from '../../ids.ts';
import { parseExitSurveyForm, parsePulseNoteForm } from '../../parse/survey-forms.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { exitSurveySaved } from '../../surfaces/survey-messages.ts';
import { submissionCallback } from './submission.ts';

/** The pulse's private note and the exit survey: private to the person; nothing is sent to anyone. */
export function registerSurveySubmissions(app: App, rt: SlackRuntime): void {
  app.view(
    PULSE_NOTE_CALLBACK,
    submissionCallback(rt, {
      name: 'pulse_note',
      parse: async (values, meta) => parsePulseNoteForm(values, meta),
      save: (actor, input) => rt.services.surveys.notePulse(actor, input),
      confirmation: (saved) => ({
        title: 'Note saved',
        text: saved.note ? ':lock: Your note is saved. Only you can read it.' : ':lock: Your note is removed.',
      }),
      afterSave: async () => {},
    }),
  );
  app.view(
    EXIT_SURVEY_CALLBACK,
    submissionCallback(rt, {
      name: 'exit_survey',
      parse: async (values, meta) => parseExitSurveyForm(values, meta),
      save: (actor, input) => rt.services.surveys.answerExitSurvey(actor, input),
      confirmation: ({ answer }) => exitSurveySaved(answer),
      afterSave: async () => {},
    }),
  );
}
