import type { Actor } from '../../../services/context.ts';
import type { PersonalDataFile } from '../../../services/personal-data-service.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { myDataComment, myDataDelivered, myDataFailed } from '../../surfaces/personal-data.ts';
import { replyForError } from '../reply-errors.ts';

/**
 * Builds the person's data file and shares it in their DM with Slack's external upload flow
 * (files.getUploadURLExternal, the POST, files.completeUploadExternal), as the CSV export does.
 * Returns what to tell them through response_url; never throws.
 */
export async function deliverMyData(rt: SlackRuntime, actor: Actor): Promise<Reply> {
  const logContext = { team: actor.teamId, user: actor.userId, interaction: 'command:my-data' };
  let file: PersonalDataFile;
  try {
    file = await rt.services.personalData.exportFor(actor);
  } catch (error) {
    return replyForError(error, rt.logger, logContext);
  }
  try {
    // completeUploadExternal takes a conversation id, not a user id: open the DM first.
    const opened = await rt.client.conversations.open({ users: actor.userId });
    const channel = opened.channel?.id;
    if (!channel) throw new Error('conversations.open returned no channel');
    await rt.client.filesUploadV2({
      channel_id: channel,
      initial_comment: myDataComment(file),
      file_uploads: [{ file: Buffer.from(file.json, 'utf8'), filename: file.filename, title: file.title }],
    });
    return myDataDelivered(file);
  } catch (error) {
    const code = slackErrorCode(error);
    rt.logger.warn({ ...logContext, slackError: code ?? String(error) }, 'personal data upload failed');
    return myDataFailed(code);
  }
}
