import { beforeEach, describe, expect, it } from 'vitest';
import { eventually, lastHomeOf, viewOpenedBy, pairUp, press, submitGoal, textOf } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { PEOPLE, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot();
let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const goals = () => t.bot.database.db.selectFrom('goals').selectAll().execute();
const db = () => t.bot.database.db;

describe('/mentor goal', () => {
  it('opens the goal modal for the pairing, then saves the goal and its milestones', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentee.id }));
    expect(view.callback_id).toBe('goal_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ pairId });
    expect(textOf({ blocks: view.blocks })).toContain('Mentored by Maya Mentor');
    expect(view.blocks.map((b: any) => b.block_id).filter(Boolean)).toEqual(['objective', 'title', 'outcome', 'success_measure', 'target_date', 'milestones', 'celebrate']);

    const saved = await submitGoal(t, PEOPLE.mentee, view.private_metadata, { title: 'Lead a design review', milestones: 'Shadow one\n\n- Co-lead one\n', celebrate: true });
    expect(saved.status).toBe(200);
    expect(saved.json.response_action).toBe('update');
    expect(textOf(saved.json)).toContain('*Lead a design review* is set');
    const [goal] = await goals();
    expect(goal).toMatchObject({ pair_id: pairId, title: 'Lead a design review', target_date: '2027-01-31', celebrate_publicly: true, status: 'open', created_by: PEOPLE.mentee.id });
    const milestones = await t.bot.database.db.selectFrom('goal_milestones').select(['title', 'position', 'done']).orderBy('position').execute();
    expect(milestones).toEqual([
      { title: 'Shadow one', position: 0, done: false },
      { title: 'Co-lead one', position: 1, done: false },
    ]);
    await eventually(() => {
      expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('Lead a design review');
      expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args.view)).toMatch(/Lead a design review ▱+ 0\/2 milestones/);
    });
  });

  it('records the pairing objective agreed at kickoff, shows it to both, and keeps it when left as is', async () => {
    const submit = (objective: string | undefined, title: string) =>
      t.slack.viewSubmission({
        user_id: PEOPLE.mentee.id,
        callback_id: 'goal_modal',
        private_metadata: JSON.stringify({ pairId }),
        values: {
          ...(objective !== undefined ? { objective: { value: { type: 'plain_text_input', value: objective } } } : {}),
          title: { value: { type: 'plain_text_input', value: title } },
        },
      });
    expect((await submit('Run design reviews <!here> on my own by March', 'First')).json.response_action).toBe('update');
    expect((await db().selectFrom('pairs').select('objective').executeTakeFirstOrThrow()).objective).toBe('Run design reviews <!here> on my own by March');
    await t.bot.idle();
    const status = textOf((await t.slack.command({ text: 'status', user_id: PEOPLE.mentor.id })).json);
    expect(status).toContain('_Objective:_ Run design reviews &lt;!here&gt; on my own by March');
    const reopened = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentor.id }));
    expect(reopened.blocks.find((b: any) => b.block_id === 'objective').element.initial_value).toBe('Run design reviews <!here> on my own by March');
    await submit('', 'Second');
    expect((await db().selectFrom('pairs').select('objective').executeTakeFirstOrThrow()).objective).toBe('Run design reviews <!here> on my own by March');
    expect((await submit('x'.repeat(1001), 'Third')).json.errors).toEqual({ objective: 'Keep the objective under 1000 characters.' });
  });

  it.each([
    ['an empty title', { title: '   ' }, 'title', 'Give the goal a title.'],
    ['a title over 150 characters', { title: 'x'.repeat(151) }, 'title', 'under 150'],
    ['a target date in the past', { targetDate: '2026-11-01' }, 'target_date', 'in the past'],
    ['eleven milestones', { milestones: Array.from({ length: 11 }, (_, i) => `m${i}`).join('\n') }, 'milestones', 'Up to 10'],
  ])('answers %s with a field error and saves nothing', async (_name, values, field, message) => {
    const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), values);
    expect(errorsOf(res)[field]).toContain(message);
    expect(await goals()).toHaveLength(0);
  });

  it('accepts unicode and emoji titles, counting an emoji as one character', async () => {
    const title = `${'é'.repeat(100)}${'🚀'.repeat(50)}`;
    const res = await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title });
    expect(res.json.response_action).toBe('update');
    expect((await goals())[0]?.title).toBe(title);
  });

  it('refuses a submission whose metadata names a pairing the person is not in', async () => {
    for (const metadata of [JSON.stringify({ pairId }), JSON.stringify({ pairId: pairId + 999 }), '{"pairId":"1 or 1=1"}', 'not json']) {
      const res = await submitGoal(t, PEOPLE.outsider, metadata, {});
      expect(res.status).toBe(200);
      expect(res.json.response_action === 'update' ? textOf(res.json) : JSON.stringify(res.json.errors)).toMatch(/not part of that pairing|Choose the pairing/);
    }
    expect(await goals()).toHaveLength(0);
  });

  it('tells someone without a pairing what to do instead of opening a modal', async () => {
    const res = await t.slack.command({ text: 'goal', user_id: PEOPLE.outsider.id, response_url: t.fake.responseUrl('nogoal') });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('response_url')[0]?.args.text).toContain("You're not in a pairing yet"));
    await t.bot.idle();
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('lets a person in two pairings pick the pairing, and rejects a pick that is not theirs', async () => {
    const second = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'goal', user_id: PEOPLE.mentor.id }));
    const picker = view.blocks.find((b: any) => b.block_id === 'pair_id');
    expect(picker.element.options.map((o: any) => [o.text.text, o.value])).toEqual([
      ['Mentoring Theo Mentee', String(pairId)],
      ['Mentoring Sam Second', String(second)],
    ]);
    expect(JSON.parse(view.private_metadata)).toEqual({});
    const values = (pick: string) => ({
      user_id: PEOPLE.mentee2.id,
      callback_id: 'goal_modal',
      private_metadata: '{}',
      values: { pair_id: { value: { type: 'static_select', selected_option: { value: pick } } }, title: { value: { type: 'plain_text_input', value: 'Ship it' } } },
    });
    const wrong = await t.slack.viewSubmission(values(String(pairId)));
    expect(textOf(wrong.json)).toContain('not part of that pairing');
    const right = await t.slack.viewSubmission(values(String(second)));
    expect(right.json.response_action).toBe('update');
    expect((await goals()).map((g) => g.pair_id)).toEqual([second]);
  });

  it('opens the goal modal from the Set a goal button, re-checking the presser', async () => {
    expect((await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'open_goal_modal', String(pairId)))).callback_id).toBe('goal_modal');
    const notice = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'open_goal_modal', String(pairId)));
    expect(notice.callback_id).toBe('notice_modal');
    expect(textOf({ blocks: notice.blocks })).toContain('not part of that pairing');
  });
});
