import { beforeEach, describe, expect, it } from 'vitest';
import type { RecordedCall } from '../helpers/fake-slack.ts';
import { answered, directMessagesTo, dmsTo, eventually, everythingSent, lastHomeOf, pairUp, press, submitFeedback as sendFeedback, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { viewSubmissionPayload } from '../helpers/slack-requests.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ noErrorLogs: true });
const db = () => t.bot.database.db;

type Person = { id: string; real_name: string };

const NOTE = 'FEEDBACK-PRIVATE sessions keep getting cancelled at the last minute';
const REPLY = 'Thanks for telling us. We will check in with both of you separately.';

let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const submitFeedback = (person: Person, about: string, body: string, showName?: boolean) => sendFeedback(t, person, about, body, showName);

/** Writes a note about the pairing as the mentee and returns its id once the admins' DMs are out. */
async function writeNote(opts: { about?: string; showName?: boolean; body?: string } = {}): Promise<number> {
  const json = await answered(t, submitFeedback(PEOPLE.mentee, opts.about ?? String(pairId), opts.body ?? NOTE, opts.showName));
  expect(json.response_action).toBe('update');
  const note = await db().selectFrom('feedback_notes').select('id').orderBy('id', 'desc').executeTakeFirstOrThrow();
  return note.id;
}

const replyPayload = (person: Person, noteId: number, text: string) =>
  viewSubmissionPayload({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'feedback_reply_modal',
    private_metadata: JSON.stringify({ noteId }),
    values: { feedback_reply: { value: { type: 'plain_text_input', value: text } } },
  });

/** Posts a reply modal's submission; the same payload posted twice is Slack sending the same view again. */
function submitReply(person: Person, noteId: number, text: string, payload: object = replyPayload(person, noteId, text)) {
  return t.slack.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
}

/** A button of a note's DM, pressed as Slack sends it: with the message and its channel. */
function pressInDm(person: Person, dm: RecordedCall, actionId: string) {
  const row = dm.args.blocks.find((b: any) => b.type === 'actions');
  const button = row.elements.find((e: any) => e.action_id === actionId);
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: dm.args.channel,
    message: { ts: dm.reply?.ts, text: dm.args.text, blocks: dm.args.blocks },
    actions: [{ action_id: actionId, value: button.value, block_id: row.block_id }],
  });
}

const noteDm = (person: Person) => dmsTo(t, person).find((c) => textOf(c.args).includes('New private feedback'));
const handled = (noteId: number) => db().selectFrom('feedback_notes').select(['handled_by', 'handled_at', 'replied_at']).where('id', '=', noteId).executeTakeFirstOrThrow();
const noticeTexts = () => t.fake.callsTo('views.open').map((c) => textOf(c.args.view)).join('\n');

async function grantOutsiderAdmin(): Promise<void> {
  const res = await t.slack.command({ text: `admins add ${at(PEOPLE.outsider)}`, user_id: PEOPLE.admin.id });
  expect(res.json.text).toContain('is now a program admin');
  await t.bot.idle();
  t.fake.reset();
}

describe('a feedback note reaches every program admin', () => {
  it('by DM at once, naming the author and the pairing, with Mark handled and Reply privately; and on their Home', async () => {
    await grantOutsiderAdmin();
    const noteId = await writeNote();
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) {
      const dm = noteDm(admin);
      expect(dm, `${admin.real_name} got the note`).toBeDefined();
      const text = textOf(dm!.args);
      expect(text).toContain(NOTE);
      expect(text).toContain(`About the pairing <@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee.id}>, from <@${PEOPLE.mentee.id}>`);
      const row = dm!.args.blocks.find((b: any) => b.type === 'actions');
      expect(row.block_id).toBe(`feedback_note_${noteId}`);
      expect(row.elements.map((e: any) => [e.action_id, e.value, e.text.text])).toEqual([
        ['feedback_mark_handled', String(noteId), 'Mark handled'],
        ['feedback_reply_privately', String(noteId), 'Reply privately'],
      ]);
      const home = textOf(lastHomeOf(t, admin)?.args.view);
      expect(home).toContain('Feedback (admins): 1 waiting');
      expect(home).toContain('FEEDBACK-PRIVATE');
      expect(home).toContain('*today*');
    }
    expect(await db().selectFrom('feedback_notes').select(['pair_id', 'author_id', 'show_author', 'handled_by', 'handled_at']).execute()).toEqual([
      { pair_id: pairId, author_id: PEOPLE.mentee.id, show_author: true, handled_by: null, handled_at: null },
    ]);
  });

  it('never reaches the partner or a channel', async () => {
    await writeNote();
    expect(JSON.stringify(dmsTo(t, PEOPLE.mentor))).not.toContain('FEEDBACK-PRIVATE');
    expect(JSON.stringify(t.fake.callsTo('views.publish').filter((c) => c.args.user_id !== PEOPLE.admin.id))).not.toContain('FEEDBACK-PRIVATE');
    const notDms = t.fake.callsTo('chat.postMessage').filter((c) => !String(c.args.channel).startsWith('D'));
    expect(JSON.stringify(notDms)).not.toContain('FEEDBACK-PRIVATE');
    expect(t.fake.callsTo('chat.postMessage').map((c) => c.args.channel)).toEqual([`D${PEOPLE.admin.id}`]);
  });

  it('without the author’s name when they untick it; the pairing and the note still reach admins', async () => {
    const noteId = await writeNote({ showName: false });
    const text = textOf(noteDm(PEOPLE.admin)!.args);
    expect(text).toContain(NOTE);
    expect(text).toContain('from someone who chose not to be named');
    expect(text).not.toContain(`from <@${PEOPLE.mentee.id}>`);
    expect(textOf(lastHomeOf(t, PEOPLE.admin)?.args.view)).toContain('from someone who chose not to be named');
    expect((await db().selectFrom('feedback_notes').select('show_author').where('id', '=', noteId).executeTakeFirstOrThrow()).show_author).toBe(false);
  });

  it('offers the name box ticked by default, and a note about the program as a whole works too', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'feedback', user_id: PEOPLE.mentee.id }));
    const box = view.blocks.find((b: any) => b.block_id === 'feedback_show_name');
    expect(box.element.initial_options.map((o: any) => o.value)).toEqual(['yes']);
    t.fake.reset();
    await writeNote({ about: 'general', showName: true, body: 'The program could use a kickoff event' });
    const text = textOf(noteDm(PEOPLE.admin)!.args);
    expect(text).toContain(`About the program as a whole, from <@${PEOPLE.mentee.id}>`);
    expect(text).not.toContain(PEOPLE.mentor.id);
  });

  it('keeps the longest note, full of mrkdwn, escaped and within Slack’s limits in the DM and on Home', async () => {
    const body = '<!channel> & <@UMENTOR01> '.repeat(200).slice(0, 3000);
    await writeNote({ body });
    const sent = JSON.stringify([noteDm(PEOPLE.admin)!.args, lastHomeOf(t, PEOPLE.admin)!.args]);
    expect(sent).not.toContain('<!channel>');
    expect(sent).toContain('&lt;!channel&gt; &amp; &lt;@UMENTOR01&gt;');
    expect(t.fake.violations).toEqual([]);
  });
});

describe('Mark handled', () => {
  it('in a DM: replaces the buttons with who handled it, records who and when, and leaves every admin’s Home list', async () => {
    await grantOutsiderAdmin();
    const noteId = await writeNote();
    const adminDm = noteDm(PEOPLE.admin)!;
    const outsiderDm = noteDm(PEOPLE.outsider)!;
    const outsiderTs = outsiderDm.reply?.ts;
    expect(outsiderTs).toBeTruthy();
    expect(await db().selectFrom('feedback_dms').select(['admin_id', 'channel_id']).where('note_id', '=', noteId).orderBy('admin_id').execute()).toEqual([
      { admin_id: PEOPLE.admin.id, channel_id: adminDm.args.channel },
      { admin_id: PEOPLE.outsider.id, channel_id: outsiderDm.args.channel },
    ]);
    t.fake.reset();
    await answered(t, pressInDm(PEOPLE.admin, adminDm, 'feedback_mark_handled'));
    const update = t.fake.callsTo('chat.update').at(-1)!;
    expect(update.args.channel).toBe(adminDm.args.channel);
    const row = update.args.blocks.find((b: any) => b.block_id === `feedback_note_${noteId}`);
    expect(row.type).toBe('context');
    expect(textOf({ blocks: [row] })).toContain(`Marked handled by <@${PEOPLE.admin.id}> on Wed 18 Nov`);
    expect(await handled(noteId)).toEqual({ handled_by: PEOPLE.admin.id, handled_at: new Date('2026-11-18T14:00:00Z'), replied_at: null });
    for (const admin of [PEOPLE.admin, PEOPLE.outsider]) {
      const home = textOf(lastHomeOf(t, admin)?.args.view);
      expect(home).toContain('No feedback notes waiting');
      expect(home).not.toContain('FEEDBACK-PRIVATE');
    }
    // The other admin's copy shows it too, in place of its buttons; the presser's copy is updated once.
    const updates = t.fake.callsTo('chat.update');
    expect(updates.map((u) => u.args.channel).sort()).toEqual([adminDm.args.channel, outsiderDm.args.channel].sort());
    const other = updates.find((u) => u.args.channel === outsiderDm.args.channel)!;
    expect(other.args.ts).toBe(outsiderTs);
    expect(other.args.blocks.some((b: any) => b.type === 'actions')).toBe(false);
    expect(textOf({ blocks: other.args.blocks })).toContain(`Marked handled by <@${PEOPLE.admin.id}> on Wed 18 Nov`);
    expect(textOf({ blocks: other.args.blocks })).toContain('FEEDBACK-PRIVATE');

    // A copy pressed before its update arrived says who handled it, and changes nothing.
    t.clock.set('2026-11-19T10:00:00Z');
    t.fake.reset();
    await answered(t, pressInDm(PEOPLE.outsider, outsiderDm, 'feedback_mark_handled'));
    expect(textOf({ blocks: t.fake.callsTo('chat.update').at(-1)!.args.blocks })).toContain(`already handled by <@${PEOPLE.admin.id}> on Wed 18 Nov`);
    expect(await handled(noteId)).toEqual({ handled_by: PEOPLE.admin.id, handled_at: new Date('2026-11-18T14:00:00Z'), replied_at: null });
  });

  it('on Home: the note leaves the list; pressed again it explains who handled it', async () => {
    const noteId = await writeNote();
    t.fake.reset();
    await answered(t, press(t, PEOPLE.admin, 'feedback_mark_handled', String(noteId)));
    expect((await handled(noteId)).handled_by).toBe(PEOPLE.admin.id);
    expect(textOf(lastHomeOf(t, PEOPLE.admin)?.args.view)).toContain('No feedback notes waiting');
    await answered(t, press(t, PEOPLE.admin, 'feedback_mark_handled', String(noteId)));
    expect(noticeTexts()).toContain(`This note was already handled by <@${PEOPLE.admin.id}>`);
  });

  it('lists unhandled notes on Home newest first, with their age', async () => {
    await writeNote({ body: 'FIRST note' });
    t.clock.set('2026-11-20T09:00:00Z');
    await writeNote({ about: 'general', body: 'SECOND note' });
    const home = textOf(lastHomeOf(t, PEOPLE.admin)?.args.view);
    expect(home).toContain('Feedback (admins): 2 waiting');
    expect(home.indexOf('SECOND note')).toBeLessThan(home.indexOf('FIRST note'));
    expect(home).toContain('*2 days ago* (Wed 18 Nov)');
  });
});

describe('Reply privately', () => {
  it('opens a modal; the author gets the reply by DM from the program admins, naming neither the partner nor the admin', async () => {
    const noteId = await writeNote();
    t.fake.reset();
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.admin, 'feedback_reply_privately', String(noteId)));
    expect(view.callback_id).toBe('feedback_reply_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ noteId });
    expect(textOf(view)).toContain('FEEDBACK-PRIVATE');
    t.fake.reset();
    const json = await answered(t, submitReply(PEOPLE.admin, noteId, REPLY));
    expect(json.view.title.text).toBe('Reply sent');
    const dms = dmsTo(t, PEOPLE.mentee);
    expect(dms).toHaveLength(1);
    const text = textOf(dms[0]!.args);
    expect(text).toContain('A private reply from the program admins');
    expect(text).toContain('your private note about your pairing of Wed 18 Nov');
    expect(text).toContain(REPLY);
    for (const named of [PEOPLE.mentor.id, PEOPLE.admin.id, 'Maya', 'Ada']) expect(text).not.toContain(named);
    expect(JSON.stringify(dmsTo(t, PEOPLE.mentor))).not.toContain('check in');
    expect(await handled(noteId)).toEqual({ handled_by: PEOPLE.admin.id, handled_at: new Date('2026-11-18T14:00:00Z'), replied_at: new Date('2026-11-18T14:00:00Z') });
    expect(textOf(lastHomeOf(t, PEOPLE.admin)?.args.view)).toContain('No feedback notes waiting');
  });

  it('reaches an author who chose not to be named, still without naming anyone', async () => {
    const noteId = await writeNote({ about: 'general', showName: false });
    t.fake.reset();
    await answered(t, submitReply(PEOPLE.admin, noteId, REPLY));
    const text = textOf(dmsTo(t, PEOPLE.mentee)[0]!.args);
    expect(text).toContain('your private note about the program');
    expect(text).not.toContain(PEOPLE.admin.id);
  });
});

describe('who may handle feedback, and notes handled meanwhile', () => {
  it('refuses the partner (a non-admin) pressing Mark handled or Reply privately, or sending a reply, and changes nothing', async () => {
    const noteId = await writeNote();
    const adminDm = noteDm(PEOPLE.admin)!;
    t.fake.reset();
    await answered(t, press(t, PEOPLE.mentor, 'feedback_mark_handled', String(noteId)));
    // Even a button copied from an admin's DM is refused: the presser is checked, not the message.
    await answered(t, pressInDm(PEOPLE.mentor, adminDm, 'feedback_mark_handled'));
    await answered(t, press(t, PEOPLE.mentor, 'feedback_reply_privately', String(noteId)));
    const notices = t.fake.callsTo('views.open');
    expect(notices).toHaveLength(3);
    for (const n of notices) {
      expect(n.args.view.callback_id).toBe('notice_modal');
      expect(textOf(n.args.view)).toContain('Only program admins can do that');
      expect(textOf(n.args.view)).not.toContain('FEEDBACK-PRIVATE');
    }
    const json = await answered(t, submitReply(PEOPLE.mentor, noteId, 'I know it was you'));
    expect(textOf(json.view)).toContain('Only program admins can do that');
    expect(t.fake.callsTo('chat.update')).toHaveLength(0);
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
    expect(await handled(noteId)).toEqual({ handled_by: null, handled_at: null, replied_at: null });
  });

  it('a reply to a note another admin handled meanwhile says so and is not sent; the note is answered once', async () => {
    await grantOutsiderAdmin();
    const noteId = await writeNote();
    t.fake.reset();
    // Both admins open the reply modal while the note is unhandled.
    await viewOpenedBy(t, () => press(t, PEOPLE.admin, 'feedback_reply_privately', String(noteId)));
    await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'feedback_reply_privately', String(noteId)));
    const first = await answered(t, submitReply(PEOPLE.outsider, noteId, REPLY));
    expect(first.view.title.text).toBe('Reply sent');
    const second = await answered(t, submitReply(PEOPLE.admin, noteId, 'A second answer'));
    expect(textOf(second.view)).toContain(`This note was already handled by <@${PEOPLE.outsider.id}> on Wed 18 Nov. Your reply was not sent.`);
    const dms = dmsTo(t, PEOPLE.mentee);
    expect(dms).toHaveLength(1);
    expect(textOf(dms[0]!.args)).toContain(REPLY);
    expect(await handled(noteId)).toMatchObject({ handled_by: PEOPLE.outsider.id });
    // Both admins' copies of the note say who answered it.
    const updated = t.fake.callsTo('chat.update').map((u) => [u.args.channel, textOf({ blocks: u.args.blocks }).includes(`Answered privately by <@${PEOPLE.outsider.id}> on Wed 18 Nov`)]);
    expect(updated.sort()).toEqual([[`D${PEOPLE.admin.id}`, true], [`D${PEOPLE.outsider.id}`, true]]);
    // Reply privately on a handled note answers at once instead of opening the form.
    t.fake.reset();
    await answered(t, press(t, PEOPLE.admin, 'feedback_reply_privately', String(noteId)));
    expect(t.fake.callsTo('views.open').map((c) => c.args.view.callback_id)).toEqual(['notice_modal']);
    expect(noticeTexts()).toContain(`already handled by <@${PEOPLE.outsider.id}>`);
  });

  it('the same reply form sent twice (Slack showed the first as failed) DMs the author once', async () => {
    const noteId = await writeNote();
    t.fake.reset();
    const payload = replyPayload(PEOPLE.admin, noteId, REPLY);
    await answered(t, submitReply(PEOPLE.admin, noteId, REPLY, payload));
    const again = await answered(t, submitReply(PEOPLE.admin, noteId, REPLY, payload));
    expect(again.view.title.text).toBe('Reply sent');
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(1);
  });

  it('an empty or oversized reply gets a field error and handles nothing', async () => {
    const noteId = await writeNote();
    t.fake.reset();
    expect((await submitReply(PEOPLE.admin, noteId, '   ')).json).toEqual({ response_action: 'errors', errors: { feedback_reply: 'Write your reply.' } });
    expect((await submitReply(PEOPLE.admin, noteId, 'x'.repeat(3001))).json).toEqual({ response_action: 'errors', errors: { feedback_reply: 'Keep the reply under 3000 characters.' } });
    await t.bot.idle();
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
    expect(await handled(noteId)).toEqual({ handled_by: null, handled_at: null, replied_at: null });
  });

  it('a reply naming no note, or a note that does not exist, is refused', async () => {
    const json = await answered(t, submitReply(PEOPLE.admin, 9999, REPLY));
    expect(textOf(json.view)).toContain("I can't find that feedback note");
    const forged = await answered(
      t,
      t.slack.viewSubmission({ user_id: PEOPLE.admin.id, team_id: TEAM, callback_id: 'feedback_reply_modal', private_metadata: '{"noteId":"1 or 1=1"}', values: { feedback_reply: { value: { type: 'plain_text_input', value: REPLY } } } }),
    );
    expect(textOf(forged.view)).toContain("I can't find that feedback note");
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
  });
});

describe('feedback text stays with the admins', () => {
  it('never reaches the report or an export; the report and the digest only count notes', async () => {
    await writeNote();
    await writeNote({ about: 'general', body: 'FEEDBACK-PRIVATE about the program' });
    await answered(t, press(t, PEOPLE.admin, 'feedback_mark_handled', '2'));
    t.fake.reset();
    const report = await answered(t, t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    await answered(t, t.slack.command({ text: 'export', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() }));
    await eventually(() => expect(t.fake.callsTo('file_upload').length).toBeGreaterThan(0));
    const uploads = t.fake.callsTo('file_upload').map((u) => String(u.args.body)).join('\n');
    expect(JSON.stringify(report) + everythingSent(t) + uploads).not.toContain('FEEDBACK-PRIVATE');

    // Monday 09:30 in London: the admin's weekly digest counts the one note still waiting.
    t.fake.reset();
    await t.sweepAt('2026-11-23T09:30:00Z');
    await t.bot.idle();
    const digest = directMessagesTo(t, PEOPLE.admin).map((c) => textOf(c.args)).join('\n');
    expect(digest).toContain('Your weekly mentoring digest');
    expect(digest).toContain('*Feedback*: 1 note waiting for an admin');
    expect(digest).not.toContain('FEEDBACK-PRIVATE');
  });
});
