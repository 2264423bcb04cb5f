import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { UserError } from '../../../domain/errors.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { ENROLMENT_ACTION, MATCH_ACTION } from '../../ids.ts';
import { announcePairing } from '../../kickoff.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { slackErrorCode } from '../../slack-errors.ts';
import { withRowDone } from '../../surfaces/blocks.ts';
import { matchMessage, parseSuggestionValue } from '../../surfaces/match-message.ts';
import { buttonCallback, type Press } from '../actions/button.ts';

const OUT_OF_DATE = 'That suggestion is out of date. Run `/mentor match` for fresh suggestions.';

function suggestionOf(press: Press) {
  const ref = parseSuggestionValue(press.value);
  if (!ref) throw new UserError(OUT_OF_DATE);
  return ref;
}

/**
 * Shows what a press did in place of that suggestion's buttons. The reply is ephemeral, so it is
 * changed through response_url; when Slack sends no copy of the message, the outcome follows as a new note.
 */
export async function markDone(rt: SlackRuntime, press: Press, done: string): Promise<void> {
  try {
    if (press.message?.blocks) {
      await press.respond({ replace_original: true, text: press.message.text || done, blocks: withRowDone(press.message.blocks, press.blockId, done) });
    } else {
      await press.respond({ response_type: 'ephemeral', replace_original: false, text: done });
    }
  } catch (error) {
    rt.logger.warn({ team: press.actor.teamId, slackError: slackErrorCode(error) ?? String(error) }, 'match message not updated');
  }
}

/** "Pair them": the same flow as `/mentor pair` (pairing, kickoff DMs, Home refresh). */
const pairPress = (rt: SlackRuntime) => async (press: Press) => {
  const ref = suggestionOf(press);
  const pair = await rt.services.matching.pairSuggestion(press.actor, ref, ref.programId === undefined ? {} : { programId: ref.programId });
  await markDone(rt, press, `Paired by ${mention(press.actor.userId)}. I'm sending them both a kickoff message.`);
  const warning = await announcePairing(rt, press.actor, pair);
  if (warning) await press.respond({ response_type: 'ephemeral', replace_original: false, text: warning.text }).catch(() => undefined);
};

/** "Skip": recorded, and this mentor is never suggested for this mentee again. */
const skipPress = (rt: SlackRuntime) => async (press: Press) => {
  const { mentorId, menteeId, programId } = suggestionOf(press);
  const recorded = await rt.services.matching.skipSuggestion(press.actor, { mentorId, menteeId }, programId === undefined ? {} : { programId });
  return `Skipped${recorded ? '' : ' already'} by ${mention(press.actor.userId)}: I won't suggest ${mention(mentorId)} for ${mention(menteeId)} again.`;
};

/** "Include previous pairs": the same run again, with people who were paired before allowed. */
const includePreviousPress = (rt: SlackRuntime) => async (press: Press) => {
  const reply = matchMessage(await rt.services.matching.suggest(press.actor, { includePrevious: true }, Number.isNaN(press.id) ? {} : { programId: press.id }));
  await press.respond({ replace_original: true, ...reply });
};

/**
 * *Suggest pairs* on an admin's Home or digest: `/mentor match` for the button's program (the
 * service re-checks that this admin runs it). Under the digest the suggestions follow in the DM;
 * from Home they come as a DM.
 */
const suggestPairsPress = (rt: SlackRuntime) => async (press: Press) => {
  const reply = matchMessage(await rt.services.matching.suggest(press.actor, { includePrevious: false }, { programId: press.id }));
  if (press.message) await press.respond({ response_type: 'ephemeral', replace_original: false, ...reply });
  else await rt.messenger.dm(press.actor.teamId, press.actor.userId, reply);
};

export function registerMatchButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, run: (press: Press) => Promise<string | void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run, showDone: (press, done) => markDone(rt, press, done) }));
  on(MATCH_ACTION.pair, pairPress(rt));
  on(MATCH_ACTION.skip, skipPress(rt));
  on(MATCH_ACTION.again, includePreviousPress(rt));
  app.action<BlockAction<ButtonAction>>(ENROLMENT_ACTION.suggestPairs, buttonCallback(rt, { run: suggestPairsPress(rt) }));
}
