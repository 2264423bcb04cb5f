import { dayIn } from '../../../domain/calendar.ts';
import type { Actor } from '../../../services/context.ts';
import type { ProgramPick } from '../../../services/program-scope.ts';
import type { ExportFile } from '../../../services/report-service.ts';
import { uploadToDm } from '../../dm-upload.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { exportComment, exportDelivered, exportFailed } from '../../surfaces/report-view.ts';
import { replyForError } from '../reply-errors.ts';

/**
 * Builds the CSVs and shares them in the admin's DM with Slack's external upload flow
 * (see uploadToDm). Returns what to tell the admin through response_url; never throws.
 */
export async function deliverExport(rt: SlackRuntime, actor: Actor, pick: ProgramPick = {}): Promise<Reply> {
  const logContext = { team: actor.teamId, user: actor.userId, interaction: 'command:export' };
  let files: ExportFile[];
  try {
    files = (await rt.services.reports.exportFor(actor, pick)).files;
  } catch (error) {
    return replyForError(error, rt.logger, logContext);
  }
  try {
    await uploadToDm(
      rt.client,
      actor.userId,
      exportComment(files, dayIn(rt.clock.now(), 'UTC')),
      files.map((f) => ({ content: f.csv, filename: f.filename, title: f.title })),
    );
    return exportDelivered(files);
  } catch (error) {
    const code = slackErrorCode(error);
    rt.logger.warn({ ...logContext, slackError: code ?? String(error) }, 'export upload failed');
    return exportFailed(code);
  }
}
