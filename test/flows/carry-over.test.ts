import { beforeEach, describe, expect, it } from 'vitest';
import { grantAdmin } from '../../src/db/repositories/admins-repository.ts';
import { defaultProgram, insertProgram } from '../../src/db/repositories/programs-repository.ts';
import type { Program } from '../../src/db/schema.ts';
import { directMessagesTo, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const CALLBACK = 'program_carry_over_modal';
const FIELD = 'program_carry_over_target';
const CARRY_OVER = 'program_carry_over';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };
let spring: Program;
let summer: Program;
let old: Program;
let pairIds: number[];

async function newProgram(name: string, endsOn: string | null): Promise<Program> {
  return insertProgram(db(), await defaultProgram(db(), TEAM), { name, description: '', kind: 'standard', startsOn: null, endsOn, celebrationChannel: null, enrolmentOpen: true });
}

function submitCarryOver(person: Person, fromId: number, toId: number | null) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: CALLBACK,
    private_metadata: JSON.stringify({ programId: fromId }),
    values: { [FIELD]: { value: { type: 'static_select', selected_option: toId === null ? null : { value: String(toId) } } } },
  });
}

/** What the person was told: the modal's text after a submission, or the notice a press opened. */
const told = (json: any) => textOf(json.view ?? json);
const programsOfPairs = async () => (await db().selectFrom('pairs').select('program_id').where('id', 'in', pairIds).orderBy('id').execute()).map((p) => p.program_id);
const noticeAfterPress = async (person: Person, value: string) => textOf(await viewOpenedBy(t, () => press(t, person, CARRY_OVER, value)));

beforeEach(async () => {
  pairIds = [await pairUp(t), await pairUp(t, PEOPLE.outsider, PEOPLE.mentee2)];
  spring = await newProgram('Spring cohort', '2026-12-07');
  summer = await newProgram('Summer cohort', '2027-06-30');
  old = await newProgram('Old cohort', null);
  await db().updateTable('programs').set({ archived_at: new Date('2026-11-01T00:00:00Z') }).where('id', '=', old.id).execute();
  await db().updateTable('pairs').set({ program_id: spring.id }).where('id', 'in', pairIds).execute();
  t.fake.reset();
});

describe('carrying pairings over at a program’s end', () => {
  it('moves the running pairings into the chosen program in one go; they get no wrap-up from the old one', async () => {
    // The end day: the wrap-ups are decided; the one to Tokyo still waits for its morning.
    await t.sweepAt('2026-12-07T15:00:00Z');
    const waiting = await db().selectFrom('nudges').select(['id', 'recipient_id']).where('rule', '=', 'cohort_end').where('status', '=', 'pending').execute();
    expect(waiting.map((n) => n.recipient_id)).toContain(PEOPLE.mentee2.id);

    const modal = await viewOpenedBy(t, () => press(t, PEOPLE.admin, CARRY_OVER, String(spring.id)));
    expect(modal.callback_id).toBe(CALLBACK);
    expect(slackLimitViolations('views.open', { view: modal })).toEqual([]);
    expect(textOf(modal)).toContain('2 pairings of *Spring cohort* are still running');
    const options = modal.blocks.find((b: any) => b.block_id === FIELD).element.options.map((o: any) => o.text.text);
    // Only running programs other than the one ending: the main one and Summer, never the archived one.
    expect(options).toContain('Summer cohort');
    expect(options).not.toContain('Spring cohort');
    expect(options).not.toContain('Old cohort');

    const res = await t.slack.viewSubmission({ user_id: PEOPLE.admin.id, team_id: TEAM, callback_id: CALLBACK, private_metadata: modal.private_metadata, values: { [FIELD]: { value: { type: 'static_select', selected_option: { value: String(summer.id) } } } } });
    expect(res.status).toBe(200);
    expect(told(res.json)).toContain('Moved 2 pairings from *Spring cohort* into *Summer cohort*');
    expect(await programsOfPairs()).toEqual([summer.id, summer.id]);
    // Their pending wrap-up is dropped; their other pending reminders follow them.
    const after = await db().selectFrom('nudges').select(['rule', 'status', 'program_id']).where('status', '=', 'pending').where('pair_id', 'in', pairIds).execute();
    expect(after.filter((n) => n.rule === 'cohort_end')).toEqual([]);
    expect(after.every((n) => n.program_id === summer.id)).toBe(true);

    t.fake.reset();
    for (const at of ['2026-12-08T00:30:00Z', '2026-12-08T17:30:00Z', '2026-12-09T15:00:00Z']) await t.sweepAt(at);
    for (const person of [PEOPLE.mentee2, PEOPLE.outsider]) expect(directMessagesTo(t, person).filter((c) => textOf(c.args).includes('time to wrap up')), person.id).toEqual([]);
    // Nothing runs in Spring any more: the sweep archived it, and a stale button says so.
    expect((await db().selectFrom('programs').select('archived_at').where('id', '=', spring.id).executeTakeFirstOrThrow()).archived_at).not.toBeNull();
    expect(await noticeAfterPress(PEOPLE.admin, String(spring.id))).toContain('*Spring cohort* is already archived: its pairings have all ended, so there is nothing to carry over.');
    expect(await programsOfPairs()).toEqual([summer.id, summer.id]);
  });

  it('a wrap-up already bundled but not yet delivered is withdrawn once its pairing was carried over', async () => {
    // Slack is down for the end day's posts: the messages wait to be retried.
    t.fake.failNext('chat.postMessage', { status: 500 }, 20);
    await t.sweepAt('2026-12-07T15:00:00Z');
    const bundled = await db().selectFrom('nudges').select('delivery_id').where('rule', '=', 'cohort_end').where('recipient_id', '=', PEOPLE.mentor.id).executeTakeFirstOrThrow();
    expect(bundled.delivery_id).not.toBeNull();
    const res = await submitCarryOver(PEOPLE.admin, spring.id, summer.id);
    expect(told(res.json)).toContain('Moved 2 pairings');

    t.fake.reset();
    // The retry finds the wrap-up's pairing gone to another program: withdrawn, the rest composed again and sent.
    await t.sweepAt('2026-12-07T16:00:00Z');
    await t.sweepAt('2026-12-07T16:15:00Z');
    expect((await db().selectFrom('nudges').select('status').where('rule', '=', 'cohort_end').where('recipient_id', '=', PEOPLE.mentor.id).executeTakeFirstOrThrow()).status).toBe('dropped');
    const toMentor = directMessagesTo(t, PEOPLE.mentor);
    expect(toMentor.length).toBeGreaterThan(0);
    for (const dm of toMentor) expect(textOf(dm.args)).not.toContain('time to wrap up');
    // The rest of that message (the pairing has gone quiet) still arrives.
    expect(toMentor.map((dm) => textOf(dm.args)).join('\n')).toContain("haven't met since");
  });

  it('`/mentor program carry-over <name>` opens the same modal; a non-admin or an unknown name gets a clear answer', async () => {
    const modal = await viewOpenedBy(t, () => t.slack.command({ text: 'program carry-over spring COHORT', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    expect(modal.callback_id).toBe(CALLBACK);
    expect(JSON.parse(modal.private_metadata).programId).toBe(spring.id);

    for (const [person, text, answer] of [
      [PEOPLE.outsider, 'program carry-over Spring cohort', 'Only program admins can do that'],
      [PEOPLE.outsider, 'program carry-over Nowhere', 'Only program admins can do that'],
      [PEOPLE.admin, 'program carry-over Nowhere', 'There\'s no program called "Nowhere"'],
    ] as const) {
      const url = t.fake.responseUrl();
      expect((await t.slack.command({ text, user_id: person.id, response_url: url })).status).toBe(200);
      await t.bot.idle();
      expect(t.fake.callsTo('response_url').filter((c) => c.args._url === url).map((c) => textOf(c.args)).join('\n'), text).toContain(answer);
    }
  });

  it('refuses someone who is no admin, an admin of one side only, an archived or the same program: nothing moves', async () => {
    expect(await noticeAfterPress(PEOPLE.outsider, String(spring.id))).toContain('Only program admins can do that');
    expect(told((await submitCarryOver(PEOPLE.outsider, spring.id, summer.id)).json)).toContain('Only program admins can do that');

    // The mentor runs Spring only: nowhere to carry to, and a forged submission into Summer is refused.
    await grantAdmin(db(), TEAM, spring.id, PEOPLE.mentor.id, PEOPLE.admin.id);
    expect(await noticeAfterPress(PEOPLE.mentor, String(spring.id))).toContain("There's no other running program you administer");
    expect(told((await submitCarryOver(PEOPLE.mentor, spring.id, summer.id)).json)).toContain("You're not an admin of *Summer cohort*, so you can't move pairings into it.");

    // The mentee runs Summer only: Spring's pairings are not theirs to move.
    await grantAdmin(db(), TEAM, summer.id, PEOPLE.mentee.id, PEOPLE.admin.id);
    expect(await noticeAfterPress(PEOPLE.mentee, String(spring.id))).toContain("You're not an admin of *Spring cohort*");
    expect(told((await submitCarryOver(PEOPLE.mentee, spring.id, summer.id)).json)).toContain("You're not an admin of *Spring cohort*, so you can't move its pairings.");

    expect(told((await submitCarryOver(PEOPLE.admin, spring.id, old.id)).json)).toContain('*Old cohort* is archived, so it takes no pairings.');
    expect(told((await submitCarryOver(PEOPLE.admin, spring.id, spring.id)).json)).toContain('The pairings are already in *Spring cohort*');
    expect((await submitCarryOver(PEOPLE.admin, spring.id, null)).json.errors).toEqual({ [FIELD]: 'Choose the program the pairings move into.' });
    expect(await noticeAfterPress(PEOPLE.admin, 'not-a-program')).toContain('That program no longer exists.');
    expect(await programsOfPairs()).toEqual([spring.id, spring.id]);
  });
});
