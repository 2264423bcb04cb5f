// The survey service's rules without Slack: a fixed clock, a profile source answering from a table,
// and the test database.
import { beforeEach, describe, expect, it } from 'vitest';
import type { MemberProfile } from '../../src/db/repositories/members-repository.ts';
import { useTestServices } from '../helpers/test-services.ts';
import { AccessError, UserError } from '../../src/domain/errors.ts';
import { NOT_IN_PAIR } from '../../src/services/access.ts';

const TEAM = 'T1';
const admin = { teamId: TEAM, userId: 'UADMIN' };
const mentor = { teamId: TEAM, userId: 'UMENTOR' };
const mentee = { teamId: TEAM, userId: 'UMENTEE' };
const outsider = { teamId: TEAM, userId: 'UOUTSIDER' };
const person = (realName: string, isWorkspaceAdmin = false): MemberProfile => ({ displayName: realName, realName, tz: 'UTC', isWorkspaceAdmin, isBot: false, deactivated: false });
const profiles: Record<string, MemberProfile> = { UADMIN: person('Ada', true), UMENTOR: person('Maya'), UMENTEE: person('Theo'), UOUTSIDER: person('Olu') };

const t = useTestServices(profiles);
const { clock } = t;
beforeEach(async () => {
  clock.set('2026-11-18T14:00:00Z');
  await t.database.db.deleteFrom('pairs').execute();
});

const newPair = () => t.services.pairs.pair(admin, { mentorId: mentor.userId, menteeId: mentee.userId, cadence: undefined, reverse: false });

describe('answering the pulse check', () => {
  it('keeps one answer per person and pulse: the second updates the first, at the clock’s time', async () => {
    const pair = await newPair();
    clock.set('2026-12-18T10:00:00Z');
    const first = await t.services.surveys.answerPulse(mentee, { pairId: pair.id, day: 30, answer: 'not_working' });
    clock.set('2026-12-18T11:00:00Z');
    const second = await t.services.surveys.answerPulse(mentee, { pairId: pair.id, day: 30, answer: 'could_be_better' });
    expect(second.answer).toMatchObject({ id: first.answer.id, answer: 'could_be_better', answered_at: new Date('2026-12-18T10:00:00Z'), updated_at: new Date('2026-12-18T11:00:00Z') });
    expect(second.pair.id).toBe(pair.id);
  });

  it('refuses anyone outside the pairing, an unknown pairing, and a day no pulse is asked on', async () => {
    const pair = await newPair();
    await expect(t.services.surveys.answerPulse(outsider, { pairId: pair.id, day: 30, answer: 'going_well' })).rejects.toThrow(new AccessError(NOT_IN_PAIR));
    await expect(t.services.surveys.answerPulse(mentor, { pairId: pair.id + 1000, day: 30, answer: 'going_well' })).rejects.toThrow(new AccessError(NOT_IN_PAIR));
    await expect(t.services.surveys.answerPulse(mentor, { pairId: NaN, day: 30, answer: 'going_well' })).rejects.toThrow(AccessError);
    for (const day of [0, 366, NaN, 2.5]) {
      await expect(t.services.surveys.answerPulse(mentor, { pairId: pair.id, day, answer: 'going_well' })).rejects.toThrow(UserError);
    }
    expect(await t.database.db.selectFrom('pulse_answers').selectAll().execute()).toEqual([]);
  });
});
