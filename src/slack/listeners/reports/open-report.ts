import type { Actor } from '../../../services/context.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { reportModal } from '../../surfaces/report-view.ts';

/** The "Open report" button on the admin digest: the full report in a modal (re-checked: admins only). */
export async function openReportModal(rt: SlackRuntime, actor: Actor, triggerId: string): Promise<void> {
  const report = await rt.services.reports.forAdmin(actor);
  await rt.client.views.open({ trigger_id: triggerId, view: reportModal(report) });
}
