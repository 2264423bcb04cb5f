import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { parseMentorCommand, type MentorCommand } from '../../../domain/command-parser.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { usageReply } from '../../surfaces/help-message.ts';
import { replyForError } from '../reply-errors.ts';
import { ProgramChoiceNeeded } from '../../../services/program-scope.ts';
import { whichProgramReply } from '../../surfaces/program-choice.ts';
import type { Logger } from '../../../logger.ts';
import { admins, end, pair } from './subcommands/admin-commands.ts';
import { feedback, goal, help, log, loops, mute, pause, resume, status, unmute } from './subcommands/member-commands.ts';
import type { CommandContext, CommandOutcome } from './subcommands/types.ts';
import { celebrate } from './subcommands/celebrate-command.ts';
import { join, match, suggestions } from './subcommands/matching-commands.ts';
import { exportData, report } from './subcommands/report-commands.ts';
import { settings } from './subcommands/settings-command.ts';
import { deleteMyData, myData } from './subcommands/personal-data-commands.ts';
import { announce, programArchive, programCarryOver, programEdit, programList, programNew } from './subcommands/program-commands.ts';

const OPENS_MODAL = new Set<MentorCommand['kind']>(['goal', 'log', 'feedback', 'join', 'celebrate', 'settings', 'delete-my-data', 'program-new', 'program-edit', 'program-carry-over']);

/** Mentions without their display names, so the command fits in a block id when a program select runs it again. */
export function shortCommandText(text: string): string {
  return text.trim().replace(/<@([UW][A-Z0-9]+)\|[^>]*>/g, '<@$1>').replace(/\s+/g, ' ');
}

/** "Which program?" when an admin of several programs named none; otherwise the error's own words. */
export function commandErrorReply(error: unknown, text: string, logger: Logger, logContext: Record<string, string>) {
  return error instanceof ProgramChoiceNeeded ? whichProgramReply(error.choices, text) : replyForError(error, logger, logContext);
}

export function run(ctx: CommandContext, command: MentorCommand): Promise<CommandOutcome | undefined> {
  switch (command.kind) {
    case 'help': return help(ctx, command);
    case 'status': return status(ctx, command);
    case 'goal': return goal(ctx, command);
    case 'log': return log(ctx, command);
    case 'feedback': return feedback(ctx, command);
    case 'loops': return loops(ctx, command);
    case 'pause': return pause(ctx, command);
    case 'resume': return resume(ctx, command);
    case 'mute': return mute(ctx, command);
    case 'unmute': return unmute(ctx, command);
    case 'pair': return pair(ctx, command);
    case 'end': return end(ctx, command);
    case 'admins': return admins(ctx, command);
    case 'join': return join(ctx, command);
    case 'match': return match(ctx, command);
    case 'suggestions': return suggestions(ctx, command);
    case 'celebrate': return celebrate(ctx, command);
    case 'report': return report(ctx, command);
    case 'export': return exportData(ctx, command);
    case 'settings': return settings(ctx, command);
    case 'my-data': return myData(ctx, command);
    case 'delete-my-data': return deleteMyData(ctx, command);
    case 'program-new': return programNew(ctx, command);
    case 'program-list': return programList(ctx, command);
    case 'program-edit': return programEdit(ctx, command);
    case 'program-archive': return programArchive(ctx, command);
    case 'program-carry-over': return programCarryOver(ctx, command);
    case 'announce': return announce(ctx, command);
    case 'invalid': return Promise.resolve(usageReply(command.reason, command.usage));
  }
}

/** `/mentor …`: modal commands ack at once (the trigger expires in 3 s); the rest ack with their answer. */
export function mentorCommandCallback(rt: SlackRuntime) {
  return async ({ command, ack, respond }: AllMiddlewareArgs & SlackCommandMiddlewareArgs): Promise<void> => {
    const parsed = parseMentorCommand(command.text ?? '');
    const text = shortCommandText(command.text ?? '');
    const ctx: CommandContext = { rt, actor: { teamId: command.team_id, userId: command.user_id }, triggerId: command.trigger_id, text };
    const logContext = { team: command.team_id, user: command.user_id, interaction: `command:${parsed.kind}` };
    if (OPENS_MODAL.has(parsed.kind)) {
      await ack();
      try {
        await run(ctx, parsed);
      } catch (error) {
        await respond({ response_type: 'ephemeral', ...commandErrorReply(error, text, rt.logger, logContext) });
      }
      return;
    }
    let outcome: CommandOutcome;
    try {
      outcome = (await run(ctx, parsed)) ?? { text: 'Done.' };
    } catch (error) {
      outcome = commandErrorReply(error, text, rt.logger, logContext);
    }
    const { afterAck, ...reply } = outcome;
    await ack({ response_type: 'ephemeral', ...reply });
    if (!afterAck) return;
    try {
      const more = await afterAck();
      if (more) await respond({ response_type: 'ephemeral', ...more });
    } catch (error) {
      rt.logger.error({ ...logContext, err: error }, 'follow-up after command failed');
    }
  };
}
