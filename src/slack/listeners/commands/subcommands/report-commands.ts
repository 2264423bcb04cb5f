import { reportAck } from '../../../surfaces/outcome-report-view.ts';
import { EXPORT_PREPARING } from '../../../surfaces/report-view.ts';
import { deliverExport } from '../../reports/export-upload.ts';
import { deliverFullReport } from '../../reports/report-charts.ts';
import type { Subcommand } from './types.ts';

/**
 * `/mentor report`: today's program health in the ack (a few counting queries), then the charts
 * and the outcome figures replace it once drawn.
 */
export const report: Subcommand<unknown> = async ({ rt, actor }) => {
  const today = await rt.services.reports.today(actor);
  // The full report shows the same health as the ack, read once.
  return { ...reportAck(today.health), afterAck: () => deliverFullReport(rt, actor, today) };
};

/** `/mentor export`: refused in the ack for non-admins; otherwise acked at once, the files follow. */
export const exportData: Subcommand<unknown> = async ({ rt, actor }) => {
  await rt.services.admins.requireAdmin(actor);
  return { text: EXPORT_PREPARING, afterAck: () => deliverExport(rt, actor) };
};
