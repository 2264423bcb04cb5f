import type { ImageBlock } from '@slack/types';
import { truncate } from '../../domain/mrkdwn.ts';

/** Slack's limit for an image block's alt text. */
export const MAX_ALT_TEXT = 2000;

/** A chart uploaded to Slack, shown by file id; the alt text carries its figures. */
export function chartImageBlock(image: { fileId: string; alt: string }): ImageBlock {
  return { type: 'image', slack_file: { id: image.fileId }, alt_text: truncate(image.alt, MAX_ALT_TEXT) };
}
