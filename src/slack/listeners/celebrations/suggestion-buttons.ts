import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { Celebration } from '../../../db/schema.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import type { Actor } from '../../../services/context.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { postFailedText } from '../../surfaces/celebration-messages.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';
import { openSuggestionForEditing } from './open-celebrate-modal.ts';
import { publishShoutOut, showPosted } from './publish.ts';

type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction>>;

interface Press {
  actor: Actor;
  celebrationId: number;
  triggerId: string;
  /** The suggestion DM the button sits in. */
  ref: { channel: string; ts: string } | undefined;
}

function pressOf(body: BlockAction, action: ButtonAction): Press {
  const ts = (body as { message?: { ts?: string } }).message?.ts ?? (body.container as { message_ts?: string } | undefined)?.message_ts;
  const channel = body.channel?.id ?? (body.container as { channel_id?: string } | undefined)?.channel_id;
  return {
    actor: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    celebrationId: action.value && /^\d{1,9}$/.test(action.value) ? Number(action.value) : NaN,
    triggerId: body.trigger_id,
    ref: channel && ts ? { channel, ts } : undefined,
  };
}

/** A short answer to the presser: a modal while the trigger is fresh, else a DM. */
async function tell(rt: SlackRuntime, press: Press, title: string, text: string): Promise<void> {
  try {
    await rt.client.views.open({ trigger_id: press.triggerId, view: noticeModal(title, text) });
  } catch {
    await rt.messenger.dm(press.actor.teamId, press.actor.userId, { text });
  }
}

async function alreadyTaken(rt: SlackRuntime, press: Press, celebration: Celebration): Promise<void> {
  if (celebration.message_ts) await showPosted(rt, press.ref, celebration);
  else await tell(rt, press, 'Already being posted', `${mention(celebration.posted_by ?? '')} is posting this shout-out right now.`);
}

/** "Edit first" and "Choose a channel": the celebrate modal, filled in from the suggestion. */
async function edit(rt: SlackRuntime, press: Press, warning?: string): Promise<void> {
  const posted = await openSuggestionForEditing(rt, press.actor, press.triggerId, press.celebrationId, { ...(press.ref ? { ref: press.ref } : {}), ...(warning ? { warning } : {}) });
  if (posted) await alreadyTaken(rt, press, posted);
}

/** "Post to #channel": claimed first, so two presses (or two admins) post once. */
async function post(rt: SlackRuntime, press: Press): Promise<void> {
  const prepared = await rt.services.celebrations.prepare(press.actor, { celebrationId: press.celebrationId });
  if (prepared.status === 'needs_channel') return edit(rt, press);
  if (prepared.status === 'taken') return alreadyTaken(rt, press, prepared.celebration);
  if (prepared.status !== 'claimed') return;
  const outcome = await publishShoutOut(rt, prepared.celebration, prepared.milestone);
  if (outcome.ok) return showPosted(rt, press.ref, outcome.celebration);
  const why = postFailedText(outcome.channelId, outcome.problem, outcome.code);
  // A channel problem is fixed by choosing another channel: offer the form with the reason on top.
  if (outcome.problem) await edit(rt, press, why).catch(() => tell(rt, press, "Couldn't post", why));
  else await tell(rt, press, "Couldn't post", why);
}

function handle(rt: SlackRuntime, run: (rt: SlackRuntime, press: Press) => Promise<void>) {
  return async ({ ack, body, action }: ButtonArgs): Promise<void> => {
    await ack();
    const press = pressOf(body, action);
    try {
      await run(rt, press);
    } catch (error) {
      const reply = replyForError(error, rt.logger, { team: press.actor.teamId, user: press.actor.userId, interaction: `action:${action.action_id}` });
      await tell(rt, press, "Can't do that", reply.text);
    }
  };
}

export const postButtonCallback = (rt: SlackRuntime) => handle(rt, post);
export const editButtonCallback = (rt: SlackRuntime) => handle(rt, (r, press) => edit(r, press));
