/**
 * Escapes person-written text for Slack mrkdwn. Slack only treats &, < and > as control characters;
 * escaping them stops `<!channel>`, `<@U…>` and `<http://…|label>` from being injected.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Cuts text to a limit on a character (not UTF-16 unit) boundary, with an ellipsis. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** Number of characters as a person counts them (an emoji is one). */
export function charLength(text: string): number {
  return Array.from(text).length;
}
