// The fake Slack Web API (test/helpers/fake-slack.ts) on a thread of its own, so the bot under
// test does not pay for the fake's work on its event loop. Calls are tallied, then forgotten.
import { performance } from 'node:perf_hooks';
import { parentPort } from 'node:worker_threads';
import { FakeSlack, type FakeUser } from '../../test/helpers/fake-slack.ts';
import { serveRpc } from './threads.ts';

const fake = await FakeSlack.start();
const counts: Record<string, number> = {};
let failed = 0;
let violations = 0;
let lastViewOpen: Record<string, any> | undefined;

function tally(): void {
  for (const call of fake.calls) {
    counts[call.method] = (counts[call.method] ?? 0) + 1;
    if (call.failed) failed += 1;
    if (call.method === 'views.open') lastViewOpen = call.args.view;
  }
  fake.calls.length = 0;
  violations += fake.violations.length;
  fake.violations.length = 0;
}
const timer = setInterval(tally, 200);

let elu = performance.eventLoopUtilization();
serveRpc(parentPort!, {
  apiUrl: () => fake.apiUrl,
  addUser: (user: FakeUser) => fake.addUser(user),
  /** Counts since the last reset, and the event-loop utilization since the last reset. */
  counts: () => {
    tally();
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    return { byMethod: { ...counts }, total, failed, violations, elu: performance.eventLoopUtilization(elu).utilization };
  },
  reset: () => {
    tally();
    for (const key of Object.keys(counts)) delete counts[key];
    failed = violations = 0;
    lastViewOpen = undefined;
    elu = performance.eventLoopUtilization();
  },
  lastViewOpen: () => {
    tally();
    return lastViewOpen;
  },
  close: async () => {
    clearInterval(timer);
    await fake.close();
  },
});
