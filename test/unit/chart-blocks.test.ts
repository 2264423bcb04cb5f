import { describe, expect, it } from 'vitest';
import { chartImageBlock, MAX_ALT_TEXT } from '../../src/slack/surfaces/chart-blocks.ts';

describe('chartImageBlock', () => {
  it('shows the uploaded file by id with the figures as alt text', () => {
    expect(chartImageBlock({ fileId: 'F123', alt: 'Sessions per week: 3, 5.' })).toEqual({ type: 'image', slack_file: { id: 'F123' }, alt_text: 'Sessions per week: 3, 5.' });
  });

  it("keeps the alt text within Slack's limit", () => {
    const block = chartImageBlock({ fileId: 'F1', alt: 'x'.repeat(5000) });
    expect(block.alt_text).toHaveLength(MAX_ALT_TEXT);
    expect(block.alt_text.endsWith('…')).toBe(true);
  });
});
