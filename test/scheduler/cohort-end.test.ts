import { beforeEach, describe, expect, it } from 'vitest';
import { grantAdmin } from '../../src/db/repositories/admins-repository.ts';
import { defaultProgram, insertProgram } from '../../src/db/repositories/programs-repository.ts';
import type { NudgeRule, Program } from '../../src/db/schema.ts';
import { directMessagesTo, pairUp, press, submitGoal, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// Pairs start on Wed 2026-11-18; the program ends on Mon 2026-12-07. At 15:00 UTC the mentee
// (Berlin), the mentor (New York) and the admin (London) are all inside their working hours.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let spring: Program;
let pairId: number;
let otherPairId: number;

async function newProgram(name: string, endsOn: string | null): Promise<Program> {
  return insertProgram(db(), await defaultProgram(db(), TEAM), {
    name, description: '', kind: 'standard', startsOn: null, endsOn, celebrationChannel: 'CWINS', enrolmentOpen: true,
  });
}

async function moveInto(program: Program, ...pairs: number[]): Promise<void> {
  await db().updateTable('pairs').set({ program_id: program.id }).where('id', 'in', pairs).execute();
}

const rules = async (rule: NudgeRule) => (await db().selectFrom('nudges').select(['recipient_id', 'period', 'status']).where('rule', '=', rule).orderBy('recipient_id').execute());
const wrapUpsTo = (person: { id: string }) => directMessagesTo(t, person).filter((c) => textOf(c.args).includes('time to wrap up'));
const endDmsTo = (person: { id: string }) => directMessagesTo(t, person).filter((c) => textOf(c.args).includes('graduation shout-out'));

beforeEach(async () => {
  pairId = await pairUp(t);
  otherPairId = await pairUp(t, PEOPLE.outsider, PEOPLE.mentee2);
  // Only the first mentee says a goal may be celebrated publicly.
  expect((await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Lead a design review', celebrate: true })).status).toBe(200);
  expect((await submitGoal(t, PEOPLE.mentee2, JSON.stringify({ pairId: otherPairId }), { title: 'SECRET-GOAL private', celebrate: false })).status).toBe(200);
  await t.bot.idle();
  await t.sweepAt('2026-11-18T15:00:00Z'); // the goals' confidence questions go out that day
  spring = await newProgram('Spring cohort', '2026-12-07');
  await moveInto(spring, pairId, otherPairId);
  t.fake.reset();
});

describe("a program's end date", () => {
  it('asks both members to wrap up once on the end day, bundled into their one message, and not before', async () => {
    await t.sweepAt('2026-12-04T15:00:00Z'); // the Friday before: nothing about the end
    expect(await rules('cohort_end')).toEqual([]);

    const day = await t.sweepAt('2026-12-07T15:00:00Z');
    expect(day.decided).toBeGreaterThan(0);
    await t.sweepAt('2026-12-07T15:30:00Z');
    await t.sweepAt('2026-12-08T15:00:00Z');
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      expect(wrapUpsTo(person), person.id).toHaveLength(1);
      const dm = wrapUpsTo(person)[0]!.args;
      expect(textOf(dm)).toContain('*Spring cohort ends on Mon 7 Dec: time to wrap up* with');
      const buttons = dm.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => [b.action_id, b.value]);
      expect(buttons).toContainEqual(['nudge_open_review', String(pairId)]);
    }
    // The pairing has also gone quiet: both reminders arrive in the same single message of the day.
    const mentorDec7 = directMessagesTo(t, PEOPLE.mentor).filter((c) => textOf(c.args).includes('time to wrap up'));
    expect(textOf(mentorDec7[0]!.args)).toContain("haven't met since");
    expect((await rules('cohort_end')).filter((n) => n.recipient_id === PEOPLE.mentor.id)).toEqual([{ recipient_id: PEOPLE.mentor.id, period: '2026-12-07', status: 'bundled' }]);
  });

  it('wraps up a paused pairing too: the send re-check keeps it', async () => {
    await db().updateTable('pairs').set({ status: 'paused' }).where('id', '=', pairId).execute();
    await t.sweepAt('2026-12-07T15:00:00Z');
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) expect(wrapUpsTo(person), person.id).toHaveLength(1);
    expect((await rules('cohort_end')).filter((n) => n.recipient_id === PEOPLE.mentee.id).map((n) => n.status)).toEqual(['bundled']);
  });

  it('gives the admins one message: a shout-out draft naming only who consented, and the final report', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    // Monday's digest (the main program) was the admin's message of the day: this one follows the next morning.
    await t.sweepAt('2026-12-08T09:30:00Z');
    await t.sweepAt('2026-12-08T10:00:00Z');
    // No admin granted for the program: the workspace admins get it, once.
    const dms = endDmsTo(PEOPLE.admin);
    expect(dms).toHaveLength(1);
    expect(slackLimitViolations('chat.postMessage', dms[0]!.args)).toEqual([]);
    const text = textOf(dms[0]!.args);
    expect(text).toContain('*Spring cohort ended on Mon 7 Dec.*');
    expect(text).toContain(`Shout-out to <@${PEOPLE.mentee.id}>!`);
    // The draft (before the final report; the program's digest may share the message) names only who consented.
    const draft = text.slice(text.indexOf('*Suggested shout-out*')).split('*Final report')[0]!;
    for (const unnamed of [PEOPLE.mentee2, PEOPLE.mentor, PEOPLE.outsider]) expect(draft).not.toContain(unnamed.id);
    expect(text).toContain('Thank you too to the 3 other people who took part.');
    expect(text).toContain('*Final report of Spring cohort*');
    expect(text).not.toContain('SECRET-GOAL');
    const buttons = dms[0]!.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => [b.action_id, b.value]);
    const graduation = await db().selectFrom('celebrations').selectAll().where('kind', '=', 'graduation').executeTakeFirstOrThrow();
    expect(graduation.people).toEqual([PEOPLE.mentee.id]);
    // The program's weekly digest shares the message, with its own *Open report*.
    expect(buttons).toEqual([
      ['open_report', String(spring.id)],
      ['celebration_post', String(graduation.id)],
      ['celebration_edit', String(graduation.id)],
      ['program_carry_over', String(spring.id)],
    ]);

    // *Post to the channel*: the shout-out goes to the program's channel; only that row of the message changes.
    const dm = dms[0]!;
    const sent = await db().selectFrom('deliveries').select(['channel_id', 'message_ts']).where('recipient_id', '=', PEOPLE.admin.id).where('local_day', '=', '2026-12-08').executeTakeFirstOrThrow();
    const row = dm.args.blocks.find((b: any) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === 'celebration_post'));
    t.fake.reset();
    const res = await t.slack.blockAction({
      user_id: PEOPLE.admin.id,
      channel_id: sent.channel_id!,
      message: { ts: sent.message_ts!, text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'celebration_post', value: String(graduation.id), block_id: row.block_id }],
    });
    expect(res.status).toBe(200);
    await t.bot.idle();
    const post = t.fake.callsTo('chat.postMessage').find((c) => c.args.channel === 'CWINS')!.args;
    expect(post.text).toContain(`Shout-out to <@${PEOPLE.mentee.id}>`);
    expect(post.text).not.toContain(PEOPLE.mentee2.id);
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(textOf(update)).toContain(`Posted to <#CWINS> by <@${PEOPLE.admin.id}>`);
    expect(textOf(update)).toContain('*Final report of Spring cohort*');
    expect(update.blocks.some((b: any) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === 'program_carry_over'))).toBe(true);
  });

  it("goes to the program's granted admins instead of the workspace admins when it has some", async () => {
    await grantAdmin(db(), TEAM, spring.id, PEOPLE.mentee.id, PEOPLE.admin.id);
    await t.sweepAt('2026-12-07T15:00:00Z');
    expect((await rules('cohort_end_admin')).map((n) => n.recipient_id)).toEqual([PEOPLE.mentee.id]);
    expect(endDmsTo(PEOPLE.admin)).toHaveLength(0);
    expect(endDmsTo(PEOPLE.mentee)).toHaveLength(1);

    // The program's own admin may post its shout-out; someone who runs nothing may not.
    const graduation = await db().selectFrom('celebrations').select('id').where('kind', '=', 'graduation').executeTakeFirstOrThrow();
    const refused = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'celebration_post', String(graduation.id)));
    expect(textOf(refused)).toContain('Only program admins can do that');
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CWINS')).toHaveLength(0);
    expect((await press(t, PEOPLE.mentee, 'celebration_post', String(graduation.id))).status).toBe(200);
    await t.bot.idle();
    expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CWINS')).toHaveLength(1);
  });

  it('never ends a program without an end date', async () => {
    await db().updateTable('programs').set({ ends_on: null }).where('id', '=', spring.id).execute();
    const open = spring;
    await t.sweepAt('2027-12-07T15:00:00Z');
    expect(await rules('cohort_end')).toEqual([]);
    expect(await rules('cohort_end_admin')).toEqual([]);
    expect((await db().selectFrom('programs').select('archived_at').where('id', '=', open.id).executeTakeFirstOrThrow()).archived_at).toBeNull();
  });

  it('archives the program once its last pairing has ended, and only then; the main program never', async () => {
    await t.sweepAt('2026-12-07T15:00:00Z');
    const archivedAt = async () => (await db().selectFrom('programs').select('archived_at').where('id', '=', spring.id).executeTakeFirstOrThrow()).archived_at;
    expect(await archivedAt()).toBeNull();

    await db().updateTable('pairs').set({ status: 'ended', ended_at: new Date('2026-12-08T10:00:00Z') }).where('id', '=', pairId).execute();
    await t.sweepAt('2026-12-08T15:00:00Z');
    expect(await archivedAt()).toBeNull(); // one pairing still runs

    await db().updateTable('pairs').set({ status: 'ended', ended_at: new Date('2026-12-09T10:00:00Z') }).where('id', '=', otherPairId).execute();
    const sweep = await t.sweepAt('2026-12-09T15:00:00Z');
    expect(sweep.archivedPrograms).toBe(1);
    expect((await archivedAt())?.toISOString()).toBe('2026-12-09T15:00:00.000Z');
    expect((await t.sweepAt('2026-12-10T15:00:00Z')).archivedPrograms).toBe(0);
    expect((await archivedAt())?.toISOString()).toBe('2026-12-09T15:00:00.000Z');

    // The main program with an end date and nothing running stays.
    await db().updateTable('programs').set({ ends_on: '2026-12-01' }).where('is_default', '=', true).execute();
    await t.sweepAt('2026-12-11T15:00:00Z');
    expect((await defaultProgram(db(), TEAM)).archived_at).toBeNull();
  });
});
