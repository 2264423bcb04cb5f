import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, dmsTo, lastHomeOf, pairUp, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
const db = () => t.bot.database.db;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

/** Advice logged by the mentee for a pairing; returns the items' ids in order. */
async function logAdvice(lines: string[], pair = pairId, person: Person = PEOPLE.mentee): Promise<number[]> {
  const res = await submitLog(t, person, pair, { heldOn: '2026-11-17', advice: lines.join('\n') });
  expect(res.json.response_action).toBe('update');
  await t.bot.idle();
  const rows = await db().selectFrom('advice_items').select(['id', 'text']).where('pair_id', '=', pair).orderBy('id').execute();
  return rows.filter((r) => lines.includes(r.text)).map((r) => r.id);
}

const adviceRow = (id: number) => db().selectFrom('advice_items').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** "Ask how it went" on the mentor's Home; returns the notice that answers it. */
async function ask(person: Person, value: string | number): Promise<string> {
  const view = await viewOpenedBy(t, () =>
    t.slack.blockAction({ user_id: person.id, team_id: TEAM, container: { type: 'view', view_id: 'VHOME' }, actions: [{ action_id: 'advice_ask_how_it_went', value: String(value), block_id: `advice_given_${value}` }] }),
  );
  expect(view.callback_id).toBe('notice_modal');
  await t.bot.idle();
  return textOf({ blocks: view.blocks });
}

/** A Home's pair cards (divided by dividers), each as its blocks. */
function cardsOf(home: { blocks: any[] }): any[][] {
  const cards: any[][] = [[]];
  for (const block of home.blocks.slice(1)) {
    if (block.type === 'divider') cards.push([]);
    else cards.at(-1)!.push(block);
  }
  return cards.filter((c) => c.length > 0);
}

describe("the mentor's advice on their card", () => {
  it('lists each open piece with its follow-up day and "Ask how it went"; the mentee\'s card has no such list', async () => {
    const [first, second] = await logAdvice(['Ask for the review early', 'Write the summary first']);
    const home = lastHomeOf(t, PEOPLE.mentor)!.args.view;
    const line = blockOf(home, `advice_given_${first}`);
    expect(line.text.text).toContain('*Your advice to hear back on* (2)');
    expect(line.text.text).toContain('>Ask for the review early');
    expect(line.text.text).toContain('follow up Tue 24 Nov');
    expect(line.accessory).toMatchObject({ action_id: 'advice_ask_how_it_went', value: String(first), text: { text: 'Ask how it went' } });
    expect(blockOf(home, `advice_given_${second}`).text.text).toContain('Write the summary first');
    const menteeHome = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    expect(JSON.stringify(menteeHome)).not.toContain('advice_ask_how_it_went');
    expect(blockOf(menteeHome, `advice_given_${first}`)).toBeUndefined();
  });

  it('shows what came of closed advice, newest first, at most three, and counts open pieces beyond five', async () => {
    const ids = await logAdvice(['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven', 'Eight', 'Nine', 'Ten'].map((w) => `Advice ${w}`));
    const closes: Array<[string, string, string]> = [
      ['tried_worked', 'SECRET-OUTCOME it went well', '5'],
      ['tried_didnt', 'Nobody came', '2'],
      ['not_applicable', '', ''],
      ['tried_worked', 'Second win', '4'],
    ];
    for (const [i, [outcome, text, useful]] of closes.entries()) {
      t.clock.set(`2026-11-2${i}T10:00:00Z`);
      const res = await submitLoop(t, PEOPLE.mentee, ids[i]!, outcome, text, useful || undefined);
      expect(res.json.response_action).toBe('update');
      await t.bot.idle();
    }
    const home = lastHomeOf(t, PEOPLE.mentor)!.args.view;
    const outcomes = blockOf(home, `advice_outcomes_${pairId}`).text.text as string;
    expect(outcomes).toBe(
      [
        '*What came of your advice*',
        '>Advice Four',
        '_Tried it, it worked_: Second win (4/5 useful)',
        '>Advice Three',
        "_It didn't apply_",
        '>Advice Two',
        "_Tried it, it didn't work_: Nobody came (2/5 useful)",
      ].join('\n'),
    );
    expect(home.blocks.filter((b: any) => b.accessory?.action_id === 'advice_ask_how_it_went')).toHaveLength(5);
    expect(textOf(home)).toContain('*Your advice to hear back on* (6)');
    expect(textOf(home)).toContain('…and 1 more piece of advice to hear back on.');
    // The mentee's own card does not carry the mentor's outcome list.
    expect(blockOf(lastHomeOf(t, PEOPLE.mentee)!.args.view, `advice_outcomes_${pairId}`)).toBeUndefined();
  });

  it("shows each pairing's own advice on its own card only", async () => {
    const other = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await logAdvice(['OTHER-PAIR-ADVICE'], other, PEOPLE.mentee2);
    const [closedOther] = await logAdvice(['OTHER-PAIR-CLOSED'], other, PEOPLE.mentee2);
    await submitLoop(t, PEOPLE.mentee2, closedOther!, 'tried_worked', 'OTHER-PAIR-OUTCOME');
    await logAdvice(['Ask for the review early']);
    await t.bot.idle();
    const cards = cardsOf(lastHomeOf(t, PEOPLE.mentor)!.args.view);
    const mine = cards.find((c) => c[0].text.text.includes(`<@${PEOPLE.mentee.id}>`))!;
    const theirs = cards.find((c) => c[0].text.text.includes(`<@${PEOPLE.mentee2.id}>`))!;
    expect(textOf({ blocks: mine })).toContain('Ask for the review early');
    expect(textOf({ blocks: mine })).not.toMatch(/OTHER-PAIR/);
    expect(textOf({ blocks: theirs })).toContain('OTHER-PAIR-ADVICE');
    expect(textOf({ blocks: theirs })).toContain('OTHER-PAIR-OUTCOME');
    expect(textOf({ blocks: theirs })).not.toContain('Ask for the review early');
    expect(textOf(lastHomeOf(t, PEOPLE.mentee)!.args.view)).not.toMatch(/OTHER-PAIR/);
  });
});

describe('`/mentor status`', () => {
  it("lists the mentor's advice, what came of it and the commitments as text, and none of it to anyone else", async () => {
    const [id] = await logAdvice(['Ask for the review early', 'Write the summary first']);
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-18', commitments: 'Book a room' });
    await submitLoop(t, PEOPLE.mentee, id!, 'tried_worked', 'It went well');
    await t.bot.idle();
    const mentor = textOf((await t.slack.command({ text: 'status', user_id: PEOPLE.mentor.id })).json);
    expect(mentor).toContain('*Your advice to hear back on*\n• Write the summary first _(follow up Tue 24 Nov)_');
    expect(mentor).toContain('*What came of your advice*\n• Ask for the review early: _Tried it, it worked_ (It went well)');
    expect(mentor).toContain('*Commitments before the next session*\n• Book a room');
    const mentee = textOf((await t.slack.command({ text: 'status', user_id: PEOPLE.mentee.id })).json);
    expect(mentee).toContain('• Book a room');
    expect(mentee).not.toContain('What came of your advice');
    for (const person of [PEOPLE.admin, PEOPLE.outsider]) {
      const other = textOf((await t.slack.command({ text: 'status', user_id: person.id })).json);
      expect(other).not.toMatch(/Write the summary first|It went well|Book a room/);
    }
  });
});

describe('"Ask how it went"', () => {
  it('DMs the mentee the close-the-loop prompt for that piece, tells the mentor, and notes it on their card', async () => {
    const [id] = await logAdvice(['Ask for the review early']);
    t.fake.reset();
    const answer = await ask(PEOPLE.mentor, id!);
    expect(answer).toContain(`I've asked <@${PEOPLE.mentee.id}> how it went.`);
    expect(answer).toContain('You can ask about this piece again from Wed 25 Nov.');
    expect((await adviceRow(id!)).asked_at).toEqual(new Date('2026-11-18T14:00:00Z'));

    const dms = dmsTo(t, PEOPLE.mentee);
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0]!.args)).toContain(`<@${PEOPLE.mentor.id}> would like to hear how their advice went`);
    expect(textOf(dms[0]!.args)).toContain('>Ask for the review early');
    const buttons = dms[0]!.args.blocks.find((b: any) => b.type === 'actions').elements.map((b: any) => [b.action_id, b.value]);
    expect(buttons).toEqual([
      ['open_loop_modal', String(id)],
      ['nudge_loop_not_yet', String(id)],
      ['nudge_loop_didnt_apply', String(id)],
    ]);
    expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(0);
    const line = blockOf(lastHomeOf(t, PEOPLE.mentor)!.args.view, `advice_given_${id}`);
    expect(line.text.text).toContain('you asked how it went on Wed 18 Nov');
    expect(line.accessory).toBeUndefined();

    // The prompt's button opens the close-the-loop modal for that piece.
    const modal = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, actions: [{ action_id: 'open_loop_modal', value: String(id) }] }));
    expect(modal.callback_id).toBe('loop_modal');
    expect(JSON.parse(modal.private_metadata).adviceId).toBe(id);
  });

  it('asks at most once a week per piece: a second press says when, and sends nothing', async () => {
    const [id, other] = await logAdvice(['Ask for the review early', 'Write the summary first']);
    await ask(PEOPLE.mentor, id!);
    t.clock.set('2026-11-24T20:00:00Z');
    const again = await ask(PEOPLE.mentor, id!);
    expect(again).toContain("You asked about this one on Wed 18 Nov, so I won't send another reminder yet. You can ask again from Wed 25 Nov.");
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(1);
    expect((await adviceRow(id!)).asked_at).toEqual(new Date('2026-11-18T14:00:00Z'));
    // Another piece is asked about on its own.
    await ask(PEOPLE.mentor, other!);
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(2);
    // A week after the first ask, it may be asked again.
    t.clock.set('2026-11-25T14:00:00Z');
    expect(await ask(PEOPLE.mentor, id!)).toContain("I've asked");
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(3);
  });

  it("does not count an ask whose DM never reached the mentee", async () => {
    const [id] = await logAdvice(['Ask for the review early']);
    t.fake.reset();
    t.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    expect(await ask(PEOPLE.mentor, id!)).toContain("I couldn't reach");
    expect((await adviceRow(id!)).asked_at).toBeNull();
    expect(await ask(PEOPLE.mentor, id!)).toContain("I've asked");
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(2); // the failed attempt, then the one that landed
  });

  it('is for the mentor of that pairing only, and not for closed advice', async () => {
    const [id] = await logAdvice(['Ask for the review early']);
    t.fake.reset();
    expect(await ask(PEOPLE.mentee, id!)).toContain('Only the mentor who gave this advice can ask how it went.');
    expect(await ask(PEOPLE.outsider, id!)).toContain('not part of that pairing');
    expect(await ask(PEOPLE.mentor, '1 or 1=1')).toContain("isn't yours to see");
    const other = await pairUp(t, PEOPLE.outsider, PEOPLE.mentee2);
    const [theirs] = await logAdvice(['Their advice'], other, PEOPLE.mentee2);
    t.fake.reset();
    expect(await ask(PEOPLE.mentor, theirs!)).toContain('not part of that pairing');
    expect((await adviceRow(id!)).asked_at).toBeNull();
    expect((await adviceRow(theirs!)).asked_at).toBeNull();
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
    expect(dmsTo(t, PEOPLE.mentee2)).toHaveLength(0);

    await submitLoop(t, PEOPLE.mentee, id!, 'tried_worked', 'It went well');
    await t.bot.idle();
    t.fake.reset();
    expect(await ask(PEOPLE.mentor, id!)).toContain('already told you how this one went');
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
  });
});
