import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { UserError } from '../../../domain/errors.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import type { Actor } from '../../../services/context.ts';
import { CHOICE_ACTION } from '../../ids.ts';
import { announcePairing } from '../../kickoff.ts';
import type { SlackRuntime } from '../../runtime.ts';
import type { Reply } from '../../surfaces/help-message.ts';
import { menteeChoicesMessage, mentorRequestMessage, notThisTimeOpening, parseAskValue, requestSentText } from '../../surfaces/mentee-choice.ts';
import { buttonCallback, type Press } from '../actions/button.ts';
import { replyForError } from '../reply-errors.ts';
import { markDone } from './match-buttons.ts';

/** A mentee's suggestions as a message, dated in their own time zone; an explanation when there are none to give. */
export async function choicesReply(rt: SlackRuntime, actor: Actor, programId: number | undefined, opening?: string): Promise<Reply> {
  try {
    const [view, member] = await Promise.all([rt.services.matching.menteeChoices(actor, programId), rt.services.members.find(actor.teamId, actor.userId)]);
    return menteeChoicesMessage(view, { ...(opening ? { opening } : {}), now: rt.clock.now(), tz: member?.tz });
  } catch (error) {
    const reply = replyForError(error, rt.logger, { team: actor.teamId, user: actor.userId, interaction: 'mentee-choices' });
    return opening ? { text: `${opening}\n${reply.text}` } : reply;
  }
}

/** Sends a mentee their suggestions by DM (after joining, or when a mentor could not take them). */
export async function sendChoices(rt: SlackRuntime, teamId: string, menteeId: string, programId: number, opening?: string): Promise<void> {
  await rt.messenger.dm(teamId, menteeId, await choicesReply(rt, { teamId, userId: menteeId }, programId, opening));
}

/** "Ask Maya": a request to the mentor by DM, with Accept / Decline; the mentee is told what happens next. */
const askPress = (rt: SlackRuntime) => async (press: Press) => {
  const ask = parseAskValue(press.value);
  if (!ask) throw new UserError('That suggestion is out of date. Type `/mentor suggestions` for fresh ones.');
  const { request, program, mentee } = await rt.services.matching.askMentor(press.actor, ask.programId, ask.mentorId);
  const sent = await rt.messenger.dm(press.actor.teamId, request.mentor_id, mentorRequestMessage(request, program, mentee));
  if (!sent) {
    rt.logger.warn({ team: press.actor.teamId, request: request.id }, 'match request DM not delivered');
    return `Your request to ${mention(request.mentor_id)} is saved, but I couldn’t reach them by DM. A program admin can let them know; I’ll tell you when they answer.`;
  }
  return requestSentText(request.mentor_id);
};

/** "Show my suggestions": the mentee's current suggestions, by DM. */
const showPress = (rt: SlackRuntime) => async (press: Press) => {
  const programId = Number.isSafeInteger(press.id) ? press.id : undefined;
  const reply = await choicesReply(rt, press.actor, programId);
  await press.respond({ response_type: 'ephemeral', replace_original: false, ...reply });
};

/** "Accept": paired under the capacity check, then the kickoff; when full, the mentee picks again. */
const acceptPress = (rt: SlackRuntime) => async (press: Press) => {
  const answer = await rt.services.matching.acceptRequest(press.actor, press.id);
  const menteeId = answer.request.mentee_id;
  if (answer.outcome === 'full') {
    await sendChoices(rt, press.actor.teamId, menteeId, answer.program.id, notThisTimeOpening(press.actor.userId, 'full'));
    return `You have no places left (your live pairings fill your capacity), so I couldn’t pair you with ${mention(menteeId)}. I’ve asked them to pick another mentor.`;
  }
  await markDone(rt, press, `Accepted: you now mentor ${mention(menteeId)}. I’m sending you both a kickoff message.`);
  await announcePairing(rt, press.actor, answer.pair);
  return undefined;
};

/** "Decline": the mentee hears it kindly, with other mentors to ask. */
const declinePress = (rt: SlackRuntime) => async (press: Press) => {
  const { request, program } = await rt.services.matching.declineRequest(press.actor, press.id);
  await sendChoices(rt, press.actor.teamId, request.mentee_id, program.id, notThisTimeOpening(press.actor.userId, 'declined'));
  return `Declined. I’ve let ${mention(request.mentee_id)} know kindly and shown them other mentors.`;
};

export function registerMenteeChoiceButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, run: (press: Press) => Promise<string | void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run, showDone: (press, done) => markDone(rt, press, done) }));
  for (const actionId of CHOICE_ACTION.ask) on(actionId, askPress(rt));
  on(CHOICE_ACTION.show, showPress(rt));
  on(CHOICE_ACTION.accept, acceptPress(rt));
  on(CHOICE_ACTION.decline, declinePress(rt));
}
