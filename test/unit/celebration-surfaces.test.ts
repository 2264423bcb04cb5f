import { describe, expect, it } from 'vitest';
import type { Celebration } from '../../src/db/schema.ts';
import type { MentionableMilestone } from '../../src/services/celebration-service.ts';
import {
  milestoneLine,
  peopleList,
  postedLine,
  postFailedText,
  safeText,
  shoutOutPost,
  suggestedShoutOut,
  suggestionMessage,
} from '../../src/slack/surfaces/celebration-messages.ts';
import { celebrateModal, milestoneOption } from '../../src/slack/surfaces/celebration-modal.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const MENTOR = 'UMENTOR01';
const MENTEE = 'UMENTEE01';
const ADMIN = 'UADMIN01';
const HOSTILE = 'Hi <!channel> & <!here> <@U999> <!subteam^S1|@eng> <https://evil.example|click> @here @Channel @everyone';
const EMOJI_TITLE = `${'Lead the review 🏗️🚀 '.repeat(8)}end`;

function celebration(overrides: Partial<Celebration> = {}): Celebration {
  return {
    id: 42,
    team_id: 'T1',
    program_id: 1,
    kind: 'pair_completed',
    subject: 'pair:3',
    people: [MENTOR, MENTEE],
    message: 'Congratulations on completing your mentoring pairing!',
    channel_id: 'CWINS0001',
    suggested_at: new Date('2026-11-18T14:00:00Z'),
    posted_at: null,
    posted_by: null,
    message_ts: null,
    created_at: new Date('2026-11-18T14:00:00Z'),
    ...overrides,
  };
}

const goalMilestone = (goalTitle: string): MentionableMilestone => ({ value: 'goal:7', kind: 'goal_achieved', menteeId: MENTEE, menteeName: 'Theo Mentee', goalTitle });
const pairMilestone: MentionableMilestone = { value: 'pair:3', kind: 'pair_completed', mentorId: MENTOR, menteeId: MENTEE, mentorName: 'Maya Mentor', menteeName: 'Theo Mentee' };

const buttons = (blocks: any[]) => blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements).map((e: any) => [e.action_id, e.text.text, e.value]);

describe('safeText', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<!subteam^S1|@eng>', '&lt;!subteam^S1|@eng&gt;'],
    ['<@U999>', '&lt;@U999&gt;'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&lt; already', '&amp;lt; already'],
    ['cc @here', 'cc @\u200Bhere'],
    ['@Channel and @everyone', '@\u200BChannel and @\u200Beveryone'],
    ['(@here) me@here.com @heresy', '(@\u200Bhere) me@here.com @heresy'],
    ['*bold* _kept_', '*bold* _kept_'],
  ])('%j → %j', (input, output) => {
    expect(safeText(input)).toBe(output);
  });
});

describe('peopleList', () => {
  it.each([
    [[], ''],
    [['U1'], '<@U1>'],
    [['U1', 'U2'], '<@U1> and <@U2>'],
    [['U1', 'U2', 'U3'], '<@U1>, <@U2> and <@U3>'],
  ])('%j', (people, text) => expect(peopleList(people)).toBe(text));
});

describe('suggestedShoutOut', () => {
  it('says only public facts for each milestone, within the message limit', () => {
    expect(suggestedShoutOut({ kind: 'goal_achieved', menteeId: MENTEE, goalTitle: 'Lead a design review' })).toBe('Congratulations on achieving a mentoring goal: “Lead a design review”. Great work!');
    expect(suggestedShoutOut({ kind: 'tenth_session', mentorId: MENTOR, menteeId: MENTEE, sessions: 10 })).toMatch(/^10 mentoring sessions together!/);
    expect(suggestedShoutOut({ kind: 'pair_completed', mentorId: MENTOR, menteeId: MENTEE })).toMatch(/^Congratulations on completing your mentoring pairing!/);
    expect(suggestedShoutOut({ kind: 'five_loops', menteeId: MENTEE, loops: 5 })).toMatch(/^Closed the loop on 5 pieces of advice/);
    expect(suggestedShoutOut({ kind: 'goal_achieved', menteeId: MENTEE, goalTitle: 'x'.repeat(2000) }).length).toBeLessThanOrEqual(1000);
  });
});

describe('shoutOutPost', () => {
  it('mentions the people, escapes the message and names who shared it', () => {
    const post = shoutOutPost({ people: [MENTEE, MENTOR], message: HOSTILE, postedBy: ADMIN });
    expect(post).toMatchInlineSnapshot(`
      {
        "blocks": [
          {
            "text": {
              "text": ":tada: *Shout-out to <@UMENTEE01> and <@UMENTOR01>!*",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "text": {
              "text": "Hi &lt;!channel&gt; &amp; &lt;!here&gt; &lt;@U999&gt; &lt;!subteam^S1|@eng&gt; &lt;https://evil.example|click&gt; @​here @​Channel @​everyone",
              "type": "mrkdwn",
            },
            "type": "section",
          },
          {
            "elements": [
              {
                "text": "Shared by <@UADMIN01> from the mentoring program",
                "type": "mrkdwn",
              },
            ],
            "type": "context",
          },
        ],
        "text": "Shout-out to <@UMENTEE01> and <@UMENTOR01>: Hi &lt;!channel&gt; &amp; &lt;!here&gt; &lt;@U999&gt; &lt;!subteam^S1|@eng&gt; &lt;https://evil.example|click&gt; @​here @​Channel @​everyone",
      }
    `);
    expect(JSON.stringify(post).match(/<[@!#][^>]*>/g)).toEqual([`<@${MENTEE}>`, `<@${MENTOR}>`, `<@${MENTEE}>`, `<@${MENTOR}>`, `<@${ADMIN}>`]);
  });

  it('adds the chosen milestone, escaped; stays within Slack limits at the largest input', () => {
    const post = shoutOutPost({ people: Array.from({ length: 20 }, (_, i) => `U${String(i).padStart(8, '0')}`), message: '🎉&<'.repeat(333), postedBy: ADMIN, milestone: goalMilestone(`<!channel> ${EMOJI_TITLE}`) });
    expect(post.blocks?.[2]).toMatchObject({ type: 'context', elements: [{ text: expect.stringContaining(`:trophy: Milestone: <@${MENTEE}> achieved the goal “&lt;!channel&gt; Lead the review`) }] });
    expect(slackLimitViolations('chat.postMessage', { channel: 'C1', ...post })).toEqual([]);
    expect(milestoneLine(pairMilestone)).toBe(`:checkered_flag: Milestone: <@${MENTOR}> and <@${MENTEE}> completed their mentoring pairing`);
  });
});

describe('suggestionMessage', () => {
  it('offers "Post to #channel" and "Edit first" when the suggestion has a channel', () => {
    const dm = suggestionMessage(celebration(), { channelName: 'wins' });
    expect(buttons(dm.blocks!)).toEqual([
      ['celebration_post', 'Post to #wins', '42'],
      ['celebration_edit', 'Edit first', '42'],
    ]);
    expect(dm.blocks!.find((b) => b.type === 'actions')).toMatchObject({ block_id: 'celebration_actions_42' });
    expect(dm.text).toContain(`<@${MENTOR}> and <@${MENTEE}> completed their mentoring pairing.`);
    expect(JSON.stringify(dm)).toContain('It would be posted in <#CWINS0001>.');
    expect(buttons(suggestionMessage(celebration()).blocks!)[0]![1]).toBe('Post to the channel');
  });

  it('says "Choose a channel" when no channel is set', () => {
    const dm = suggestionMessage(celebration({ channel_id: null }));
    expect(buttons(dm.blocks!).map(([id, text]) => [id, text])).toEqual([
      ['celebration_choose_channel', 'Choose a channel'],
      ['celebration_edit', 'Edit first'],
    ]);
    expect(JSON.stringify(dm)).toContain('No celebration channel is set yet');
  });

  it('once posted, shows who posted where in place of the buttons, in the same block', () => {
    const posted = celebration({ posted_by: ADMIN, posted_at: new Date(), message_ts: '1.2' });
    const dm = suggestionMessage(posted, { done: postedLine(posted) });
    expect(buttons(dm.blocks!)).toEqual([]);
    expect(dm.blocks!.at(-1)).toEqual({ type: 'context', block_id: 'celebration_actions_42', elements: [{ type: 'mrkdwn', text: `:white_check_mark: Posted to <#CWINS0001> by <@${ADMIN}>` }] });
  });

  it('quotes the prepared message escaped, line by line, within limits', () => {
    const dm = suggestionMessage(celebration({ kind: 'goal_achieved', people: [MENTEE], message: `${HOSTILE}\nsecond line` }), { channelName: 'x'.repeat(80) });
    const preview = (dm.blocks![1] as any).text.text as string;
    expect(preview).toContain('>Hi &lt;!channel&gt; &amp;');
    expect(preview).toContain('\n>second line');
    expect(preview).not.toContain('<!channel>');
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...dm })).toEqual([]);
  });
});

describe('celebrateModal', () => {
  const base = { people: [MENTEE], channelId: 'CWINS0001', milestones: [], metadata: {} };
  const block = (view: any, id: string) => view.blocks.find((b: any) => b.block_id === id);

  it('prefills people, channel and message; keeps public channels only', () => {
    const view = celebrateModal({ ...base, message: 'Well done', metadata: { celebrationId: 42, message: { channel: 'D1', ts: '1.2' } } });
    expect(view.callback_id).toBe('celebrate_modal');
    expect(block(view, 'celebrate_people').element).toMatchObject({ type: 'multi_users_select', initial_users: [MENTEE], max_selected_items: 20 });
    expect(block(view, 'celebrate_channel').element).toEqual({
      type: 'conversations_select',
      action_id: 'value',
      placeholder: { type: 'plain_text', text: 'Choose a channel' },
      filter: { include: ['public'], exclude_bot_users: true },
      initial_conversation: 'CWINS0001',
    });
    expect(block(view, 'celebrate_message').element).toMatchObject({ initial_value: 'Well done', max_length: 1000, multiline: true });
    expect(block(view, 'celebrate_milestone')).toBeUndefined();
    expect(JSON.parse(view.private_metadata!)).toEqual({ celebrationId: 42, message: { channel: 'D1', ts: '1.2' } });
  });

  it('defaults to the current conversation only when asked and no channel is known', () => {
    expect(block(celebrateModal({ ...base, channelId: null, defaultToCurrentConversation: true }), 'celebrate_channel').element.default_to_current_conversation).toBe(true);
    expect(block(celebrateModal({ ...base, channelId: null }), 'celebrate_channel').element.default_to_current_conversation).toBeUndefined();
    const both = block(celebrateModal({ ...base, defaultToCurrentConversation: true }), 'celebrate_channel').element;
    expect([both.initial_conversation, both.default_to_current_conversation]).toEqual(['CWINS0001', undefined]);
  });

  it('offers milestones as plain options cut to 75 characters, and stays within limits with 150 of them', () => {
    const many = Array.from({ length: 150 }, (_, i) => (i % 2 ? { ...pairMilestone, value: `pair:${i}`, mentorName: 'M'.repeat(60) } : { ...goalMilestone(EMOJI_TITLE), value: `goal:${i}` }));
    const view = celebrateModal({ ...base, people: Array.from({ length: 30 }, (_, i) => `U${i}XX`), warning: ':warning: nope', milestones: many });
    const select = block(view, 'celebrate_milestone');
    expect(select).toMatchObject({ optional: true, element: { type: 'static_select' } });
    expect(select.element.options).toHaveLength(100);
    expect(block(view, 'celebrate_people').element.initial_users).toHaveLength(20);
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    expect(milestoneOption(goalMilestone('Lead a design review')).text.text).toBe('Theo Mentee: achieved “Lead a design review”');
    expect(milestoneOption(pairMilestone)).toMatchObject({ value: 'pair:3', text: { text: 'Maya Mentor & Theo Mentee: pairing completed' } });
  });
});

describe('postFailedText', () => {
  it('names the channel problem, or the Slack error', () => {
    expect(postFailedText('C1', 'is_archived', 'is_archived')).toBe(":warning: I couldn't post in <#C1>. That channel is archived. Choose another channel. Nothing was posted.");
    expect(postFailedText('C1', undefined, 'ratelimited')).toContain('(`ratelimited`), so nothing was posted');
    expect(postFailedText('C1', undefined, undefined)).toContain("Slack didn't accept the shout-out, so nothing was posted");
  });
});
