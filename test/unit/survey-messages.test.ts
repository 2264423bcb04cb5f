import { describe, expect, it } from 'vitest';
import type { Nudge } from '../../src/db/schema.ts';
import { nudgeMessage } from '../../src/slack/surfaces/nudge-message.ts';
import { exitSurveyModal, exitSurveySaved, pulseAnsweredBlocks, pulseNoteModal } from '../../src/slack/surfaces/survey-messages.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const nudge = (id: number, rule: Nudge['rule'], detail: Record<string, unknown>): Nudge =>
  ({
    id, team_id: 'T1', program_id: 1, rule, subject: 'pair:7', period: '2026-12-02', recipient_id: 'UMENTEE', pair_id: 7, detail,
    due_at: new Date('2026-12-02T00:00:00Z'), deliver_after: new Date('2026-12-02T08:00:00Z'), status: 'pending', delivery_id: null, created_at: new Date('2026-12-02T00:00:00Z'),
  }) as Nudge;

const buttons = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => [b.block_id, e.action_id, e.value]) : []));
const texts = { advice: new Map(), goals: new Map() };

describe('the survey sections of a nudge message', () => {
  it('bundles the exit survey and did-it-stick with their own rows, naming the partner only', () => {
    const message = nudgeMessage([nudge(5, 'exit_survey', { pairId: 7, partnerId: 'UMENTOR' }), nudge(6, 'did_it_stick', { pairId: 7, mentorId: 'UMENTOR' })], '2026-12-02', texts);
    expect(message.text).toBe('Mentoring: 2 things need you (how did your pairing with <@UMENTOR> go?; are you still using what you learned?)');
    expect(buttons(message.blocks!)).toEqual([
      ['nudge_actions_5', 'exit_survey_open', '7'],
      ['nudge_actions_6', 'did_it_stick_yes', '7'],
      ['nudge_actions_6', 'did_it_stick_partly', '7'],
      ['nudge_actions_6', 'did_it_stick_no', '7'],
    ]);
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...message })).toEqual([]);
  });

  it('after a pulse answer: what was noted, "Add a private note", and after "Not working" a way to the admins', () => {
    expect(buttons(pulseAnsweredBlocks('going_well', { pairId: 7, day: 30 }, 'nudge_actions_41'))).toEqual([['nudge_actions_41', 'pulse_add_note', '7:30']]);
    const notWorking = pulseAnsweredBlocks('not_working', { pairId: 7, day: 90 }, 'nudge_actions_41');
    expect(buttons(notWorking)).toEqual([
      ['nudge_actions_41', 'pulse_add_note', '7:90'],
      ['nudge_actions_41', 'pulse_tell_admins', '7'],
    ]);
    expect((notWorking[0] as any).block_id).toBe('pulse_answered_7_90');
  });
});

describe('the survey modals', () => {
  it('fit Slack’s limits at their longest, filled with earlier answers', () => {
    const exit = exitSurveyModal({ pairId: 7, partnerId: 'UMENTOR', answer: { objective_reached: 'no', satisfaction: 1, what_changed: 'é'.repeat(3000), share_with_admins: true, recommend: 0 } });
    expect(slackLimitViolations('views.open', { view: exit })).toEqual([]);
    const byId = (id: string) => exit.blocks.find((b: any) => b.block_id === id) as any;
    expect([byId('exit_objective').element.initial_option.value, byId('exit_satisfaction').element.initial_option.value, byId('exit_recommend').element.initial_option.value]).toEqual(['no', '1', '0']);
    expect(byId('exit_share_with_admins').element.initial_options.map((o: any) => o.value)).toEqual(['share']);
    const note = pulseNoteModal({ pairId: 7, day: 365, answer: 'not_working', note: 'é'.repeat(2000) });
    expect(slackLimitViolations('views.open', { view: note })).toEqual([]);
    expect(note.private_metadata).toBe('7:365');
  });

  it('a fresh exit survey has no initial answers', () => {
    const exit = exitSurveyModal({ pairId: 7, partnerId: 'UMENTOR' });
    for (const b of exit.blocks as any[]) if (b.type === 'input') expect([b.element.initial_option, b.element.initial_options, b.element.initial_value], b.block_id).toEqual([undefined, undefined, undefined]);
  });

  it('says where "what changed" goes', () => {
    expect(exitSurveySaved({ share_with_admins: false, what_changed: null }).text).not.toContain('What changed');
    expect(exitSurveySaved({ share_with_admins: false, what_changed: 'x' }).text).toContain('the program admins do not see it');
    expect(exitSurveySaved({ share_with_admins: true, what_changed: 'x' }).text).toContain('goes to the program admins without your name');
  });
});
