import { beforeEach, describe, expect, it } from 'vitest';
import { directMessagesTo, dmsTo, pairUp, press, submitGoal, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, useTestBot } from '../helpers/test-bot.ts';
import { isInsideWindow } from '../../src/domain/delivery-window.ts';

// Pairs start on Wed 2026-11-18; with cadence 14 + grace 3 they stall on Sat 2026-12-05.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
const db = () => t.bot.database.db;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const sweepAt = (iso: string) => t.sweepAt(iso);
const nudgeDms = (person: { id: string }) => directMessagesTo(t, person);

describe('stalled pairs', () => {
  it('waits for each person’s working hours, then DMs mentor and mentee once each', async () => {
    await sweepAt('2026-12-04T12:00:00Z'); // a day before the stall: nothing
    expect(await db().selectFrom('nudges').selectAll().execute()).toHaveLength(0);

    const saturday = await sweepAt('2026-12-05T12:00:00Z');
    expect(saturday.decided).toBe(2);
    expect(saturday.send.sent).toBe(0);
    const waiting = await db().selectFrom('nudges').select(['recipient_id', 'deliver_after']).orderBy('recipient_id').execute();
    expect(waiting.map((n) => [n.recipient_id, n.deliver_after.toISOString()])).toEqual([
      [PEOPLE.mentee.id, '2026-12-07T08:00:00.000Z'], // Monday 09:00 in Berlin
      [PEOPLE.mentor.id, '2026-12-07T14:00:00.000Z'], // Monday 09:00 in New York
    ]);

    await sweepAt('2026-12-07T08:30:00Z');
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(0);
    await sweepAt('2026-12-07T14:15:00Z');
    await sweepAt('2026-12-07T14:30:00Z');
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(1);

    const dm = nudgeDms(PEOPLE.mentee)[0]!.args;
    expect(dm.text).toContain(`you and <@${PEOPLE.mentor.id}> haven't met since Wed 18 Nov`);
    expect(textOf(dm)).toContain(`*Your pairing with <@${PEOPLE.mentor.id}>*: you haven't met since Wed 18 Nov.`);
    expect(textOf(dm)).not.toMatch(/stall|grace|open loop|\d{4}-\d{2}-\d{2}/i);
    const buttons = dm.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => [b.action_id, b.value]);
    expect(buttons).toEqual([
      ['open_log_modal', String(pairId)],
      ['nudge_we_met', String(pairId)],
      ['nudge_snooze_week', String(pairId)],
      ['nudge_pause_pair', String(pairId)],
      ['booking_open', String(pairId)],
    ]);
    // One call per DM: no conversations.open on the delivery path.
    expect(t.fake.callsTo('conversations.open')).toHaveLength(0);
  });

  it('repeats as "stalled again" every 7 days, four nudges in all, and stops after a session', async () => {
    for (const day of ['2026-12-07', '2026-12-14', '2026-12-21', '2026-12-28', '2027-01-04', '2027-01-11']) await sweepAt(`${day}T15:00:00Z`);
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(4);
    expect(textOf(nudgeDms(PEOPLE.mentor)[1]!.args)).toContain("you still haven't met since Wed 18 Nov");
    const periods = await db().selectFrom('nudges').select('period').where('rule', '=', 'stalled').where('recipient_id', '=', PEOPLE.mentor.id).orderBy('id').execute();
    expect(periods.map((p) => p.period)).toEqual(['2026-11-18#1', '2026-11-18#2', '2026-11-18#3', '2026-11-18#4']);
    const adminStatus = textOf((await t.slack.command({ text: 'status', user_id: PEOPLE.admin.id })).json);
    expect(adminStatus).toContain(`<@${PEOPLE.mentor.id}> → <@${PEOPLE.mentee.id}>`);
  });

  it('Snooze 1 week keeps the rule quiet for that pair until then, updates the message, and resumes by itself', async () => {
    await sweepAt('2026-12-07T15:00:00Z');
    const dm = nudgeDms(PEOPLE.mentor)[0]!;
    const actionsBlock = dm.args.blocks.find((b: any) => b.type === 'actions');
    const res = await t.slack.blockAction({
      user_id: PEOPLE.mentor.id,
      channel_id: dm.args.channel,
      message: { ts: '1795000000.000100', text: dm.args.text, blocks: dm.args.blocks },
      actions: [{ action_id: 'nudge_snooze_week', value: String(pairId), block_id: actionsBlock.block_id }],
    });
    expect(res.status).toBe(200);
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update')[0]!.args;
    expect(update.ts).toBe('1795000000.000100');
    expect(JSON.stringify(update.blocks)).toContain('Snoozed for a week by');
    expect(JSON.stringify(update.blocks)).toMatch(/no reminders to meet for this pairing until (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}\./);
    expect(update.blocks.some((b: any) => b.type === 'actions')).toBe(false);

    await sweepAt('2026-12-14T14:30:00Z'); // "stalled again" is due, but snoozed until 12-14 15:00
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(1);
    await sweepAt('2026-12-15T15:00:00Z');
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(2);
  });

  it('refuses a snooze or pause pressed by someone outside the pair', async () => {
    for (const action of ['nudge_snooze_week', 'nudge_pause_pair']) {
      const notice = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, action, String(pairId)));
      expect(textOf({ blocks: notice.blocks })).toContain('not part of that pairing');
    }
    expect(await db().selectFrom('rule_snoozes').selectAll().execute()).toHaveLength(0);
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
  });

  it('sends nothing to paused pairs, muted people or deactivated people', async () => {
    await t.slack.command({ text: 'pause 3w', user_id: PEOPLE.mentee.id });
    await sweepAt('2026-12-07T15:00:00Z');
    expect([...nudgeDms(PEOPLE.mentor), ...nudgeDms(PEOPLE.mentee)]).toHaveLength(0);
    await t.slack.command({ text: 'resume', user_id: PEOPLE.mentee.id });
    await t.slack.command({ text: 'mute', user_id: PEOPLE.mentor.id });
    await sweepAt('2026-12-08T15:00:00Z');
    expect(nudgeDms(PEOPLE.mentor)).toHaveLength(0);
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    expect((await t.slack.command({ text: 'unmute', user_id: PEOPLE.mentor.id })).json.text).toContain('Unmuted');
  });

  it('a pause with a duration resumes by itself', async () => {
    await t.slack.command({ text: 'pause 1w', user_id: PEOPLE.mentee.id });
    const report = await sweepAt('2026-11-26T15:00:00Z');
    expect(report.resumedPairs).toBe(1);
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
  });
});

describe('closing the loop', () => {
  it('asks the mentee about advice on its follow-up day, bundled with other nudges, and Didn’t apply tells the mentor', async () => {
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: 'Ask for the review early' });
    await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Ship the doc', targetDate: '2026-11-20' });
    await t.bot.idle();
    await sweepAt('2026-11-18T14:00:00Z'); // the new goal's confidence question goes out that day
    await t.bot.idle();
    t.fake.reset();
    await sweepAt('2026-11-24T10:00:00Z'); // Tuesday, 11:00 in Berlin
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    const dm = nudgeDms(PEOPLE.mentee)[0]!.args;
    expect(dm.text).toContain('2 things need you');
    const buttons = dm.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => b.action_id);
    expect(buttons).toEqual(['open_loop_modal', 'nudge_loop_not_yet', 'nudge_loop_didnt_apply', 'nudge_goal_achieved', 'nudge_goal_new_date', 'nudge_goal_drop']);
    const advice = await db().selectFrom('advice_items').selectAll().executeTakeFirstOrThrow();

    // The mentor gets the goal nudge but never the mentee's loop question.
    await sweepAt('2026-11-24T15:00:00Z');
    expect(textOf(nudgeDms(PEOPLE.mentor)[0]!.args)).toContain('Ship the doc');
    expect(textOf(nudgeDms(PEOPLE.mentor)[0]!.args)).not.toContain('Ask for the review early');

    const notice = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'nudge_loop_didnt_apply', String(advice.id)));
    expect(textOf({ blocks: notice.blocks })).toContain('Only the mentee');
    await press(t, PEOPLE.mentee, 'nudge_loop_didnt_apply', String(advice.id));
    await t.bot.idle();
    expect((await db().selectFrom('advice_items').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('not_applicable');
    expect(textOf(dmsTo(t, PEOPLE.mentor).at(-1)!.args)).toContain("It didn't apply in the end");
  });

  it('closing the loop from the nudge marks that nudge done in the message', async () => {
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: 'Ask for the review early' });
    const advice = await db().selectFrom('advice_items').selectAll().executeTakeFirstOrThrow();
    await sweepAt('2026-11-24T10:00:00Z');
    const delivery = await db().selectFrom('deliveries').selectAll().where('recipient_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow();
    const dm = nudgeDms(PEOPLE.mentee)[0]!.args;
    const row = dm.blocks.find((b: any) => b.type === 'actions');
    const view = await viewOpenedBy(t, () =>
      t.slack.blockAction({
        user_id: PEOPLE.mentee.id,
        channel_id: delivery.channel_id!,
        message: { ts: delivery.message_ts!, text: dm.text, blocks: dm.blocks },
        actions: [{ action_id: 'open_loop_modal', value: String(advice.id), block_id: row.block_id }],
      }),
    );
    expect(JSON.parse(view.private_metadata)).toEqual({ adviceId: advice.id, message: { channel: delivery.channel_id, ts: delivery.message_ts, blockId: row.block_id } });
    await submitLoop(t, PEOPLE.mentee, advice.id, 'tried_worked', 'It went well', undefined, view.private_metadata);
    await t.bot.idle();
    const update = t.fake.callsTo('chat.update').at(-1)!.args;
    expect(update).toMatchObject({ channel: delivery.channel_id, ts: delivery.message_ts });
    expect(JSON.stringify(update.blocks)).toContain('Loop closed');
    expect(update.blocks.some((b: any) => b.type === 'actions')).toBe(false);
  });

  it('Not yet defers the question a week; one reminder comes 7 days after that, and no more', async () => {
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: 'Ask for the review early' });
    const advice = await db().selectFrom('advice_items').selectAll().executeTakeFirstOrThrow();
    await sweepAt('2026-11-24T10:00:00Z');
    await press(t, PEOPLE.mentee, 'nudge_loop_not_yet', String(advice.id));
    await t.bot.idle();
    expect((await db().selectFrom('advice_items').select('snoozed_until').executeTakeFirstOrThrow()).snoozed_until).toBe('2026-12-01');
    for (const day of ['2026-11-25', '2026-11-30', '2026-12-01', '2026-12-04', '2026-12-08', '2026-12-15', '2026-12-22']) await sweepAt(`${day}T10:00:00Z`);
    const loopNudges = await db().selectFrom('nudges').select('period').where('rule', '=', 'close_loop').orderBy('id').execute();
    expect(loopNudges.map((n) => n.period)).toEqual(['2026-11-24#1', '2026-12-01#1', '2026-12-01#2']);
  });
});

describe('goals and reviews', () => {
  it('Achieved closes the goal and updates the message; a second press changes nothing', async () => {
    await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Ship the doc', targetDate: '2026-11-20' });
    const goal = await db().selectFrom('goals').selectAll().executeTakeFirstOrThrow();
    await sweepAt('2026-11-23T10:00:00Z');
    const dm = nudgeDms(PEOPLE.mentee)[0]!.args;
    const block = dm.blocks.find((b: any) => b.type === 'actions');
    const pressAchieved = () =>
      t.slack.blockAction({ user_id: PEOPLE.mentee.id, channel_id: dm.channel, message: { ts: '1.2', text: dm.text, blocks: dm.blocks }, actions: [{ action_id: 'nudge_goal_achieved', value: String(goal.id), block_id: block.block_id }] });
    await pressAchieved();
    await t.bot.idle();
    expect((await db().selectFrom('goals').select(['status', 'achieved_at']).executeTakeFirstOrThrow()).status).toBe('achieved');
    expect(JSON.stringify(t.fake.callsTo('chat.update')[0]!.args.blocks)).toContain('Marked achieved');
    await pressAchieved();
    await t.bot.idle();
    expect(JSON.stringify(t.fake.callsTo('chat.update')[1]!.args.blocks)).toContain('already achieved');
  });

  it('New date opens a modal, rejects a past date, and moves the goal', async () => {
    await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Ship the doc', targetDate: '2026-11-20' });
    const goal = await db().selectFrom('goals').selectAll().executeTakeFirstOrThrow();
    t.clock.set('2026-11-23T10:00:00Z');
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'nudge_goal_new_date', String(goal.id)));
    expect(view.callback_id).toBe('goal_date_modal');
    const submit = (day: string) => t.slack.viewSubmission({ user_id: PEOPLE.mentor.id, callback_id: 'goal_date_modal', private_metadata: view.private_metadata, values: { new_target_date: { value: { type: 'datepicker', selected_date: day } } } });
    expect((await submit('2026-11-01')).json.errors.new_target_date).toContain('in the past');
    expect((await submit('2026-12-31')).json.response_action).toBe('update');
    expect((await db().selectFrom('goals').select('target_date').executeTakeFirstOrThrow()).target_date).toBe('2026-12-31');
  });

  it('the review nudge opens the review; extending or concluding takes effect once the partner agrees, concluding with a wrap-up to both', async () => {
    await db().updateTable('pairs').set({ review_on: '2026-11-23' }).execute();
    await sweepAt('2026-11-23T15:00:00Z');
    expect(textOf(nudgeDms(PEOPLE.mentor)[0]!.args)).toContain('Time for your pairing review');
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'nudge_open_review', String(pairId)));
    expect(view.callback_id).toBe('review_modal');
    const submit = (decision: string | null, months?: string) =>
      t.slack.viewSubmission({
        user_id: PEOPLE.mentee.id,
        callback_id: 'review_modal',
        private_metadata: view.private_metadata,
        values: {
          review_achieved: { value: { type: 'plain_text_input', value: 'Led two design reviews' } },
          review_decision: { value: { type: 'radio_buttons', selected_option: decision ? { value: decision } : null } },
          review_months: { value: { type: 'static_select', selected_option: months ? { value: months } : null } },
        },
      });
    expect((await submit('extend')).json.errors).toEqual({ review_months: 'Choose how many months to extend by.' });
    const agreeToLatest = async () => {
      const proposal = await db().selectFrom('pair_reviews').select('id').where('status', '=', 'pending').executeTakeFirstOrThrow();
      await press(t, PEOPLE.mentor, 'review_agree', String(proposal.id));
      await t.bot.idle();
    };
    expect((await submit('extend', '3')).json.response_action).toBe('update');
    expect((await db().selectFrom('pairs').select('review_on').executeTakeFirstOrThrow()).review_on).toBe('2026-11-23');
    await agreeToLatest();
    expect((await db().selectFrom('pairs').select('review_on').executeTakeFirstOrThrow()).review_on).toBe('2027-02-23');
    t.fake.reset();
    expect((await submit('conclude')).json.response_action).toBe('update');
    await t.bot.idle();
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('active');
    await agreeToLatest();
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('ended');
    expect(dmsTo(t, PEOPLE.mentor).at(-1)!.args.text).toContain('was concluded at its review');
    expect(dmsTo(t, PEOPLE.mentee).at(-1)!.args.text).toContain('was concluded at its review');
    expect(await db().selectFrom('pair_reviews').select('decision').orderBy('id').execute()).toEqual([{ decision: 'extend' }, { decision: 'conclude' }]);
  });
});

describe('the admin digest', () => {
  it('arrives on Monday morning in the admin’s zone with the week’s figures, once', async () => {
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: 'Tip' });
    await t.bot.idle();
    t.fake.reset();
    await sweepAt('2026-11-22T12:00:00Z'); // Sunday: nothing
    expect(nudgeDms(PEOPLE.admin)).toHaveLength(0);
    await sweepAt('2026-11-23T09:30:00Z'); // Monday 09:30 in London
    await sweepAt('2026-11-23T10:30:00Z');
    expect(nudgeDms(PEOPLE.admin)).toHaveLength(1);
    const text = textOf(nudgeDms(PEOPLE.admin)[0]!.args);
    expect(text).toContain('Your weekly mentoring digest');
    expect(text).toContain('1 sessions logged');
    expect(text).not.toContain('Tip');
    expect(nudgeDms(PEOPLE.admin)[0]!.args.blocks.some((b: any) => b.elements?.some((e: any) => e.action_id === 'open_report'))).toBe(true);
  });
});

describe('delivery failures', () => {
  it('retries after 429 (honouring Retry-After) and 500, delivering exactly once', async () => {
    t.fake.failNext('chat.postMessage', { retryAfter: 30 });
    await sweepAt('2026-12-07T08:30:00Z');
    expect(await db().selectFrom('deliveries').select(['status', 'last_error', 'next_attempt_at']).execute()).toEqual([
      { status: 'pending', last_error: 'ratelimited', next_attempt_at: new Date('2026-12-07T08:30:30Z') },
    ]);
    await sweepAt('2026-12-07T08:30:10Z'); // still inside Retry-After: no call
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(1);
    t.fake.failNext('chat.postMessage', { status: 500 });
    await sweepAt('2026-12-07T08:31:00Z');
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(2);
    await sweepAt('2026-12-07T08:40:00Z');
    const delivered = t.fake.callsTo('chat.postMessage').filter((c) => !c.failed);
    expect(delivered).toHaveLength(1);
    expect((await db().selectFrom('deliveries').select('status').executeTakeFirstOrThrow()).status).toBe('sent');
  });

  it('records account_inactive without retrying, pauses the pairing, and tells admins', async () => {
    t.fake.failNext('chat.postMessage', { error: 'account_inactive' });
    await sweepAt('2026-12-07T08:30:00Z');
    await sweepAt('2026-12-07T09:30:00Z');
    expect(nudgeDms(PEOPLE.mentee)).toHaveLength(1);
    expect(await db().selectFrom('deliveries').select(['status', 'last_error']).where('recipient_id', '=', PEOPLE.mentee.id).execute()).toEqual([{ status: 'failed', last_error: 'account_inactive' }]);
    expect((await db().selectFrom('pairs').select('status').executeTakeFirstOrThrow()).status).toBe('paused');
    const status = textOf((await t.slack.command({ text: 'status', user_id: PEOPLE.admin.id })).json);
    expect(status).toContain(`Reminders I could not deliver`);
    expect(status).toContain(`<@${PEOPLE.mentee.id}>: \`account_inactive\``);
  });

  /** Slack answers every chat.postMessage with an error while `down` is true; attempts are noted at the sweep's instant. */
  const slackOutage = () => {
    const state = { down: true, attempts: [] as Array<{ channel: string; at: string }> };
    t.fake.onCall('chat.postMessage', () => (state.down ? { ok: false, error: 'service_unavailable' } : (undefined as never)));
    const sweep = async (iso: string) => {
      const before = t.fake.callsTo('chat.postMessage').length;
      await sweepAt(iso);
      for (const call of t.fake.callsTo('chat.postMessage').slice(before)) if (call.failed) state.attempts.push({ channel: String(call.args.channel), at: iso });
    };
    return { state, sweep };
  };
  const hourly = (fromIso: string, hours: number) => Array.from({ length: hours }, (_, h) => new Date(Date.parse(fromIso) + h * 3_600_000).toISOString());
  const delivered = (person: { id: string }) => nudgeDms(person).filter((c) => !c.failed);

  it('Slack down for hours: retries only in working hours, puts the nudges back after 48 hours, and delivers once Slack is back', async () => {
    const outage = slackOutage();
    for (const iso of hourly('2026-12-07T08:00:00Z', 52)) await outage.sweep(iso); // until Wednesday 11:00 UTC
    outage.state.down = false;
    for (const iso of hourly('2026-12-09T12:00:00Z', 6)) await outage.sweep(iso);

    const hours = { startMinute: 540, endMinute: 1020, days: [1, 2, 3, 4, 5] };
    const attemptsTo = (person: { id: string; tz: string }) => outage.state.attempts.filter((a) => a.channel.endsWith(person.id));
    expect(attemptsTo(PEOPLE.mentee).length).toBeGreaterThan(10);
    expect(attemptsTo(PEOPLE.mentee).filter((a) => !isInsideWindow(new Date(a.at), PEOPLE.mentee.tz, hours))).toEqual([]);
    expect(attemptsTo(PEOPLE.mentor).filter((a) => !isInsideWindow(new Date(a.at), PEOPLE.mentor.tz, hours))).toEqual([]);
    // The mentee's first message expired after 48 hours; its nudge was decided again and delivered.
    const menteeDeliveries = await db().selectFrom('deliveries').select(['status', 'last_error']).where('recipient_id', '=', PEOPLE.mentee.id).orderBy('id').execute();
    expect(menteeDeliveries.map((d) => d.status)).toEqual(['failed', 'sent']);
    expect(menteeDeliveries[0]!.last_error).toMatch(/^gave up after \d+ attempts: service_unavailable$/);
    expect(delivered(PEOPLE.mentee)).toHaveLength(1);
    expect(textOf(delivered(PEOPLE.mentee)[0]!.args)).toContain("you haven't met since");
    // The mentor's message was still inside its 48 hours when Slack came back.
    expect(delivered(PEOPLE.mentor)).toHaveLength(1);
  });

  it('a retry waits over a day that is not a working day', async () => {
    const outage = slackOutage();
    await outage.sweep('2026-12-07T14:30:00Z');
    const failedFirst = outage.state.attempts.length;
    await db().updateTable('programs').set({ work_days: [1, 3, 4, 5] }).execute(); // Tuesdays off from now on
    for (const iso of hourly('2026-12-08T00:00:00Z', 29)) await outage.sweep(iso); // all of Tuesday, in every zone
    expect(outage.state.attempts).toHaveLength(failedFirst);
    outage.state.down = false;
    // Two cron slots: after a quiet day the first post may meet a closed keep-alive connection.
    await outage.sweep('2026-12-09T08:30:00Z');
    await outage.sweep('2026-12-09T08:45:00Z');
    expect(delivered(PEOPLE.mentee)).toHaveLength(1);
  });

  it('a retry after the pairing was paused sends nothing and drops its nudges', async () => {
    const outage = slackOutage();
    await outage.sweep('2026-12-07T14:30:00Z'); // both inside their hours; both attempts fail
    expect(outage.state.attempts.filter((a) => a.channel.endsWith(PEOPLE.mentee.id) || a.channel.endsWith(PEOPLE.mentor.id))).toHaveLength(2);
    await db().updateTable('pairs').set({ status: 'paused' }).where('id', '=', pairId).execute();
    outage.state.down = false;
    for (const iso of hourly('2026-12-07T15:00:00Z', 3)) await outage.sweep(iso);
    expect(delivered(PEOPLE.mentee)).toHaveLength(0);
    expect(delivered(PEOPLE.mentor)).toHaveLength(0);
    expect(await db().selectFrom('nudges').select('status').where('rule', '=', 'stalled').execute()).toEqual([{ status: 'dropped' }, { status: 'dropped' }]);
  });

  it('a retry after the person muted reminders sends them nothing; their partner still gets theirs', async () => {
    const outage = slackOutage();
    await outage.sweep('2026-12-07T14:30:00Z');
    await db().updateTable('members').set({ muted_until: new Date('2026-12-31T00:00:00Z') }).where('user_id', '=', PEOPLE.mentee.id).execute();
    outage.state.down = false;
    for (const iso of hourly('2026-12-07T15:00:00Z', 3)) await outage.sweep(iso);
    expect(delivered(PEOPLE.mentee)).toHaveLength(0);
    expect(delivered(PEOPLE.mentor)).toHaveLength(1);
  });
});

describe('dry run', () => {
  it('plans without writing or sending', async () => {
    const { planSweep } = await import('../../src/scheduler/sweep.ts');
    const planned = await planSweep(db(), new Date('2026-12-07T08:30:00Z'));
    expect(planned.map((p) => [p.recipient_id, p.rule, p.deliverNow])).toEqual([
      [PEOPLE.admin.id, 'admin_digest', false], // Monday 08:30 in London: before working hours
      [PEOPLE.mentee.id, 'stalled', true],
      [PEOPLE.mentor.id, 'stalled', false],
    ]);
    expect(planned[1]!.why).toContain('no session since 2026-11-18');
    expect(await db().selectFrom('nudges').selectAll().execute()).toHaveLength(0);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });
});
