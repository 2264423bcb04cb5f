// An event is recorded as handled only after its handler succeeded: a user_change that failed on a
// database blip is handled when Slack retries it, and a handled one is still handled only once.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, pairUp } from '../helpers/flows.ts';
import { PEOPLE, startTestBot, TEAM, type TestBot } from '../helpers/test-bot.ts';

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot();
});
afterAll(async () => t?.close());

const db = () => t.bot.database.db;
const RETRY = { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } };

/** Every write to members fails, as it would while the database is unreachable. */
async function breakMemberWrites(): Promise<void> {
  await sql`create or replace function refuse_member_write() returns trigger language plpgsql as $$ begin raise exception 'database blip'; end $$`.execute(db());
  await sql`create trigger refuse_member_write before insert or update on members for each row execute function refuse_member_write()`.execute(db());
}
async function repairMemberWrites(): Promise<void> {
  await sql`drop trigger refuse_member_write on members`.execute(db());
}

const deactivated = (id: string) => ({ type: 'user_change', user: { id, team_id: TEAM, name: 'theo', real_name: 'Theo Mentee', deleted: true, tz: 'Europe/Berlin', profile: {} } });

describe('event retries after a failure', () => {
  it('a user_change that failed on a database error is handled when Slack retries it', async () => {
    const pairId = await pairUp(t);
    await breakMemberWrites();
    try {
      const first = await t.slack.event({ event: deactivated(PEOPLE.mentee.id), event_id: 'Ev0BLIP01' });
      expect(first.status).toBe(200);
      await t.bot.idle();
      await eventually(() => expect(t.logs.join('')).toContain('database blip'));
    } finally {
      await repairMemberWrites();
    }
    expect((await db().selectFrom('pairs').select('status').where('id', '=', pairId).executeTakeFirstOrThrow()).status).toBe('active');

    // Slack did not get its answer in time and delivers the same event again.
    const retry = await t.slack.event({ event: deactivated(PEOPLE.mentee.id), event_id: 'Ev0BLIP01' }, RETRY);
    expect(retry.status).toBe(200);
    await t.bot.idle();
    await eventually(async () => {
      expect((await db().selectFrom('members').select('deactivated').where('user_id', '=', PEOPLE.mentee.id).executeTakeFirstOrThrow()).deactivated).toBe(true);
    });
    expect((await db().selectFrom('pairs').select('status').where('id', '=', pairId).executeTakeFirstOrThrow()).status).toBe('paused');
    const row = await db().selectFrom('processed_events').selectAll().where('event_id', '=', 'Ev0BLIP01').executeTakeFirstOrThrow();
    expect(row.handled_at).not.toBeNull();
  });

  it('an event handled once is not handled again on a later retry', async () => {
    t.fake.reset();
    const event = { type: 'app_home_opened', user: PEOPLE.mentor.id, channel: `D${PEOPLE.mentor.id}`, tab: 'home' };
    expect((await t.slack.event({ event, event_id: 'Ev0ONCE02' })).status).toBe(200);
    await t.bot.idle();
    await eventually(() => expect(t.fake.callsTo('views.publish')).toHaveLength(1));
    expect((await t.slack.event({ event, event_id: 'Ev0ONCE02' }, RETRY)).status).toBe(200);
    await t.bot.idle();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(t.fake.callsTo('views.publish')).toHaveLength(1);
  });
});
