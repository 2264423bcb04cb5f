// The HTTP transport as Slack sees it: request signing (Bolt's HTTPReceiver with our signing
// secret), the /healthz route, event retries and the url_verification handshake.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { commandPayload, eventPayload, nowSec, signBody } from '../helpers/slack-requests.ts';
import { at, PEOPLE, SIGNING_SECRET, useTestBot } from '../helpers/test-bot.ts';
import { sleep, waitFor } from '../helpers/wait.ts';

const t = useTestBot();

const FORM = 'application/x-www-form-urlencoded';

async function count(table: 'pairs' | 'members' | 'processed_events' | 'admins'): Promise<number> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from ${sql.table(table)}`.execute(t.bot.database.db);
  return rows[0]!.n;
}

const pairBody = () => new URLSearchParams(commandPayload({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id })).toString();

/**
 * A request Bolt must reject: 401, and nothing reaches the listeners — no Web API call at all
 * (not even users.info), no row written. Waits a little so an asynchronous leak would show.
 */
async function expectRejected(send: () => Promise<{ status: number; text: string }>): Promise<void> {
  const callsBefore = t.fake.calls.length;
  const pairsBefore = await count('pairs');
  const membersBefore = await count('members');
  const res = await send();
  expect(res.status).toBe(401);
  expect(res.text).toBe('');
  await sleep(300);
  expect(t.fake.calls.slice(callsBefore)).toEqual([]);
  expect(await count('pairs')).toBe(pairsBefore);
  expect(await count('members')).toBe(membersBefore);
}

describe('request signing', () => {
  it('a correctly signed /mentor help is answered 200 with the help text', async () => {
    const res = await t.slack.command({ text: 'help', user_id: PEOPLE.mentor.id });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ response_type: 'ephemeral' });
    expect(res.json.text).toContain('I keep mentoring pairs moving');
    expect(res.json.text).toContain('`/mentor log`');
    expect(res.json.text).not.toContain('*Admins*'); // a member sees member commands only
  });

  it('a forged signature on /mentor pair from an admin: 401, nothing sent, nothing written', async () => {
    await expectRejected(() => {
      const body = pairBody();
      const ts = nowSec();
      return t.slack.post(body, FORM, { timestamp: ts, signature: signBody('0123456789abcdef0123456789abcdef', body, ts) });
    });
    await expectRejected(() => t.slack.post(pairBody(), FORM, { signature: `v0=${'0'.repeat(64)}` }));
    await expectRejected(() => t.slack.post(pairBody(), FORM, { signature: 'garbage' }));
    expect(await count('pairs')).toBe(0);
    expect(t.fake.callsTo('chat.postMessage')).toEqual([]);
    expect(t.fake.calls.filter((c) => c.method.startsWith('views.'))).toEqual([]);
  });

  it('a stale timestamp (6 minutes old, correctly signed for it) is rejected with 401', async () => {
    await expectRejected(() => t.slack.post(pairBody(), FORM, { timestamp: nowSec() - 6 * 60 }));
    expect(await count('pairs')).toBe(0);
  });

  it('missing signature headers are rejected with 401', async () => {
    await expectRejected(() => t.slack.post(pairBody(), FORM, { unsigned: true }));
    // Only the timestamp, or only the signature, is not enough either.
    await expectRejected(() => {
      const body = pairBody();
      const ts = nowSec();
      return t.slack.post(body, FORM, { unsigned: true, headers: { 'x-slack-request-timestamp': String(ts) } });
    });
    await expectRejected(() => {
      const body = pairBody();
      return t.slack.post(body, FORM, { unsigned: true, headers: { 'x-slack-signature': signBody(SIGNING_SECRET, body, nowSec()) } });
    });
    expect(await count('pairs')).toBe(0);
  });

  it('a body tampered with after signing is rejected with 401', async () => {
    const ts = nowSec();
    const signed = new URLSearchParams(commandPayload({ text: 'help', user_id: PEOPLE.admin.id })).toString();
    const tampered = signed.replace('text=help', `text=${encodeURIComponent(`pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`)}`);
    expect(tampered).not.toBe(signed);
    await expectRejected(() => t.slack.post(tampered, FORM, { timestamp: ts, signature: signBody(SIGNING_SECRET, signed, ts) }));
    // The same signature with a shifted timestamp (replaying it later) fails too.
    await expectRejected(() => t.slack.post(signed, FORM, { timestamp: ts + 1, signature: signBody(SIGNING_SECRET, signed, ts) }));
    expect(await count('pairs')).toBe(0);
  });

  it('the same signed /mentor pair, properly signed, does write (the rejections above were the signature, not the command)', async () => {
    const res = await t.slack.post(pairBody(), FORM);
    expect(res.status).toBe(200);
    expect(res.json.text).toContain('New pairing');
    expect(await count('pairs')).toBe(1);
    // Let the follow-up (kickoff DMs, then both Home tabs) finish, so it cannot leak into later tests.
    await waitFor(() => t.fake.callsTo('chat.postMessage').length === 2, 'the two kickoff DMs');
    await waitFor(() => t.fake.callsTo('views.publish').length === 2, 'both Home tabs');
  });
});

describe('url_verification', () => {
  it('answers the challenge of a signed url_verification request', async () => {
    const body = JSON.stringify({ token: 'legacy-verification-token', challenge: 'c4a11enge-3x4mple', type: 'url_verification' });
    const res = await t.slack.post(body, 'application/json');
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'c4a11enge-3x4mple' });
  });

  it('does not answer an unsigned one', async () => {
    const body = JSON.stringify({ token: 'x', challenge: 'nope', type: 'url_verification' });
    const res = await t.slack.post(body, 'application/json', { unsigned: true });
    expect(res.status).toBe(401);
    expect(res.text).not.toContain('nope');
  });
});

describe('event retries', () => {
  it('app_home_opened delivered twice with the same event_id publishes the Home tab once', async () => {
    const event = { type: 'app_home_opened', user: PEOPLE.mentor.id, channel: `D${PEOPLE.mentor.id}`, tab: 'home' };
    const event_id = 'Ev0RETRIED01';
    const first = await t.slack.event({ event, event_id });
    expect(first.status).toBe(200);
    const publishesFor = (user: string) => t.fake.callsTo('views.publish').filter((c) => c.args.user_id === user);
    await waitFor(() => publishesFor(PEOPLE.mentor.id).length >= 1, 'the first views.publish');

    // Slack's redelivery: same body and event_id, plus the retry headers.
    const retry = await t.slack.event({ event, event_id }, { headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' } });
    expect(retry.status).toBe(200);
    // A different event afterwards, as a marker that the retry has been dealt with.
    const other = await t.slack.event({ event: { ...event, user: PEOPLE.mentee.id, channel: `D${PEOPLE.mentee.id}` }, event_id: 'Ev0OTHER02' });
    expect(other.status).toBe(200);
    await waitFor(() => publishesFor(PEOPLE.mentee.id).length >= 1, 'the marker views.publish');
    await sleep(200);

    expect(publishesFor(PEOPLE.mentor.id)).toHaveLength(1);
    expect(publishesFor(PEOPLE.mentee.id)).toHaveLength(1);
    expect(t.fake.callsTo('views.publish')).toHaveLength(2);
    expect(publishesFor(PEOPLE.mentor.id)[0]!.args.view).toMatchObject({ type: 'home' });
  });

  it('a byte-identical redelivery (retry 2, http_error) is deduplicated too', async () => {
    const event = { type: 'app_home_opened', user: PEOPLE.admin.id, channel: `D${PEOPLE.admin.id}`, tab: 'home' };
    const body = JSON.stringify(eventPayload({ event, event_id: 'Ev0SAMEBODY03' }));
    expect((await t.slack.post(body, 'application/json')).status).toBe(200);
    await waitFor(() => t.fake.callsTo('views.publish').length >= 1, 'views.publish');
    // An admin's first Home of the day may publish twice (again once the day's charts are drawn).
    await t.bot.idle();
    const published = t.fake.callsTo('views.publish').length;
    expect((await t.slack.post(body, 'application/json', { headers: { 'x-slack-retry-num': '2', 'x-slack-retry-reason': 'http_error' } })).status).toBe(200);
    await sleep(400);
    await t.bot.idle();
    expect(t.fake.callsTo('views.publish')).toHaveLength(published);
  });
});

describe('/healthz', () => {
  it('answers 200 {ok:true} while the database is up', async () => {
    const res = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(await res.json()).toMatchObject({ ok: true });
  });

  it('needs no signature and is GET only', async () => {
    const res = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`, { method: 'POST' });
    expect(res.status).not.toBe(200);
  });

  // Last in the file: it closes the bot's database (bot.stop() in afterAll tolerates that).
  it('answers 503 {ok:false} once the database is gone', async () => {
    await t.bot.database.close();
    const res = await fetch(`http://127.0.0.1:${t.bot.port}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toMatchObject({ ok: false });
  });
});
