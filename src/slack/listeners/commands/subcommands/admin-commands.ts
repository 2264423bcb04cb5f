import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { describeDays } from '../../../../domain/durations.ts';
import { dayIn, describeDay } from '../../../../domain/calendar.ts';
import { escapeMrkdwn, mention } from '../../../../domain/mrkdwn.ts';
import { adminListReply } from '../../../surfaces/command-replies.ts';
import { pairEndedMessage } from '../../../surfaces/dm-messages.ts';
import { announcePairing } from '../../../kickoff.ts';
import { noticeMilestone } from '../../../milestones.ts';
import { askConfidenceForPair } from '../../../confidence-prompts.ts';
import { programPick, type Subcommand } from './types.ts';

/** " in *Spring cohort*" where the admin runs several programs; nothing where there is one. */
const inProgram = (scoped: { program: { name: string }; choices: unknown[] }) => (scoped.choices.length > 1 ? ` in *${escapeMrkdwn(scoped.program.name)}*` : '');

export const pair: Subcommand<Extract<MentorCommand, { kind: 'pair' }>> = async (ctx, command) => {
  const { rt, actor } = ctx;
  const scoped = await rt.services.pairs.pairIn(actor, { mentorId: command.mentor, menteeId: command.mentee, cadence: command.cadence, reverse: command.reverse, program: programPick(ctx, command.program) });
  const created = scoped.pair;
  const kind = created.kind === 'reverse' ? 'reverse pairing' : 'pairing';
  return {
    text: `:handshake: New ${kind}${inProgram(scoped)}: ${mention(created.mentor_id)} mentors ${mention(created.mentee_id)}, meeting every ${describeDays(created.cadence_days)}, review on ${describeDay(created.review_on, dayIn(created.started_at, 'UTC'))}. I'm sending them both a kickoff message.`,
    afterAck: () => announcePairing(rt, actor, created),
  };
};

export const end: Subcommand<Extract<MentorCommand, { kind: 'end' }>> = async (ctx, command) => {
  const { rt, actor } = ctx;
  const ended = await rt.services.pairs.end(actor, command.mentor, command.mentee, programPick(ctx, command.program));
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

export const admins: Subcommand<Extract<MentorCommand, { kind: 'admins' }>> = async (ctx, command) => {
  const { rt, actor } = ctx;
  const pick = programPick(ctx, command.program);
  if (command.action === 'list') {
    return adminListReply(await rt.services.admins.list(actor, pick));
  }
  if (command.action === 'add') {
    const granted = await rt.services.admins.grantIn(actor, command.user, pick);
    const where = inProgram(granted) ? ` of *${escapeMrkdwn(granted.program.name)}*` : '';
    return { text: granted.added ? `${mention(command.user)} is now a program admin${where}.` : `${mention(command.user)} already is a program admin${where}.` };
  }
  const revoked = await rt.services.admins.revoke(actor, command.user, pick);
  return { text: `${mention(command.user)} is no longer a program admin${inProgram(revoked) ? ` of *${escapeMrkdwn(revoked.program.name)}*` : ''}.` };
};
