import { describe, expect, it } from 'vitest';
import { charLength, escapeMrkdwn, mention, truncate } from '../../src/domain/mrkdwn.ts';

describe('escapeMrkdwn', () => {
  it.each([
    ['plain', 'plain'],
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U999>', '&lt;@U999&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['already &amp; escaped', 'already &amp;amp; escaped'],
    ['*bold* _it_ `code`', '*bold* _it_ `code`'],
    ['', ''],
  ])('%j → %j', (text, escaped) => {
    expect(escapeMrkdwn(text)).toBe(escaped);
  });
});

describe('truncate', () => {
  it.each([
    ['short', 10, 'short'],
    ['exactly10!', 10, 'exactly10!'],
    ['eleven chars', 10, 'eleven ch…'],
    // Slack counts UTF-16 units: an emoji is two, and one is never split in half.
    ['🎉🎉', 4, '🎉🎉'],
    ['🎉🎉🎉🎉', 4, '🎉…'],
    ['🎉🎉🎉🎉🎉', 7, '🎉🎉🎉…'],
    ['ab🎉cd', 3, 'ab…'],
  ])('truncate(%j, %i) = %j', (text, max, expected) => {
    expect(truncate(text, max)).toBe(expected);
  });

  it('never splits a surrogate pair', () => {
    for (let max = 1; max < 12; max += 1) {
      expect(truncate('🎉'.repeat(20), max)).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('charLength and mention', () => {
  it.each([
    ['', 0],
    ['abc', 3],
    ['🎯', 1],
    ['Zoë', 3],
    ['🎯🎯', 2],
  ])('charLength(%j) = %i', (text, n) => {
    expect(charLength(text)).toBe(n);
  });

  it('mention wraps a user id', () => {
    expect(mention('U123')).toBe('<@U123>');
  });
});
