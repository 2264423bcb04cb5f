import { openJoinModal } from '../../../modal-openers.ts';
import { matchMessage } from '../../../surfaces/match-message.ts';
import { choicesReply } from '../../matching/mentee-choice-buttons.ts';
import type { Subcommand } from './types.ts';

/** `/mentor join`: the profile modal, prefilled with what the person saved before. */
export const join: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  await openJoinModal(rt, actor, triggerId);
  return undefined;
};

/** `/mentor match` (admins): ranked suggestions with Pair / Skip buttons, as the ephemeral reply. */
export const match: Subcommand<unknown> = async ({ rt, actor }) => matchMessage(await rt.services.matching.suggest(actor, { includePrevious: false }));

/** `/mentor suggestions` (mentees, where they choose): their three best mentors, found after the ack. */
export const suggestions: Subcommand<unknown> = async ({ rt, actor }) => ({
  text: 'Looking for the mentors who fit you best…',
  afterAck: async () => ({ replace_original: true, ...(await choicesReply(rt, actor, undefined)) }),
});
