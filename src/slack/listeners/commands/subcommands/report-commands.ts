import { EXPORT_PREPARING, reportMessage } from '../../../surfaces/report-view.ts';
import { deliverExport } from '../../reports/export-upload.ts';
import type { Subcommand } from './types.ts';

/** `/mentor report`: program health, answered in the ack (a few counting queries). */
export const report: Subcommand<unknown> = async ({ rt, actor }) => reportMessage(await rt.services.reports.forAdmin(actor));

/** `/mentor export`: refused in the ack for non-admins; otherwise acked at once, the files follow. */
export const exportData: Subcommand<unknown> = async ({ rt, actor }) => {
  await rt.services.admins.requireAdmin(actor);
  return { text: EXPORT_PREPARING, afterAck: () => deliverExport(rt, actor) };
};
