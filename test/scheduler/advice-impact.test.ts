import { beforeEach, describe, expect, it } from 'vitest';
import { answered, directMessagesTo, pairUp, press, submitLog, submitLoop, textOf } from '../helpers/flows.ts';
import { PEOPLE, useTestBot } from '../helpers/test-bot.ts';
import { planSweep } from '../../src/scheduler/sweep.ts';

// The monthly advice-impact DM: from the 1st of each month, each mentor hears how their advice of
// the month before landed in their own pairings. Pairs start on Wed 2026-11-18; Tue 1 Dec at 15:00
// UTC is 10:00 in New York (the mentor) and 07:00 in Los Angeles (the outsider, mentoring mentee2).
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let pairId: number;
let otherPairId: number;

const adviceOf = async (pair: number) => (await db().selectFrom('advice_items').select('id').where('pair_id', '=', pair).orderBy('id').execute()).map((a) => a.id);

/** November: three pieces of advice in the mentor's pairing, two tried, one didn't apply; one in the outsider's. */
async function november(): Promise<void> {
  expect((await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-18', advice: 'Ask for feedback SECRET-ADVICE\nShare drafts early\nTimebox the review' })).status).toBe(200);
  expect((await submitLog(t, PEOPLE.mentee2, otherPairId, { heldOn: '2026-11-18', advice: 'OTHER-ADVICE: pair on it' })).status).toBe(200);
  await t.bot.idle();
  t.clock.set('2026-11-25T10:00:00Z');
  const [worked, didnt, notApplicable] = await adviceOf(pairId);
  await answered(t, submitLoop(t, PEOPLE.mentee, worked!, 'tried_worked', 'My team loved it SECRET-OUTCOME', '5'));
  await answered(t, submitLoop(t, PEOPLE.mentee, didnt!, 'tried_didnt', 'Too early for drafts', '2'));
  await answered(t, press(t, PEOPLE.mentee, 'nudge_loop_didnt_apply', String(notApplicable)));
  const [other] = await adviceOf(otherPairId);
  await answered(t, submitLoop(t, PEOPLE.mentee2, other!, 'tried_worked', 'OTHER-WORDS it helped', '4'));
  t.fake.reset();
}

const impactDms = (person: { id: string }) => directMessagesTo(t, person).filter((c) => textOf(c.args).includes('How your advice landed'));
const impactNudges = () => db().selectFrom('nudges').select(['recipient_id', 'subject', 'period', 'detail', 'status']).where('rule', '=', 'advice_impact').orderBy('recipient_id').execute();

beforeEach(async () => {
  pairId = await pairUp(t);
  otherPairId = await pairUp(t, PEOPLE.outsider, PEOPLE.mentee2);
  t.fake.reset();
});

describe('the monthly advice-impact DM', () => {
  it('on the 1st each mentor hears about their own pairings only, once, composed when it is sent', async () => {
    await november();
    const program = await db().selectFrom('programs').select('id').executeTakeFirstOrThrow();

    await t.sweepAt('2026-11-30T15:00:00Z'); // still November: nothing to say yet
    expect(await impactNudges()).toEqual([]);

    await t.sweepAt('2026-12-01T15:00:00Z');
    expect((await impactNudges()).map((n) => [n.recipient_id, n.subject, n.period, n.detail])).toEqual([
      [PEOPLE.mentor.id, `program:${program.id}`, '2026-11', { programId: program.id, month: '2026-11' }],
      [PEOPLE.outsider.id, `program:${program.id}`, '2026-11', { programId: program.id, month: '2026-11' }],
    ]);
    const [dm, ...more] = impactDms(PEOPLE.mentor);
    expect(more).toEqual([]);
    const text = textOf(dm!.args);
    expect(dm!.args.text).toContain('how your advice landed in November 2026');
    expect(text).toContain('You gave 3 pieces of advice in your pairings.');
    expect(text).toContain('*2 of the 3 pieces of advice your mentees reported back on were tried; 1 worked.*');
    expect(text).toContain('They found it 3.5 of 5 useful on average.');
    expect(text).toContain(`<@${PEOPLE.mentee.id}> on _Ask for feedback SECRET-ADVICE_: tried it and it worked (5/5 useful). “My team loved it SECRET-OUTCOME”`);
    expect(text).toContain("tried it and it didn't work (2/5 useful). “Too early for drafts”");
    expect(text).toContain("_Timebox the review_: it didn't apply in the end.");
    expect(text).not.toContain('OTHER-');
    // Still 07:00 in Los Angeles: the outsider's waits for their working hours.
    expect(impactDms(PEOPLE.outsider)).toEqual([]);

    await t.sweepAt('2026-12-01T18:00:00Z');
    const [toOutsider] = impactDms(PEOPLE.outsider);
    expect(textOf(toOutsider!.args)).toContain('*1 of the 1 piece of advice your mentees reported back on was tried; 1 worked.*');
    expect(textOf(toOutsider!.args)).toContain('OTHER-WORDS it helped');
    expect(textOf(toOutsider!.args)).not.toContain('SECRET-');

    // The nudges keep ids only, and a sent message keeps no mentee's words.
    const stored = JSON.stringify(await db().selectFrom('deliveries').select(['message']).execute()) + JSON.stringify(await impactNudges());
    for (const secret of ['SECRET-OUTCOME', 'SECRET-ADVICE', 'OTHER-WORDS', 'Too early']) expect(stored).not.toContain(secret);
    expect(stored).toContain('How your advice landed in November 2026');

    await t.sweepAt('2026-12-02T15:00:00Z');
    await t.sweepAt('2026-12-15T18:00:00Z');
    expect(await impactNudges()).toHaveLength(2);
    expect(impactDms(PEOPLE.mentor)).toHaveLength(1);
    expect(impactDms(PEOPLE.outsider)).toHaveLength(1);
  });

  it('a month with nothing to report sends nothing; the next month reports on its own advice', async () => {
    await november();
    await t.sweepAt('2026-12-01T18:00:00Z');
    t.fake.reset();
    await t.sweepAt('2027-01-04T15:00:00Z'); // nothing was given or reported back on in December
    expect((await impactNudges()).map((n) => n.period)).toEqual(['2026-11', '2026-11']);

    t.clock.set('2027-01-10T10:00:00Z');
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2027-01-08', advice: 'Write it down' });
    await t.bot.idle();
    t.fake.reset();
    await t.sweepAt('2027-02-01T15:00:00Z');
    const [dm] = impactDms(PEOPLE.mentor);
    expect(textOf(dm!.args)).toContain('How your advice landed in January 2027');
    expect(textOf(dm!.args)).toContain('You gave 1 piece of advice in your pairings.');
    expect(textOf(dm!.args)).toContain('Your mentees have not reported back on any advice yet this month.');
    expect(impactDms(PEOPLE.outsider)).toEqual([]);
  });

  it('is bundled with the day’s other reminders into one DM', async () => {
    await november();
    // First sweep in December on Mon 7 Dec: the pairing has gone quiet (due Sat 5 Dec) and November's DM is due.
    await t.sweepAt('2026-12-07T14:30:00Z');
    const dms = directMessagesTo(t, PEOPLE.mentor);
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0]!.args)).toContain("haven't met since");
    expect(textOf(dms[0]!.args)).toContain('How your advice landed in November 2026');
    expect(dms[0]!.args.text).toContain('2 things need you');
  });

  it('waits for working hours; a muted mentor and a program that turned it off get nothing', async () => {
    await november();
    await answered(t, t.slack.command({ text: 'mute 2w', user_id: PEOPLE.mentor.id }));
    await db().updateTable('programs').set({ advice_impact_enabled: false }).execute();
    await t.sweepAt('2026-12-01T18:00:00Z');
    expect(await impactNudges()).toEqual([]);

    await db().updateTable('programs').set({ advice_impact_enabled: true }).execute();
    await t.sweepAt('2026-12-02T12:00:00Z'); // 04:00 in Los Angeles
    expect((await impactNudges()).map((n) => [n.recipient_id, n.status])).toEqual([[PEOPLE.outsider.id, 'pending']]);
    expect(impactDms(PEOPLE.outsider)).toEqual([]);
    await t.sweepAt('2026-12-02T17:00:00Z'); // 09:00 in Los Angeles
    expect(impactDms(PEOPLE.outsider)).toHaveLength(1);
    expect(impactDms(PEOPLE.mentor)).toEqual([]);
  });

  it('the dry run says why, and sends nothing', async () => {
    await november();
    const plan = await planSweep(db(), new Date('2026-12-01T15:00:00Z'));
    expect(plan.filter((p) => p.rule === 'advice_impact').map((p) => [p.recipient_id, p.why])).toEqual([
      [PEOPLE.mentor.id, 'monthly advice impact for 2026-11: 3 pieces of advice given, 3 reported back on'],
      [PEOPLE.outsider.id, 'monthly advice impact for 2026-11: 1 pieces of advice given, 1 reported back on'],
    ]);
    expect(await impactNudges()).toEqual([]);
  });
});
