import type { Member, Nudge } from '../db/schema.ts';

export type { Nudge };

/**
 * What the scheduler needs from the outside world, defined on its own side. `src/slack` implements
 * these (see `src/slack/delivery-port.ts`); `src/bot.ts` wires them. The scheduler never imports
 * Slack or service code.
 */

/** The message a person gets: plain text for notifications, optional Block Kit blocks. */
export interface OutboundMessage {
  text: string;
  blocks?: unknown[];
  /**
   * What the delivery keeps once sent (for later updates of the message): the same message
   * without private text. Without it only `text` is kept. Never posted.
   */
  kept?: { text: string; blocks?: unknown[] };
}

/** Who a message is for, with the time zone their day and working hours are read in. */
export interface Recipient {
  teamId: string;
  userId: string;
  tz: string | null;
}

/** Builds one person's message for all their due nudges. */
export type ComposeMessage = (recipient: Recipient, nudges: Nudge[]) => Promise<OutboundMessage>;

export interface Composer {
  /**
   * Starts composing one program's messages at the sweep's `now`; what all recipients share
   * (the admins' weekly digest) is built at most once per program.
   */
  forProgram(teamId: string, programId: number, now: Date): ComposeMessage;
}

/** The cached member rows of the people a sweep bundles for, stale profiles refreshed as of `now`. */
export interface Directory {
  members(teamId: string, userIds: string[], now: Date): Promise<Map<string, Member>>;
}

/** What Slack answered when it accepted a message. */
export interface Posted {
  channel: string | null;
  ts: string | null;
}

/** Posts one message; throws what the transport throws, for the error policy to classify. */
export interface MessageSender {
  post(channel: string, message: OutboundMessage): Promise<Posted>;
}

/** What to do after a failed post. */
export type SendFailure =
  /** Network, 5xx, timeouts: try again later, until the delivery's deadline. */
  | { kind: 'retry'; reason: string }
  /** Rate limited: wait this long before any further post. */
  | { kind: 'wait'; seconds: number; reason: string }
  /** This message can never be delivered (bad channel, blocked): record it, do not retry. */
  | { kind: 'give_up'; reason: string }
  /** The recipient can never receive a DM (deactivated, unknown): stop nudging about them. */
  | { kind: 'gone'; reason: string };

/** The one Slack error policy the sender follows. */
export interface SendErrorPolicy {
  classify(error: unknown): SendFailure;
}

/** The outbound side of a sweep: where deliveries go and how their failures are read. */
export interface Outbox {
  sender: MessageSender;
  errors: SendErrorPolicy;
}
