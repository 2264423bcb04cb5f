// What people write (session notes, advice, loop outcomes) never reaches the logs, at any level:
// at trace, Bolt, the Web API client and the Socket Mode client would otherwise log whole payloads.
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { startBot, type Bot } from '../../src/bot.ts';
import { loadConfig } from '../../src/config/config.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createLogger, withoutPayload } from '../../src/logger.ts';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { dmsTo, eventually, logValues, pairUp, submitLog, submitLoop, viewOpenedBy, press } from '../helpers/flows.ts';
import { commandPayload, viewSubmissionPayload } from '../helpers/slack-requests.ts';
import { createTestDatabase } from '../helpers/test-database.ts';
import { at, PEOPLE, SIGNING_SECRET, startTestBot, TEAM } from '../helpers/test-bot.ts';
import { freePort } from '../process/child-bot.ts';

const NOTE = 'Zebra-note: my manager is leaving in March';
const ADVICE = 'Okapi-advice: ask for the staff role before the reorg';
const OUTCOME = 'Quokka-outcome: they said yes to the staff role';
const PRIVATE = ['Zebra-note', 'Okapi-advice', 'Quokka-outcome', 'manager is leaving', 'staff role'];

function expectNoPrivateText(logs: string[]): void {
  const all = logs.join('');
  for (const secret of PRIVATE) expect(all, `"${secret}" in the logs`).not.toContain(secret);
}

describe('withoutPayload', () => {
  it.each([
    ['http request body: {"channel":"D1","text":"secret"}', 'http request body: [payload redacted]'],
    ['Received a message on the WebSocket: {"envelope_id":"1"}', 'Received a message on the WebSocket: [payload redacted]'],
    ['ack() call begins (body: secret words)', 'ack() call begins (body: [payload redacted]'],
    ['{"type":"view_submission"}', '[payload redacted]'],
    ["apiCall('chat.postMessage') start", "apiCall('chat.postMessage') start"],
  ])('%s', (line, expected) => {
    expect(withoutPayload(line)).toBe(expected);
  });
});

describe('at LOG_LEVEL=trace over HTTP', () => {
  it('a session log, its advice and the closed loop leave no private text in the logs', async () => {
    const t = await startTestBot({ logLevel: 'trace' });
    try {
      const pairId = await pairUp(t);
      const logged = await submitLog(t, PEOPLE.mentee, pairId, { heldOn: '2026-11-17', notes: NOTE, advice: ADVICE });
      expect(logged.status).toBe(200);
      await t.bot.idle();
      const item = await t.bot.database.db.selectFrom('advice_items').select(['id', 'text']).executeTakeFirstOrThrow();
      expect(item.text).toBe(ADVICE);
      const loop = await viewOpenedBy(t, () => press(t, PEOPLE.mentee, 'open_loop_modal', String(item.id)));
      expect(JSON.stringify(loop)).toContain('Okapi-advice'); // the modal Slack was sent carries the advice
      await submitLoop(t, PEOPLE.mentee, item.id, 'tried_worked', OUTCOME, '5');
      await eventually(() => expect(JSON.stringify(dmsTo(t, PEOPLE.mentor).map((c) => c.args))).toContain('Quokka-outcome'));
      await t.bot.idle();

      // None of what people wrote is in the logs …
      expectNoPrivateText(t.logs);
      // … though the libraries did log their debug lines (so a payload would have shown).
      const all = t.logs.join('');
      expect(all).toContain('http request body: [payload redacted]');
      expect(all).toContain('"level":20');
    } finally {
      await t.close();
    }
  });
});

describe('at LOG_LEVEL=trace in Socket Mode', () => {
  let fake: FakeSlack | undefined;
  let bot: Bot | undefined;
  afterAll(async () => {
    await bot?.stop();
    await fake?.close();
  });

  it('envelopes, acks and Web API calls leave no private text in the logs', async () => {
    fake = await FakeSlack.start();
    for (const person of Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...person });
    const logs: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-socket-logs',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_APP_TOKEN: 'xapp-1-logs',
      SLACK_API_URL: fake.apiUrl,
      PORT: String(await freePort()),
      LOG_LEVEL: 'trace',
      NUDGE_CRON: 'off',
    });
    bot = await startBot(config, { database: await createTestDatabase(), clock: fixedClock('2026-11-18T14:00:00Z'), logger: createLogger('trace', sink) });
    await fake.socket.waitForConnection();

    const paired = await fake.socket.send('slash_commands', commandPayload({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id }));
    expect(paired.payload.text).toContain('New pairing');
    await bot.idle();
    const pair = await bot.database.db.selectFrom('pairs').select('id').executeTakeFirstOrThrow();
    const ack = await fake.socket.send(
      'interactive',
      viewSubmissionPayload({ user_id: PEOPLE.mentee.id, callback_id: 'log_modal', private_metadata: JSON.stringify({ pairId: pair.id }), values: logValues({ heldOn: '2026-11-17', notes: NOTE, advice: ADVICE }) }),
    );
    expect(JSON.stringify(ack.payload ?? {})).not.toContain('errors');
    await bot.idle();
    expect((await bot.database.db.selectFrom('advice_items').select('text').executeTakeFirstOrThrow()).text).toBe(ADVICE);

    expectNoPrivateText(logs);
    expect(logs.join('')).toContain('Received a message on the WebSocket: [payload redacted]');
  });
});
