import { mention } from '../../../../domain/mrkdwn.ts';
import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { openFeedbackModal, openGoalModal, openLogModal } from '../../../modal-openers.ts';
import { openLoopsReply } from '../../../surfaces/command-replies.ts';
import { helpText } from '../../../surfaces/help-message.ts';
import { statusReply } from '../../../surfaces/status-message.ts';
import type { Subcommand } from './types.ts';

export const help: Subcommand<unknown> = async ({ rt, actor }) => ({ text: helpText(await rt.services.admins.isAdmin(actor)) });

export const status: Subcommand<unknown> = async ({ rt, actor }) => statusReply(await rt.services.dashboard.forMember(actor));

export const goal: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  await openGoalModal(rt, actor, triggerId);
  return undefined;
};

export const log: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  await openLogModal(rt, actor, triggerId);
  return undefined;
};

export const feedback: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  await openFeedbackModal(rt, actor, triggerId);
  return undefined;
};

export const loops: Subcommand<unknown> = async ({ rt, actor }) => {
  const open = await rt.services.advice.openLoopsOf(actor);
  return openLoopsReply(open, open.length > 0 ? await rt.services.members.todayFor(actor) : '');
};

export const pause: Subcommand<Extract<MentorCommand, { kind: 'pause' }>> = async ({ rt, actor }, command) => {
  const pair = await rt.services.pairs.pause(actor, { duration: command.duration, partnerId: command.partner });
  const partner = mention(pair.mentor_id === actor.userId ? pair.mentee_id : pair.mentor_id);
  const until = command.duration ? ` for ${command.duration.label}; reminders restart by themselves after that` : ' until you run `/mentor resume`';
  return { text: `:double_vertical_bar: Paused your pairing with ${partner}${until}.`, afterAck: () => rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]) };
};

export const resume: Subcommand<Extract<MentorCommand, { kind: 'resume' }>> = async ({ rt, actor }, command) => {
  const pair = await rt.services.pairs.resume(actor, command.partner);
  const partner = mention(pair.mentor_id === actor.userId ? pair.mentee_id : pair.mentor_id);
  return { text: `:arrow_forward: Resumed your pairing with ${partner}.`, afterAck: () => rt.homes.publishAll(actor.teamId, [pair.mentor_id, pair.mentee_id]) };
};

export const mute: Subcommand<Extract<MentorCommand, { kind: 'mute' }>> = async ({ rt, actor }, command) => {
  const until = await rt.services.mute.mute(actor, command.duration);
  return {
    text: until
      ? `:mute: Muted: no reminders from me until ${await rt.services.members.describeDayFor(actor, until)}. They restart by themselves; \`/mentor unmute\` restarts them now.`
      : ':mute: Muted: no reminders from me until you run `/mentor unmute`. Program admins still see your pairings.',
  };
};

export const unmute: Subcommand<unknown> = async ({ rt, actor }) => {
  const was = await rt.services.mute.unmute(actor);
  return { text: was ? ':loud_sound: Unmuted: reminders are back on, in your working hours.' : "You weren't muted; reminders are on." };
};
