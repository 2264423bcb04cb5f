// `npm run sweep` as a person runs it: refused while the bot holds the embedded database, a dry run
// that explains itself and writes nothing, a real pass that delivers through the fake Slack.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { FakeSlack } from '../helpers/fake-slack.ts';
import { slackRequester } from '../helpers/slack-requests.ts';
import { at, PEOPLE, TEAM } from '../helpers/test-bot.ts';
import { ChildBot, childEnv, credentials, freePort, killAll, REPO_ROOT, removeTempDirs, spawnBot, STACK_LINE, tempDir } from './child-bot.ts';

// Each test starts a child process that compiles and boots the bot: slow while another test file
// runs beside it on a two-core machine.
vi.setConfig({ testTimeout: 90_000 });

let fake: FakeSlack;

beforeAll(async () => {
  fake = await FakeSlack.start();
  for (const person of Object.values(PEOPLE)) fake.addUser({ team_id: TEAM, ...person });
});
afterAll(async () => {
  await killAll();
  await fake.close();
  removeTempDirs();
});

/** chat.postMessage calls to the mentee's DM after the kickoff (which went out at pairing time). */
let kickoffCalls = 0;
const nudgesToMentee = () => fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${PEOPLE.mentee.id}` || c.args.channel === PEOPLE.mentee.id).slice(kickoffCalls);

function sweepCli(env: NodeJS.ProcessEnv, ...args: string[]): ChildBot {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'src/scheduler/sweep-cli.ts', ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new ChildBot(proc, env);
}

describe('npm run sweep', () => {
  it('refuses while the bot holds the embedded database, then plans and sends once it is stopped', { timeout: 120_000 }, async () => {
    const { botToken, signingSecret } = credentials();
    const env = childEnv({ SLACK_BOT_TOKEN: botToken, SLACK_SIGNING_SECRET: signingSecret, SLACK_API_URL: fake.apiUrl, PORT: String(await freePort()), DATA_DIR: tempDir(), NUDGE_CRON: 'off', LOG_LEVEL: 'info' });
    const bot = spawnBot(env);
    await bot.waitUntilReady();
    const slack = slackRequester(bot.baseUrl, signingSecret);
    expect((await slack.command({ text: `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`, user_id: PEOPLE.admin.id })).json.text).toContain('New pairing');

    const refused = sweepCli(env, '--dry-run');
    expect((await refused.waitForExit()).code).toBe(1);
    expect(refused.stderr).toContain('is in use by the bot');
    expect(refused.stderr).toContain('sweeps by itself');
    expect(refused.stderr).not.toMatch(STACK_LINE);

    kickoffCalls = fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${PEOPLE.mentee.id}` || c.args.channel === PEOPLE.mentee.id).length;
    bot.proc.kill('SIGTERM');
    expect((await bot.waitForExit()).code).toBe(0);

    // The pairing started today; 20 days on, on a Monday afternoon in Europe, it has stalled.
    const at20 = new Date(Date.now() + 20 * 86_400_000);
    const monday = new Date(at20.getTime() + ((8 - (at20.getUTCDay() || 7)) % 7) * 86_400_000);
    const instant = `${monday.toISOString().slice(0, 10)}T13:00:00Z`;
    const plan = sweepCli(env, '--at', instant, '--dry-run');
    expect((await plan.waitForExit()).code).toBe(0);
    expect(plan.stdout).toContain(`${PEOPLE.mentee.id}:`);
    expect(plan.stdout).toMatch(/stalled pair:\d+ \(pair \d+\), due since \d{4}-\d\d-\d\d: no session since/);
    expect(plan.stdout).toContain('nothing was written or sent');
    expect(nudgesToMentee()).toHaveLength(0);

    const real = sweepCli(env, '--at', instant);
    expect((await real.waitForExit()).code).toBe(0);
    expect(real.stdout).toMatch(/Sweep at .*: \d+ nudge\(s\) decided, \d+ message\(s\) prepared, \d+ sent/);
    expect(nudgesToMentee()).toHaveLength(1);

    const again = sweepCli(env, '--at', instant);
    expect((await again.waitForExit()).code).toBe(0);
    expect(nudgesToMentee()).toHaveLength(1);
  });

  it('explains a malformed --at', async () => {
    const cli = sweepCli(childEnv({ DATA_DIR: tempDir() }), '--at', 'next tuesday', '--dry-run');
    expect((await cli.waitForExit()).code).toBe(1);
    expect(cli.stderr).toContain('--at must be an ISO instant');
    expect(cli.stderr).toContain('Usage: npm run sweep');
  });
});
