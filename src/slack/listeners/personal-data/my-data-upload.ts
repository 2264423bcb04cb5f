import type { Actor } from '../../../services/context.ts';
import type { PersonalDataFile } from '../../../services/personal-data-service.ts';
import { uploadToDm } from '../../dm-upload.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { myDataComment, myDataDelivered, myDataFailed } from '../../surfaces/personal-data.ts';
import { replyForError } from '../reply-errors.ts';

/**
 * Builds the person's data file and shares it in their DM with Slack's external upload flow
 * (see uploadToDm), as the CSV export does.
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
    await uploadToDm(rt.client, actor.userId, myDataComment(file), [{ content: file.json, filename: file.filename, title: file.title }]);
    return myDataDelivered(file);
  } catch (error) {
    const code = slackErrorCode(error);
    rt.logger.warn({ ...logContext, slackError: code ?? String(error) }, 'personal data upload failed');
    return myDataFailed(code);
  }
}
