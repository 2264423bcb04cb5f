import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, eventually, lastHomeOf, pairUp, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const t = useTestBot();
let pairId: number;
const db = () => t.bot.database.db;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

async function logCommitments(person: Person, commitments: string, pair = pairId): Promise<number[]> {
  const res = await submitLog(t, person, pair, { commitments });
  expect(res.json.response_action).toBe('update');
  await t.bot.idle();
  const rows = await db().selectFrom('commitments').select('id').where('pair_id', '=', pair).orderBy('id').execute();
  return rows.map((r) => r.id);
}

const commitmentRow = (id: number) => db().selectFrom('commitments').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

/** "Done" pressed on Home, as Slack sends it (no message: the view is the container). */
function pressDone(person: Person, value: string) {
  return t.slack.blockAction({ user_id: person.id, team_id: TEAM, container: { type: 'view', view_id: 'VHOME' }, actions: [{ action_id: 'commitment_done', value, block_id: `commitment_${value}` }] });
}

async function noticeAfter(interaction: () => Promise<{ status: number }>): Promise<string> {
  const view = await viewOpenedBy(t, interaction);
  expect(view.callback_id).toBe('notice_modal');
  return textOf({ blocks: view.blocks });
}

describe('commitments on Home', () => {
  it('shows the commitments of a log on both Homes; only the mentee gets a "Done" button', async () => {
    const [first, second] = await logCommitments(PEOPLE.mentor, 'Draft the review agenda\nAsk Priya for feedback');
    const menteeHome = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    const line = blockOf(menteeHome, `commitment_${first}`);
    expect(line.text.text).toContain('Your commitments before the next session');
    expect(line.text.text).toContain('Draft the review agenda');
    expect(line.accessory).toMatchObject({ type: 'button', action_id: 'commitment_done', value: String(first), text: { text: 'Done' } });
    expect(blockOf(menteeHome, `commitment_${second}`).text.text).toContain('Ask Priya for feedback');

    const mentorHome = lastHomeOf(t, PEOPLE.mentor)!.args.view;
    const list = blockOf(mentorHome, `commitments_${pairId}`);
    expect(list.text.text).toContain('Draft the review agenda');
    expect(list.text.text).toContain('Ask Priya for feedback');
    expect(list.accessory).toBeUndefined();
    expect(JSON.stringify(mentorHome)).not.toContain('commitment_done');
  });

  it('ticks a commitment off when the mentee presses "Done": recorded with who and when, gone from both Homes', async () => {
    const [first, second] = await logCommitments(PEOPLE.mentee, 'Draft the review agenda\nAsk Priya for feedback');
    t.fake.reset();
    t.clock.set('2026-11-19T09:30:00Z');
    const res = await pressDone(PEOPLE.mentee, String(first));
    expect(res.status).toBe(200);
    await t.bot.idle();
    expect(await commitmentRow(first!)).toMatchObject({ done: true, done_by: PEOPLE.mentee.id, done_at: new Date('2026-11-19T09:30:00Z') });
    expect((await commitmentRow(second!)).done).toBe(false);
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const home = textOf(lastHomeOf(t, person)!.args.view);
      expect(home).not.toContain('Draft the review agenda');
      expect(home).toContain('Ask Priya for feedback');
    }
    // Done on Home answers by refreshing it; no modal opens.
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('refuses the mentor, an outsider, a made-up id and a second press, changing nothing', async () => {
    const [id] = await logCommitments(PEOPLE.mentee, 'Draft the review agenda');
    const before = await commitmentRow(id!);
    expect(await noticeAfter(() => pressDone(PEOPLE.mentor, String(id)))).toContain('Only the mentee ticks off the commitments they made');
    expect(await noticeAfter(() => pressDone(PEOPLE.outsider, String(id)))).toMatch(/isn't yours to change|not part of that pairing/);
    expect(await noticeAfter(() => pressDone(PEOPLE.mentee, '1 or 1=1'))).toContain("isn't yours to change");
    expect(await noticeAfter(() => pressDone(PEOPLE.mentee, '999999'))).toContain("isn't yours to change");
    await t.bot.idle();
    expect(await commitmentRow(id!)).toEqual(before);

    await pressDone(PEOPLE.mentee, String(id));
    await t.bot.idle();
    const done = await commitmentRow(id!);
    expect(done.done).toBe(true);
    t.clock.set('2026-11-20T10:00:00Z');
    expect(await noticeAfter(() => pressDone(PEOPLE.mentee, String(id)))).toContain('already ticked this one off');
    await t.bot.idle();
    expect(await commitmentRow(id!)).toEqual(done);
  });

  it("keeps each pairing's commitments to its own card and its own members", async () => {
    const otherPair = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await logCommitments(PEOPLE.mentee2, 'OTHER-PAIR-COMMITMENT', otherPair);
    await logCommitments(PEOPLE.mentee, 'Draft the review agenda');
    await eventually(() => expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toContain('Draft the review agenda'));
    expect(textOf(lastHomeOf(t, PEOPLE.mentee)!.args.view)).not.toContain('OTHER-PAIR-COMMITMENT');
    const mentorHome = lastHomeOf(t, PEOPLE.mentor)!.args.view;
    expect(blockOf(mentorHome, `commitments_${pairId}`).text.text).not.toContain('OTHER-PAIR-COMMITMENT');
    expect(blockOf(mentorHome, `commitments_${otherPair}`).text.text).toContain('OTHER-PAIR-COMMITMENT');
    // The mentee of one pairing cannot tick off the other pairing's commitment.
    const [otherId] = (await db().selectFrom('commitments').select('id').where('pair_id', '=', otherPair).execute()).map((r) => r.id);
    expect(await noticeAfter(() => pressDone(PEOPLE.mentee, String(otherId)))).toContain('not part of that pairing');
    expect((await commitmentRow(otherId!)).done).toBe(false);
  });

  it('lists at most five on a card and counts the rest', async () => {
    await logCommitments(PEOPLE.mentee, ['One', 'Two', 'Three', 'Four', 'Five', 'Six', 'Seven'].map((w) => `Commitment ${w}`).join('\n'));
    const home = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    expect(home.blocks.filter((b: any) => b.accessory?.action_id === 'commitment_done')).toHaveLength(5);
    expect(textOf(home)).toContain('…and 2 more commitments');
    expect(textOf(home)).not.toContain('Commitment Six');
    expect(blockOf(lastHomeOf(t, PEOPLE.mentor)!.args.view, `commitments_${pairId}`).text.text).toContain('…and 2 more');
  });
});

describe('commitments in the next log form', () => {
  it('lists the open ones, read-only, and leaves out those done', async () => {
    const [first] = await logCommitments(PEOPLE.mentee, 'Draft the review agenda\nAsk Priya for feedback');
    await pressDone(PEOPLE.mentee, String(first));
    await t.bot.idle();
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const view = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: person.id, team_id: TEAM, actions: [{ action_id: 'open_log_modal', value: String(pairId) }] }));
      const block = blockOf(view, 'open_commitments');
      expect(block.type).toBe('section');
      expect(block.text.text).toContain('Commitments still open from earlier sessions');
      expect(block.text.text).toContain('Ask Priya for feedback');
      expect(block.text.text).not.toContain('Draft the review agenda');
    }
  });

  it("shows, to someone in two pairings, each pairing's under its own name and no one else's", async () => {
    const otherPair = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await logCommitments(PEOPLE.mentee, 'Draft the review agenda');
    await logCommitments(PEOPLE.mentee2, 'Read the style guide', otherPair);
    const mentorView = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentor.id, response_url: t.fake.responseUrl() }));
    const text = blockOf(mentorView, 'open_commitments').text.text;
    expect(text).toContain('_Mentoring Theo Mentee_\n• Draft the review agenda');
    expect(text).toContain('_Mentoring Sam Second_\n• Read the style guide');
    const menteeView = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl() }));
    expect(blockOf(menteeView, 'open_commitments').text.text).not.toContain('Read the style guide');
  });

  it('shows no list when nothing is open', async () => {
    const view = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, actions: [{ action_id: 'open_log_modal', value: String(pairId) }] }));
    expect(blockOf(view, 'open_commitments')).toBeUndefined();
  });
});

describe('openCommitments (what the prep message reads)', () => {
  it("returns a pairing's open commitments, oldest first, without the done ones or other pairings'", async () => {
    const otherPair = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await logCommitments(PEOPLE.mentee2, 'Read the style guide', otherPair);
    const [first] = await logCommitments(PEOPLE.mentee, 'Draft the review agenda\nAsk Priya for feedback\nBook a room');
    await pressDone(PEOPLE.mentee, String(first));
    await t.bot.idle();
    const open = await t.bot.services.commitments.openCommitments(pairId);
    expect(open.map((c) => c.text)).toEqual(['Ask Priya for feedback', 'Book a room']);
    expect(await t.bot.services.commitments.openCommitments(Number.NaN)).toEqual([]);
  });
});
