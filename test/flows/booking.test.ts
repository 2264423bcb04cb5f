import { beforeEach, describe, expect, it } from 'vitest';
import { answered, blockOf, dmsTo, eventually, pairUp, press, submitBooking, submitLog, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// Wed 2026-11-18 14:00 UTC. The mentor is in New York, the mentee in Berlin.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
const db = () => t.bot.database.db;

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

const bookings = () => db().selectFrom('bookings').selectAll().orderBy('id').execute();

describe('Book next session: the modal', () => {
  it('opens from the pair card with the day the rhythm is due, 10:00 and 60 minutes, in the presser’s zone', async () => {
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'booking_open', String(pairId)));
    expect(view.callback_id).toBe('booking_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ pairId });
    // Started Wed 18 Nov, every 14 days → Wed 2 Dec.
    expect(blockOf(view, 'booking_day').element).toMatchObject({ type: 'datepicker', initial_date: '2026-12-02' });
    expect(blockOf(view, 'booking_time').element).toMatchObject({ type: 'timepicker', initial_time: '10:00' });
    expect(blockOf(view, 'booking_time').hint.text).toContain('Europe/Berlin');
    expect(blockOf(view, 'booking_minutes').element.initial_value).toBe('60');
  });

  it('defaults to the last session plus the rhythm, at the hour the person booked last time', async () => {
    t.clock.set('2026-11-25T14:00:00Z');
    await answered(t, submitLog(t, PEOPLE.mentor, pairId, { heldOn: '2026-11-24' }));
    await answered(t, submitBooking(t, PEOPLE.mentor, pairId, { day: '2026-11-27', time: '08:15' }));
    // Answered "not this time", so the form suggests the rhythm rather than the upcoming booking.
    await db().updateTable('bookings').set({ status: 'missed', answered_by: PEOPLE.mentor.id, answered_at: new Date() }).execute();
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'booking_open', String(pairId)));
    expect(blockOf(view, 'booking_day').element.initial_date).toBe('2026-12-08');
    expect(blockOf(view, 'booking_time').element.initial_time).toBe('08:15');
    expect(blockOf(view, 'booking_time').hint.text).toContain('America/New_York');
  });

  it('pressed on App Home (a view, not a modal) it opens a modal rather than pushing one', async () => {
    const res = await t.slack.blockAction({ user_id: PEOPLE.mentor.id, team_id: TEAM, view: { id: 'VHOME', type: 'home' }, actions: [{ action_id: 'booking_open', value: String(pairId) }] });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('views.open')).toHaveLength(1));
    expect(t.fake.callsTo('views.push')).toHaveLength(0);
  });

  it('refuses a person outside the pairing and a paused pairing, opening nothing', async () => {
    const outsider = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, 'booking_open', String(pairId)));
    expect(outsider.callback_id).toBe('notice_modal');
    expect(textOf(outsider)).toContain("You're not part of that pairing");
    await answered(t, t.slack.command({ text: 'pause', user_id: PEOPLE.mentee.id }));
    const paused = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'booking_open', String(pairId)));
    expect(paused.callback_id).toBe('notice_modal');
    expect(textOf(paused)).toContain('paused');
  });

  it('is offered on the log confirmation, and pressed there it is pushed onto that modal', async () => {
    const ack = await answered(t, submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17' }));
    const next = ack.view.blocks[0].accessory;
    expect([next.action_id, next.value, next.text.text]).toEqual(['booking_open', String(pairId), 'Book next session']);
    const res = await t.slack.blockAction({ user_id: PEOPLE.mentee.id, team_id: TEAM, view: { id: 'VCONFIRM', type: 'modal', callback_id: 'notice_modal' }, actions: [{ action_id: 'booking_open', value: String(pairId) }] });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('views.push')).toHaveLength(1));
    expect(t.fake.callsTo('views.push')[0]!.args.view.callback_id).toBe('booking_modal');
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });
});

describe('Book next session: saving', () => {
  it('stores the instant in UTC and DMs both members the time in their own zone, with calendar links and an .ics file', async () => {
    const ack = await answered(t, submitBooking(t, PEOPLE.mentee, pairId, { day: '2026-12-02', time: '10:00', minutes: '45' }));
    expect(ack.response_action).toBe('update');
    expect(textOf(ack)).toContain('Wed 2 Dec, 10:00–10:45 (Europe/Berlin)');
    const [booking] = await bookings();
    expect(booking).toMatchObject({ pair_id: pairId, minutes: 45, booked_by: PEOPLE.mentee.id, status: 'booked' });
    expect(booking!.starts_at.toISOString()).toBe('2026-12-02T09:00:00.000Z');

    const menteeDm = textOf(dmsTo(t, PEOPLE.mentee).at(-1)!.args);
    const mentorDm = textOf(dmsTo(t, PEOPLE.mentor).at(-1)!.args);
    expect(menteeDm).toContain('Wed 2 Dec, 10:00–10:45 (Europe/Berlin)');
    expect(mentorDm).toContain('Wed 2 Dec, 04:00–04:45 (America/New_York)');
    expect(mentorDm).toContain(`<@${PEOPLE.mentee.id}>`);
    for (const dm of [menteeDm, mentorDm]) {
      expect(dm).toContain('https://calendar.google.com/calendar/render?action=TEMPLATE&text=Mentoring%3A%20Maya%20Mentor%20and%20Theo%20Mentee&dates=20261202T090000Z%2F20261202T094500Z');
      expect(dm).toContain('https://outlook.office.com/calendar/0/deeplink/compose?subject=Mentoring%3A%20Maya%20Mentor%20and%20Theo%20Mentee&startdt=2026-12-02T09%3A00%3A00Z&enddt=2026-12-02T09%3A45%3A00Z');
    }
    const files = t.fake.callsTo('file_upload');
    expect(files).toHaveLength(2);
    for (const file of files) {
      expect(file.args.filename).toBe('mentoring-session.ics');
      expect(file.args.body).toContain('BEGIN:VEVENT');
      expect(file.args.body).toContain('DTSTART:20261202T090000Z');
      expect(file.args.body).toContain('DTEND:20261202T094500Z');
      expect(file.args.body).toContain(`UID:booking-${booking!.id}@mentor-loop`);
    }
    const shared = t.fake.callsTo('files.completeUploadExternal').map((c) => c.args.channel_id).sort();
    expect(shared).toEqual([`D${PEOPLE.mentee.id}`, `D${PEOPLE.mentor.id}`].sort());
  });

  it('a new booking replaces the upcoming one: one upcoming booking per pairing', async () => {
    await answered(t, submitBooking(t, PEOPLE.mentee, pairId, { day: '2026-12-02' }));
    await answered(t, submitBooking(t, PEOPLE.mentor, pairId, { day: '2026-12-03', time: '09:00' }));
    const rows = await bookings();
    expect(rows.map((b) => b.status)).toEqual(['replaced', 'booked']);
    expect(rows[1]!.starts_at.toISOString()).toBe('2026-12-03T14:00:00.000Z');
    expect(textOf(dmsTo(t, PEOPLE.mentee).at(-1)!.args)).toContain('Moved: your next session');
    // The database holds the rule too.
    await expect(db().insertInto('bookings').values({ team_id: TEAM, pair_id: pairId, starts_at: '2026-12-09T10:00:00Z', minutes: 60, booked_by: PEOPLE.mentor.id }).execute()).rejects.toThrow();
  });

  it.each([
    ['an hour ago', { day: '2026-11-18', time: '14:00' }, 'booking_day', 'already passed'], // 14:00 Berlin = 13:00 UTC
    ['last year', { day: '2025-12-02' }, 'booking_day', 'already passed'],
    ['a year ahead', { day: '2027-11-18' }, 'booking_day', 'within the next 180 days'],
    ['no day', { day: null }, 'booking_day', 'Pick the day'],
    ['no time', { time: null }, 'booking_time', 'Pick the time'],
    ['a time that is not one', { time: '25:99' }, 'booking_time', 'Pick the time'],
    ['5 minutes', { minutes: '5' }, 'booking_minutes', 'between 15 and 480'],
    ['"an hour"', { minutes: 'an hour' }, 'booking_minutes', 'whole number'],
  ])('refuses %s with a field error and books nothing', async (_label, values, field, message) => {
    const ack = await answered(t, submitBooking(t, PEOPLE.mentee, pairId, values));
    expect(ack.response_action).toBe('errors');
    expect(ack.errors[field]).toContain(message);
    expect(await bookings()).toHaveLength(0);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('refuses a paused pairing, a forged pairing and an outsider, and books nothing', async () => {
    const outsider = await answered(t, submitBooking(t, PEOPLE.outsider, pairId, {}));
    expect(textOf(outsider)).toContain("You're not part of that pairing");
    const forged = await answered(t, submitBooking(t, PEOPLE.mentee, undefined, {}));
    expect(textOf(forged)).toContain("You're not part of that pairing");
    await answered(t, t.slack.command({ text: 'pause', user_id: PEOPLE.mentor.id }));
    const paused = await answered(t, submitBooking(t, PEOPLE.mentee, pairId, {}));
    expect(paused.view.title.text).toBe("Couldn't save");
    expect(textOf(paused)).toContain('paused');
    expect(await bookings()).toHaveLength(0);
  });
});
