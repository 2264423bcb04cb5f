import type { WebClient } from '@slack/web-api';

export interface UploadFile {
  content: string;
  filename: string;
  title: string;
}

/**
 * Shares files in a person's DM with Slack's external upload flow (files.getUploadURLExternal, a
 * POST per file, one files.completeUploadExternal). That flow takes a conversation id (C/G/D…),
 * not a user id, so the DM is opened first. Throws the Slack error when any step fails.
 */
export async function uploadToDm(client: WebClient, userId: string, comment: string, files: UploadFile[]): Promise<void> {
  const opened = await client.conversations.open({ users: userId });
  const channel = opened.channel?.id;
  if (!channel) throw new Error('conversations.open returned no channel');
  await client.filesUploadV2({
    channel_id: channel,
    initial_comment: comment,
    file_uploads: files.map((f) => ({ file: Buffer.from(f.content, 'utf8'), filename: f.filename, title: f.title })),
  });
}
