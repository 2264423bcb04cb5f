import type { Actor } from '../../../../services/context.ts';
import type { ProgramPick } from '../../../../services/program-scope.ts';
import type { SlackRuntime } from '../../../runtime.ts';
import type { Reply } from '../../../surfaces/help-message.ts';

export interface CommandContext {
  rt: SlackRuntime;
  actor: Actor;
  triggerId: string;
  /** The command as typed (mentions shortened): what a program select runs again for the program picked. */
  text: string;
  /** Set when the command runs again from a program select: that program, whatever the text names. */
  program?: ProgramPick;
}

/** The program an admin command acts on: the one picked in a select, else the one the text names, else the admin's current one. */
export function programPick(ctx: CommandContext, named: string | undefined): ProgramPick {
  return ctx.program ?? (named ? { name: named } : {});
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
