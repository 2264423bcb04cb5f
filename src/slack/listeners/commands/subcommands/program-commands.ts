import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { dayIn } from '../../../../domain/calendar.ts';
import { escapeMrkdwn } from '../../../../domain/mrkdwn.ts';
import { slackErrorCode } from '../../../slack-errors.ts';
import { CHANNEL_PROBLEMS, isChannelProblem } from '../../../surfaces/celebration-messages.ts';
import { carryOverModal } from '../../../surfaces/cohort-end-messages.ts';
import { programCard } from '../../../surfaces/program-card.ts';
import { programModal } from '../../../surfaces/program-modal.ts';
import { archiveConfirmReply, programListReply } from '../../../surfaces/program-replies.ts';
import type { Subcommand } from './types.ts';

/** `/mentor program new`: the empty program modal. A refusal goes back via response_url. */
export const programNew: Subcommand<unknown> = async ({ rt, actor, triggerId }) => {
  const template = await rt.services.programs.templateForNew(actor);
  await rt.client.views.open({ trigger_id: triggerId, view: programModal({ template, adminIds: [] }) });
  return undefined;
};

/** `/mentor program edit <name>`: the same modal, filled in. */
export const programEdit: Subcommand<Extract<MentorCommand, { kind: 'program-edit' }>> = async ({ rt, actor, triggerId }, command) => {
  const { program, adminIds } = await rt.services.programs.forEdit(actor, command.name);
  await rt.client.views.open({ trigger_id: triggerId, view: programModal({ program, adminIds, template: program }) });
  return undefined;
};

export const programList: Subcommand<unknown> = async ({ rt, actor }) =>
  programListReply(await rt.services.programs.list(actor), dayIn(rt.clock.now(), 'UTC'));

/** `/mentor program archive <name>`: asks first; the button archives. */
export const programArchive: Subcommand<Extract<MentorCommand, { kind: 'program-archive' }>> = async ({ rt, actor }, command) =>
  archiveConfirmReply(await rt.services.programs.toArchive(actor, command.name));

/** `/mentor program carry-over <name>`: the modal of *Carry over pairings*, for the named program. */
export const programCarryOver: Subcommand<Extract<MentorCommand, { kind: 'program-carry-over' }>> = async ({ rt, actor, triggerId }, command) => {
  const choices = await rt.services.cohortEnd.carryOverChoicesByName(actor, command.name);
  await rt.client.views.open({ trigger_id: triggerId, view: carryOverModal(choices, {}) });
  return undefined;
};

/**
 * `/mentor announce #channel [program]`: the card goes to the channel after the ack (chat:write.public:
 * the bot need not join a public channel); a channel it cannot post in gets a clear answer.
 */
export const announce: Subcommand<Extract<MentorCommand, { kind: 'announce' }>> = async ({ rt, actor }, command) => {
  const program = await rt.services.programs.toAnnounce(actor, command.program);
  const name = escapeMrkdwn(program.name);
  return {
    text: `Posting the card for *${name}* in <#${command.channel}>…`,
    afterAck: async () => {
      const card = programCard(program, dayIn(rt.clock.now(), 'UTC'));
      try {
        await rt.client.chat.postMessage({ channel: command.channel, text: card.text, blocks: card.blocks, unfurl_links: false, unfurl_media: false });
      } catch (error) {
        const code = slackErrorCode(error);
        rt.logger.warn({ team: actor.teamId, channel: command.channel, slackError: code ?? String(error) }, 'program card not posted');
        if (isChannelProblem(code)) {
          // A private channel looks "not found" to a bot outside it: inviting the bot fixes both.
          const invite = code === 'is_archived' ? '' : ` Invite me there (\`/invite\` and my name, in that channel), then run \`/mentor announce\` again.`;
          return { text: `:warning: I couldn't post in <#${command.channel}>. ${CHANNEL_PROBLEMS[code]}${invite} Nothing was posted.` };
        }
        return { text: `:warning: Slack didn't accept the card${code ? ` (\`${code}\`)` : ''}, so nothing was posted. Please try again in a minute.` };
      }
      return { text: `:mega: Posted the card for *${name}* in <#${command.channel}>: people join with its buttons.` };
    },
  };
};
