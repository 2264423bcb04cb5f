// Business rules of the pair, goal, advice and mute services, without Slack: a fixed clock, a
// profile source answering from a table, and the test database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MemberProfile } from '../../src/db/repositories/members-repository.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { AccessError, UserError } from '../../src/domain/errors.ts';
import { ADMINS_ONLY, NOT_IN_PAIR } from '../../src/services/access.ts';
import { ONLY_MENTEE_CLOSES } from '../../src/services/advice-service.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import type { ReviewDecision } from '../../src/services/review-service.ts';
import { MemberDirectory } from '../../src/services/member-directory.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const TEAM = 'T1';
const admin = { teamId: TEAM, userId: 'UADMIN' };
const mentor = { teamId: TEAM, userId: 'UMENTOR' };
const mentee = { teamId: TEAM, userId: 'UMENTEE' };
const outsider = { teamId: TEAM, userId: 'UOUTSIDER' };

const profiles: Record<string, MemberProfile> = {
  UADMIN: { displayName: 'ada', realName: 'Ada Admin', tz: 'Europe/London', isWorkspaceAdmin: true, isBot: false, deactivated: false },
  UMENTOR: { displayName: 'maya', realName: 'Maya Mentor', tz: 'America/New_York', isWorkspaceAdmin: false, isBot: false, deactivated: false },
  UMENTEE: { displayName: 'theo', realName: 'Theo Mentee', tz: 'Asia/Tokyo', isWorkspaceAdmin: false, isBot: false, deactivated: false },
  UOUTSIDER: { displayName: 'olu', realName: 'Olu Outsider', tz: 'UTC', isWorkspaceAdmin: false, isBot: false, deactivated: false },
};

let database: DatabaseHandle;
let services: Services;
const clock = fixedClock('2026-11-18T14:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  const directory = new MemberDirectory(database.db, clock, async (_team, userId) => profiles[userId]);
  services = createServices(database.db, clock, directory);
});
afterAll(async () => database?.close());
beforeEach(async () => {
  clock.set('2026-11-18T14:00:00Z');
  await database.db.deleteFrom('pairs').execute();
  await database.db.updateTable('members').set({ muted_until: null }).execute();
});

const newPair = () => services.pairs.pair(admin, { mentorId: mentor.userId, menteeId: mentee.userId, cadence: undefined, reverse: false });

async function adviceFor(pairId: number): Promise<number> {
  const { advice } = await services.sessions.logSession(mentor, { pairId, heldOn: '2026-11-18', minutes: 45, topics: 'Reviews', notes: '', advice: ['Try it'], commitments: [], goalIds: [], milestoneIds: [], usefulness: null });
  return advice[0]!.id;
}

describe('pair service', () => {
  it('lets only program admins create a pairing', async () => {
    await expect(services.pairs.pair(mentor, { mentorId: mentor.userId, menteeId: mentee.userId, cadence: undefined, reverse: false })).rejects.toThrow(ADMINS_ONLY);
  });

  it('snoozes the stalled rule for exactly a week from now, for pair members only', async () => {
    const pair = await newPair();
    const { until } = await services.pairs.snoozeStall(mentee, pair.id);
    expect(until.toISOString()).toBe('2026-11-25T14:00:00.000Z');
    await expect(services.pairs.snoozeStall(outsider, pair.id)).rejects.toThrow(NOT_IN_PAIR);
  });

});

describe('review service', () => {
  const review = (who: typeof mentor, pairId: number, choice: ReviewDecision, achieved = 'Led a review') => services.reviews.submit(who, { pairId, achieved, nextSteps: 'Lead one alone', choice });
  const pairRow = (id: number) => database.db.selectFrom('pairs').select(['status', 'review_on']).where('id', '=', id).executeTakeFirstOrThrow();

  it('continue moves the review date at once, from today when the review is overdue, by the program months', async () => {
    const pair = await newPair();
    await database.db.updateTable('pairs').set({ review_on: '2026-10-01' }).where('id', '=', pair.id).execute();
    const { pair: continued, review: row } = await review(mentor, pair.id, { decision: 'continue' });
    // From the mentor's day (still 18 November in New York), by the program's default 6 months.
    expect(continued.review_on).toBe('2027-05-18');
    expect(row).toMatchObject({ status: 'applied', next_steps: 'Lead one alone', decided_by: null });
  });

  it('extending is a proposal: nothing changes until the partner agrees, from the review date still ahead', async () => {
    const pair = await newPair();
    const { review: proposal } = await review(mentor, pair.id, { decision: 'extend', months: 1 });
    expect(proposal.status).toBe('pending');
    expect(await pairRow(pair.id)).toEqual({ status: 'active', review_on: pair.review_on });
    await expect(services.reviews.agree(mentor, proposal.id)).rejects.toThrow('This is your own proposal');
    await expect(services.reviews.agree(outsider, proposal.id)).rejects.toThrow(NOT_IN_PAIR);
    await expect(services.reviews.agree(mentee, 999_999)).rejects.toThrow(NOT_IN_PAIR);
    const { pair: extended, review: agreed } = await services.reviews.agree(mentee, proposal.id);
    expect(extended.review_on).toBe('2027-06-18');
    expect(agreed).toMatchObject({ status: 'agreed', decided_by: mentee.userId, decided_at: new Date('2026-11-18T14:00:00Z') });
    await expect(services.reviews.agree(mentee, proposal.id)).rejects.toThrow('already agreed');
    expect((await pairRow(pair.id)).review_on).toBe('2027-06-18');
  });

  it("concluding needs the partner: Let's talk leaves the pairing as is, a newer review replaces a waiting proposal, Agree ends it", async () => {
    const pair = await newPair();
    const { review: first } = await review(mentee, pair.id, { decision: 'conclude' });
    const { review: talked } = await services.reviews.talk(mentor, first.id);
    expect(talked).toMatchObject({ status: 'talk', decided_by: mentor.userId });
    await expect(services.reviews.agree(mentor, first.id)).rejects.toThrow('asked to talk');
    expect((await pairRow(pair.id)).status).toBe('active');

    const { review: second } = await review(mentee, pair.id, { decision: 'conclude' });
    const { review: third, replaced } = await review(mentee, pair.id, { decision: 'extend', months: 2 });
    expect(replaced.map((r) => [r.id, r.status])).toEqual([[second.id, 'replaced']]);
    await expect(services.reviews.agree(mentor, second.id)).rejects.toThrow('replaced by a newer review');
    expect((await pairRow(pair.id)).status).toBe('active');

    const { review: fourth } = await review(mentor, pair.id, { decision: 'conclude' });
    expect((await database.db.selectFrom('pair_reviews').select('status').where('id', '=', third.id).executeTakeFirstOrThrow()).status).toBe('replaced');
    const { pair: ended } = await services.reviews.agree(mentee, fourth.id);
    expect(ended.status).toBe('ended');
    await expect(review(mentee, pair.id, { decision: 'continue' })).rejects.toThrow('That pairing has already ended.');
  });

  it("an admin's /mentor end settles a proposal still waiting; the partner's Agree then changes nothing", async () => {
    const pair = await newPair();
    const { review: proposal } = await review(mentee, pair.id, { decision: 'extend', months: 3 });
    await services.pairs.end(admin, mentor.userId, mentee.userId);
    expect(await database.db.selectFrom('pair_reviews').select(['status', 'decided_by']).where('id', '=', proposal.id).executeTakeFirstOrThrow()).toEqual({ status: 'replaced', decided_by: admin.userId });
    await expect(services.reviews.agree(mentor, proposal.id)).rejects.toThrow('replaced');
    expect(await pairRow(pair.id)).toEqual({ status: 'ended', review_on: pair.review_on });
  });

  it('the database holds one waiting proposal per pairing and refuses a proposer agreeing to their own', async () => {
    const pair = await newPair();
    const { review: proposal } = await review(mentee, pair.id, { decision: 'conclude' });
    const insert = () => database.db.insertInto('pair_reviews').values({ team_id: TEAM, pair_id: pair.id, reviewed_by: mentor.userId, decision: 'conclude', status: 'pending' }).execute();
    await expect(insert()).rejects.toThrow();
    const selfAgree = database.db.updateTable('pair_reviews').set({ status: 'agreed', decided_by: mentee.userId, decided_at: new Date() }).where('id', '=', proposal.id).execute();
    await expect(selfAgree).rejects.toThrow();
    const continuePending = database.db.insertInto('pair_reviews').values({ team_id: TEAM, pair_id: pair.id, reviewed_by: mentor.userId, decision: 'continue', status: 'pending' }).execute();
    await expect(continuePending).rejects.toThrow();
  });
});

describe('advice service', () => {
  it("asks again a week after the mentee's own calendar day", async () => {
    const pair = await newPair();
    const adviceId = await adviceFor(pair.id);
    // 16:30 UTC is already 19 November in Tokyo, where the mentee lives.
    clock.set('2026-11-18T16:30:00Z');
    expect(await services.advice.snoozeAdvice(mentee, adviceId)).toBe('2026-11-26');
  });

  it('lets only the mentee put advice off, and not once the loop is closed', async () => {
    const pair = await newPair();
    const adviceId = await adviceFor(pair.id);
    await expect(services.advice.snoozeAdvice(mentor, adviceId)).rejects.toThrow(ONLY_MENTEE_CLOSES);
    await expect(services.advice.snoozeAdvice(outsider, adviceId)).rejects.toBeInstanceOf(AccessError);
    await services.advice.closeLoop(mentee, { adviceId, outcome: 'not_applicable', outcomeText: null, usefulness: null });
    await expect(services.advice.snoozeAdvice(mentee, adviceId)).rejects.toThrow('You already closed the loop on this advice.');
  });
});

describe('goal service', () => {
  it('closes a goal once: a second press reports the status it already has', async () => {
    const pair = await newPair();
    const { goal } = await services.goals.setGoal(mentee, { pairId: pair.id, title: 'Lead a review', outcome: '', successMeasure: '', targetDate: null, milestones: [], celebratePublicly: false });
    const first = await services.goals.setGoalStatus(mentor, goal.id, 'achieved');
    expect(first.changed).toBe(true);
    expect(first.goal.achieved_at?.toISOString()).toBe('2026-11-18T14:00:00.000Z');
    const second = await services.goals.setGoalStatus(mentee, goal.id, 'dropped');
    expect(second).toMatchObject({ changed: false, goal: { status: 'achieved' } });
    await expect(services.goals.setGoalDate(mentee, goal.id, '2027-01-31')).rejects.toBeInstanceOf(UserError);
  });

  it("refuses people outside the goal's pair the same way whether or not the goal exists", async () => {
    const pair = await newPair();
    const { goal } = await services.goals.setGoal(mentee, { pairId: pair.id, title: 'Lead a review', outcome: '', successMeasure: '', targetDate: null, milestones: [], celebratePublicly: false });
    await expect(services.goals.changeableGoal(outsider, goal.id)).rejects.toThrow(NOT_IN_PAIR);
    await expect(services.goals.changeableGoal(outsider, 999_999)).rejects.toThrow("That goal isn't yours to change.");
  });
});

describe('mute service', () => {
  it('mutes for the given days and unmutes only while a mute is in force', async () => {
    const until = await services.mute.mute(mentor, { days: 14, label: '2 weeks' });
    expect(until?.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    clock.set('2026-12-02T14:00:01Z');
    expect(await services.mute.unmute(mentor)).toBe(false);
    await services.mute.mute(mentor, undefined);
    expect(await services.mute.unmute(mentor)).toBe(true);
  });
});
