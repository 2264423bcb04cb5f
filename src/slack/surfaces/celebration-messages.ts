import type { KnownBlock } from '@slack/types';
import type { Celebration } from '../../services/celebration-service.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { MentionableMilestone, MilestoneFacts } from '../../services/celebration-service.ts';
import { actions, button, context, section } from './blocks.ts';
import { CELEBRATE_ACTION, celebrationActionsBlockId } from '../ids.ts';
import { CELEBRATION_LIMITS } from './celebration-modal.ts';
import type { Reply } from './help-message.ts';

/**
 * Person-written text made safe for a channel: mrkdwn control characters escaped (no `<!channel>`,
 * `<!subteam^…>`, `<@U…>` or `<https://…|label>`), and typed broadcasts (`@here`) broken with a
 * zero-width space so they can never notify a whole channel.
 */
export function safeText(text: string): string {
  return escapeMrkdwn(text).replace(/(^|[^\w.@])@(channel|here|everyone)\b/gi, '$1@\u200B$2');
}

/** "<@A>", "<@A> and <@B>", "<@A>, <@B> and <@C>". */
export function peopleList(people: string[]): string {
  const mentions = people.map(mention);
  if (mentions.length <= 1) return mentions.join('');
  return `${mentions.slice(0, -1).join(', ')} and ${mentions.at(-1)}`;
}

/** The prepared shout-out (plain text, stored and editable): public facts only, a goal title only with consent. */
export function suggestedShoutOut(facts: MilestoneFacts): string {
  switch (facts.kind) {
    case 'goal_achieved':
      return truncate(`Congratulations on achieving a mentoring goal: “${facts.goalTitle}”. Great work!`, CELEBRATION_LIMITS.message);
    case 'tenth_session':
      return `${facts.sessions} mentoring sessions together! Thank you both for showing up for each other, session after session.`;
    case 'pair_completed':
      return 'Congratulations on completing your mentoring pairing! Thank you both for the time and care you gave each other.';
    case 'five_loops':
      return `Closed the loop on ${facts.loops} pieces of advice: tried them out and told their mentor how it went. That's how mentoring sticks!`;
  }
}

/** The line a shout-out adds for a milestone the admin chose to mention. */
export function milestoneLine(milestone: MentionableMilestone): string {
  return milestone.kind === 'goal_achieved'
    ? `:trophy: Milestone: ${mention(milestone.menteeId)} achieved the goal “${safeText(truncate(milestone.goalTitle, 150))}”`
    : `:checkered_flag: Milestone: ${mention(milestone.mentorId)} and ${mention(milestone.menteeId)} completed their mentoring pairing`;
}

/** The public post. Only `people` become mentions; everything typed is escaped. */
export function shoutOutPost(input: { people: string[]; message: string; postedBy: string; milestone?: MentionableMilestone }): Reply {
  const who = peopleList(input.people);
  const blocks: KnownBlock[] = [
    section(`:tada: *Shout-out to ${who}!*`),
    section(safeText(input.message)),
    ...(input.milestone ? [context(milestoneLine(input.milestone))] : []),
    context(`Shared by ${mention(input.postedBy)} from the mentoring program`),
  ];
  return { text: `Shout-out to ${who}: ${safeText(truncate(input.message, 300))}`, blocks };
}

/** What the milestone was, told to admins; the people of a suggestion are its public subject. */
function headline(c: Celebration): string {
  const who = peopleList(c.people);
  switch (c.kind) {
    case 'goal_achieved':
      return `${who} achieved a mentoring goal and said it's OK to celebrate it publicly.`;
    case 'tenth_session':
      return `${who} have logged 10 mentoring sessions together.`;
    case 'pair_completed':
      return `${who} completed their mentoring pairing.`;
    case 'five_loops':
      return `${who} closed the loop on 5 pieces of advice.`;
    case 'manual':
      return `A shout-out for ${who}.`;
    case 'graduation':
      return `The program has ended: ${who} said it's OK to celebrate their goals publicly, so the graduation shout-out names them. Everyone else is counted, not named.`;
  }
}

function quoted(text: string): string {
  return text
    .split(/\r?\n/)
    .map((line) => `>${line}`)
    .join('\n');
}

export function postedLine(c: Celebration): string {
  return `Posted to <#${c.channel_id}> by ${mention(c.posted_by ?? '')}`;
}

/**
 * The DM an admin gets for a milestone: a preview of the prepared shout-out and one-click buttons.
 * With `done`, the buttons are replaced by what happened (e.g. "Posted to #wins by @ada").
 */
export function suggestionMessage(c: Celebration, opts: { channelName?: string; done?: string } = {}): Reply {
  const blockId = celebrationActionsBlockId(c.id);
  const where = c.channel_id
    ? `It would be posted in <#${c.channel_id}>.`
    : 'No celebration channel is set yet: choose one when you post. `/mentor settings` sets a default.';
  const post = c.channel_id
    ? button(opts.channelName ? `Post to #${opts.channelName}` : 'Post to the channel', CELEBRATE_ACTION.post, String(c.id), 'primary')
    : button('Choose a channel', CELEBRATE_ACTION.chooseChannel, String(c.id), 'primary');
  const blocks: KnownBlock[] = [
    section(`:sparkles: *A milestone to celebrate*\n${headline(c)}`),
    section(`*Suggested shout-out*\n${quoted(`:tada: *Shout-out to ${peopleList(c.people)}!*\n${safeText(c.message)}`)}`),
    opts.done ? { ...context(`:white_check_mark: ${opts.done}`), block_id: blockId } : actions(blockId, post, button('Edit first', CELEBRATE_ACTION.edit, String(c.id))),
    ...(opts.done ? [] : [context(`${where} Nothing private (notes, advice, outcomes) is ever included.`)]),
  ];
  return { text: `A milestone to celebrate: ${headline(c)} Post a shout-out?`, blocks };
}

/** Field errors are plain text: they name the problem without channel markup. */
export const CHANNEL_PROBLEMS = {
  is_archived: 'That channel is archived. Choose another channel.',
  channel_not_found: "I can't find that channel: it may have been deleted, or it's private. Choose a public channel.",
  not_in_channel: "I can't post in that channel. Choose a public channel, or add me to this one first.",
} as const;

export type ChannelProblem = keyof typeof CHANNEL_PROBLEMS;

export function isChannelProblem(code: string | undefined): code is ChannelProblem {
  return code !== undefined && Object.hasOwn(CHANNEL_PROBLEMS, code);
}

/** Why a one-click post did not go out, for the admin who pressed it. */
export function postFailedText(channelId: string, problem: ChannelProblem | undefined, code: string | undefined): string {
  if (problem) return `:warning: I couldn't post in <#${channelId}>. ${CHANNEL_PROBLEMS[problem]} Nothing was posted.`;
  return `:warning: Slack didn't accept the shout-out${code ? ` (\`${code}\`)` : ''}, so nothing was posted. Please press Post again in a minute.`;
}
