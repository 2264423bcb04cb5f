// One bot replica for the soak run, as its own process: the bot's composition root (startBot)
// with the cron off and a simulated clock, plus a control port on 127.0.0.1 through which the
// soak run moves that clock and triggers sweeps (what NUDGE_CRON would do, at chosen instants).
// Shutdown is main.ts's: SIGTERM or SIGINT → bot.stop() → exit.
//
// Control (loopback only; the soak run is the only caller):
//   POST /clock?at=<ISO>  sets the clock the bot's interactions read
//   POST /sweep?at=<ISO>  sets the clock and runs one sweep at that instant; 409 while one runs
//                         (node-cron's noOverlap), else the sweep report as JSON
import 'dotenv/config';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startBot } from '../../../src/bot.ts';
import { loadConfig } from '../../../src/config/config.ts';

let simNow = new Date(process.env.SOAK_START_AT ?? Date.now());
const clock = { now: () => new Date(simNow) };
const config = loadConfig(process.env);
if (config.nudges) throw new Error('a soak replica runs with NUDGE_CRON=off: the soak run drives its sweeps');
const bot = await startBot(config, { clock });

let sweeping = false;
const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const at = new Date(url.searchParams.get('at') ?? '');
  const reply = (status: number, body: unknown) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  if (req.method !== 'POST' || Number.isNaN(at.getTime())) return reply(400, { error: 'POST /clock or /sweep with ?at=<ISO instant>' });
  if (url.pathname === '/clock') {
    simNow = at;
    return reply(200, { at: at.toISOString() });
  }
  if (url.pathname !== '/sweep') return reply(404, { error: 'not found' });
  if (sweeping) return reply(409, { error: 'a sweep is running' });
  sweeping = true;
  simNow = at;
  bot.sweep(at).then(
    (report) => reply(200, report),
    (error: unknown) => reply(500, { error: String((error as Error)?.message ?? error) }),
  ).finally(() => (sweeping = false));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));
// The soak run reads this line to find both ports.
console.log(JSON.stringify({ msg: 'soak replica ready', port: bot.port, control: (control.address() as AddressInfo).port, pid: process.pid }));

const shutdown = (signal: string) => {
  bot.logger.info({ signal }, 'shutting down');
  control.close();
  control.closeAllConnections();
  bot.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      bot.logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    },
  );
};
process.once('SIGTERM', () => shutdown('SIGTERM'));
process.once('SIGINT', () => shutdown('SIGINT'));
