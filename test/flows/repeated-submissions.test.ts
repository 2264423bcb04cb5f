// A modal submission that took longer than Slack's 3 seconds is shown as failed, and the person
// presses Save again: Slack sends the same view (id and hash) a second time. It is saved once.
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { logValues, pairUp, textOf } from '../helpers/flows.ts';
import { viewSubmissionPayload } from '../helpers/slack-requests.ts';
import { PEOPLE, startTestBot, TEAM, type TestBot } from '../helpers/test-bot.ts';

let t: TestBot;
let pairId: number;
beforeAll(async () => {
  t = await startTestBot();
  pairId = await pairUp(t);
});
afterAll(async () => t?.close());
beforeEach(async () => {
  await t.bot.idle();
  await t.bot.database.db.deleteFrom('sessions').execute();
  t.fake.reset();
});

const db = () => t.bot.database.db;
/** One log submission, as Slack sends it; posting it twice is the second press of Save. */
const logSubmission = (advice: string) =>
  viewSubmissionPayload({ user_id: PEOPLE.mentee.id, team_id: TEAM, callback_id: 'log_modal', private_metadata: JSON.stringify({ pairId }), values: logValues({ heldOn: '2026-11-17', advice }) });
const send = (payload: object) => t.slack.post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded');
const counts = async () => ({
  sessions: (await db().selectFrom('sessions').select('id').execute()).length,
  advice: (await db().selectFrom('advice_items').select('id').execute()).length,
});

describe('the same submission sent twice', () => {
  it('one after the other: one session, and the repeat gets the same confirmation', async () => {
    const payload = logSubmission('Ask for the review early');
    const first = await send(payload);
    expect(first.status).toBe(200);
    expect(textOf(first.json)).toContain('Logged your 60-minute session');
    await t.bot.idle();
    const publishes = t.fake.callsTo('views.publish').length;

    const again = await send(payload);
    expect(again.status).toBe(200);
    // The same confirmation, with its next step (Book next session).
    expect(again.json).toEqual(first.json);
    expect(JSON.stringify(again.json)).toContain('Book next session');
    await t.bot.idle();
    expect(await counts()).toEqual({ sessions: 1, advice: 1 });
    expect(t.fake.callsTo('views.publish')).toHaveLength(publishes); // no second round of follow-ups
  });

  it('while the first is still saving: still one session, both answered with its confirmation', async () => {
    // The first save is slow (a database under load): the second press arrives during it.
    await sql`create or replace function slow_session_insert() returns trigger language plpgsql as $$ begin perform pg_sleep(1); return new; end $$`.execute(db());
    await sql`create trigger slow_session_insert before insert on sessions for each row execute function slow_session_insert()`.execute(db());
    try {
      const payload = logSubmission('Write the one-pager first');
      const first = send(payload);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const [a, b] = await Promise.all([first, send(payload)]);
      expect(a.status).toBe(200);
      expect(b.status).toBe(200);
      expect(textOf(a.json)).toContain('Logged your 60-minute session');
      expect(b.json).toEqual(a.json);
    } finally {
      await sql`drop trigger slow_session_insert on sessions`.execute(db());
    }
    await t.bot.idle();
    expect(await counts()).toEqual({ sessions: 1, advice: 1 });
  });

  it('a different view of the same form is a new submission', async () => {
    expect((await send(logSubmission('One'))).status).toBe(200);
    expect((await send(logSubmission('Two'))).status).toBe(200);
    await t.bot.idle();
    expect(await counts()).toEqual({ sessions: 2, advice: 2 });
  });

  it('a submission whose save failed is saved when sent again', async () => {
    await sql`create or replace function refuse_session_insert() returns trigger language plpgsql as $$ begin raise exception 'database blip'; end $$`.execute(db());
    await sql`create trigger refuse_session_insert before insert on sessions for each row execute function refuse_session_insert()`.execute(db());
    const payload = logSubmission('Ask again');
    try {
      const failed = await send(payload);
      expect(textOf(failed.json)).not.toContain('Logged your');
    } finally {
      await sql`drop trigger refuse_session_insert on sessions`.execute(db());
    }
    const saved = await send(payload);
    expect(textOf(saved.json)).toContain('Logged your 60-minute session');
    await t.bot.idle();
    expect(await counts()).toEqual({ sessions: 1, advice: 1 });
  });

  it('submissions older than a day are forgotten as new ones come in', async () => {
    await db()
      .insertInto('view_submissions')
      .values({ team_id: TEAM, view_id: 'VOLD', view_hash: 'h-old', user_id: PEOPLE.mentee.id, form: 'log', confirmation_title: 'Session logged', confirmation_text: 'Old', submitted_at: new Date(Date.now() - 2 * 86_400_000) })
      .execute();
    expect((await send(logSubmission('Fresh'))).status).toBe(200);
    const left = await db().selectFrom('view_submissions').select('view_id').execute();
    expect(left.map((r) => r.view_id)).not.toContain('VOLD');
    expect(left.length).toBeGreaterThan(0);
  });
});
