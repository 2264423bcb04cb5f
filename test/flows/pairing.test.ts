import { beforeAll, describe, expect, it } from 'vitest';
import { dmsTo, eventually, lastHomeOf, pairUp, textOf } from '../helpers/flows.ts';
import { at, PEOPLE, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot();
beforeAll(() => {
  t.fake.addUser({ id: 'UBOTUSER1', real_name: 'Some Bot', is_bot: true, team_id: 'T1' });
  t.fake.addUser({ id: 'UGONE0001', real_name: 'Gone Person', deleted: true, team_id: 'T1' });
});

const pairCount = async () => (await t.bot.database.db.selectFrom('pairs').selectAll().execute()).length;

describe('/mentor pair', () => {
  it('pairs two people and DMs both a kickoff with buttons for the first goal and session', async () => {
    const pairId = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee, 'every 3w');
    const pair = await t.bot.database.db.selectFrom('pairs').selectAll().where('id', '=', pairId).executeTakeFirstOrThrow();
    expect(pair).toMatchObject({ kind: 'standard', cadence_days: 21, status: 'active', review_on: '2027-05-18', created_by: PEOPLE.admin.id });

    await eventually(() => {
      expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1);
      expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(1);
    });
    const toMentor = dmsTo(t, PEOPLE.mentor)[0]!.args;
    const toMentee = dmsTo(t, PEOPLE.mentee)[0]!.args;
    expect(toMentor.text).toContain(`You've been paired to mentor <@${PEOPLE.mentee.id}>`);
    expect(toMentee.text).toContain(`paired with <@${PEOPLE.mentor.id}> as your mentor`);
    for (const dm of [toMentor, toMentee]) {
      expect(textOf(dm)).toMatch(/Who’s who[\s\S]*the mentor[\s\S]*the mentee[\s\S]*meet every 3 weeks[\s\S]*Agree your objective[\s\S]*Book the first session[\s\S]*Set a first goal/);
      const buttons = dm.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
      expect(buttons.map((b: any) => [b.action_id, b.value])).toEqual([
        ['open_goal_modal', String(pairId)],
        ['open_log_modal', String(pairId)],
      ]);
    }
    await eventually(() => {
      expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args)).toContain(`You mentor <@${PEOPLE.mentee.id}>`);
      expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args)).toContain(`<@${PEOPLE.mentor.id}> mentors you`);
    });
  });

  it('records a reverse pairing and says so in the kickoff', async () => {
    await pairUp(t, PEOPLE.mentee, PEOPLE.mentor, 'reverse monthly');
    const pair = await t.bot.database.db.selectFrom('pairs').selectAll().executeTakeFirstOrThrow();
    expect(pair).toMatchObject({ kind: 'reverse', cadence_days: 30, mentor_id: PEOPLE.mentee.id });
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)[0]?.args.blocks[0].text.text).toContain('*reverse* pairing'));
  });

  it.each([
    ['a non-admin', PEOPLE.outsider.id, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, /Only program admins/],
    ['the same person twice', PEOPLE.admin.id, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentor)}`, /cannot mentor themselves/],
    ['a missing mentee', PEOPLE.admin.id, `pair ${at(PEOPLE.mentor)}`, /mention the mentee[\s\S]*Usage: `\/mentor pair/],
    ['a typed name instead of a mention', PEOPLE.admin.id, `pair @maya ${at(PEOPLE.mentee)}`, /pick them from the @ menu/],
    ['a bot', PEOPLE.admin.id, `pair <@UBOTUSER1|bot> ${at(PEOPLE.mentee)}`, /is a bot/],
    ['a deactivated person', PEOPLE.admin.id, `pair <@UGONE0001|gone> ${at(PEOPLE.mentee)}`, /deactivated/],
    ['someone Slack does not know', PEOPLE.admin.id, `pair <@UNOBODY01|x> ${at(PEOPLE.mentee)}`, /can't find <@UNOBODY01>/],
    ['a bad cadence', PEOPLE.admin.id, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} every fortnite`, /After `every`/],
  ])('refuses %s with a clear answer and writes nothing', async (_name, user, text, answer) => {
    const res = await t.slack.command({ text, user_id: user });
    expect(res.status).toBe(200);
    expect(res.json.response_type).toBe('ephemeral');
    expect(res.json.text).toMatch(answer);
    expect(await pairCount()).toBe(0);
    await t.bot.idle(); // a leak would come after the ack
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses a second live pairing of the same two people', async () => {
    await pairUp(t);
    const res = await t.slack.command({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id });
    expect(res.json.text).toContain('already mentors');
    expect(await pairCount()).toBe(1);
  });

  it('tells the admin when a kickoff DM could not be delivered, and keeps the pairing', async () => {
    t.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    const responseUrl = t.fake.responseUrl('kickoff-fail');
    const res = await t.slack.command({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id, response_url: responseUrl });
    expect(res.json.text).toContain('New pairing');
    await eventually(() => expect(t.fake.callsTo('response_url').map((c) => c.args.text).join()).toMatch(/couldn't send the kickoff DM/));
    expect(await pairCount()).toBe(1);
  });
});

describe('/mentor end', () => {
  it('concludes the pairing and sends both a wrap-up', async () => {
    await pairUp(t);
    t.fake.reset();
    const res = await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    expect(res.json.text).toContain('Concluded the pairing');
    const pair = await t.bot.database.db.selectFrom('pairs').selectAll().executeTakeFirstOrThrow();
    expect(pair.status).toBe('ended');
    expect(pair.ended_at).toBeInstanceOf(Date);
    await eventually(() => {
      expect(dmsTo(t, PEOPLE.mentor)[0]?.args.text).toContain('concluded');
      expect(dmsTo(t, PEOPLE.mentee)[0]?.args.text).toContain('concluded');
    });
    const status = await t.slack.command({ text: 'status', user_id: PEOPLE.mentee.id });
    expect(status.json.text).toBe("You're not in a pairing yet.");
  });

  it('says when there is nothing to end, and refuses non-admins', async () => {
    expect((await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id })).json.text).toContain('nothing to end');
    await pairUp(t);
    const res = await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.mentee.id });
    expect(res.json.text).toMatch(/Only program admins/);
    expect((await t.bot.database.db.selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
  });
});

describe('/mentor admins', () => {
  it('lets an admin grant admin rights, after which the new admin can pair, and revoke them again', async () => {
    expect((await t.slack.command({ text: `admins add ${at(PEOPLE.mentor)}`, user_id: PEOPLE.outsider.id })).json.text).toMatch(/Only program admins/);
    expect((await t.slack.command({ text: `admins add ${at(PEOPLE.outsider)}`, user_id: PEOPLE.admin.id })).json.text).toContain('is now a program admin');
    expect((await t.slack.command({ text: `admins add ${at(PEOPLE.outsider)}`, user_id: PEOPLE.admin.id })).json.text).toContain('already is');
    const list = await t.slack.command({ text: 'admins', user_id: PEOPLE.outsider.id });
    expect(list.json.text).toContain(`Workspace admins and owners: <@${PEOPLE.admin.id}>`);
    expect(list.json.text).toContain(`Granted: <@${PEOPLE.outsider.id}>`);
    const paired = await t.slack.command({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.outsider.id });
    expect(paired.json.text).toContain('New pairing');
    expect((await t.slack.command({ text: `admins remove ${at(PEOPLE.outsider)}`, user_id: PEOPLE.admin.id })).json.text).toContain('no longer');
    expect((await t.slack.command({ text: `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.outsider.id })).json.text).toMatch(/Only program admins/);
  });

  it('explains that workspace admins cannot be revoked here', async () => {
    const res = await t.slack.command({ text: `admins remove ${at(PEOPLE.admin)}`, user_id: PEOPLE.admin.id });
    expect(res.json.text).toContain('workspace admin or owner in Slack');
  });
});
