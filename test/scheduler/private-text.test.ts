// Private text (advice, goal titles) reaches a nudge DM but is not kept in nudges or deliveries:
// nudges name ids, the text is read when composing, and a sent delivery keeps its blocks without it.
import { beforeEach, describe, expect, it } from 'vitest';
import { directMessagesTo, pairUp, submitGoal, submitLog, submitLoop, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
let pairId: number;

const ADVICE = 'Ask Priya about the reorg before Friday';
const GOAL = 'Lead the platform migration review';

beforeEach(async () => {
  pairId = await pairUp(t);
  await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: ADVICE });
  await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: GOAL, targetDate: '2026-11-20' });
  await t.bot.idle();
  t.fake.reset();
});

const storedText = async () => JSON.stringify([await db().selectFrom('nudges').select('detail').execute(), await db().selectFrom('deliveries').select('message').execute()]);

describe('nudges and deliveries keep no private text', () => {
  it('nudges store ids; the DM quotes the advice and the goal; the sent delivery keeps neither', async () => {
    await t.sweepAt('2026-11-24T10:00:00Z'); // Tuesday, 11:00 in Berlin
    const dm = directMessagesTo(t, PEOPLE.mentee)[0]!.args;
    expect(JSON.stringify(dm.blocks)).toContain(ADVICE);
    expect(JSON.stringify(dm.blocks)).toContain(GOAL);

    const advice = await db().selectFrom('advice_items').select('id').executeTakeFirstOrThrow();
    const loop = await db().selectFrom('nudges').select('detail').where('rule', '=', 'close_loop').executeTakeFirstOrThrow();
    expect(loop.detail).toMatchObject({ adviceId: advice.id });
    const delivery = await db().selectFrom('deliveries').selectAll().where('recipient_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    expect(delivery.status).toBe('sent');
    // What later updates need is still there: the text and every row of buttons.
    expect((delivery.message as any).text).toBe(dm.text);
    expect((delivery.message as any).blocks.filter((b: any) => b.type === 'actions')).toEqual(dm.blocks.filter((b: any) => b.type === 'actions'));
    const stored = await storedText();
    expect(stored).not.toContain(ADVICE);
    expect(stored).not.toContain(GOAL);
  });

  it('closing the loop from the nudge rewrites the message with the goal still quoted, and stores it without either text', async () => {
    await t.sweepAt('2026-11-24T10:00:00Z');
    const advice = await db().selectFrom('advice_items').select('id').executeTakeFirstOrThrow();
    const delivery = await db().selectFrom('deliveries').selectAll().where('recipient_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    const dm = directMessagesTo(t, PEOPLE.mentee)[0]!.args;
    const row = dm.blocks.find((b: any) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === 'open_loop_modal'));
    const view = await viewOpenedBy(t, () =>
      t.slack.blockAction({
        user_id: PEOPLE.mentee.id,
        team_id: TEAM,
        channel_id: delivery.channel_id!,
        message: { ts: delivery.message_ts!, text: dm.text, blocks: dm.blocks },
        actions: [{ action_id: 'open_loop_modal', value: String(advice.id), block_id: row.block_id }],
      }),
    );
    await submitLoop(t, PEOPLE.mentee, advice.id, 'tried_worked', 'It went well', undefined, view.private_metadata);
    await t.bot.idle();

    const update = t.fake.callsTo('chat.update').at(-1)!.args;
    expect(update).toMatchObject({ channel: delivery.channel_id, ts: delivery.message_ts });
    // Everything but the pressed row is as the person saw it, private text composed again from ids.
    const expected = dm.blocks.map((b: any) => (b.block_id === row.block_id ? expect.objectContaining({ block_id: row.block_id, type: 'context' }) : b));
    expect(update.blocks).toEqual(expected);
    expect(JSON.stringify(update.blocks)).toContain('Loop closed');
    expect(JSON.stringify(update.blocks)).toContain(GOAL);
    const stored = await storedText();
    expect(stored).not.toContain(ADVICE);
    expect(stored).not.toContain(GOAL);
    expect(stored).not.toContain('It went well');
  });

  it('a button pressed in the DM stores the updated message without private text', async () => {
    await t.sweepAt('2026-11-24T10:00:00Z');
    const goal = await db().selectFrom('goals').select('id').executeTakeFirstOrThrow();
    const delivery = await db().selectFrom('deliveries').selectAll().where('recipient_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    const dm = directMessagesTo(t, PEOPLE.mentee)[0]!.args;
    const goalRow = dm.blocks.filter((b: any) => b.type === 'actions')[1];
    await t.slack.blockAction({
      user_id: PEOPLE.mentee.id,
      team_id: TEAM,
      channel_id: delivery.channel_id!,
      message: { ts: delivery.message_ts!, text: dm.text, blocks: dm.blocks },
      actions: [{ action_id: 'nudge_goal_achieved', value: String(goal.id), block_id: goalRow.block_id }],
    });
    await t.bot.idle();
    expect(JSON.stringify(t.fake.callsTo('chat.update').at(-1)!.args.blocks)).toContain(ADVICE);
    const stored = await storedText();
    expect(stored).toContain('Marked achieved');
    expect(stored).not.toContain(ADVICE);
    expect(stored).not.toContain(GOAL);
  });
});
