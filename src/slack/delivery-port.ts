import type { WebClient } from '@slack/web-api';
import type { MessageSender, Outbox, SendErrorPolicy, SendFailure } from '../scheduler/ports.ts';
import { classifySlackError } from './slack-errors.ts';

/** The scheduler's message sender: one chat.postMessage per delivery. */
export function slackMessageSender(client: WebClient): MessageSender {
  return {
    async post(channel, message) {
      const posted = await client.chat.postMessage({ channel, text: message.text, ...(message.blocks ? { blocks: message.blocks as never[] } : {}) });
      return { channel: posted.channel ?? null, ts: posted.ts ?? null };
    },
  };
}

/** The scheduler's error policy, read from the app's one Slack error classification. */
export const slackSendErrorPolicy: SendErrorPolicy = {
  classify(error): SendFailure {
    const c = classifySlackError(error);
    switch (c.kind) {
      case 'rate_limited':
        return { kind: 'wait', seconds: c.retryAfterSeconds ?? 30, reason: c.reason };
      case 'gone':
        return { kind: 'gone', reason: c.reason };
      case 'permanent':
        return { kind: 'give_up', reason: c.reason };
      case 'transient':
        return { kind: 'retry', reason: c.reason };
    }
  },
};

/** Deliveries through Slack: the outbox client (no automatic retries, 429s rejected at once). */
export function slackOutbox(client: WebClient): Outbox {
  return { sender: slackMessageSender(client), errors: slackSendErrorPolicy };
}
