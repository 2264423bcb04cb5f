import type { AllMiddlewareArgs, BlockAction, ButtonAction, OverflowAction, RespondFn, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import type { Actor } from '../../../services/context.ts';
import { replaceActions } from '../../message-updates.ts';
import type { SlackRuntime } from '../../runtime.ts';
import { noticeModal } from '../../surfaces/notice-modal.ts';
import { replyForError } from '../reply-errors.ts';

export type ButtonArgs = AllMiddlewareArgs & SlackActionMiddlewareArgs<BlockAction<ButtonAction | OverflowAction>>;

/** One button press, read once from Slack's payload. */
export interface Press {
  actor: Actor;
  actionId: string;
  /** The button's value (or the chosen menu option's) as it came. */
  value: string | undefined;
  /** The value as an id (pair, goal, advice item, shout-out); NaN when it is not one, so access checks refuse it. */
  id: number;
  triggerId: string;
  /** The row the button sits in. */
  blockId: string;
  /** The message the button sits in (a DM or an ephemeral reply); undefined on App Home. */
  message: { channel: string; ts: string; text: string; blocks: KnownBlock[] | undefined } | undefined;
  /** Answers through the press's response_url (ephemeral replies can only be changed this way). */
  respond: RespondFn;
  /** Pressed inside an open modal: a new modal is pushed onto it, not opened. */
  inModal: boolean;
}

export interface ButtonHandler {
  /**
   * Does what the button asks through a service (which re-checks the presser). Returns what was
   * done, shown in place of the pressed row; undefined when a modal or a reply took over.
   */
  run(press: Press): Promise<string | undefined | void>;
  /** Where the outcome goes; by default the pressed row of the message is replaced and the stored copy kept in step. */
  showDone?(press: Press, done: string): Promise<void>;
  /** Where a refusal goes; by default a notice modal while the trigger is fresh. */
  refuse?(press: Press, title: string, text: string): Promise<void>;
}

function pressOf(body: BlockAction, pressed: ButtonAction | OverflowAction, respond: RespondFn): Press {
  const action = { action_id: pressed.action_id, block_id: pressed.block_id, value: pressed.type === 'overflow' ? pressed.selected_option?.value : pressed.value };
  const message = (body as { message?: { ts?: string; text?: string; blocks?: KnownBlock[] } }).message;
  const container = body.container as { channel_id?: string; message_ts?: string } | undefined;
  const channel = body.channel?.id ?? container?.channel_id;
  const ts = message?.ts ?? container?.message_ts;
  return {
    actor: { teamId: body.team?.id ?? body.user.team_id ?? '', userId: body.user.id },
    actionId: action.action_id,
    value: action.value,
    id: action.value && /^\d{1,9}$/.test(action.value) ? Number(action.value) : NaN,
    triggerId: body.trigger_id,
    blockId: action.block_id,
    message: channel && ts ? { channel, ts, text: message?.text ?? '', blocks: message?.blocks } : undefined,
    respond,
    // App Home is a view too: only a modal's buttons push.
    inModal: (body as { view?: { type?: string } }).view?.type === 'modal',
  };
}

/**
 * The one shape of every button (and overflow menu): ack at once → run (which re-checks the presser) → show what was
 * done, or explain the refusal. The twin of `submissionCallback` for view submissions.
 */
export function buttonCallback(rt: SlackRuntime, handler: ButtonHandler) {
  const showDone = handler.showDone ?? ((press: Press, done: string) => replaceRow(rt, press, done));
  const refuse = handler.refuse ?? ((press: Press, title: string, text: string) => openNotice(rt, press, title, text));
  return async ({ ack, body, action, respond }: ButtonArgs): Promise<void> => {
    await ack();
    const press = pressOf(body, action, respond);
    try {
      const done = await handler.run(press);
      if (done) await showDone(press, done);
    } catch (error) {
      const reply = replyForError(error, rt.logger, { team: press.actor.teamId, user: press.actor.userId, interaction: `action:${press.actionId}` });
      await refuse(press, "Can't do that", reply.text);
    }
  };
}

/** A modal explaining why nothing happened; Slack may refuse it once the trigger expired. */
export async function openNotice(rt: SlackRuntime, press: Press, title: string, text: string): Promise<void> {
  await rt.client.views.open({ trigger_id: press.triggerId, view: noticeModal(title, text) }).catch(() => undefined);
}

async function replaceRow(rt: SlackRuntime, press: Press, done: string): Promise<void> {
  if (!press.message) return;
  await replaceActions(rt, press.actor.teamId, { channel: press.message.channel, ts: press.message.ts, blockId: press.blockId }, press.message.blocks, press.message.text, done);
}
