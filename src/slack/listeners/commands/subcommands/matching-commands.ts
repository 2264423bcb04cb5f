import { openJoinModal } from '../../../modal-openers.ts';
import { matchMessage } from '../../../surfaces/match-message.ts';
import { choicesReply } from '../../matching/mentee-choice-buttons.ts';
import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { programPick, type Subcommand } from './types.ts';

/** `/mentor join`: the profile modal, prefilled with what the person saved before. */
export const join: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  await openJoinModal(rt, actor, triggerId);
  return undefined;
};

/** `/mentor match` (admins): ranked suggestions with Pair / Skip buttons, as the ephemeral reply. */
export const match: Subcommand<Extract<MentorCommand, { kind: 'match' }>> = async (ctx, command) =>
  matchMessage(await ctx.rt.services.matching.suggest(ctx.actor, { includePrevious: false }, programPick(ctx, command.program)));

/** `/mentor suggestions` (mentees, where they choose): their three best mentors, found after the ack. */
export const suggestions: Subcommand<unknown> = async ({ rt, actor }) => ({
  text: 'Looking for the mentors who fit you best…',
  afterAck: async () => ({ replace_original: true, ...(await choicesReply(rt, actor, undefined)) }),
});
