import { parseSettingsForm } from '../../parse/settings-form.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { settingsSummary } from '../../surfaces/settings-summary.ts';
import { submissionCallback } from '../views/submission.ts';

export function settingsSubmissionCallback(rt: SlackRuntime) {
  return submissionCallback(rt, {
    name: 'settings',
    parse: async (values) => parseSettingsForm(values),
    save: (actor, input) => rt.services.settings.save(actor, input),
    confirmation: (program) => ({
      title: 'Settings saved',
      text: `:white_check_mark: *Settings saved.*\n${settingsSummary(program)}\n_They apply from the next reminder run. Existing pairings keep their own cadence and review date._`,
    }),
    // Dashboards pick the new rules up the next time they are opened.
    afterSave: async () => {},
  });
}
