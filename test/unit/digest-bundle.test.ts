import { describe, expect, it } from 'vitest';
import type { Nudge } from '../../src/db/schema.ts';
import type { WeeklyDigest } from '../../src/services/digest-service.ts';
import { nudgeMessage } from '../../src/slack/surfaces/nudge-message.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';

const digestNudge = (id: number, week: string): Nudge =>
  ({
    id, team_id: 'T1', program_id: 1, rule: 'admin_digest', subject: 'program:1', period: week, recipient_id: 'UADMIN', pair_id: null, detail: { programId: 1 },
    due_at: new Date(`${week}T00:00:00Z`), deliver_after: new Date(`${week}T08:00:00Z`), status: 'pending', delivery_id: null, created_at: new Date(`${week}T00:00:00Z`),
  }) as Nudge;

const digest: WeeklyDigest = { weekOf: '2026-11-30', stalled: [], stalledCount: 0, sessionsThisWeek: 4, loopsClosedThisWeek: 2, reviewsDue: [], deliveryFailures: [], unhandledFeedback: 1 };

describe('weekly digests that piled up', () => {
  it('are shown once, as the current digest, so the message keeps one of each block id', () => {
    const message = nudgeMessage([digestNudge(1, '2026-11-16'), digestNudge(2, '2026-11-23'), digestNudge(3, '2026-11-30')], '2026-11-30', { advice: new Map(), goals: new Map() }, digest);
    expect(message.text).toBe('Mentoring: your weekly mentoring digest');
    const ids = message.blocks!.map((b: any) => b.block_id).filter(Boolean);
    expect(ids).toContain('digest_actions');
    expect(new Set(ids).size).toBe(ids.length);
    expect(slackLimitViolations('chat.postMessage', { channel: 'D1', ...message })).toEqual([]);
  });
});

describe('the composer of a program’s nudges', () => {
  it("builds the digest of the nudges' own program, once per program and sweep", async () => {
    const { nudgeComposer } = await import('../../src/slack/nudge-composer.ts');
    const asked: Array<number | undefined> = [];
    const digests = { weekly: async (_teamId: string, _now: Date, programId?: number) => (asked.push(programId), digest) };
    const messages = { privateTexts: async () => ({ advice: new Map(), goals: new Map() }) };
    const composer = nudgeComposer(digests as never, messages as never, { wrapUpFor: async () => undefined } as never);
    const compose = composer.forProgram('T1', 7, new Date('2026-11-30T09:00:00Z'));
    await compose({ user_id: 'UADMIN', tz: 'UTC' } as never, [{ ...digestNudge(1, '2026-11-30'), program_id: 7 }]);
    await compose({ user_id: 'UADMIN2', tz: 'UTC' } as never, [{ ...digestNudge(2, '2026-11-30'), program_id: 7 }]);
    expect(asked).toEqual([7]);
  });
});
