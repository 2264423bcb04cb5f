// A member deactivated in Slack: their pairings pause at once, end after the program's
// departure_end_days (default 14), and the partner is told kindly and offered a new match.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directMessagesTo, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { settingsViewValues } from '../helpers/settings-values.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// Pairs start on Wed 2026-11-18 14:00 UTC; the mentee (Berlin) is deactivated at that instant.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
let pairId: number;
const db = () => t.bot.database.db;
const pairRow = () => db().selectFrom('pairs').select(['status', 'ended_at', 'paused_until']).where('id', '=', pairId).executeTakeFirstOrThrow();

async function deactivate(person: (typeof PEOPLE)[keyof typeof PEOPLE]) {
  t.fake.addUser({ ...person, deleted: true });
  const res = await t.slack.event({ event: { type: 'user_change', user: { id: person.id, team_id: TEAM, name: 'gone', real_name: person.real_name, deleted: true, tz: person.tz, profile: {} } } });
  expect(res.status).toBe(200);
  await t.bot.idle();
}

afterEach(() => {
  for (const person of Object.values(PEOPLE)) t.fake.addUser(person);
});

beforeEach(async () => {
  pairId = await pairUp(t);
  t.fake.reset();
});

describe('a deactivated member’s pairings', () => {
  it('stay paused until the member has been deactivated 14 days, then end; the partner is told kindly once and offered a new match', async () => {
    await deactivate(PEOPLE.mentee);
    expect((await pairRow()).status).toBe('paused');

    const before = await t.sweepAt('2026-12-02T13:45:00Z'); // 13 days 23¾ hours
    expect(before.endedPairs).toBe(0);
    expect((await pairRow()).status).toBe('paused');
    expect(directMessagesTo(t, PEOPLE.mentor)).toHaveLength(0);

    const after = await t.sweepAt('2026-12-02T15:00:00Z'); // 10:00 in New York, the mentor's working hours
    expect(after.endedPairs).toBe(1);
    expect(await pairRow()).toMatchObject({ status: 'ended', ended_at: new Date('2026-12-02T15:00:00Z'), paused_until: null });

    const dms = directMessagesTo(t, PEOPLE.mentor);
    expect(dms).toHaveLength(1);
    const text = textOf(dms[0]!.args);
    expect(text).toContain(`Your pairing with <@${PEOPLE.mentee.id}> has come to a close`);
    expect(text).toContain('Thank you');
    // No blame and no private detail: nothing about why the account went, nothing the pair logged.
    expect(text).not.toMatch(/deactivat|deleted|fired|left the company|quit/i);
    const buttons = dms[0]!.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : []));
    // The same DM carries the exit survey of the ended pairing (the departed member gets nothing).
    expect(buttons.map((b: any) => [b.action_id, b.text.text, b.value])).toEqual([
      ['nudge_find_new_match', 'Find me a new mentee', String(pairId)],
      ['exit_survey_open', 'Answer 4 questions', String(pairId)],
    ]);
    expect(directMessagesTo(t, PEOPLE.mentee)).toHaveLength(0);

    await t.sweepAt('2026-12-03T15:00:00Z');
    await t.sweepAt('2026-12-10T15:00:00Z');
    expect(directMessagesTo(t, PEOPLE.mentor)).toHaveLength(1);

    // The button opens the matching profile (the same modal as /mentor join).
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.mentor, 'nudge_find_new_match', String(pairId)));
    expect(view.callback_id).toBe('join_modal');
  });

  it('offers a mentee whose mentor left a new mentor', async () => {
    await deactivate(PEOPLE.mentor);
    await t.sweepAt('2026-12-03T09:00:00Z'); // 10:00 in Berlin, 14 days and 19 hours on
    const dms = directMessagesTo(t, PEOPLE.mentee);
    expect(dms).toHaveLength(1);
    expect(dms[0]!.args.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((b: any) => b.text.text)).toEqual(['Find me a new mentor', 'Answer 4 questions']);
  });

  it('end after the program’s own setting', async () => {
    const res = await t.slack.viewSubmission({ user_id: PEOPLE.admin.id, team_id: TEAM, callback_id: 'program_settings_modal', private_metadata: '{}', values: settingsViewValues({ departureDays: '30' }) });
    expect(res.json.response_action).toBe('update');
    await deactivate(PEOPLE.mentee);
    await t.sweepAt('2026-12-02T15:00:00Z');
    expect((await pairRow()).status).toBe('paused');
    await t.sweepAt('2026-12-18T15:00:00Z');
    expect((await pairRow()).status).toBe('ended');
  });

  it('a timed pause of a deactivated member never resumes', async () => {
    expect((await t.slack.command({ text: 'pause 1w', user_id: PEOPLE.mentee.id })).status).toBe(200);
    await deactivate(PEOPLE.mentee);
    const report = await t.sweepAt('2026-11-26T15:00:00Z');
    expect(report.resumedPairs).toBe(0);
    expect(await pairRow()).toMatchObject({ status: 'paused', paused_until: null });
  });

  it('a timed pause set by the partner does not resume either once the other member is deactivated', async () => {
    // The pause is the mentor's; the mentee is the one who leaves: still no resume.
    expect((await t.slack.command({ text: 'pause 1w', user_id: PEOPLE.mentor.id })).status).toBe(200);
    await t.bot.idle();
    await deactivate(PEOPLE.mentee);
    expect((await t.sweepAt('2026-11-26T15:00:00Z')).resumedPairs).toBe(0);
  });
});
