import { beforeEach, describe, expect, it } from 'vitest';
import { dmsTo, eventually, everythingSent, lastHomeOf, pairUp, press, submitGoal, submitLog, submitLoop, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { PEOPLE, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const db = () => t.bot.database.db;

async function logWithAdvice(advice: string, notes = 'Talked about the reorg') {
  const res = await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', minutes: '75', advice, notes, usefulness: '4', commitments: 'Book the review' });
  expect(res.json.response_action).toBe('update');
  return db().selectFrom('advice_items').selectAll().orderBy('id').execute();
}

describe('/mentor log', () => {
  it('opens the log modal with today in the person’s time zone and the pair’s goals', async () => {
    await submitGoal(t, PEOPLE.mentee, JSON.stringify({ pairId }), { title: 'Own the roadmap' });
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'log', user_id: PEOPLE.mentor.id }));
    expect(view.callback_id).toBe('log_modal');
    expect(view.blocks.find((b: any) => b.block_id === 'held_on').element.initial_date).toBe('2026-11-18');
    expect(view.blocks.find((b: any) => b.block_id === 'goal_ids').element.options.map((o: any) => o.text.text)).toEqual(['Own the roadmap']);
    expect(view.blocks.find((b: any) => b.block_id === 'notes').hint.text).toContain('Only the two of you');
  });

  it('saves the session, one advice item per line with a follow-up date, and commitments', async () => {
    const advice = await logWithAdvice('Ask for the review early\n\n• Write the one-pager first  \n');
    expect(advice.map((a) => [a.text, a.follow_up_on, a.outcome])).toEqual([
      ['Ask for the review early', '2026-11-24', 'open'],
      ['Write the one-pager first', '2026-11-24', 'open'],
    ]);
    const session = await db().selectFrom('sessions').selectAll().executeTakeFirstOrThrow();
    expect(session).toMatchObject({ pair_id: pairId, held_on: '2026-11-17', minutes: 75, usefulness: 4, logged_by: PEOPLE.mentee.id, notes: 'Talked about the reorg' });
    expect(await db().selectFrom('commitments').select('text').execute()).toEqual([{ text: 'Book the review' }]);
    await eventually(() => expect(textOf(lastHomeOf(t, PEOPLE.mentor)?.args.view)).toContain('Sessions logged: 1'));
  });

  it('tells whoever logged the session when the mentee will be asked about the advice', async () => {
    const byMentee = await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', advice: 'Tip' });
    expect(textOf(byMentee.json)).toContain(`Logged your 60-minute session on Tue 17 Nov. 1 piece of advice recorded. Around Tue 24 Nov I'll ask you how it went, so you can close the loop with <@${PEOPLE.mentor.id}>.`);
    const byMentor = await submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-11-18', advice: 'Tip' });
    expect(textOf(byMentor.json)).toContain(`Around Wed 25 Nov I'll ask <@${PEOPLE.mentee.id}> how it went, and tell you what they say.`);
  });

  it('never sets a follow-up in the past for a session logged late', async () => {
    await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-10-01', advice: 'Old advice' });
    expect((await db().selectFrom('advice_items').select('follow_up_on').executeTakeFirstOrThrow()).follow_up_on).toBe('2026-11-19');
  });

  it.each([
    ['a date in the future', { heldOn: '2026-11-19' }, 'held_on', 'in the future'],
    ['minutes that are not a number', { minutes: 'an hour' }, 'minutes', 'whole number of minutes'],
    ['zero minutes', { minutes: '0' }, 'minutes', 'between 1 and 600'],
    ['eleven pieces of advice', { advice: Array.from({ length: 11 }, (_, i) => `tip ${i}`).join('\n') }, 'advice', 'Up to 10'],
    ['an advice line over 500 characters', { advice: 'a'.repeat(501) }, 'advice', 'under 500'],
    ['notes over 3000 characters', { notes: 'n'.repeat(3001) }, 'notes', 'under 3000'],
  ])('answers %s with a field error and saves nothing', async (_name, values, field, message) => {
    const res = await submitLog(t, PEOPLE.mentee, pairId, values);
    expect(errorsOf(res)[field]).toContain(message);
    expect(await db().selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });

  it('rejects goals of another pairing and tampered pairs, saving nothing', async () => {
    const other = await pairUp(t, PEOPLE.mentor, PEOPLE.mentee2);
    await submitGoal(t, PEOPLE.mentee2, JSON.stringify({ pairId: other }), { title: 'Other goal' });
    const goal = await db().selectFrom('goals').select('id').executeTakeFirstOrThrow();
    const wrongGoal = await submitLog(t, PEOPLE.mentee, pairId, { goalIds: [goal.id] });
    expect(wrongGoal.json).toMatchObject({ response_action: 'errors', errors: { goal_ids: expect.stringContaining('Pick only goals') } });
    const tampered = await submitLog(t, PEOPLE.mentee, other, {});
    expect(textOf(tampered.json)).toContain('not part of that pairing');
    expect(await db().selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });
});

describe('closing the loop', () => {
  it('lists open advice for the mentee with a Close the loop button each, and nothing for the mentor', async () => {
    const advice = await logWithAdvice('Ask for the review early\nWrite the one-pager first');
    const loops = await t.slack.command({ text: 'loops', user_id: PEOPLE.mentee.id });
    expect(loops.json.text).toBe('You have 2 pieces of advice to report back on.');
    const buttons = loops.json.blocks.filter((b: any) => b.accessory).map((b: any) => [b.accessory.action_id, b.accessory.value]);
    expect(buttons).toEqual(advice.map((a) => ['open_loop_modal', String(a.id)]));
    const mentorLoops = await t.slack.command({ text: 'loops', user_id: PEOPLE.mentor.id });
    expect(mentorLoops.json.text).toContain('You have no advice to report back on');
  });

  it('opens the loop modal for the mentee only, and DMs the mentor at once when the loop is closed', async () => {
    const [item] = await logWithAdvice('Ask <!channel> for the review early & <https://evil.example|click>');
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'open_loop_modal', String(item!.id)));
    expect(view.callback_id).toBe('loop_modal');
    expect(textOf({ blocks: view.blocks })).toContain('Ask &lt;!channel&gt; for the review early &amp; &lt;https://evil.example|click&gt;');
    // The day the advice was logged (the database's own clock) reads like every other date, never as an ISO day.
    expect(textOf({ blocks: view.blocks })).toMatch(/\(logged (Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d{1,2} [A-Z][a-z]{2}( \d{4})?\)/);
    expect(textOf({ blocks: view.blocks })).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    for (const who of [PEOPLE.mentor, PEOPLE.outsider]) {
      const notice = await viewOpenedBy(t, () => press(t, who, 'open_loop_modal', String(item!.id)));
      expect(notice.callback_id).toBe('notice_modal');
    }

    const res = await submitLoop(t, PEOPLE.mentee, item!.id, 'tried_worked', 'They said yes <!here>', '5');
    expect(textOf(res.json)).toContain(`I've told <@${PEOPLE.mentor.id}> how it went`);
    const closed = await db().selectFrom('advice_items').selectAll().where('id', '=', item!.id).executeTakeFirstOrThrow();
    expect(closed).toMatchObject({ outcome: 'tried_worked', outcome_text: 'They said yes <!here>', usefulness: 5, closed_by: PEOPLE.mentee.id });
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor)).toHaveLength(1));
    const dm = textOf(dmsTo(t, PEOPLE.mentor)[0]!.args);
    expect(dm).toContain(`<@${PEOPLE.mentee.id}> closed the loop on your advice`);
    expect(dm).toContain('Ask &lt;!channel&gt; for the review early');
    expect(dm).toContain('They tried it and it worked');
    expect(dm).toContain('They said yes &lt;!here&gt;');
    expect(dm).toContain('(5/5)');
    expect(everythingSent(t)).not.toContain('<!here>');
    expect(everythingSent(t)).not.toContain('<!channel>');
  });

  it('answers a second close with a clear message and changes nothing', async () => {
    const [item] = await logWithAdvice('Ask for the review early');
    await submitLoop(t, PEOPLE.mentee, item!.id, 'not_applicable', '');
    const again = await submitLoop(t, PEOPLE.mentee, item!.id, 'tried_worked', 'changed my mind');
    expect(textOf(again.json)).toContain('already closed the loop');
    expect((await db().selectFrom('advice_items').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('not_applicable');
    await eventually(() => expect(dmsTo(t, PEOPLE.mentor).length).toBeGreaterThan(0));
  });

  it.each([
    ['no outcome chosen', null, '', 'loop_outcome'],
    ['tried it but no story', 'tried_didnt', '  ', 'outcome_text'],
  ])('answers %s with a field error', async (_name, outcome, text, field) => {
    const [item] = await logWithAdvice('Ask for the review early');
    const res = await submitLoop(t, PEOPLE.mentee, item!.id, outcome, text);
    expect(Object.keys(errorsOf(res))).toEqual([field]);
    expect((await db().selectFrom('advice_items').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('open');
  });

  it('refuses a loop submission from the mentor or for advice of another pair', async () => {
    const [item] = await logWithAdvice('Ask for the review early');
    const byMentor = await submitLoop(t, PEOPLE.mentor, item!.id, 'tried_worked', 'I did it for them');
    expect(textOf(byMentor.json)).toContain('Only the mentee');
    const byOutsider = await submitLoop(t, PEOPLE.outsider, item!.id, 'tried_worked', 'x');
    expect(textOf(byOutsider.json)).toContain('not part of that pairing');
    expect((await db().selectFrom('advice_items').select('outcome').executeTakeFirstOrThrow()).outcome).toBe('open');
  });
});

describe('privacy of notes and advice', () => {
  it('shows no note, advice or outcome text to an admin or an outsider', async () => {
    const [item] = await logWithAdvice('SECRET-ADVICE-1', 'SECRET-NOTE-1');
    await submitLoop(t, PEOPLE.mentee, item!.id, 'tried_didnt', 'SECRET-OUTCOME-1');
    await t.bot.idle();
    t.fake.reset();
    const adminStatus = await t.slack.command({ text: 'status', user_id: PEOPLE.admin.id });
    expect(textOf(adminStatus.json)).toContain('1 active');
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.admin.id, channel: 'DADMIN', tab: 'home', event_ts: '1.1' } });
    await t.slack.command({ text: 'status', user_id: PEOPLE.outsider.id });
    await t.slack.event({ event: { type: 'app_home_opened', user: PEOPLE.outsider.id, channel: 'DOUT', tab: 'home', event_ts: '1.2' } });
    await eventually(() => expect(t.fake.callsTo('views.publish')).toHaveLength(2));
    const adminHome = textOf(lastHomeOf(t, PEOPLE.admin)!.args.view);
    expect(adminHome).toContain('Program health');
    for (const secret of ['SECRET-ADVICE-1', 'SECRET-NOTE-1', 'SECRET-OUTCOME-1']) {
      expect(JSON.stringify(adminStatus.json)).not.toContain(secret);
      expect(everythingSent(t)).not.toContain(secret);
    }
  });
});
