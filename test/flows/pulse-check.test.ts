import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, startTestBot, type TestBot } from '../helpers/test-bot.ts';

// The pair starts on Wed 2026-11-18 (UTC): day 30 of the pairing is Fri 2026-12-18. At 15:00 UTC it
// is 16:00 in Berlin (the mentee) and 10:00 in New York (the mentor): inside both working days.
let t: TestBot;
let pairId: number;
const db = () => t.bot.database.db;

beforeAll(async () => {
  t = await startTestBot({ now: '2026-11-18T14:00:00Z' });
});
afterAll(async () => t?.close());
beforeEach(async () => {
  t.clock.set('2026-11-18T14:00:00Z');
  for (const table of ['pulse_answers', 'nudges', 'deliveries', 'rule_snoozes'] as const) await db().deleteFrom(table).execute();
  await db().deleteFrom('pairs').execute();
  await db().updateTable('programs').set({ pulse_enabled: true, pulse_days: [30, 90] }).execute();
  pairId = await pairUp(t);
  t.fake.reset();
});
afterEach(async () => {
  await t.bot.idle();
  expect(t.fake.violations).toEqual([]);
});

const sweepAt = async (iso: string) => {
  t.clock.set(iso);
  return t.bot.sweep(new Date(iso));
};
const buttonsOf = (blocks: any[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e: any) => ({ action_id: e.action_id, value: e.value, block_id: b.block_id })) : []));
const pulseDmsTo = (person: { id: string }) =>
  t.fake
    .callsTo('chat.postMessage')
    .filter((c) => c.args.channel === person.id || c.args.channel === `D${person.id}`)
    .filter((c) => buttonsOf(c.args.blocks ?? []).some((b: any) => b.action_id.startsWith('pulse_')));
const pulseNudges = () => db().selectFrom('nudges').select(['recipient_id', 'period', 'subject']).where('rule', '=', 'pulse').orderBy('recipient_id').execute();
const answers = () => db().selectFrom('pulse_answers').select(['respondent_id', 'day', 'answer']).orderBy('respondent_id').execute();

describe('the pulse check', () => {
  it('asks each member on day 30 of the pairing, once, with Going well / Could be better / Not working', async () => {
    await sweepAt('2026-12-17T15:00:00Z'); // day 29
    expect(await pulseNudges()).toEqual([]);

    await sweepAt('2026-12-18T15:00:00Z'); // day 30
    expect(await pulseNudges()).toEqual([
      { recipient_id: PEOPLE.mentee.id, period: 'day30', subject: `pair:${pairId}` },
      { recipient_id: PEOPLE.mentor.id, period: 'day30', subject: `pair:${pairId}` },
    ]);
    const [toMentee] = pulseDmsTo(PEOPLE.mentee);
    expect(textOf(toMentee!.args)).toContain(`How is your mentoring with <@${PEOPLE.mentor.id}> going?`);
    expect(buttonsOf(toMentee!.args.blocks).filter((b: any) => b.action_id.startsWith('pulse_')).map((b: any) => [b.action_id, b.value])).toEqual([
      ['pulse_going_well', `${pairId}:30`],
      ['pulse_could_be_better', `${pairId}:30`],
      ['pulse_not_working', `${pairId}:30`],
    ]);
    expect(textOf(pulseDmsTo(PEOPLE.mentor)[0]!.args)).toContain(`How is your mentoring with <@${PEOPLE.mentee.id}> going?`);

    await sweepAt('2026-12-18T16:00:00Z');
    await sweepAt('2026-12-21T15:00:00Z'); // Monday, still inside the late window
    expect(await pulseNudges()).toHaveLength(2);
    expect(pulseDmsTo(PEOPLE.mentee)).toHaveLength(1);
    expect(pulseDmsTo(PEOPLE.mentor)).toHaveLength(1);
  });

  it('records the pressed answer privately; a second answer updates the first; only the pair’s members may answer', async () => {
    await sweepAt('2026-12-18T15:00:00Z');
    const dm = pulseDmsTo(PEOPLE.mentee)[0]!;
    const row = buttonsOf(dm.args.blocks).find((b: any) => b.action_id === 'pulse_not_working')!;
    const res = await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      channel_id: dm.args.channel,
      message: { ts: '1795000000.000200', text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'pulse_not_working', value: row.value, block_id: row.block_id }],
    });
    expect(res.status).toBe(200);
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(update.ts).toBe('1795000000.000200');
    expect(JSON.stringify(update.blocks)).toContain('*Not working* noted for day 30');
    expect(JSON.stringify(update.blocks)).toContain('/mentor feedback');
    expect(buttonsOf(update.blocks).filter((b: any) => b.block_id === row.block_id)).toEqual([]);
    expect(await answers()).toEqual([{ respondent_id: PEOPLE.mentee.id, day: 30, answer: 'not_working' }]);

    await press(t, PEOPLE.mentee, 'pulse_going_well', `${pairId}:30`);
    await press(t, PEOPLE.mentor, 'pulse_could_be_better', `${pairId}:30`);
    await t.bot.idle();
    expect(await answers()).toEqual([
      { respondent_id: PEOPLE.mentee.id, day: 30, answer: 'going_well' },
      { respondent_id: PEOPLE.mentor.id, day: 30, answer: 'could_be_better' },
    ]);

    const notice = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'pulse_not_working', `${pairId}:30`));
    expect(textOf({ blocks: notice.blocks })).toContain('not part of that pairing');
    const forged = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'pulse_not_working', `${pairId}:0`));
    expect(textOf({ blocks: forged.blocks })).toContain("isn't one I asked");
    expect(await answers()).toHaveLength(2);
  });

  it('asks nothing of a paused pairing, nor where the program turned the pulse off; the program chooses the days', async () => {
    await t.slack.command({ text: 'pause', user_id: PEOPLE.mentee.id });
    await sweepAt('2026-12-18T15:00:00Z');
    expect(await pulseNudges()).toEqual([]);

    await t.slack.command({ text: 'resume', user_id: PEOPLE.mentee.id });
    await db().updateTable('programs').set({ pulse_enabled: false }).execute();
    await sweepAt('2026-12-19T15:00:00Z');
    expect(await pulseNudges()).toEqual([]);

    await db().updateTable('programs').set({ pulse_enabled: true, pulse_days: [14, 60] }).execute();
    await sweepAt('2027-01-18T15:00:00Z'); // day 61
    expect((await pulseNudges()).map((n) => n.period)).toEqual(['day60', 'day60']);
    expect(pulseDmsTo(PEOPLE.mentee)).toHaveLength(1);
  });
});
