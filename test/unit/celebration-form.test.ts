import { describe, expect, it } from 'vitest';
import { celebrateMetadata, parseCelebrateForm, type CelebrateInput } from '../../src/slack/parse/celebrate-form.ts';
import type { ViewValues } from '../../src/slack/parse/view-values.ts';
import { errorsOf } from '../helpers/forms.ts';

type Fields = { people?: string[] | null; channel?: string | null; message?: string; milestone?: string | null };

/** view.state.values as Slack sends the celebrate modal. */
function values(f: Fields): ViewValues {
  return {
    celebrate_people: { value: { type: 'multi_users_select', selected_users: f.people === undefined ? ['UMENTEE01'] : f.people } },
    celebrate_channel: { value: { type: 'conversations_select', selected_conversation: f.channel === undefined ? 'CWINS0001' : f.channel } },
    celebrate_message: { value: { type: 'plain_text_input', value: f.message ?? 'Well done!' } },
    celebrate_milestone: { value: { type: 'static_select', selected_option: f.milestone ? { value: f.milestone } : null } },
  } as unknown as ViewValues;
}

describe('parseCelebrateForm', () => {
  it('reads people, channel, trimmed message, milestone and metadata', () => {
    const result = parseCelebrateForm(
      values({ people: ['UMENTEE01', 'UMENTOR01', 'UMENTEE01'], message: '  Great quarter!  ', milestone: 'goal:7' }),
      JSON.stringify({ celebrationId: 42, message: { channel: 'D1', ts: '1.2' } }),
    );
    expect(result).toEqual({
      ok: true,
      value: { people: ['UMENTEE01', 'UMENTOR01'], channelId: 'CWINS0001', message: 'Great quarter!', milestone: 'goal:7', meta: { celebrationId: 42, message: { channel: 'D1', ts: '1.2' } } },
    });
  });

  it.each([
    ['nobody chosen', { people: [] }, 'celebrate_people', 'at least one person'],
    ['no people state at all', { people: null }, 'celebrate_people', 'at least one person'],
    ['a forged user id', { people: ['UMENTEE01', '<!channel>'] }, 'celebrate_people', 'from the list'],
    ['21 people', { people: Array.from({ length: 21 }, (_, i) => `U${String(i).padStart(6, '0')}`) }, 'celebrate_people', 'Up to 20'],
    ['no channel', { channel: null }, 'celebrate_channel', 'public channel'],
    ['a DM instead of a channel', { channel: 'D0123456' }, 'celebrate_channel', 'public channel'],
    ['a blank message', { message: ' \n ' }, 'celebrate_message', 'Write a message'],
    ['a message over 1000 characters', { message: '🎉'.repeat(1001) }, 'celebrate_message', 'under 1000'],
    ['a forged milestone', { milestone: 'advice:3' }, 'celebrate_milestone', 'from the list'],
  ])('refuses %s on its own block', (_name, fields, block, message) => {
    const errors = errorsOf(parseCelebrateForm(values(fields), '{}'));
    expect(Object.keys(errors)).toEqual([block]);
    expect(errors[block]).toContain(message);
  });

  it('takes a 1000-character message with emoji (counted as people count them)', () => {
    const result = parseCelebrateForm(values({ message: '🎉'.repeat(1000) }), '');
    expect(result.ok).toBe(true);
  });
});

describe('celebrateMetadata', () => {
  it.each([
    ['', {}],
    ['not json', {}],
    ['{"celebrationId":-1}', {}],
    ['{"celebrationId":"42"}', {}],
    ['{"celebrationId":1.5,"message":{"channel":"D1"}}', {}],
    ['{"celebrationId":7,"message":{"channel":"D1","ts":"1.2","extra":true}}', { celebrationId: 7, message: { channel: 'D1', ts: '1.2' } }],
  ])('%j → %j', (raw, meta) => {
    expect(celebrateMetadata(raw)).toEqual(meta);
  });
});
