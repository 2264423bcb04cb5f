import { dayIn } from '../../../domain/calendar.ts';
import type { Actor } from '../../../services/context.ts';
import type { ExportFile } from '../../../services/report-service.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { exportComment, exportDelivered, exportFailed } from '../../surfaces/report-view.ts';
import { replyForError } from '../reply-errors.ts';

/**
 * Builds the CSVs and shares them in the admin's DM with Slack's external upload flow
 * (files.getUploadURLExternal, a POST per file, one files.completeUploadExternal). Returns what to
 * tell the admin through response_url; never throws.
 */
export async function deliverExport(rt: SlackRuntime, actor: Actor): Promise<Reply> {
  const logContext = { team: actor.teamId, user: actor.userId, interaction: 'command:export' };
  let files: ExportFile[];
  try {
    files = await rt.services.reports.exportFor(actor);
  } catch (error) {
    return replyForError(error, rt.logger, logContext);
  }
  try {
    // completeUploadExternal takes a conversation id (C/G/D…), not a user id: open the DM first.
    const opened = await rt.client.conversations.open({ users: actor.userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await rt.client.filesUploadV2({
      channel_id: channel,
      initial_comment: exportComment(files, dayIn(rt.clock.now(), 'UTC')),
      file_uploads: files.map((f) => ({ file: Buffer.from(f.csv, 'utf8'), filename: f.filename, title: f.title })),
    });
    return exportDelivered(files);
  } catch (error) {
    const code = slackErrorCode(error);
    rt.logger.warn({ ...logContext, slackError: code ?? String(error) }, 'export upload failed');
    return exportFailed(code);
  }
}
