// The soak run's people and what they do: pairs across seven time zones, created by the admin's
// `/mentor pair`, then sessions logged (some with advice), loops closed, pairs paused and ended,
// all as signed Slack requests to whichever replica is up, at simulated instants.
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.ts';
import { CALLBACK, FIELD, INPUT_ACTION } from '../../../src/slack/ids.ts';
import type { FakeSlack } from '../../../test/helpers/fake-slack.ts';
import { slackRequester } from '../../../test/helpers/slack-requests.ts';
import type { Replica } from './replicas.ts';

export const TEAM = 'T1';
export const SIGNING_SECRET = 'soaksigningsecret0123456789abcdef';
export const BOT_TOKEN = 'xoxb-soak-token';
export const ADMIN = 'USOAKADMIN';
const ZONES = ['America/Los_Angeles', 'America/New_York', 'Europe/London', 'Europe/Berlin', 'Asia/Kolkata', 'Asia/Tokyo', 'Australia/Sydney'];

/** A small seeded generator, so two runs make the same choices. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface ScenarioPair {
  id: number;
  mentor: string;
  mentee: string;
}

/** Pauses and ends, with the simulated instant they happened: nudges after them may be held back. */
export interface Stop {
  pairId: number;
  kind: 'paused' | 'ended';
  at: Date;
  until?: Date;
}

export interface Activity {
  sessions: number;
  advice: number;
  loopsClosed: number;
  paused: number;
  ended: number;
  rejected: number;
}

const day = (at: Date) => at.toISOString().slice(0, 10);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class World {
  readonly tz = new Map<string, string>();
  readonly pairs: ScenarioPair[] = [];
  readonly stops: Stop[] = [];
  readonly activity: Activity = { sessions: 0, advice: 0, loopsClosed: 0, paused: 0, ended: 0, rejected: 0 };
  /** The first few answers that did not do what the scenario asked, for the report. */
  readonly rejections: string[] = [];
  private readonly rand: () => number;

  constructor(
    private readonly fake: FakeSlack,
    private readonly db: Kysely<Database>,
    private readonly replicas: Replica[],
    seed = 7,
  ) {
    this.rand = random(seed);
    fake.addUser({ id: ADMIN, team_id: TEAM, real_name: 'Soak Admin', tz: 'Europe/London', is_admin: true });
    this.tz.set(ADMIN, 'Europe/London');
  }

  private requester() {
    const up = this.replicas.filter((r) => r.alive);
    if (up.length === 0) throw new Error('no replica is up');
    return slackRequester(up[Math.floor(this.rand() * up.length)]!.url, SIGNING_SECRET);
  }

  /** Retries on another replica when the chosen one is going down (connection refused or reset). */
  private async send(what: (slack: ReturnType<typeof slackRequester>) => Promise<{ status: number; text: string }>): Promise<{ status: number; text: string }> {
    for (let attempt = 0; ; attempt++) {
      try {
        const res = await what(this.requester());
        if (res.status < 500 || attempt >= 3) return res;
      } catch (error) {
        if (attempt >= 3) throw error;
      }
      await sleep(200);
    }
  }

  /** Creates `count` pairs through `/mentor pair … every 1w`, a few at a time. */
  async createPairs(count: number): Promise<void> {
    for (let i = 0; i < count; i++) {
      const mentor = `USM${String(i).padStart(4, '0')}`;
      const mentee = `USE${String(i).padStart(4, '0')}`;
      for (const [id, tz] of [[mentor, ZONES[i % ZONES.length]!], [mentee, ZONES[(i * 3 + 1) % ZONES.length]!]] as const) {
        this.fake.addUser({ id, team_id: TEAM, real_name: `Person ${id}`, tz });
        this.tz.set(id, tz);
      }
    }
    let next = 0;
    const worker = async () => {
      while (next < count) {
        const i = next++;
        const mentor = `USM${String(i).padStart(4, '0')}`;
        const mentee = `USE${String(i).padStart(4, '0')}`;
        // A 404 is Bolt's answer when the ack took over 3 seconds (a loaded machine): the
        // pairing may still have been made, so look before asking again.
        for (let attempt = 0; ; attempt++) {
          const res = await this.send((s) => s.command({ text: `pair <@${mentor}|m${i}> <@${mentee}|e${i}> every 1w`, user_id: ADMIN, team_id: TEAM, response_url: this.fake.responseUrl() }));
          if (res.status === 200 && res.text.includes('New')) break;
          await sleep(3000);
          const made = await this.db.selectFrom('pairs').select('id').where('mentor_id', '=', mentor).where('mentee_id', '=', mentee).executeTakeFirst();
          if (made) break;
          if (attempt >= 2) throw new Error(`/mentor pair failed: ${res.status} ${res.text.slice(0, 300)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 3 }, worker));
    const rows = await this.db.selectFrom('pairs').select(['id', 'mentor_id', 'mentee_id']).where('status', '<>', 'ended').orderBy('id').execute();
    this.pairs.push(...rows.map((r) => ({ id: r.id, mentor: r.mentor_id, mentee: r.mentee_id })));
  }

  /** One simulated day's activity at instant `at` (the replicas' clocks already read it). */
  async dayOfActivity(at: Date): Promise<void> {
    const rows = await this.db.selectFrom('pairs').select(['id', 'status']).execute();
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const active = this.pairs.filter((p) => status.get(p.id) === 'active');
    const yesterday = day(new Date(at.getTime() - 86_400_000));
    const tasks: Array<() => Promise<void>> = [];
    for (const pair of active) {
      const roll = this.rand();
      if (roll < 0.1) tasks.push(() => this.logSession(pair, yesterday, this.rand() < 0.6));
      else if (roll < 0.11) tasks.push(() => this.pause(pair, at));
      else if (roll < 0.113) tasks.push(() => this.end(pair, at));
    }
    const loops = await this.db
      .selectFrom('advice_items')
      .innerJoin('pairs', 'pairs.id', 'advice_items.pair_id')
      .select(['advice_items.id', 'pairs.mentee_id'])
      .where('advice_items.outcome', '=', 'open')
      .where('advice_items.follow_up_on', '<=', day(at))
      .where('pairs.status', '=', 'active')
      .execute();
    for (const loop of loops) if (this.rand() < 0.3) tasks.push(() => this.closeLoop(loop.id, loop.mentee_id));
    let next = 0;
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        while (next < tasks.length) await tasks[next++]!();
      }),
    );
  }

  private async logSession(pair: ScenarioPair, heldOn: string, withAdvice: boolean): Promise<void> {
    const input = (value: string | null) => ({ [INPUT_ACTION]: { type: 'plain_text_input', value } });
    const values = {
      [FIELD.heldOn]: { [INPUT_ACTION]: { type: 'datepicker', selected_date: heldOn } },
      [FIELD.minutes]: input('45'),
      [FIELD.topics]: input('Planning the quarter'),
      [FIELD.notes]: input(null),
      [FIELD.advice]: input(withAdvice ? 'Write down one decision a day' : null),
      [FIELD.commitments]: input(null),
      [FIELD.usefulness]: { [INPUT_ACTION]: { type: 'static_select', selected_option: { text: { type: 'plain_text', text: '4' }, value: '4' } } },
    };
    const who = this.rand() < 0.5 ? pair.mentor : pair.mentee;
    const res = await this.send((s) => s.viewSubmission({ user_id: who, team_id: TEAM, callback_id: CALLBACK.log, private_metadata: JSON.stringify({ pairId: pair.id }), values }));
    if (res.status === 200 && res.text.includes('Session logged')) {
      this.activity.sessions += 1;
      if (withAdvice) this.activity.advice += 1;
    } else this.reject('log', res);
  }

  private reject(what: string, res: { status: number; text: string }): void {
    this.activity.rejected += 1;
    if (this.rejections.length < 5) this.rejections.push(`${what}: ${res.status} ${res.text.slice(0, 160)}`);
  }

  private async closeLoop(adviceId: number, mentee: string): Promise<void> {
    const values = {
      [FIELD.loopOutcome]: { [INPUT_ACTION]: { type: 'radio_buttons', selected_option: { value: 'tried_worked' } } },
      [FIELD.outcomeText]: { [INPUT_ACTION]: { type: 'plain_text_input', value: 'It helped me focus' } },
      [FIELD.usefulness]: { [INPUT_ACTION]: { type: 'static_select', selected_option: { value: '5' } } },
    };
    const res = await this.send((s) => s.viewSubmission({ user_id: mentee, team_id: TEAM, callback_id: CALLBACK.loop, private_metadata: JSON.stringify({ adviceId }), values }));
    const closed = await this.db.selectFrom('advice_items').select('outcome').where('id', '=', adviceId).executeTakeFirst();
    if (res.status === 200 && closed?.outcome !== 'open') this.activity.loopsClosed += 1;
    else this.reject('loop', res);
  }

  private async pause(pair: ScenarioPair, at: Date): Promise<void> {
    const res = await this.send((s) => s.command({ text: 'pause 2w', user_id: pair.mentor, team_id: TEAM, response_url: this.fake.responseUrl() }));
    const row = await this.db.selectFrom('pairs').select(['status', 'paused_until']).where('id', '=', pair.id).executeTakeFirst();
    if (res.status === 200 && row?.status === 'paused') {
      this.stops.push({ pairId: pair.id, kind: 'paused', at, ...(row.paused_until ? { until: row.paused_until } : {}) });
      this.activity.paused += 1;
    } else this.reject('pause', res);
  }

  private async end(pair: ScenarioPair, at: Date): Promise<void> {
    const res = await this.send((s) => s.command({ text: `end <@${pair.mentor}|m> <@${pair.mentee}|e>`, user_id: ADMIN, team_id: TEAM, response_url: this.fake.responseUrl() }));
    const row = await this.db.selectFrom('pairs').select('status').where('id', '=', pair.id).executeTakeFirst();
    if (res.status === 200 && row?.status === 'ended') {
      this.stops.push({ pairId: pair.id, kind: 'ended', at });
      this.activity.ended += 1;
    } else this.reject('end', res);
  }
}
