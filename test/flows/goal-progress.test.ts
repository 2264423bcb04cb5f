import { beforeEach, describe, expect, it } from 'vitest';
import { blockOf, dmsTo, eventually, everythingSent, lastHomeOf, pairUp, press, submitGoal, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

const t = useTestBot();
let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const db = () => t.bot.database.db;
const goalRow = (id: number) => db().selectFrom('goals').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
const milestonesOf = (goalId: number) => db().selectFrom('goal_milestones').selectAll().where('goal_id', '=', goalId).orderBy('position').execute();
const goalIdOf = async (title: string) => (await db().selectFrom('goals').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

/** A goal set through the modal; returns its id. */
async function setGoal(person: Person, title: string, opts: { pair?: number; celebrate?: boolean; targetDate?: string | null; milestones?: string } = {}): Promise<number> {
  const res = await submitGoal(t, person, JSON.stringify({ pairId: opts.pair ?? pairId }), {
    title,
    celebrate: opts.celebrate ?? false,
    targetDate: opts.targetDate === undefined ? null : opts.targetDate,
    milestones: opts.milestones ?? 'Shadow a review\nCo-lead a review',
  });
  expect(res.json.response_action).toBe('update');
  await t.bot.idle();
  return goalIdOf(title);
}

/** A choice in a goal's overflow menu on Home, as Slack sends it. */
function choose(person: Person, choice: string, goalId: number | string, value = `${choice}:${goalId}`) {
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    container: { type: 'view', view_id: 'VHOME' },
    actions: [{ type: 'overflow', action_id: 'goal_menu', block_id: `goal_${goalId}`, selected_option: { text: { type: 'plain_text', text: choice }, value } }],
  });
}

function submitProgress(person: Person, metadata: string, ticked: Array<number | string>) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'goal_progress_modal',
    private_metadata: metadata,
    values: { milestones_done: { value: { type: 'checkboxes', selected_options: ticked.map((id) => ({ value: String(id) })) } } },
  });
}

/** The text of the notice modal a press opened (an answer or a refusal). */
async function noticeAfter(interaction: () => Promise<{ status: number }>): Promise<string> {
  const view = await viewOpenedBy(t, interaction);
  expect(view.callback_id).toBe('notice_modal');
  return textOf({ blocks: view.blocks });
}

describe('the goal menu on Home', () => {
  it('gives each open goal its own line with a menu: Mark achieved, Update progress, Edit, Drop', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    for (const person of [PEOPLE.mentor, PEOPLE.mentee]) {
      const home = lastHomeOf(t, person)!.args.view;
      const line = blockOf(home, `goal_${goalId}`);
      expect(line.text.text).toContain('Lead a design review');
      expect(line.accessory.type).toBe('overflow');
      expect(line.accessory.action_id).toBe('goal_menu');
      expect(line.accessory.options.map((o: any) => [o.text.text, o.value])).toEqual([
        ['Mark achieved', `achieved:${goalId}`],
        ['Update progress', `progress:${goalId}`],
        ['Edit', `edit:${goalId}`],
        ['Drop', `drop:${goalId}`],
      ]);
    }
  });

  it('marks a goal without a target date achieved on any day, suggests the shout-out the mentee agreed to, and counts it in the report', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review', { celebrate: true, targetDate: null });
    t.fake.reset();
    const text = await noticeAfter(() => choose(PEOPLE.mentor, 'achieved', goalId));
    expect(text).toContain('*Lead a design review* is marked achieved');
    const goal = await goalRow(goalId);
    expect(goal.status).toBe('achieved');
    expect(goal.achieved_at?.toISOString()).toBe('2026-11-18T14:00:00.000Z');
    await eventually(() => {
      for (const person of [PEOPLE.mentor, PEOPLE.mentee]) expect(blockOf(lastHomeOf(t, person)!.args.view, `goal_${goalId}`)).toBeUndefined();
      expect(textOf(dmsTo(t, PEOPLE.admin).at(-1)?.args)).toContain('Lead a design review');
    });
    expect(await db().selectFrom('celebrations').select(['kind', 'subject']).execute()).toEqual([{ kind: 'goal_achieved', subject: `goal:${goalId}` }]);
    const report = await t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl('report') });
    expect(report.status).toBe(200);
    await eventually(() => expect(textOf(t.fake.callsTo('response_url').at(-1)?.args) + textOf(report.json)).toContain('1 achieved'));
  });

  it('answers a second "Mark achieved" plainly and changes nothing', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review', { celebrate: true });
    await noticeAfter(() => choose(PEOPLE.mentee, 'achieved', goalId));
    await t.bot.idle();
    const first = await goalRow(goalId);
    const adminDms = dmsTo(t, PEOPLE.admin).length;
    t.clock.set('2026-11-19T10:00:00Z');
    const again = await noticeAfter(() => choose(PEOPLE.mentor, 'achieved', goalId));
    expect(again).toContain('already marked achieved');
    await t.bot.idle();
    expect(await goalRow(goalId)).toEqual(first);
    expect(await db().selectFrom('celebrations').select('id').execute()).toHaveLength(1);
    expect(dmsTo(t, PEOPLE.admin)).toHaveLength(adminDms);
  });

  it('drops a goal, and refuses every choice from someone outside the pair', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    for (const choice of ['achieved', 'progress', 'edit', 'drop']) {
      const text = await noticeAfter(() => choose(PEOPLE.outsider, choice, goalId));
      expect(text).toMatch(/isn't yours to change|not part of that pairing/);
    }
    expect(await noticeAfter(() => choose(PEOPLE.outsider, 'achieved', 'x', 'achieved:1 or 1=1'))).toContain("don't know that choice");
    expect((await goalRow(goalId)).status).toBe('open');
    expect(await noticeAfter(() => choose(PEOPLE.mentor, 'drop', goalId))).toContain('was dropped');
    expect((await goalRow(goalId)).status).toBe('dropped');
    await eventually(() => expect(blockOf(lastHomeOf(t, PEOPLE.mentee)!.args.view, `goal_${goalId}`)).toBeUndefined());
  });
});

describe('/mentor help', () => {
  it('mentions the goal menu and who decides about public celebration', async () => {
    const help = await t.slack.command({ text: 'help', user_id: PEOPLE.mentee.id });
    expect(help.json.text).toContain('each open goal has a menu: *Mark achieved* (any day), *Update progress* (tick its milestones), *Edit* and *Drop*');
    expect(help.json.text).toContain('Only the mentee decides');
  });
});

describe('Update progress', () => {
  it('shows the milestones as checkboxes and saves which are done, both ways', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const [first, second] = await milestonesOf(goalId);
    const view = await viewOpenedBy(t, () => choose(PEOPLE.mentor, 'progress', goalId));
    expect(view.callback_id).toBe('goal_progress_modal');
    const boxes = blockOf(view, 'milestones_done').element;
    expect(boxes.type).toBe('checkboxes');
    expect(boxes.options.map((o: any) => [o.text.text, o.value])).toEqual([
      ['Shadow a review', String(first!.id)],
      ['Co-lead a review', String(second!.id)],
    ]);
    expect(boxes.initial_options).toBeUndefined();

    const saved = await submitProgress(PEOPLE.mentor, view.private_metadata, [first!.id]);
    expect(textOf(saved.json)).toContain('1 of 2 milestones done');
    expect((await milestonesOf(goalId)).map((m) => m.done)).toEqual([true, false]);
    await eventually(() => expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toContain('1/2 milestones'));

    const reopened = await viewOpenedBy(t, () => choose(PEOPLE.mentee, 'progress', goalId));
    expect(blockOf(reopened, 'milestones_done').element.initial_options.map((o: any) => o.value)).toEqual([String(first!.id)]);
    await submitProgress(PEOPLE.mentee, reopened.private_metadata, [second!.id]);
    const after = await milestonesOf(goalId);
    expect(after.map((m) => m.done)).toEqual([false, true]);
    expect(after[0]!.done_at).toBeNull();
  });

  it("refuses milestones of another pair's goal, and a goal that is not the presser's, changing nothing", async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const otherPair = await pairUp(t, PEOPLE.admin, PEOPLE.mentee2);
    const otherGoal = await setGoal(PEOPLE.mentee2, 'Other goal', { pair: otherPair });
    const [mine] = await milestonesOf(goalId);
    const [theirs] = await milestonesOf(otherGoal);

    const forgedMilestone = await submitProgress(PEOPLE.mentee, JSON.stringify({ goalId }), [mine!.id, theirs!.id]);
    expect(errorsOf(forgedMilestone).milestones_done).toContain('only milestones of this goal');
    const forgedGoal = await submitProgress(PEOPLE.mentee, JSON.stringify({ goalId: otherGoal }), [theirs!.id]);
    expect(textOf(forgedGoal.json)).toContain('not part of that pairing');
    expect(errorsOf(await submitProgress(PEOPLE.mentee, JSON.stringify({ goalId }), ['1 or 1=1'])).milestones_done).toContain('from the list');
    for (const m of [...(await milestonesOf(goalId)), ...(await milestonesOf(otherGoal))]) expect(m.done).toBe(false);
  });

  it('tells the pair a goal without milestones has nothing to tick', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'No steps', { milestones: '' });
    expect(await noticeAfter(() => choose(PEOPLE.mentee, 'progress', goalId))).toContain('no milestones yet');
  });
});

describe('Edit', () => {
  it('opens the goal modal filled in and saves the changes, keeping ticked milestones', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review', { targetDate: '2027-01-31', celebrate: true });
    const [first] = await milestonesOf(goalId);
    await submitProgress(PEOPLE.mentee, JSON.stringify({ goalId }), [first!.id]);
    const view = await viewOpenedBy(t, () => choose(PEOPLE.mentee, 'edit', goalId));
    expect(view.callback_id).toBe('goal_modal');
    expect(view.title.text).toBe('Edit goal');
    expect(JSON.parse(view.private_metadata)).toEqual({ pairId, goalId });
    expect(blockOf(view, 'title').element.initial_value).toBe('Lead a design review');
    expect(blockOf(view, 'target_date').element.initial_date).toBe('2027-01-31');
    expect(blockOf(view, 'milestones').element.initial_value).toBe('Shadow a review\nCo-lead a review');
    expect(blockOf(view, 'celebrate').element.initial_options.map((o: any) => o.value)).toEqual(['yes']);

    const saved = await submitGoal(t, PEOPLE.mentee, view.private_metadata, { title: 'Lead two design reviews', milestones: 'Shadow a review\nLead one alone', celebrate: true });
    expect(textOf(saved.json)).toContain('*Lead two design reviews* is updated');
    expect(await db().selectFrom('goals').select('id').execute()).toHaveLength(1);
    expect(await goalRow(goalId)).toMatchObject({ title: 'Lead two design reviews', celebrate_publicly: true, status: 'open' });
    expect((await milestonesOf(goalId)).map((m) => [m.title, m.done])).toEqual([
      ['Shadow a review', true],
      ['Lead one alone', false],
    ]);
    await eventually(() => expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('Lead two design reviews'));
  });

  it('refuses to edit a dropped goal, from the menu or with a forged form, and changes nothing', async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const view = await viewOpenedBy(t, () => choose(PEOPLE.mentee, 'edit', goalId));
    await noticeAfter(() => choose(PEOPLE.mentor, 'drop', goalId));
    const before = await goalRow(goalId);
    expect(await noticeAfter(() => choose(PEOPLE.mentee, 'edit', goalId))).toContain('was dropped');
    const late = await submitGoal(t, PEOPLE.mentee, view.private_metadata, { title: 'Revived', celebrate: true });
    expect(textOf(late.json)).toContain('was dropped');
    expect(await goalRow(goalId)).toEqual(before);
    expect((await milestonesOf(goalId)).map((m) => m.title)).toEqual(['Shadow a review', 'Co-lead a review']);
  });

  it("refuses a forged edit of another pair's goal", async () => {
    const otherPair = await pairUp(t, PEOPLE.admin, PEOPLE.mentee2);
    const otherGoal = await setGoal(PEOPLE.mentee2, 'Other goal', { pair: otherPair });
    for (const metadata of [{ pairId, goalId: otherGoal }, { pairId: otherPair, goalId: otherGoal }]) {
      const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify(metadata), { title: 'Hijacked' });
      expect(textOf(res.json)).toMatch(/isn't yours to change|not part of that pairing/);
    }
    expect((await goalRow(otherGoal)).title).toBe('Other goal');
  });
});

describe('milestones in the session log', () => {
  it("lists the open milestones of the pair's goals and ticks the ones the session reached", async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    const [first, second] = await milestonesOf(goalId);
    await submitProgress(PEOPLE.mentee, JSON.stringify({ goalId }), [first!.id]);
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentor.id }));
    const boxes = blockOf(view, 'milestone_ids').element;
    expect(boxes.type).toBe('checkboxes');
    expect(boxes.options.map((o: any) => [o.text.text, o.value])).toEqual([['Co-lead a review (Lead a design review)', String(second!.id)]]);

    const res = await submitLog(t, PEOPLE.mentor, pairId, { goalIds: [goalId], milestoneIds: [second!.id] });
    expect(res.json.response_action).toBe('update');
    expect((await milestonesOf(goalId)).map((m) => m.done)).toEqual([true, true]);
    await eventually(() => expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toContain('2/2 milestones'));
  });

  it("refuses forged milestone ids of another pair's goal: no session, nothing ticked", async () => {
    const otherPair = await pairUp(t, PEOPLE.admin, PEOPLE.mentee2);
    const otherGoal = await setGoal(PEOPLE.mentee2, 'Other goal', { pair: otherPair });
    const [theirs] = await milestonesOf(otherGoal);
    for (const ids of [[theirs!.id], [999999]]) {
      const res = await submitLog(t, PEOPLE.mentor, pairId, { milestoneIds: ids });
      expect(errorsOf(res).milestone_ids).toContain('only open milestones of the pairing');
    }
    expect(await db().selectFrom('sessions').select('id').execute()).toHaveLength(0);
    expect((await milestonesOf(otherGoal)).every((m) => !m.done)).toBe(true);
  });
});

describe('consent to celebrate belongs to the mentee', () => {
  it('shows the box to the mentee only', async () => {
    const mentee = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentee.id }));
    expect(blockOf(mentee, 'celebrate')).toBeDefined();
    const mentor = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentor.id }));
    expect(blockOf(mentor, 'celebrate')).toBeUndefined();
    expect(textOf({ blocks: mentor.blocks })).toContain('The mentee decides');
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review');
    expect(blockOf(await viewOpenedBy(t, () => choose(PEOPLE.mentor, 'edit', goalId)), 'celebrate')).toBeUndefined();
  });

  it("never takes a mentor's forged consent, asks the mentee by DM, and only the mentee's answer counts", async () => {
    const res = await submitGoal(t, PEOPLE.mentor, JSON.stringify({ pairId }), { title: 'Lead a design review', celebrate: true });
    expect(textOf(res.json)).toContain(`asked <@${PEOPLE.mentee.id}>`);
    await t.bot.idle();
    const goalId = await goalIdOf('Lead a design review');
    expect((await goalRow(goalId)).celebrate_publicly).toBe(false);
    const ask = dmsTo(t, PEOPLE.mentee).at(-1)!.args as { channel: string; text: string; blocks: any[] };
    expect(textOf(ask)).toContain('may program admins celebrate it publicly');
    const row = blockOf(ask, `goal_consent_${goalId}`);
    expect(row.elements.map((b: any) => [b.text.text, b.action_id, b.value])).toEqual([
      ['Yes', 'goal_consent_yes', String(goalId)],
      ['Not publicly', 'goal_consent_no', String(goalId)],
    ]);
    expect(dmsTo(t, PEOPLE.mentor).filter((c) => textOf(c.args).includes('celebrate it publicly'))).toHaveLength(0);

    for (const person of [PEOPLE.mentor, PEOPLE.outsider]) {
      const refusal = await noticeAfter(() => press(t, person, 'goal_consent_yes', String(goalId)));
      expect(refusal).toContain(person === PEOPLE.mentor ? 'Only the mentee decides' : 'not part of that pairing');
    }
    expect((await goalRow(goalId)).celebrate_publicly).toBe(false);

    const yes = await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      team_id: TEAM,
      channel_id: ask.channel,
      message: { ts: '1.1', text: ask.text, blocks: ask.blocks },
      actions: [{ action_id: 'goal_consent_yes', value: String(goalId), block_id: `goal_consent_${goalId}` }],
    });
    expect(yes.status).toBe(200);
    await eventually(() => expect(textOf(t.fake.callsTo('chat.update').at(-1)?.args)).toContain('You said yes'));
    expect((await goalRow(goalId)).celebrate_publicly).toBe(true);
    expect((await press(t, PEOPLE.mentee, 'goal_consent_no', String(goalId))).status).toBe(200);
    await t.bot.idle();
    expect((await goalRow(goalId)).celebrate_publicly).toBe(false);
  });

  it("keeps a mentor's edit from publishing a new title the mentee never agreed to", async () => {
    const goalId = await setGoal(PEOPLE.mentee, 'Lead a design review', { celebrate: true });
    const view = await viewOpenedBy(t, () => choose(PEOPLE.mentor, 'edit', goalId));
    t.fake.reset();
    await submitGoal(t, PEOPLE.mentor, view.private_metadata, { title: 'SECRET-GOAL renamed', celebrate: true });
    await t.bot.idle();
    expect(await goalRow(goalId)).toMatchObject({ title: 'SECRET-GOAL renamed', celebrate_publicly: false });
    expect(textOf(dmsTo(t, PEOPLE.mentee).at(-1)?.args)).toContain('changed a goal');
  });

  it('without consent, an achieved goal gets no shout-out suggestion, no titled export row and no report line naming it', async () => {
    const goalId = await setGoal(PEOPLE.mentor, 'SECRET-GOAL private', { celebrate: true });
    t.fake.reset();
    await noticeAfter(() => choose(PEOPLE.mentee, 'achieved', goalId));
    await t.bot.idle();
    expect((await goalRow(goalId)).status).toBe('achieved');
    expect(await db().selectFrom('celebrations').select('id').execute()).toHaveLength(0);
    expect(dmsTo(t, PEOPLE.admin)).toHaveLength(0);
    t.fake.reset();
    const report = await t.slack.command({ text: 'report', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl('report') });
    expect(report.status).toBe(200);
    expect((await t.slack.command({ text: 'export', user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl('export') })).status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('file_upload').map((u) => u.args.filename)).toContain('mentoring-goals-2026-11-18.csv'));
    await t.bot.idle();
    const goalsCsv = String(t.fake.callsTo('file_upload').find((u) => u.args.filename === 'mentoring-goals-2026-11-18.csv')!.args.body);
    expect(goalsCsv).toContain(`${goalId},`);
    // Nothing the admin got (report, export) names the goal; the report still counts it.
    expect(textOf(report.json)).toContain('1 achieved');
    expect(everythingSent(t) + textOf(report.json)).not.toContain('SECRET-GOAL');
  });
});
