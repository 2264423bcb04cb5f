import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { Celebration } from '../../../services/celebration-service.ts';
import { mention } from '../../../domain/mrkdwn.ts';
import { CELEBRATE_ACTION } from '../../ids.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { openSuggestionForEditing, publishShoutOut, showPosted } from '../../shout-outs.ts';
import { postFailedText } from '../../surfaces/celebration-messages.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { buttonCallback, type Press } from '../actions/button.ts';

/** The suggestion DM the button sits in. */
const dmOf = (press: Press) => (press.message ? { channel: press.message.channel, ts: press.message.ts } : undefined);

/** A short answer to the presser: a modal while the trigger is fresh, else a DM. */
async function tell(rt: SlackRuntime, press: Press, title: string, text: string): Promise<void> {
  try {
    await rt.client.views.open({ trigger_id: press.triggerId, view: noticeModal(title, text) });
  } catch {
    await rt.messenger.dm(press.actor.teamId, press.actor.userId, { text });
  }
}

async function alreadyTaken(rt: SlackRuntime, press: Press, celebration: Celebration): Promise<void> {
  if (celebration.message_ts) await showPosted(rt, dmOf(press), celebration);
  else await tell(rt, press, 'Already being posted', `${mention(celebration.posted_by ?? '')} is posting this shout-out right now.`);
}

/** "Edit first" and "Choose a channel": the celebrate modal, filled in from the suggestion. */
async function edit(rt: SlackRuntime, press: Press, warning?: string): Promise<void> {
  const ref = dmOf(press);
  const posted = await openSuggestionForEditing(rt, press.actor, press.triggerId, press.id, { ...(ref ? { ref } : {}), ...(warning ? { warning } : {}) });
  if (posted) await alreadyTaken(rt, press, posted);
}

/** "Post to #channel": claimed first, so two presses (or two admins) post once. */
async function post(rt: SlackRuntime, press: Press): Promise<void> {
  const prepared = await rt.services.celebrations.prepare(press.actor, { celebrationId: press.id });
  if (prepared.status === 'needs_channel') return edit(rt, press);
  if (prepared.status === 'taken') return alreadyTaken(rt, press, prepared.celebration);
  if (prepared.status !== 'claimed') return;
  const outcome = await publishShoutOut(rt, prepared.celebration, prepared.milestone);
  if (outcome.ok) return showPosted(rt, dmOf(press), outcome.celebration);
  const why = postFailedText(outcome.channelId, outcome.problem, outcome.code);
  // A channel problem is fixed by choosing another channel: offer the form with the reason on top.
  if (outcome.problem) await edit(rt, press, why).catch(() => tell(rt, press, "Couldn't post", why));
  else await tell(rt, press, "Couldn't post", why);
}

export function registerSuggestionButtons(app: App, rt: SlackRuntime): void {
  const on = (actionId: string, run: (rt: SlackRuntime, press: Press) => Promise<void>) =>
    app.action<BlockAction<ButtonAction>>(actionId, buttonCallback(rt, { run: (press) => run(rt, press), refuse: (press, title, text) => tell(rt, press, title, text) }));
  on(CELEBRATE_ACTION.post, post);
  on(CELEBRATE_ACTION.chooseChannel, (r, press) => edit(r, press));
  on(CELEBRATE_ACTION.edit, (r, press) => edit(r, press));
}
