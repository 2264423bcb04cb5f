import { beforeEach, describe, expect, it } from 'vitest';
import { lastHomeOf, pairUp, press, submitGoal, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { at, PEOPLE, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const db = () => t.bot.database.db;
const run = async (text: string, who: { id: string } = PEOPLE.mentee) => (await t.slack.command({ text, user_id: who.id, response_url: t.fake.responseUrl() })).json;

describe('help and bad input', () => {
  it('shows members their commands and admins theirs too', async () => {
    const member = await run('');
    expect(member.text).toContain('/mentor log');
    expect(member.text).not.toContain('/mentor pair');
    const admin = await run('help', PEOPLE.admin);
    expect(admin.text).toContain('*Admins*');
    expect(admin.text).toContain('/mentor pair @mentor @mentee');
  });

  it.each([
    ['frobnicate', /I don't know `frobnicate`[\s\S]*Usage: `\/mentor help`/],
    ['status please', /`status` takes no extra words[\s\S]*Usage: `\/mentor status`/],
    ['pause forever', /"forever" is not a duration[\s\S]*Usage: `\/mentor pause/],
    ['join now', /`join` takes no extra words/],
    // Words after an admin command name a program: a member learns only that it is for admins.
    ['report now', /Only program admins can do that/],
    [`<!channel> ${'x'.repeat(5000)}`, /I don't know/],
  ])('answers `/mentor %s` with a short explanation and usage', async (text, answer) => {
    const reply = await run(text);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(answer);
    expect(reply.text.length).toBeLessThan(400);
  });
});

describe('/mentor status', () => {
  it('shows each pairing with last session, next due, goals, loops and review date', async () => {
    await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Own the roadmap', targetDate: '2027-01-31' });
    await submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-11-16', advice: 'Write it down' });
    const status = await run('status');
    const text = textOf(status);
    expect(text).toContain(`<@${PEOPLE.mentor.id}> mentors you`);
    expect(text).toContain('last session 2 days ago');
    expect(text).toContain('next session due Mon 30 Nov');
    expect(text).toContain('Own the roadmap');
    expect(text).toContain('1 piece of advice to report back on.');
    expect(text).toContain('review on Tue 18 May 2027');
  });

  it('gives someone without a pairing a helpful empty state', async () => {
    const status = await run('status', PEOPLE.outsider);
    expect(textOf(status)).toContain("You're not in a pairing yet. Press *Join the program*");
    expect(textOf(status)).not.toContain('/mentor pair');
  });

  it('shows admins the program summary with stalled pairings by name', async () => {
    t.clock.set('2026-12-10T14:00:00Z');
    try {
      const text = textOf(await run('status', PEOPLE.admin));
      expect(text).toContain('1 active');
      expect(text).toContain(`<@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee.id}>: 22 days since pairing, no session yet`);
      expect(text).toMatch(/\*Settings\*: Every 14 days[^\n]*change with `\/mentor settings`/);
    } finally {
      t.clock.set('2026-11-18T14:00:00Z');
    }
  });
});

describe('/mentor pause and resume', () => {
  it('pauses for a duration, shows it, and resumes', async () => {
    expect((await run('pause 2w')).text).toContain(`Paused your pairing with <@${PEOPLE.mentor.id}> for 2 weeks`);
    const paused = await db().selectFrom('pairs').selectAll().executeTakeFirstOrThrow();
    expect(paused.status).toBe('paused');
    expect(paused.paused_until?.toISOString()).toBe('2026-12-02T14:00:00.000Z');
    expect((await run('pause')).text).toContain('already paused');
    expect((await run('resume')).text).toContain('Resumed');
    // A named duration reads as people say it: "for a month", never "for month".
    expect((await run('pause monthly')).text).toContain(`Paused your pairing with <@${PEOPLE.mentor.id}> for a month; reminders restart by themselves after that.`);
    expect((await run('resume')).text).toContain('Resumed');
    expect((await run('pause weekly')).text).toContain('for a week;');
    await t.bot.idle();
    expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('Paused until');
    expect((await run('resume', PEOPLE.mentor)).text).toContain(`Resumed your pairing with <@${PEOPLE.mentee.id}>`);
    expect((await db().selectFrom('pairs').selectAll().executeTakeFirstOrThrow()).status).toBe('active');
    expect((await run('resume')).text).toContain('not paused');
  });

  it('asks which pairing when a person has several, and pauses the one named', async () => {
    await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    expect((await run('pause', PEOPLE.mentor)).text).toContain('several pairings');
    expect((await run(`pause ${at(PEOPLE.outsider)}`, PEOPLE.mentor)).text).toContain("You're not paired with");
    expect((await run(`pause ${at(PEOPLE.mentee2)} 1w`, PEOPLE.mentor)).text).toContain('for 1 week');
    const statuses = await db().selectFrom('pairs').select(['mentee_id', 'status']).orderBy('mentee_id').execute();
    expect(statuses).toEqual([
      { mentee_id: PEOPLE.mentee.id, status: 'active' },
      { mentee_id: PEOPLE.mentee2.id, status: 'paused' },
    ]);
  });

  it('tells someone without a pairing there is nothing to pause', async () => {
    expect((await run('pause', PEOPLE.outsider)).text).toContain("You're not in a pairing yet");
  });
});

describe('/mentor feedback', () => {
  it('stores a private note for admins about one of the person’s pairings', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'feedback', user_id: PEOPLE.mentee.id }));
    expect(view.callback_id).toBe('feedback_modal');
    const submit = (pick: string, body: string, who = PEOPLE.mentee) =>
      t.slack.viewSubmission({
        user_id: who.id,
        callback_id: 'feedback_modal',
        values: { pair_id: { value: { type: 'static_select', selected_option: { value: pick } } }, feedback_body: { value: { type: 'plain_text_input', value: body } } },
      });
    expect((await submit(String(pairId), '  ')).json.errors).toEqual({ feedback_body: 'Write your note.' });
    expect(textOf((await submit(String(pairId), 'Sessions keep getting cancelled', PEOPLE.outsider)).json)).toContain('not part of that pairing');
    expect(textOf((await submit(String(pairId), 'Sessions keep getting cancelled')).json)).toContain('Only program admins can read your note');
    expect(textOf((await submit('general', 'Love the program')).json)).toContain('Only program admins');
    const notes = await db().selectFrom('feedback_notes').select(['pair_id', 'author_id', 'body']).orderBy('id').execute();
    expect(notes).toEqual([
      { pair_id: pairId, author_id: PEOPLE.mentee.id, body: 'Sessions keep getting cancelled' },
      { pair_id: null, author_id: PEOPLE.mentee.id, body: 'Love the program' },
    ]);
    // Only the program admins get the note (by DM); nobody else, in no channel.
    await t.bot.idle();
    const notToAdmins = t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel !== `D${PEOPLE.admin.id}`);
    expect(JSON.stringify(notToAdmins)).not.toContain('cancelled');
  });
});

describe('App Home and Slack events', () => {
  it('publishes the dashboard with Log a session / Set a goal / Close the loop buttons when Home is opened', async () => {
    await submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-11-16', advice: 'Write it down' });
    await t.bot.idle();
    t.fake.reset();
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentee.id, channel: 'D1', tab: 'home', event_ts: '1.0' } });
    await t.bot.idle();
    const home = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    const buttons = home.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : b.accessory ? [b.accessory] : [])).map((b: any) => b.action_id);
    expect(buttons).toEqual(['open_loop_modal', 'open_log_modal', 'open_goal_modal', 'booking_open']);
    const log = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'open_log_modal', String(pairId)));
    expect(JSON.parse(log.private_metadata)).toEqual({ pairId });
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentee.id, channel: 'D1', tab: 'messages', event_ts: '1.1' } });
    await t.bot.idle();
    expect(t.fake.callsTo('views.publish')).toHaveLength(1);
  });

  it('lists the first five open loops on Home and counts the rest', async () => {
    await submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-11-16', advice: Array.from({ length: 7 }, (_, i) => `Tip ${i + 1}`).join('\n') });
    await t.bot.idle();
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.mentee.id, channel: 'D1', tab: 'home', event_ts: '2.0' } });
    await t.bot.idle();
    const home = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    const loopButtons = home.blocks.filter((b: any) => b.accessory?.action_id === 'open_loop_modal');
    expect(loopButtons).toHaveLength(5);
    expect(textOf({ blocks: home.blocks })).toContain('7 pieces of advice to report back on.');
    expect(textOf({ blocks: home.blocks })).toContain('…and 2 more: `/mentor loops` lists all your advice to report back on.');
  });

  it('pauses the pairs of someone deactivated and refreshes the partner’s Home', async () => {
    await t.slack.event({ event: { type: 'user_change', user: { id: PEOPLE.mentee.id, team_id: 'T1', name: 'theo', real_name: 'Theo Mentee', deleted: true, tz: 'Europe/Berlin', profile: {} } } });
    await t.bot.idle();
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('paused');
    const member = await db().selectFrom('members').selectAll().where('user_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    expect(member.deactivated).toBe(true);
    expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain(':double_vertical_bar: Paused');
    await db().updateTable('members').set({ deactivated: false }).where('user_id', '=', PEOPLE.mentee.id).execute();
  });

  it('updates a cached time zone on user_change without pausing anything', async () => {
    await t.slack.event({ event: { type: 'user_change', user: { id: PEOPLE.mentee.id, team_id: 'T1', name: 'theo', real_name: 'Theo Mentee', deleted: false, tz: 'Asia/Kolkata', profile: { display_name: 'theo' } } } });
    await t.bot.idle();
    const member = await db().selectFrom('members').selectAll().where('user_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    expect(member.tz).toBe('Asia/Kolkata');
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
    await db().updateTable('members').set({ tz: 'Europe/Berlin' }).where('user_id', '=', PEOPLE.mentee.id).execute();
  });
});

describe('Slack API failures', () => {
  it('gives a clear answer when the modal cannot be opened, and logs the interaction', async () => {
    t.fake.failNext('views.open', { error: 'expired_trigger_id' });
    const res = await t.slack.command({ text: 'log', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('expired') });
    expect(res.status).toBe(200);
    await t.bot.idle();
    expect(t.fake.callsTo('response_url')[0]?.args.text).toContain('something went wrong on my side');
    expect(t.logs.join('')).toMatch(/"interaction":"command:log"/);
    expect(t.logs.join('')).not.toContain('xoxb-test-token');
  });

  it('a rate-limited modal fails fast and tells the person to try again', async () => {
    t.fake.failNext('views.open', { retryAfter: 30 });
    const res = await t.slack.command({ text: 'log', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('busy') });
    expect(res.status).toBe(200);
    await t.bot.idle();
    expect(t.fake.callsTo('response_url')[0]?.args.text).toContain('Please try again in a minute');
    // Not retried after Retry-After: the trigger would long have expired.
    expect(t.fake.callsTo('views.open')).toHaveLength(1);
  });
});
