// Workspace admin and owner flags count only for full members of this workspace: a guest, or a
// Slack Connect user who is an admin of their own organisation, is not a program admin here.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FakeUser } from '../helpers/fake-slack.ts';
import { at, PEOPLE, startTestBot, TEAM, type TestBot } from '../helpers/test-bot.ts';

const GUEST = { id: 'UGUEST01', real_name: 'Gia Guest', is_admin: true, is_restricted: true, tz: 'Europe/London' } satisfies FakeUser;
const SINGLE_CHANNEL_GUEST = { id: 'UGUEST02', real_name: 'Sol Single', is_owner: true, is_ultra_restricted: true, tz: 'Europe/London' } satisfies FakeUser;
const EXTERNAL = { id: 'UEXTERN01', real_name: 'Eve External', is_admin: true, team_id: 'T9OTHER', tz: 'Europe/London' } satisfies FakeUser;
const STRANGER = { id: 'USTRANGE01', real_name: 'Stan Stranger', is_owner: true, is_stranger: true, tz: 'Europe/London' } satisfies FakeUser;

let t: TestBot;
beforeAll(async () => {
  t = await startTestBot({ users: [...Object.values(PEOPLE), GUEST, SINGLE_CHANNEL_GUEST, EXTERNAL, STRANGER] });
});
afterAll(async () => t?.close());
afterEach(async () => {
  await t.bot.idle();
  await t.bot.database.db.deleteFrom('pairs').execute();
});

const pairAs = async (who: { id: string }) =>
  (await t.slack.command({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: who.id, response_url: t.fake.responseUrl() })).json;

const userChange = (user: Record<string, unknown>) =>
  t.slack.event({ event: { type: 'user_change', user: { team_id: TEAM, name: 'someone', real_name: 'Someone', deleted: false, tz: 'Europe/London', profile: {}, ...user } } });

describe('admin flags from users.info', () => {
  it('a full member who is a workspace admin may pair people', async () => {
    expect((await pairAs(PEOPLE.admin)).text).toContain('New pairing');
  });

  it.each([
    ['a multi-channel guest', GUEST],
    ['a single-channel guest', SINGLE_CHANNEL_GUEST],
    ['an admin of another workspace', EXTERNAL],
    ['an external Slack Connect owner', STRANGER],
  ])('%s flagged admin or owner is not a program admin', async (_who, person) => {
    const answer = await pairAs(person);
    expect(answer.text).toContain('Only program admins can do that');
    expect(await t.bot.database.db.selectFrom('pairs').select('id').execute()).toEqual([]);
    const member = await t.bot.database.db.selectFrom('members').select('is_workspace_admin').where('user_id', '=', person.id).executeTakeFirstOrThrow();
    expect(member.is_workspace_admin).toBe(false);
  });
});

describe('admin flags from user_change', () => {
  it('a member made admin while a guest stays no admin; made a full member admin, they are one', async () => {
    expect((await pairAs(PEOPLE.outsider)).text).toContain('Only program admins can do that');

    expect((await userChange({ id: PEOPLE.outsider.id, is_admin: true, is_restricted: true })).status).toBe(200);
    await t.bot.idle();
    expect((await pairAs(PEOPLE.outsider)).text).toContain('Only program admins can do that');

    expect((await userChange({ id: PEOPLE.outsider.id, is_admin: true, team_id: 'T9OTHER' })).status).toBe(200);
    await t.bot.idle();
    expect((await pairAs(PEOPLE.outsider)).text).toContain('Only program admins can do that');

    expect((await userChange({ id: PEOPLE.outsider.id, is_admin: true })).status).toBe(200);
    await t.bot.idle();
    expect((await pairAs(PEOPLE.outsider)).text).toContain('New pairing');
  });
});
