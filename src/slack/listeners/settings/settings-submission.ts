import { parseSettingsForm } from '../../parse/settings-form.ts';
import { metadata } from '../../parse/view-values.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { settingsSummary } from '../../surfaces/settings-summary.ts';
import { submissionCallback } from '../views/submission.ts';

export function settingsSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'settings',
    parse: async (values, rawMetadata) => {
      const form = parseSettingsForm(values);
      // A modal opened before programs were named carries no program: the admin's current one.
      return form.ok ? { ok: true as const, value: { settings: form.value, programId: metadata(rawMetadata).programId } } : form;
    },
    save: (actor, input) => rt.services.settings.save(actor, input.settings, input.programId === undefined ? {} : { programId: input.programId }),
    confirmation: (program) => ({
      title: 'Settings saved',
      text: `:white_check_mark: *Settings saved.*\n${settingsSummary(program)}\n_They apply from the next reminder run. Existing pairings keep their own cadence and review date._`,
    }),
    // Dashboards pick the new rules up the next time they are opened.
    afterSave: async () => {},
  });
}
