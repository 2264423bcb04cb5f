import type { Actor } from '../../../../services/context.ts';
import type { SlackRuntime } from '../../../runtime.ts';
import type { Reply } from '../../../surfaces/help-message.ts';

export interface CommandContext {
  rt: SlackRuntime;
  actor: Actor;
  triggerId: string;
}

/**
 * What a subcommand answers: the ephemeral reply for the ack, and optional slower work (DMs, Home
 * refreshes) run after the ack, whose own reply, if any, follows through response_url.
 */
export interface CommandOutcome extends Reply {
  /** `replace_original` replaces the ephemeral answer instead of adding a message under it. */
  afterAck?: () => Promise<(Reply & { replace_original?: boolean }) | void>;
}

/** Undefined when the subcommand opened a modal instead of replying. */
export type Subcommand<C> = (ctx: CommandContext, command: C) => Promise<CommandOutcome | undefined>;
