import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../../services/context.ts';
import type { ProgramPick } from '../../../services/program-scope.ts';
import type { AdminReport } from '../../../services/report-service.ts';
import { slackChartUploader } from '../../chart-uploads.ts';
import type { SlackRuntime } from '../../runtime.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { fullReportMessage } from '../../surfaces/outcome-report-view.ts';
import { replyForError } from '../reply-errors.ts';

/**
 * After `/mentor report`'s ack (whose program health `today` it shows again, not read twice): reads
 * the outcome figures, draws and uploads today's charts (each at most once per program and day) and
 * replaces the answer with the charts above the text report.
 * A chart that fails is left out; the text report always comes.
 */
export async function deliverFullReport(rt: SlackRuntime, actor: Actor, pick: ProgramPick = {}, switcher: KnownBlock[] = [], today?: AdminReport): Promise<Reply & { replace_original: true }> {
  const logContext = { team: actor.teamId, user: actor.userId, interaction: 'command:report' };
  try {
    const full = await rt.services.reports.full(actor, pick, today);
    const { images, failed } = await rt.services.charts.images(full.program, full.health, slackChartUploader(rt.client));
    for (const f of failed) rt.logger.warn({ ...logContext, chart: f.kind, err: f.error }, 'report chart not drawn or uploaded');
    return { replace_original: true, ...fullReportMessage(full, images, failed.length > 0, switcher) };
  } catch (error) {
    return { replace_original: true, ...replyForError(error, rt.logger, logContext) };
  }
}
