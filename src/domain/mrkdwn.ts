/**
 * Escapes person-written text for Slack mrkdwn. Slack only treats &, < and > as control characters;
 * escaping them stops `<!channel>`, `<@U…>` and `<http://…|label>` from being injected.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * Cuts text to at most `max` UTF-16 units (how Slack counts its limits), ending with an ellipsis
 * and never splitting an emoji or other surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let out = '';
  for (const char of text) {
    if (out.length + char.length > max - 1) break;
    out += char;
  }
  return `${out}…`;
}

export function mention(userId: string): string {
  return `<@${userId}>`;
}

/** Number of characters as a person counts them (an emoji is one). */
export function charLength(text: string): number {
  return Array.from(text).length;
}
