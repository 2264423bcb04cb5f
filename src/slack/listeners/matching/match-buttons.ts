import type { AllMiddlewareArgs, BlockAction, ButtonAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { UserError } from '../../../domain/errors.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import type { Actor } from '../../../services/context.ts';
import { announcePairing } from '../../kickoff.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { context } from '../../surfaces/blocks.ts';
import { matchMessage, parseSuggestionValue } from '../../surfaces/match-message.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

const OUT_OF_DATE = 'That suggestion is out of date. Run `/mentor match` for fresh suggestions.';

function suggestionOf(action: ButtonAction) {
  const ref = parseSuggestionValue(action.value);
  if (!ref) throw new UserError(OUT_OF_DATE);
  return ref;
}

/**
 * Shows what a press did in place of that suggestion's buttons. The reply is ephemeral, so it is
 * changed through response_url; when Slack sends no copy of the message, the outcome follows as a new note.
 */
async function markDone(rt: SlackRuntime, { body, action, respond }: ButtonArgs, done: string): Promise<void> {
  const message = (body as { message?: { text?: string; blocks?: KnownBlock[] } }).message;
  try {
    if (message?.blocks) {
      const blocks = message.blocks.map((block) => (block.block_id === action.block_id ? { ...context(`:white_check_mark: ${done}`), block_id: action.block_id } : block));
      await respond({ replace_original: true, text: message.text || done, blocks });
    } else {
      await respond({ response_type: 'ephemeral', replace_original: false, text: done });
    }
  } catch (error) {
    rt.logger.warn({ team: body.team?.id, slackError: slackErrorCode(error) ?? String(error) }, 'match message not updated');
  }
}

/** Acks, then runs the press (which re-checks the presser on the server); a refusal opens a notice. */
function press(rt: SlackRuntime, handler: (actor: Actor, args: ButtonArgs) => Promise<void>) {
  return async (args: ButtonArgs): Promise<void> => {
    await args.ack();
    const { body, action } = args;
    const actor: Actor = { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id };
    try {
      await handler(actor, args);
    } catch (error) {
      const reply = replyForError(error, rt.logger, { team: actor.teamId, user: actor.userId, interaction: `action:${action.action_id}` });
      await rt.client.views.open({ trigger_id: body.trigger_id, view: noticeModal("Can't do that", reply.text) }).catch(() => undefined);
    }
  };
}

/** "Pair them": the same flow as `/mentor pair` (pairing, kickoff DMs, Home refresh). */
export const pairPress = (rt: SlackRuntime) =>
  press(rt, async (actor, args) => {
    const pair = await rt.services.matching.pairSuggestion(actor, suggestionOf(args.action));
    await markDone(rt, args, `Paired by ${mention(actor.userId)}. I'm sending them both a kickoff message.`);
    const warning = await announcePairing(rt, actor, pair);
    if (warning) await args.respond({ response_type: 'ephemeral', replace_original: false, text: warning.text }).catch(() => undefined);
  });

/** "Skip": recorded, and this mentor is never suggested for this mentee again. */
export const skipPress = (rt: SlackRuntime) =>
  press(rt, async (actor, args) => {
    const { mentorId, menteeId } = suggestionOf(args.action);
    const recorded = await rt.services.matching.skipSuggestion(actor, { mentorId, menteeId });
    await markDone(rt, args, `Skipped${recorded ? '' : ' already'} by ${mention(actor.userId)}: I won't suggest ${mention(mentorId)} for ${mention(menteeId)} again.`);
  });

/** "Include previous pairs": the same run again, with people who were paired before allowed. */
export const includePreviousPress = (rt: SlackRuntime) =>
  press(rt, async (actor, args) => {
    const reply = matchMessage(await rt.services.matching.suggest(actor, { includePrevious: true }));
    const respond: RespondFn = args.respond;
    await respond({ replace_original: true, ...reply });
  });
