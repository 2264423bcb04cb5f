import type { WebClient } from '@slack/web-api';
import type { ChartUploader } from '../services/chart-service.ts';

/**
 * Uploads a chart PNG with Slack's external upload flow (files.getUploadURLExternal, the POST of
 * the bytes, files.completeUploadExternal) without sharing it in any channel: the file is only
 * shown through image blocks (`slack_file: { id }`). Returns the file id.
 */
export function slackChartUploader(client: WebClient): ChartUploader {
  return async (chart, file) => {
    const result = await client.filesUploadV2({ file: chart.png, filename: file.filename, title: file.title });
    const uploaded = (result.files as Array<{ files?: Array<{ id?: string }> }>)[0]?.files?.[0]?.id;
    if (!uploaded) throw new Error('files.completeUploadExternal returned no file id');
    return uploaded;
  };
}
