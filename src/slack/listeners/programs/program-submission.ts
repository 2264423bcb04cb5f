import { dayIn } from '../../../domain/calendar.ts';
import { parseProgramForm } from '../../parse/program-form.ts';
import { metadata } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { programSavedText } from '../../surfaces/program-replies.ts';
import { submissionCallback } from '../views/submission.ts';

/** The program modal: creates a program, or saves the one its metadata names (re-checked on save). */
export function programSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'program',
    parse: async (values, privateMetadata) => {
      const parsed = parseProgramForm(values);
      return parsed.ok ? { ok: true, value: { input: parsed.value, programId: metadata(privateMetadata).programId } } : parsed;
    },
    save: (actor, { input, programId }) => (programId === undefined ? rt.services.programs.create(actor, input) : rt.services.programs.update(actor, programId, input)),
    confirmation: (saved) => ({ title: saved.created ? 'Program created' : 'Program saved', text: programSavedText(saved, dayIn(rt.clock.now(), 'UTC')) }),
    afterSave: async () => {},
  });
}
