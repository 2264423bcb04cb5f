import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveProfiles } from '../../src/db/repositories/profiles-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { dmsTo, eventually, pairUp, submitJoinAsMentee as sendJoinAsMentee, textOf } from '../helpers/flows.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

// Maya (PEOPLE.mentor) fits Theo (PEOPLE.mentee) best; Ana and Ben fit less; Cal offers nothing he wants.
const ANA = { id: 'UANA00001', real_name: 'Ana Analyst', team_id: TEAM, tz: 'UTC' };
const BEN = { id: 'UBEN00001', real_name: 'Ben Budget', team_id: TEAM, tz: 'UTC' };
const CAL = { id: 'UCAL00001', real_name: 'Cal Coder', team_id: TEAM, tz: 'UTC' };
const DORA = { id: 'UDORA0001', real_name: 'Dora Deals', team_id: TEAM, tz: 'UTC' };

const t = useTestBot();
const db = () => t.bot.database.db;

beforeAll(() => {
  for (const person of [ANA, BEN, CAL, DORA]) t.fake.addUser(person);
});

async function mentor(person: Person, skills: string[], capacity: number) {
  const program = await defaultProgram(db(), TEAM);
  await saveProfiles(db(), { teamId: TEAM, programId: program.id, userId: person.id, managerId: null, mentee: null, mentor: { skills, capacity, openToReverse: false }, at: new Date('2026-11-18T10:00:00Z') });
}

beforeEach(async () => {
  await defaultProgram(db(), TEAM);
  await db().updateTable('programs').set({ matching_mode: 'mentee' }).where('team_id', '=', TEAM).execute();
  // Profiles reference members rows: the directory fills them from the fake Slack.
  for (const person of [PEOPLE.mentor, ANA, BEN, CAL, DORA, PEOPLE.mentee, PEOPLE.mentee2]) await t.bot.services.members.find(TEAM, person.id);
  await mentor(PEOPLE.mentor, ['Negotiation', 'Budgeting', 'Public speaking'], 1);
  await mentor(ANA, ['Negotiation', 'SQL'], 3);
  await mentor(BEN, ['Budgeting'], 2);
  await mentor(DORA, ['Negotiation'], 1);
  await mentor(CAL, ['Kubernetes'], 5);
  t.fake.reset();
});

const joinAsMentee = (person: Person, skills: string, gap: string) => sendJoinAsMentee(t, person, skills, gap);
const THEO_GAP = 'I freeze at public speaking in front of stakeholders.';
const joinTheo = async () => {
  const res = await joinAsMentee(PEOPLE.mentee, 'Negotiation\nBudgeting', THEO_GAP);
  expect(res.json.response_action).toBe('update');
  const { matching_mode } = await db().selectFrom('programs').select('matching_mode').where('team_id', '=', TEAM).executeTakeFirstOrThrow();
  const says = textOf(res.json);
  if (matching_mode === 'mentee') expect(says).toContain('Here mentees choose their mentor: I’ve sent the mentors who fit you best to our DM');
  else expect(says).toContain('A program admin will pair you');
  await t.bot.idle();
};

/** The last DM a person got, as the message Slack would send back with a press. */
const lastDm = (person: Person): any => dmsTo(t, person).at(-1)!.args;
const buttonsOf = (message: { blocks: any[] }) => message.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements.map((e: any) => ({ ...e, block_id: b.block_id })) : []));
const buttonIn = (message: { blocks: any[] }, text: string) => buttonsOf(message).find((b: any) => b.text.text === text);

/** Presses a button of a DM (or a reply) as Slack sends it: with the message and a response_url. */
function press(person: Person, message: { text: string; blocks: any[] }, buttonText: string, valueOverride?: string) {
  const b = buttonIn(message, buttonText);
  expect(b, `a ${buttonText} button`).toBeDefined();
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: `D${person.id}`,
    response_url: t.fake.responseUrl(),
    container: { type: 'message', message_ts: '1700000000.000200', channel_id: `D${person.id}` },
    message: { ts: '1700000000.000200', ...message },
    actions: [{ action_id: b.action_id, value: valueOverride ?? b.value, block_id: b.block_id }],
  });
}
async function pressed(person: Person, message: { text: string; blocks: any[] }, buttonText: string, valueOverride?: string) {
  const res = await press(person, message, buttonText, valueOverride);
  expect(res.status).toBe(200);
  await t.bot.idle();
}
const lastNotice = () => textOf(t.fake.callsTo('views.open').at(-1)?.args.view);
const lastResponse = (): any => t.fake.callsTo('response_url').at(-1)?.args;
const requests = () => db().selectFrom('match_requests').selectAll().orderBy('id').execute();
const livePairs = () => db().selectFrom('pairs').selectAll().where('status', '<>', 'ended').orderBy('id').execute();

/** Theo joins and asks Maya; returns Maya's request DM. */
async function theoAsksMaya() {
  await joinTheo();
  await pressed(PEOPLE.mentee, lastDm(PEOPLE.mentee), 'Ask Maya');
  await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1));
  return lastDm(PEOPLE.mentor);
}

describe('mentees choose their mentor', () => {
  it('joining as a mentee brings three suggestions, each explained in plain words, with an Ask button each', async () => {
    await joinTheo();
    const dm = lastDm(PEOPLE.mentee);
    expect(slackLimitViolations('chat.postMessage', dm)).toEqual([]);
    const text = textOf(dm);
    expect(text).toContain('In this program you choose your mentor.');
    expect(text).toContain('*Choose your mentor* in *Mentoring*. Here are the 3 mentors who fit what you want to grow best:');
    // Maya covers both skills and the gap; Ana and Ben one skill each (Ana has more places); Dora ties with Ana but has fewer; Cal none.
    expect(text).toContain(`1. <@${PEOPLE.mentor.id}> offers Negotiation and Budgeting, and has worked through the gap you named: Public speaking. Room for one more mentee.`);
    expect(text).toContain(`2. <@${ANA.id}> offers Negotiation. Room for 3 more mentees.`);
    expect(text).toContain(`3. <@${BEN.id}> offers Budgeting. Room for 2 more mentees.`);
    expect(text).not.toContain(DORA.id);
    expect(text).not.toContain(CAL.id);
    expect(buttonsOf(dm).map((b: any) => b.text.text)).toEqual(['Ask Maya', 'Ask Ana', 'Ask Ben']);
  });

  it('`/mentor suggestions` shows the same three after the ack, and says when admins choose instead', async () => {
    await joinTheo();
    const res = await t.slack.command({ text: 'suggestions', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('sugg') });
    expect(res.json.text).toContain('Looking for the mentors');
    await t.bot.idle();
    const reply = lastResponse();
    expect(reply.replace_original).toBe(true);
    expect(buttonsOf(reply).map((b: any) => b.text.text)).toEqual(['Ask Maya', 'Ask Ana', 'Ask Ben']);

    await db().updateTable('programs').set({ matching_mode: 'admin' }).where('team_id', '=', TEAM).execute();
    await t.slack.command({ text: 'suggestions', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('sugg2') });
    await t.bot.idle();
    expect(lastResponse().text).toContain('program admins choose each mentee’s mentor');
    // Someone with no mentee profile is told how to get one.
    await db().updateTable('programs').set({ matching_mode: 'mentee' }).where('team_id', '=', TEAM).execute();
    await t.slack.command({ text: 'suggestions', user_id: PEOPLE.outsider.id, response_url: t.fake.responseUrl('sugg3') });
    await t.bot.idle();
    expect(lastResponse().text).toContain('as a mentee first (`/mentor join`)');
  });

  it('in admin mode joining sends no suggestions', async () => {
    await db().updateTable('programs').set({ matching_mode: 'admin' }).where('team_id', '=', TEAM).execute();
    await joinTheo();
    expect(dmsTo(t, PEOPLE.mentee)).toHaveLength(0);
  });

  it('asking sends the mentor a request with what the mentee wants to grow; asking again while it waits is refused clearly', async () => {
    const request = await theoAsksMaya();
    expect(slackLimitViolations('chat.postMessage', request)).toEqual([]);
    expect(textOf(request)).toContain(`<@${PEOPLE.mentee.id}> would like you as their mentor* in *Mentoring*: wants to grow Negotiation and Budgeting; what holds them back, in their words: “${THEO_GAP}”`);
    expect(buttonsOf(request).map((b: any) => b.text.text)).toEqual(['Accept', 'Decline']);
    expect(await requests()).toEqual([expect.objectContaining({ mentee_id: PEOPLE.mentee.id, mentor_id: PEOPLE.mentor.id, status: 'pending', decided_at: null })]);
    // The mentee is told it went and what happens next, in place of the Ask buttons.
    expect(textOf(lastResponse())).toContain(`I’ve asked <@${PEOPLE.mentor.id}> for you. They can accept or decline`);

    await pressed(PEOPLE.mentee, dmsTo(t, PEOPLE.mentee)[0]!.args as any, 'Ask Ana');
    expect(lastNotice()).toContain(`You’ve asked <@${PEOPLE.mentor.id}> already and they haven’t answered yet`);
    expect(await requests()).toHaveLength(1);
    expect(dmsTo(t, ANA)).toHaveLength(0);

    await t.slack.command({ text: 'suggestions', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('pending') });
    await t.bot.idle();
    expect(lastResponse().text).toContain(`You asked <@${PEOPLE.mentor.id}> to be your mentor in *Mentoring* on Wed 18 Nov, and they haven’t answered yet.`);
  });

  it('the mentor accepts: a pairing like /mentor pair, the kickoff introduces both, and the request is settled', async () => {
    const request = await theoAsksMaya();
    await pressed(PEOPLE.mentor, request, 'Accept');
    const pairs = await livePairs();
    expect(pairs).toEqual([expect.objectContaining({ mentor_id: PEOPLE.mentor.id, mentee_id: PEOPLE.mentee.id, kind: 'standard', cadence_days: 14, created_by: PEOPLE.mentor.id })]);
    expect((await requests())[0]).toMatchObject({ status: 'accepted' });
    expect(textOf(lastResponse())).toContain(`Accepted: you now mentor <@${PEOPLE.mentee.id}>`);

    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(2));
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const kickoff = lastDm(person);
      expect(slackLimitViolations('chat.postMessage', kickoff)).toEqual([]);
      const text = textOf(kickoff);
      expect(text).toContain(`• <@${PEOPLE.mentor.id}>, the mentor: offers Negotiation, Budgeting and Public speaking`);
      expect(text).toContain(`• <@${PEOPLE.mentee.id}>, the mentee: wants to grow Negotiation and Budgeting; what holds them back, in their words: “${THEO_GAP}”`);
      expect(text).toContain('*Mentoring*: meet every 2 weeks');
      expect(text).toMatch(/Agree your objective[\s\S]*Book the first session[\s\S]*Set a first goal/);
      expect(buttonsOf(kickoff).map((b: any) => b.action_id)).toEqual(['open_goal_modal', 'open_log_modal']);
    }

    // Pressing again: the request is settled, nothing changes.
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(lastNotice()).toContain('This request is already accepted');
    expect(await livePairs()).toHaveLength(1);
  });

  it('in a reverse program an accepted request makes a reverse pairing', async () => {
    await db().updateTable('programs').set({ kind: 'reverse' }).where('team_id', '=', TEAM).execute();
    const request = await theoAsksMaya();
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(await livePairs()).toEqual([expect.objectContaining({ kind: 'reverse' })]);
  });

  it('only the mentor asked can answer, and a forged id changes nothing', async () => {
    const request = await theoAsksMaya();
    for (const person of [PEOPLE.mentee, ANA, PEOPLE.outsider]) {
      await pressed(person, request, 'Accept');
      expect(lastNotice()).toContain(`Only <@${PEOPLE.mentor.id}>, the mentor <@${PEOPLE.mentee.id}> asked, can answer this request.`);
      await pressed(person, request, 'Decline');
      expect(lastNotice()).toContain(`Only <@${PEOPLE.mentor.id}>`);
    }
    await pressed(PEOPLE.mentor, request, 'Accept', '99999');
    expect(lastNotice()).toContain('That request is no longer open.');
    await pressed(PEOPLE.mentor, request, 'Accept', 'not-a-number');
    expect(lastNotice()).toContain('That request is no longer open.');
    expect(await livePairs()).toEqual([]);
    expect((await requests())[0]).toMatchObject({ status: 'pending' });
  });

  it('the mentor declines: the mentee is told kindly with new suggestions without that mentor; the request cannot be answered twice', async () => {
    const request = await theoAsksMaya();
    await pressed(PEOPLE.mentor, request, 'Decline');
    expect((await requests())[0]).toMatchObject({ status: 'declined' });
    expect(textOf(lastResponse())).toContain(`Declined. I’ve let <@${PEOPLE.mentee.id}> know kindly`);
    const dm = lastDm(PEOPLE.mentee);
    expect(textOf(dm)).toContain(`<@${PEOPLE.mentor.id}> can’t take you on this time. That is about their time, not about you`);
    expect(buttonsOf(dm).map((b: any) => b.text.text)).toEqual(['Ask Ana', 'Ask Ben', 'Ask Dora']);
    expect(await livePairs()).toEqual([]);

    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(lastNotice()).toContain('This request was already declined');
    expect(await livePairs()).toEqual([]);
    // Asking the mentor who declined, from the old message, is refused.
    await pressed(PEOPLE.mentee, dmsTo(t, PEOPLE.mentee)[0]!.args as any, 'Ask Maya');
    expect(lastNotice()).toContain(`<@${PEOPLE.mentor.id}> can’t take you on this time`);
    // A new request to someone else goes through.
    await pressed(PEOPLE.mentee, dm, 'Ask Ana');
    expect((await requests()).map((r) => [r.mentor_id, r.status])).toEqual([[PEOPLE.mentor.id, 'declined'], [ANA.id, 'pending']]);
  });

  it('a mentor whose places filled meanwhile is told so, and the mentee picks another', async () => {
    const request = await theoAsksMaya();
    await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    t.fake.reset();
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(textOf(lastResponse())).toContain('You have no places left');
    expect((await requests())[0]).toMatchObject({ status: 'expired' });
    expect((await livePairs()).map((p) => p.mentee_id)).toEqual([PEOPLE.mentee2.id]);
    const dm = lastDm(PEOPLE.mentee);
    expect(textOf(dm)).toContain(`<@${PEOPLE.mentor.id}> has no place left right now`);
    expect(buttonsOf(dm).map((b: any) => b.text.text)).toEqual(['Ask Ana', 'Ask Ben', 'Ask Dora']);
  });

  it('a request unanswered for a week lapses: the mentee may ask someone else, and the old Accept changes nothing', async () => {
    const request = await theoAsksMaya();
    t.clock.set('2026-11-24T14:00:00Z'); // six days on: still waiting
    await pressed(PEOPLE.mentee, dmsTo(t, PEOPLE.mentee)[0]!.args as any, 'Ask Ana');
    expect(lastNotice()).toContain('or after 7 days without an answer');
    expect(await requests()).toHaveLength(1);
    t.clock.set('2026-11-25T14:00:00Z'); // a week on
    await pressed(PEOPLE.mentee, dmsTo(t, PEOPLE.mentee)[0]!.args as any, 'Ask Ana');
    expect((await requests()).map((r) => [r.mentor_id, r.status])).toEqual([[PEOPLE.mentor.id, 'expired'], [ANA.id, 'pending']]);
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(await livePairs()).toEqual([]);
  });

  it('a program archived, or a mentee who left it, since the request: Accept pairs nobody and closes it', async () => {
    const request = await theoAsksMaya();
    await db().deleteFrom('member_profiles').where('user_id', '=', PEOPLE.mentee.id).execute();
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(lastNotice()).toContain(`<@${PEOPLE.mentee.id}> is no longer looking for a mentor in *Mentoring*`);
    expect((await requests())[0]).toMatchObject({ status: 'expired' });
    expect(await livePairs()).toEqual([]);
  });

  it('a mentee paired meanwhile: the mentor is told, nothing is paired', async () => {
    const request = await theoAsksMaya();
    await pairUp(t, ANA, PEOPLE.mentee);
    await pressed(PEOPLE.mentor, request, 'Accept');
    expect(lastNotice()).toContain(`<@${PEOPLE.mentee.id}> has found a mentor meanwhile`);
    expect((await livePairs()).map((p) => p.mentor_id)).toEqual([ANA.id]);
    // And they are told they have a mentor when they look for suggestions.
    await t.slack.command({ text: 'suggestions', user_id: PEOPLE.mentee.id, response_url: t.fake.responseUrl('paired') });
    await t.bot.idle();
    expect(lastResponse().text).toContain('You already have a mentor in *Mentoring*');
  });
});

describe('admin matching in a reverse program', () => {
  it('Pair them makes a reverse pairing', async () => {
    await db().updateTable('programs').set({ kind: 'reverse', matching_mode: 'admin' }).where('team_id', '=', TEAM).execute();
    await joinTheo();
    const res = await t.slack.command({ text: 'match', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
    const pair = res.json.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).find((e: any) => e.action_id === 'match_pair');
    await t.slack.blockAction({
      user_id: PEOPLE.admin.id,
      team_id: TEAM,
      channel_id: 'C1',
      response_url: t.fake.responseUrl(),
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
      actions: [{ action_id: 'match_pair', value: pair.value }],
    });
    await t.bot.idle();
    expect(await livePairs()).toEqual([expect.objectContaining({ mentor_id: PEOPLE.mentor.id, mentee_id: PEOPLE.mentee.id, kind: 'reverse' })]);
  });
});
