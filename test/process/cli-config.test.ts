// The command-line tools read the database settings the way the bot does: a malformed value is
// named with where to find it, and they need no Slack credentials.
import { spawn } from 'node:child_process';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { ChildBot, childEnv, killAll, REPO_ROOT, removeTempDirs, STACK_LINE, tempDir } from './child-bot.ts';

// Each test starts a child process that compiles and boots the bot: slow while another test file
// runs beside it on a two-core machine.
vi.setConfig({ testTimeout: 90_000 });

afterAll(async () => {
  await killAll();
  removeTempDirs();
});

function cli(script: string, env: NodeJS.ProcessEnv, ...args: string[]): ChildBot {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  return new ChildBot(proc, env);
}

describe('npm run migrate', () => {
  it('migrates the embedded database in DATA_DIR without Slack credentials, then finds nothing to do', { timeout: 150_000 }, async () => {
    const env = childEnv({ DATA_DIR: tempDir() });
    const first = cli('src/db/migrate-cli.ts', env);
    expect((await first.waitForExit(70_000)).code).toBe(0);
    expect(first.stdout).toMatch(/Applied \d+ migration\(s\)/);
    const again = cli('src/db/migrate-cli.ts', env);
    expect((await again.waitForExit(70_000)).code).toBe(0);
    expect(again.stdout).toContain('The database is up to date.');
  });

  it('names a malformed DATABASE_URL, without a stack trace or the value', async () => {
    const migrate = cli('src/db/migrate-cli.ts', childEnv({ DATABASE_URL: 'mysql://secret@db/mentor' }));
    expect((await migrate.waitForExit()).code).toBe(1);
    expect(migrate.stderr).toContain('DATABASE_URL is not valid (must be a postgres:// URL)');
    expect(migrate.stderr).not.toContain('secret');
    expect(migrate.stderr).not.toMatch(STACK_LINE);
  });
});

describe('npm run sweep', () => {
  it('a dry run names a malformed DATABASE_URL, without a stack trace', async () => {
    const sweep = cli('src/scheduler/sweep-cli.ts', childEnv({ DATABASE_URL: 'db:5432' }), '--dry-run');
    expect((await sweep.waitForExit()).code).toBe(1);
    expect(sweep.stderr).toContain('DATABASE_URL is not valid (must be a postgres:// URL)');
    expect(sweep.stderr).not.toMatch(STACK_LINE);
  });

  it('a real sweep still needs the Slack credentials, and says where to find them', async () => {
    const sweep = cli('src/scheduler/sweep-cli.ts', childEnv({ DATA_DIR: tempDir() }));
    expect((await sweep.waitForExit()).code).toBe(1);
    expect(sweep.stderr).toContain('SLACK_BOT_TOKEN is missing');
    expect(sweep.stderr).not.toMatch(STACK_LINE);
  });
});
