import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { describeDays } from '../../../../domain/durations.ts';
import { dayIn, describeDay } from '../../../../domain/calendar.ts';
import { mention } from '../../../../domain/mrkdwn.ts';
import { adminListReply } from '../../../surfaces/command-replies.ts';
import { pairEndedMessage } from '../../../surfaces/dm-messages.ts';
import { announcePairing } from '../../../kickoff.ts';
import { noticeMilestone } from '../../../milestones.ts';
import { askConfidenceForPair } from '../../../confidence-prompts.ts';
import type { Subcommand } from './types.ts';

export const pair: Subcommand<Extract<MentorCommand, { kind: 'pair' }>> = async ({ rt, actor }, command) => {
  const created = await rt.services.pairs.pair(actor, { mentorId: command.mentor, menteeId: command.mentee, cadence: command.cadence, reverse: command.reverse });
  const kind = created.kind === 'reverse' ? 'reverse pairing' : 'pairing';
  return {
    text: `:handshake: New ${kind}: ${mention(created.mentor_id)} mentors ${mention(created.mentee_id)}, meeting every ${describeDays(created.cadence_days)}, review on ${describeDay(created.review_on, dayIn(created.started_at, 'UTC'))}. I'm sending them both a kickoff message.`,
    afterAck: () => announcePairing(rt, actor, created),
  };
};

export const end: Subcommand<Extract<MentorCommand, { kind: 'end' }>> = async ({ rt, actor }, command) => {
  const ended = await rt.services.pairs.end(actor, command.mentor, command.mentee);
  return {
    text: `:checkered_flag: Concluded the pairing of ${mention(ended.mentor_id)} and ${mention(ended.mentee_id)}. I'm sending them both a wrap-up message.`,
    afterAck: async () => {
      await noticeMilestone(rt, { kind: 'pair_completed', teamId: actor.teamId, pairId: ended.id });
      const people = [ended.mentor_id, ended.mentee_id];
      const sent = await Promise.all(people.map((user) => rt.messenger.dm(actor.teamId, user, pairEndedMessage(ended, user))));
      await rt.homes.publishAll(actor.teamId, people);
      await askConfidenceForPair(rt, actor.teamId, ended.id);
      const missed = people.filter((_, i) => !sent[i]);
      if (missed.length > 0) return { text: `:warning: I couldn't send the wrap-up DM to ${missed.map(mention).join(' and ')}. The pairing is concluded all the same.` };
    },
  };
};

export const admins: Subcommand<Extract<MentorCommand, { kind: 'admins' }>> = async ({ rt, actor }, command) => {
  if (command.action === 'list') {
    return adminListReply(await rt.services.admins.list(actor));
  }
  if (command.action === 'add') {
    const added = await rt.services.admins.grant(actor, command.user);
    return { text: added ? `${mention(command.user)} is now a program admin.` : `${mention(command.user)} already is a program admin.` };
  }
  await rt.services.admins.revoke(actor, command.user);
  return { text: `${mention(command.user)} is no longer a program admin.` };
};
