import { beforeEach, describe, expect, it } from 'vitest';
import { answered, directMessagesTo, eventually, pairUp, submitBooking, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// Wed 2026-11-18: a session with advice and a commitment, then the next one booked for
// Mon 7 Dec 10:00 in Berlin (09:00 UTC; 04:00 in New York). The working day before is Fri 4 Dec.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
let bookingId: number;
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };
const dms = (person: Person) => directMessagesTo(t, person);
const ruleRows = (rule: string) => db().selectFrom('nudges').selectAll().where('rule', '=', rule as never).orderBy('recipient_id').execute();

beforeEach(async () => {
  pairId = await pairUp(t);
  await answered(t, submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-18', advice: 'SECRET-ADVICE ask for a stretch project', commitments: 'SECRET-COMMIT draft the review plan' }));
  await answered(t, submitBooking(t, PEOPLE.mentee, pairId, { day: '2026-12-07', time: '10:00', minutes: '45' }));
  bookingId = (await db().selectFrom('bookings').select('id').executeTakeFirstOrThrow()).id;
  t.fake.reset();
});

/** Presses a button of the last DM a person got, as Slack sends it from that message. */
function pressInDm(person: Person, actionId: string, opts: { from?: Person; dm?: any; ts?: string } = {}) {
  const dm = opts.dm ?? dms(opts.from ?? person).at(-1)!.args;
  const row = dm.blocks.find((b: any) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === actionId)) ?? dm.blocks.find((b: any) => b.accessory?.action_id === actionId);
  const element = row.elements?.find((e: any) => e.action_id === actionId) ?? row.accessory;
  return t.slack.blockAction({ user_id: person.id, team_id: TEAM, channel_id: dm.channel, message: { ts: opts.ts ?? '1795000000.000200', text: dm.text, blocks: dm.blocks }, actions: [{ action_id: actionId, value: element.value, block_id: row.block_id }] });
}

describe('the prep message, the working day before', () => {
  it('goes to each member in their working hours: commitments, advice to report back on, the mentee’s agenda button, the mentor sees the agenda', async () => {
    await t.sweepAt('2026-12-03T15:00:00Z'); // Thursday: too early
    expect(await ruleRows('session_prep')).toHaveLength(0);

    await t.sweepAt('2026-12-04T08:30:00Z'); // Fri 09:30 in Berlin, 03:30 in New York
    expect((await ruleRows('session_prep')).map((n) => [n.recipient_id, n.subject])).toEqual([
      [PEOPLE.mentee.id, `booking:${bookingId}`],
      [PEOPLE.mentor.id, `booking:${bookingId}`],
    ]);
    const menteePrep = dms(PEOPLE.mentee).at(-1)!.args;
    const menteeText = textOf(menteePrep);
    expect(menteeText).toContain(`Coming up: your session with <@${PEOPLE.mentor.id}>*, Mon 7 Dec, 10:00–10:45 (Europe/Berlin)`);
    expect(menteeText).toContain('SECRET-COMMIT draft the review plan');
    expect(menteeText).toContain('Advice to report back on');
    expect(menteeText).toContain('SECRET-ADVICE ask for a stretch project');
    // Not yet for the mentor (03:30 in New York); the monthly advice DM they got on Thursday is another matter.
    expect(dms(PEOPLE.mentor).filter((c: any) => textOf(c.args).includes('Coming up'))).toHaveLength(0);

    // The mentor may not write the agenda; the mentee adds one from the prep message.
    const refused = await viewOpenedBy(t, () => pressInDm(PEOPLE.mentor, 'booking_agenda', { from: PEOPLE.mentee }));
    expect(textOf(refused)).toContain('The mentee sets the agenda');
    const agendaModal = await viewOpenedBy(t, () => pressInDm(PEOPLE.mentee, 'booking_agenda'));
    expect(agendaModal.callback_id).toBe('booking_agenda_modal');
    expect(JSON.parse(agendaModal.private_metadata).bookingId).toBe(bookingId);
    const saved = await answered(
      t,
      t.slack.viewSubmission({ user_id: PEOPLE.mentee.id, team_id: TEAM, callback_id: 'booking_agenda_modal', private_metadata: agendaModal.private_metadata, values: { booking_agenda_text: { value: { type: 'plain_text_input', value: 'SECRET-AGENDA how to pitch the project' } } } }),
    );
    expect(saved.view.title.text).toBe('Agenda saved');
    // A forged booking id from someone outside the pair changes nothing.
    const forged = await answered(
      t,
      t.slack.viewSubmission({ user_id: PEOPLE.outsider.id, team_id: TEAM, callback_id: 'booking_agenda_modal', private_metadata: JSON.stringify({ bookingId }), values: { booking_agenda_text: { value: { type: 'plain_text_input', value: 'hijack' } } } }),
    );
    expect(textOf(forged)).toContain("You're not part of that pairing");
    expect((await db().selectFrom('bookings').select('agenda').executeTakeFirstOrThrow()).agenda).toBe('SECRET-AGENDA how to pitch the project');

    await t.sweepAt('2026-12-04T14:30:00Z'); // Fri 09:30 in New York
    const mentorPrep = dms(PEOPLE.mentor).at(-1)!.args;
    const mentorText = textOf(mentorPrep);
    expect(mentorText).toContain('Mon 7 Dec, 04:00–04:45 (America/New_York)');
    expect(mentorText).toContain('SECRET-AGENDA how to pitch the project');
    expect(mentorText).toContain('Advice you gave, waiting to hear how it went');
    expect(mentorPrep.blocks.some((b: any) => b.type === 'actions' && b.elements.some((e: any) => e.action_id === 'booking_agenda'))).toBe(false);

    // Sent messages keep no private text.
    const kept = JSON.stringify(await db().selectFrom('deliveries').select('message').where('status', '=', 'sent').execute());
    for (const secret of ['SECRET-AGENDA', 'SECRET-COMMIT', 'SECRET-ADVICE']) expect(kept).not.toContain(secret);
    // Nothing of it reached anyone outside the pair.
    const others = t.fake.callsTo('chat.postMessage').filter((c) => ![`D${PEOPLE.mentor.id}`, `D${PEOPLE.mentee.id}`, PEOPLE.mentor.id, PEOPLE.mentee.id].includes(c.args.channel));
    expect(JSON.stringify(others)).not.toContain('SECRET-AGENDA');
  });

  it('is not sent to a paused pairing or a muted member', async () => {
    t.clock.set('2026-12-04T08:00:00Z');
    await answered(t, t.slack.command({ text: 'mute 1w', user_id: PEOPLE.mentee.id }));
    await t.sweepAt('2026-12-04T14:30:00Z');
    expect((await ruleRows('session_prep')).map((n) => n.recipient_id)).toEqual([PEOPLE.mentor.id]);
    await db().deleteFrom('nudges').execute();
    await db().deleteFrom('deliveries').execute();
    await answered(t, t.slack.command({ text: 'pause', user_id: PEOPLE.mentor.id }));
    await t.sweepAt('2026-12-04T15:00:00Z');
    expect(await ruleRows('session_prep')).toHaveLength(0);
  });
});

describe('a booked session holds off the quiet-pairing reminder', () => {
  it('until it has passed plus the grace days (usual stall: Sat 5 Dec; with the booking: Fri 11 Dec)', async () => {
    for (const day of ['2026-12-05', '2026-12-07', '2026-12-10']) await t.sweepAt(`${day}T15:00:00Z`);
    expect(await ruleRows('stalled')).toHaveLength(0);
    await t.sweepAt('2026-12-11T15:00:00Z');
    expect((await ruleRows('stalled')).map((n) => n.recipient_id)).toEqual([PEOPLE.mentee.id, PEOPLE.mentor.id]);
  });
});

describe('"Did you meet?" after a session was logged anyway', () => {
  it('is not asked', async () => {
    t.clock.set('2026-12-07T18:00:00Z');
    await answered(t, submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-12-07' }));
    await t.sweepAt('2026-12-08T15:00:00Z');
    expect(await ruleRows('did_you_meet')).toHaveLength(0);
  });
});

describe('"Did you meet?", the day after', () => {
  beforeEach(async () => {
    await t.sweepAt('2026-12-07T15:00:00Z'); // the day itself: nothing asked yet
    expect(await ruleRows('did_you_meet')).toHaveLength(0);
    await t.sweepAt('2026-12-08T15:00:00Z');
    expect((await ruleRows('did_you_meet')).map((n) => n.recipient_id)).toEqual([PEOPLE.mentee.id, PEOPLE.mentor.id]);
    expect(textOf(dms(PEOPLE.mentee).at(-1)!.args)).toContain(`Did you meet <@${PEOPLE.mentor.id}> on Mon 7 Dec?`);
  });

  const sessions = () => db().selectFrom('sessions').selectAll().orderBy('id').execute();

  it('"Yes" records the session in one tap, once; "Add details" opens the log form filled in, which completes that session once', async () => {
    const before = (await sessions()).length;
    await answered(t, pressInDm(PEOPLE.mentee, 'booking_met_yes'));
    await answered(t, pressInDm(PEOPLE.mentee, 'booking_met_yes')); // double press
    await answered(t, pressInDm(PEOPLE.mentor, 'booking_met_yes')); // the partner, from their own copy
    const after = await sessions();
    expect(after).toHaveLength(before + 1);
    const session = after.at(-1)!;
    expect(session).toMatchObject({ held_on: '2026-12-07', minutes: 45, logged_by: PEOPLE.mentee.id, pair_id: pairId });
    expect(await db().selectFrom('bookings').select(['status', 'session_id', 'answered_by']).executeTakeFirstOrThrow()).toEqual({ status: 'met', session_id: session.id, answered_by: PEOPLE.mentee.id });
    expect((await db().selectFrom('pairs').select('rhythm_anchor_on').executeTakeFirstOrThrow()).rhythm_anchor_on).toBe('2026-12-07');

    const updates = t.fake.callsTo('chat.update').map((c) => c.args);
    expect(textOf(updates[0])).toContain('Recorded your 45-minute session on Mon 7 Dec');
    expect(textOf(updates[1])).toContain('already recorded');
    expect(textOf(updates[2])).toContain(`already recorded by <@${PEOPLE.mentee.id}>`);

    const recorded = updates[0]!;
    const logForm = await viewOpenedBy(t, () => pressInDm(PEOPLE.mentee, 'booking_add_details', { dm: recorded }));
    expect(logForm.callback_id).toBe('log_modal');
    expect(logForm.blocks.find((b: any) => b.block_id === 'held_on').element.initial_date).toBe('2026-12-07');
    expect(logForm.blocks.find((b: any) => b.block_id === 'minutes').element.initial_value).toBe('45');
    expect(JSON.parse(logForm.private_metadata)).toEqual({ pairId, bookingId });

    const submitDetails = () =>
      t.slack.viewSubmission({
        user_id: PEOPLE.mentee.id,
        team_id: TEAM,
        callback_id: 'log_modal',
        private_metadata: logForm.private_metadata,
        values: { held_on: { value: { type: 'datepicker', selected_date: '2026-12-07' } }, minutes: { value: { type: 'plain_text_input', value: '50' } }, topics: { value: { type: 'plain_text_input', value: 'Pitching' } }, advice: { value: { type: 'plain_text_input', value: 'Lead with the outcome' } } },
      });
    const first = await answered(t, submitDetails());
    expect(first.view.title.text).toBe('Session logged');
    const second = await answered(t, submitDetails());
    expect(textOf(second)).toContain('already added');
    const final = await sessions();
    expect(final).toHaveLength(before + 1);
    expect(final.at(-1)).toMatchObject({ id: session.id, minutes: 50, topics: 'Pitching' });
    expect(await db().selectFrom('advice_items').select('text').where('session_id', '=', session.id).execute()).toEqual([{ text: 'Lead with the outcome' }]);
  });

  it('"Yes" and "Add details" are refused to someone outside the pair, who records nothing', async () => {
    const before = (await db().selectFrom('sessions').select('id').execute()).length;
    const outsiderYes = await viewOpenedBy(t, () => pressInDm(PEOPLE.outsider, 'booking_met_yes', { from: PEOPLE.mentee }));
    expect(textOf(outsiderYes)).toContain("You're not part of that pairing");
    expect(await db().selectFrom('sessions').select('id').execute()).toHaveLength(before);
    expect((await db().selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status).toBe('booked');
    await answered(t, pressInDm(PEOPLE.mentee, 'booking_met_yes'));
    const recorded = t.fake.callsTo('chat.update')[0]!.args;
    const refused = await viewOpenedBy(t, () => pressInDm(PEOPLE.outsider, 'booking_add_details', { dm: recorded }));
    expect(refused.callback_id).toBe('notice_modal');
    expect(textOf(refused)).toContain("You're not part of that pairing");
  });

  it('"We moved it" opens the booking form; the new booking replaces the old one', async () => {
    const sent = await db().selectFrom('deliveries').select('message_ts').where('recipient_id', '=', PEOPLE.mentor.id).where('status', '=', 'sent').orderBy('id', 'desc').executeTakeFirstOrThrow();
    const form = await viewOpenedBy(t, () => pressInDm(PEOPLE.mentor, 'booking_met_moved', { ts: sent.message_ts! }));
    expect(form.callback_id).toBe('booking_modal');
    await answered(t, submitBooking(t, PEOPLE.mentor, pairId, { day: '2026-12-10', time: '11:00' }, { message: JSON.parse(form.private_metadata).message }));
    expect((await db().selectFrom('bookings').select('status').orderBy('id').execute()).map((b) => b.status)).toEqual(['replaced', 'booked']);
    await eventually(() => expect(textOf(t.fake.callsTo('chat.update').at(-1)!.args)).toContain('Next session booked'));
  });

  it('"Not this time" just acknowledges: no session, and the booking no longer holds off the reminder', async () => {
    const before = (await sessions()).length;
    await answered(t, pressInDm(PEOPLE.mentee, 'booking_met_no'));
    expect(textOf(t.fake.callsTo('chat.update')[0]!.args)).toContain("you didn't meet this time");
    expect(await sessions()).toHaveLength(before);
    expect((await db().selectFrom('bookings').select('status').executeTakeFirstOrThrow()).status).toBe('missed');
    await answered(t, pressInDm(PEOPLE.mentor, 'booking_met_yes'));
    expect(textOf(t.fake.callsTo('chat.update')[1]!.args)).toContain('already answered');
    expect(await sessions()).toHaveLength(before);
    await t.sweepAt('2026-12-09T15:00:00Z');
    expect((await ruleRows('stalled')).length).toBe(2);
  });
});
