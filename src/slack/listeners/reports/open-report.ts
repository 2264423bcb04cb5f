import type { Actor } from '../../../services/context.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { programSummaryBlocks } from '../../surfaces/status-message.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';

/** The "Open report" button on the admin digest (the caller has checked the presser is an admin). */
export async function openReportModal(rt: SlackRuntime, actor: Actor, triggerId: string): Promise<void> {
  const dashboard = await rt.services.dashboard.forMember(actor);
  const blocks = dashboard.summary ? programSummaryBlocks(dashboard.summary) : [];
  await rt.client.views.open({ trigger_id: triggerId, view: { ...noticeModal('Program health', 'Program health'), blocks } });
}
