import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { answered, dmsTo, eventually, lastHomeOf, pairUp, submitFeedback as sendFeedback, submitLog, submitReview, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

/**
 * A person with pairings in two programs: Maya mentors Theo in the main program ("Mentoring") and
 * Sam in "Spring cohort", whose rules differ. Each pairing follows its own program's rules.
 */
const SPRING_ADMIN = { id: 'USPRING01', real_name: 'Bea Spring', tz: 'UTC' };
const t = useTestBot({ users: [...Object.values(PEOPLE), SPRING_ADMIN], noErrorLogs: true });
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };

let mainId: number;
let springId: number;
let mainPair: number;
let springPair: number;

async function grant(programId: number, person: Person): Promise<void> {
  await db().insertInto('members').values({ team_id: TEAM, user_id: person.id, real_name: person.real_name, created_at: new Date('2026-11-01T00:00:00Z') }).onConflict((oc) => oc.doNothing()).execute();
  await db().insertInto('program_admins').values({ team_id: TEAM, program_id: programId, user_id: person.id, granted_by: PEOPLE.admin.id, granted_at: new Date('2026-11-01T00:00:00Z') }).execute();
}

beforeEach(async () => {
  const main = await defaultProgram(db(), TEAM);
  mainId = main.id;
  await db().updateTable('programs').set({ celebration_channel: 'CMAIN0001', max_advice_lines: 5, follow_up_days: 7, review_months: 6 }).where('id', '=', mainId).execute();
  const spring = await db()
    .insertInto('programs')
    .values({ team_id: TEAM, name: 'Spring cohort', celebration_channel: 'CSPRING01', max_advice_lines: 2, follow_up_days: 3, review_months: 2, ends_on: '2027-05-31', created_at: new Date('2026-11-01T00:00:00Z') })
    .returning('id')
    .executeTakeFirstOrThrow();
  springId = spring.id;
  // Outsider runs only the main program; Bea runs only the spring cohort.
  await grant(mainId, PEOPLE.outsider);
  await grant(springId, SPRING_ADMIN);
  mainPair = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee, 'in Mentoring');
  springPair = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2, 'in Spring cohort');
  t.fake.reset();
});

async function homeOf(person: Person): Promise<any> {
  const before = t.fake.callsTo('views.publish').filter((c) => c.args.user_id === person.id).length;
  await t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: `D${person.id}`, tab: 'home', event_ts: `${Date.now()}.${person.id}` } });
  await eventually(() => expect(t.fake.callsTo('views.publish').filter((c) => c.args.user_id === person.id).length).toBeGreaterThan(before));
  await t.bot.idle();
  return lastHomeOf(t, person)!.args.view;
}

const headers = (blocks: any[]) => blocks.filter((b) => b.type === 'header').map((b) => b.text.text as string);

describe('Home and /mentor status by program', () => {
  it('groups the cards of someone in two programs under a heading per program, with its end date', async () => {
    const view = await homeOf(PEOPLE.mentor);
    expect(headers(view.blocks)).toEqual(['Your mentoring', 'Mentoring', 'Spring cohort · ends Mon 31 May 2027']);
    const text = JSON.stringify(view.blocks);
    const main = text.indexOf('"Mentoring"');
    const spring = text.indexOf('Spring cohort · ends');
    // Theo's card sits under Mentoring, Sam's under the spring cohort.
    expect(text.indexOf(PEOPLE.mentee.id)).toBeGreaterThan(main);
    expect(text.indexOf(PEOPLE.mentee.id)).toBeLessThan(spring);
    expect(text.indexOf(PEOPLE.mentee2.id, spring)).toBeGreaterThan(spring);
  });

  it('shows someone in one program exactly as before: no program heading', async () => {
    const view = await homeOf(PEOPLE.mentee2);
    // The main program, open to people not in it, is offered below; the pairing itself has no heading.
    expect(headers(view.blocks)).toEqual(['Your mentoring', 'Programs you can join']);
    expect(textOf({ blocks: view.blocks })).not.toContain('Spring cohort');
  });

  it('/mentor status lists the pairings grouped by program too', async () => {
    const res = await answered(t, t.slack.command({ text: 'status', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    const blocks = res.blocks ?? t.fake.callsTo('response_url').at(-1)!.args.blocks;
    expect(headers(blocks)).toEqual(['Your mentoring', 'Mentoring', 'Spring cohort · ends Mon 31 May 2027']);
    const one = await answered(t, t.slack.command({ text: 'status', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl() }));
    expect(headers(one.blocks ?? t.fake.callsTo('response_url').at(-1)!.args.blocks)).toEqual(['Your mentoring']);
  });
});

describe('the log form and the pairing’s program', () => {
  it('offers the pairings labelled with the partner and the program; one pairing asks nothing', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    const select = view.blocks.find((b: any) => b.block_id === 'pair_id');
    expect(select.element.options.map((o: any) => o.text.text)).toEqual(['Mentoring Theo Mentee · Mentoring', 'Mentoring Sam Second · Spring cohort']);
    const single = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentee2.id, response_url: t.fake.responseUrl() }));
    expect(single.blocks.find((b: any) => b.block_id === 'pair_id')).toBeUndefined();
    expect(textOf({ blocks: single.blocks })).not.toContain('Spring cohort');
    expect(textOf({ blocks: single.blocks })).toContain('Up to 2 lines');
  });

  it('the goal form names each pairing with its program too', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    const select = view.blocks.find((b: any) => b.block_id === 'pair_id');
    expect(select.element.options.map((o: any) => o.text.text)).toEqual(['Mentoring Theo Mentee · Mentoring', 'Mentoring Sam Second · Spring cohort']);
  });

  it('checks advice lines and sets follow-up days by the chosen pairing’s program', async () => {
    const advice = 'Ask for feedback early\nWrite it down\nShare the draft';
    const refused = await submitLog(t, PEOPLE.mentor, undefined, { pairPick: String(springPair), advice });
    expect(refused.json.response_action).toBe('errors');
    expect(refused.json.errors.advice).toContain('Up to 2 pieces of advice');

    const main = await submitLog(t, PEOPLE.mentor, undefined, { pairPick: String(mainPair), advice, heldOn: '2026-11-17' });
    expect(main.json.response_action).toBe('update');
    const spring = await submitLog(t, PEOPLE.mentor, undefined, { pairPick: String(springPair), advice: 'Ask for feedback early', heldOn: '2026-11-17' });
    expect(spring.json.response_action).toBe('update');
    await t.bot.idle();
    const followUps = await db().selectFrom('advice_items').select(['pair_id', 'follow_up_on']).orderBy('id').execute();
    // The main program follows up after 7 days, the spring cohort after 3.
    expect(followUps.filter((a) => a.pair_id === mainPair).map((a) => a.follow_up_on)).toEqual(['2026-11-24', '2026-11-24', '2026-11-24']);
    expect(followUps.filter((a) => a.pair_id === springPair).map((a) => a.follow_up_on)).toEqual(['2026-11-20']);
  });

  it('refuses a pairing that is not the person’s own, whatever its program', async () => {
    const res = await submitLog(t, PEOPLE.mentee, undefined, { pairPick: String(springPair), advice: 'a\nb\nc' });
    expect(JSON.stringify(res.json)).not.toContain('Up to 2 pieces');
    expect(await db().selectFrom('sessions').select('id').execute()).toHaveLength(0);
  });
});

describe('reviews by program', () => {
  it('"continue" moves the review by the pairing’s own program’s months', async () => {
    await db().updateTable('pairs').set({ review_on: '2026-11-18' }).where('id', 'in', [mainPair, springPair]).execute();
    expect((await submitReview(t, PEOPLE.mentor, springPair, { achieved: 'Good start', decision: 'continue' })).json.response_action).toBe('update');
    expect((await submitReview(t, PEOPLE.mentor, mainPair, { achieved: 'Good start', decision: 'continue' })).json.response_action).toBe('update');
    const reviewOn = async (id: number) => (await db().selectFrom('pairs').select('review_on').where('id', '=', id).executeTakeFirstOrThrow()).review_on;
    expect(await reviewOn(springPair)).toBe('2027-01-18');
    expect(await reviewOn(mainPair)).toBe('2027-05-18');
  });
});

const submitFeedback = (person: Person, about: string, body: string) => sendFeedback(t, person, about, body);

const notesTo = (person: Person) => dmsTo(t, person).filter((c) => textOf(c.args).includes('FEEDBACK-'));

describe('feedback by program', () => {
  it('a note about a pairing in the spring cohort reaches its admins, not the main program’s own admins', async () => {
    const res = await answered(t, submitFeedback(PEOPLE.mentor, String(springPair), 'FEEDBACK-SPRING about Sam'));
    expect(res.response_action).toBe('update');
    await eventually(() => expect(notesTo(SPRING_ADMIN)).toHaveLength(1));
    expect(notesTo(PEOPLE.admin)).toHaveLength(1);
    expect(notesTo(PEOPLE.outsider)).toHaveLength(0);
    const note = await db().selectFrom('feedback_notes').select(['program_id', 'pair_id']).executeTakeFirstOrThrow();
    expect(note).toEqual({ program_id: springId, pair_id: springPair });

    await answered(t, submitFeedback(PEOPLE.mentor, String(mainPair), 'FEEDBACK-MAIN about Theo'));
    await eventually(() => expect(notesTo(PEOPLE.outsider)).toHaveLength(1));
    expect(notesTo(SPRING_ADMIN)).toHaveLength(1);
    // Handled by the spring admin: the Homes refreshed are the spring cohort's admins', not the main program's own.
    await t.bot.idle();
    t.fake.reset();
    const springNote = await db().selectFrom('feedback_notes').select('id').where('program_id', '=', springId).executeTakeFirstOrThrow();
    await answered(t, t.slack.blockAction({ user_id: SPRING_ADMIN.id, team_id: TEAM, actions: [{ action_id: 'feedback_mark_handled', value: String(springNote.id) }] }));
    await t.bot.idle();
    const refreshed = t.fake.callsTo('views.publish').map((c) => c.args.user_id);
    expect(refreshed).toContain(SPRING_ADMIN.id);
    expect(refreshed).not.toContain(PEOPLE.outsider.id);
  });

  it('asks someone in several programs which program a general note is about', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'feedback', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    const options = view.blocks.find((b: any) => b.block_id === 'pair_id').element.options.map((o: any) => [o.text.text, o.value]);
    expect(options).toEqual([
      ['Mentoring Theo Mentee · Mentoring', String(mainPair)],
      ['Mentoring Sam Second · Spring cohort', String(springPair)],
      ['Mentoring in general', `general:${mainId}`],
      ['Spring cohort in general', `general:${springId}`],
    ]);
    await answered(t, submitFeedback(PEOPLE.mentor, `general:${springId}`, 'FEEDBACK-GENERAL spring'));
    await eventually(() => expect(notesTo(SPRING_ADMIN)).toHaveLength(1));
    expect(notesTo(PEOPLE.outsider)).toHaveLength(0);
    expect(await db().selectFrom('feedback_notes').select(['program_id', 'pair_id']).execute()).toEqual([{ program_id: springId, pair_id: null }]);

    // An older form's "the program in general" does not guess.
    const vague = await submitFeedback(PEOPLE.mentor, 'general', 'FEEDBACK-VAGUE');
    expect(JSON.stringify(vague.json)).toContain('several programs');
    const garbled = await submitFeedback(PEOPLE.mentor, 'general:abc', 'FEEDBACK-GARBLED');
    expect(garbled.json).toMatchObject({ response_action: 'errors', errors: { pair_id: 'Choose what the note is about.' } });
    // Someone else's pairing, in either program, is refused.
    const notTheirs = await submitFeedback(PEOPLE.mentee2, String(mainPair), 'FEEDBACK-NOT-THEIRS');
    expect(JSON.stringify(notTheirs.json)).toContain("You're not part of that pairing");
    expect(await db().selectFrom('feedback_notes').select('id').execute()).toHaveLength(1);
  });

  it('someone in one program sees the usual choice, and cannot write to a program they are not in', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'feedback', user_id: PEOPLE.mentee2.id, response_url: t.fake.responseUrl() }));
    const options = view.blocks.find((b: any) => b.block_id === 'pair_id').element.options.map((o: any) => [o.text.text, o.value]);
    expect(options).toEqual([
      ['Mentored by Maya Mentor', String(springPair)],
      ['The program in general', 'general'],
    ]);
    await answered(t, submitFeedback(PEOPLE.mentee2, 'general', 'FEEDBACK-ONE program'));
    await eventually(() => expect(notesTo(SPRING_ADMIN)).toHaveLength(1));
    expect(notesTo(PEOPLE.outsider)).toHaveLength(0);

    const elsewhere = await submitFeedback(PEOPLE.mentee2, `general:${mainId}`, 'FEEDBACK-ELSEWHERE');
    expect(JSON.stringify(elsewhere.json)).toContain('your own programs');
    expect(await db().selectFrom('feedback_notes').select('program_id').execute()).toEqual([{ program_id: springId }]);
  });
});

describe('celebrations by program', () => {
  it("a spring pairing's 10th session is suggested to the spring admins with the spring channel", async () => {
    const day = (n: number) => `2026-11-${String(n).padStart(2, '0')}`;
    for (let n = 1; n <= 10; n++) expect((await submitLog(t, PEOPLE.mentee2, springPair, { heldOn: day(n) })).json.response_action).toBe('update');
    await t.bot.idle();
    const suggestion = await db().selectFrom('celebrations').select(['program_id', 'channel_id', 'kind']).executeTakeFirstOrThrow();
    expect(suggestion).toEqual({ program_id: springId, channel_id: 'CSPRING01', kind: 'tenth_session' });
    const suggested = (p: Person) => dmsTo(t, p).filter((c) => JSON.stringify(c.args.blocks ?? []).includes('celebration_actions_'));
    expect(suggested(SPRING_ADMIN)).toHaveLength(1);
    expect(suggested(PEOPLE.outsider)).toHaveLength(0);
  });
});
