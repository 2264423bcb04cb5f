// The soak run's figures, from two independent records: the database (which nudges the bot
// decided, which message each went into) and the fake Slack (which posts Slack accepted, when).
import type { Kysely } from 'kysely';
import type { Database } from '../../../src/db/schema.ts';
import { isInsideWindow, nextWindowStart } from '../../../src/domain/delivery-window.ts';
import { workingHours } from '../../../src/scheduler/decide.ts';
import type { RecordedCall } from '../../../test/helpers/fake-slack.ts';
import type { Stop } from './world.ts';

/** Real time → simulated time: the soak run notes the simulated instant each tick started at. */
export class SimTimeline {
  private readonly marks: Array<{ real: number; sim: number }> = [];
  mark(sim: Date): void {
    this.marks.push({ real: Date.now(), sim: sim.getTime() });
  }
  /** The simulated instant in force at real time `real` (the last mark at or before it). */
  simAt(real: number): Date {
    let lo = 0;
    let hi = this.marks.length - 1;
    if (hi < 0 || real < this.marks[0]!.real) return new Date(this.marks[0]?.sim ?? real);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.marks[mid]!.real <= real) lo = mid;
      else hi = mid - 1;
    }
    return new Date(this.marks[lo]!.sim);
  }
}

export interface Figures {
  nudgesDue: number;
  excused: number;
  dmsDue: number;
  delivered: number;
  dmsPosted: number;
  duplicates: number;
  duplicatesInWindow: number;
  lost: number;
  lostWhy: Record<string, number>;
  outsideHours: number;
  longestDelayMs: number;
  longestDelayWhat: string;
  unmatchedPosts: number;
  /** A few cases of each miss, for --verbose. */
  examples: Record<string, string[]>;
}

interface Post {
  call: RecordedCall;
  sim: Date;
}

export async function computeFigures(input: {
  db: Kysely<Database>;
  calls: RecordedCall[];
  timeline: SimTimeline;
  tz: Map<string, string>;
  stops: Stop[];
  /** Nudges decided after this simulated instant are not counted (the run's drain only delivers). */
  decidedBy: Date;
  /** Real times at which a replica was killed with SIGKILL. */
  kills: number[];
}): Promise<Figures> {
  const { db, timeline } = input;
  const programs = new Map((await db.selectFrom('programs').selectAll().execute()).map((p) => [p.id, workingHours(p)]));
  const nudges = await db.selectFrom('nudges').select(['id', 'program_id', 'recipient_id', 'pair_id', 'status', 'delivery_id', 'created_at', 'rule']).execute();
  const deliveries = new Map((await db.selectFrom('deliveries').selectAll().execute()).map((d) => [d.id, d]));
  const members = new Map((await db.selectFrom('members').select(['user_id', 'deactivated', 'muted_until']).execute()).map((m) => [m.user_id, m]));

  // Slack's accepted posts, matched to deliveries by recipient, fallback text and the message's
  // shape (each block's type and id: nudge rows carry their nudge's id). Not by the whole content:
  // a sent delivery keeps a copy without private text, so its sections no longer read as posted.
  const byContent = new Map<string, number[]>();
  const shape = (blocks: unknown) => (Array.isArray(blocks) ? blocks.map((b: { type?: string; block_id?: string }) => `${b.type}:${b.block_id ?? ''}`) : null);
  const contentKey = (recipient: string, text: unknown, blocks: unknown) => `${recipient}\u0000${String(text ?? '')}\u0000${JSON.stringify(shape(blocks))}`;
  for (const d of [...deliveries.values()].sort((a, b) => a.created_at.getTime() - b.created_at.getTime())) {
    const message = (typeof d.message === 'string' ? JSON.parse(d.message) : d.message) as { text?: string; blocks?: unknown };
    const key = contentKey(d.recipient_id, message.text, message.blocks);
    byContent.set(key, [...(byContent.get(key) ?? []), d.id]);
  }
  const postsOf = new Map<number, Post[]>();
  let unmatchedPosts = 0;
  for (const call of input.calls) {
    if (call.method !== 'chat.postMessage' || call.failed || call.answeredAt === undefined) continue;
    const recipient = String(call.args.channel).replace(/^D(?=[UW])/, '');
    const ids = byContent.get(contentKey(recipient, call.args.text, call.args.blocks));
    if (!ids) continue; // not a nudge message (kickoffs, confirmations, celebrations)
    const sim = timeline.simAt(call.answeredAt);
    // The message whose recorded ts this post got; else the latest one with this content made
    // before the post (a post the sender never recorded: a duplicate, or a crash after it).
    const id =
      ids.find((i) => deliveries.get(i)!.message_ts !== null && deliveries.get(i)!.message_ts === call.reply?.ts) ??
      [...ids].reverse().find((i) => deliveries.get(i)!.created_at.getTime() <= sim.getTime()) ??
      ids[0];
    if (id === undefined) {
      unmatchedPosts += 1;
      continue;
    }
    postsOf.set(id, [...(postsOf.get(id) ?? []), { call, sim }]);
  }

  const figures: Figures = {
    nudgesDue: 0, excused: 0, dmsDue: 0, delivered: 0, dmsPosted: 0, duplicates: 0, duplicatesInWindow: 0, lost: 0, lostWhy: {},
    outsideHours: 0, longestDelayMs: 0, longestDelayWhat: '', unmatchedPosts, examples: {},
  };
  const example = (kind: string, text: string) => {
    const list = (figures.examples[kind] ??= []);
    if (list.length < 4) list.push(text);
  };
  const describePosts = (posts: Post[] | undefined) => (posts ?? []).map((p) => `${p.sim.toISOString()} (real +${p.call.answeredAt! - p.call.at} ms${p.call.callerGone ? ', caller gone' : ''})`).join(', ');
  // A pause or end after a nudge was decided (and before Slack had it) may rightly hold it back.
  const stoppedBetween = (pairId: number | null, decided: Date, until: Date | undefined) =>
    pairId !== null && input.stops.some((s) => s.pairId === pairId && s.at.getTime() >= decided.getTime() && (!until || s.at.getTime() < until.getTime()));
  const dmsDue = new Set<number | string>();
  for (const n of nudges) {
    const decided = timeline.simAt(n.created_at.getTime());
    if (decided.getTime() > input.decidedBy.getTime()) continue;
    const member = members.get(n.recipient_id);
    const silenced = member?.deactivated || (member?.muted_until && member.muted_until.getTime() > decided.getTime());
    const posts = n.delivery_id !== null ? postsOf.get(n.delivery_id) : undefined;
    const first = posts?.length ? posts.reduce((a, b) => (a.sim.getTime() <= b.sim.getTime() ? a : b)) : undefined;
    if (stoppedBetween(n.pair_id, decided, first?.sim) || (n.status === 'dropped' && silenced)) {
      figures.excused += 1;
      continue;
    }
    figures.nudgesDue += 1;
    dmsDue.add(n.delivery_id ?? `${n.recipient_id}:${n.id}`);
    if (!first) {
      figures.lost += 1;
      const delivery = n.delivery_id !== null ? deliveries.get(n.delivery_id) : undefined;
      const why = delivery ? `message ${delivery.status}${delivery.last_error ? ` (${delivery.last_error.slice(0, 40)})` : ''}` : `nudge ${n.status}`;
      figures.lostWhy[why] = (figures.lostWhy[why] ?? 0) + 1;
      const tries = input.calls.filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).replace(/^D(?=[UW])/, '') === n.recipient_id).map((c) => `${timeline.simAt(c.at).toISOString()} ${c.error ?? 'ok'} ${String(c.args.text).slice(0, 40)}`);
      example('lost', `nudge ${n.id} ${n.rule} to ${n.recipient_id}, decided ${decided.toISOString()}, ${why}, delivery ${JSON.stringify(delivery ? { created: delivery.created_at, sent: delivery.sent_at, attempts: delivery.attempts, text: String((delivery.message as any)?.text).slice(0, 40) } : null)}; posts to them: ${tries.join(' | ')}`);
      continue;
    }
    figures.delivered += 1;
    const tz = input.tz.get(n.recipient_id);
    const hours = programs.get(n.program_id)!;
    const delay = first.sim.getTime() - nextWindowStart(decided, tz, hours).getTime();
    if (delay > figures.longestDelayMs) {
      figures.longestDelayMs = delay;
      figures.longestDelayWhat = `${n.rule} to ${n.recipient_id} (${tz}), decided ${decided.toISOString()}, delivered ${first.sim.toISOString()}`;
    }
  }
  figures.dmsDue = dmsDue.size;

  for (const [id, posts] of postsOf) {
    const delivery = deliveries.get(id)!;
    const hours = programs.get(nudges.find((n) => n.delivery_id === id)?.program_id ?? -1);
    figures.dmsPosted += posts.length;
    for (const p of posts) {
      if (hours && !isInsideWindow(p.sim, input.tz.get(delivery.recipient_id), hours)) {
        figures.outsideHours += 1;
        example('outside hours', `delivery ${delivery.id} to ${delivery.recipient_id} (${input.tz.get(delivery.recipient_id)}) made ${delivery.created_at.toISOString()} for ${delivery.local_day}, accepted ${p.sim.toISOString()} (real +${p.call.answeredAt! - p.call.at} ms)`);
      }
    }
    const ordered = [...posts].sort((a, b) => a.call.answeredAt! - b.call.answeredAt!);
    for (let i = 1; i < ordered.length; i++) {
      figures.duplicates += 1;
      // The documented window: Slack accepted an earlier post, and its sender was SIGKILLed
      // between sending it and recording the answer (give the recording half a second).
      const inWindow = ordered.slice(0, i).some((p) => input.kills.some((k) => k >= p.call.at && k <= p.call.answeredAt! + 500));
      if (inWindow) figures.duplicatesInWindow += 1;
      else example('duplicate', `delivery ${id} to ${delivery.recipient_id} made ${delivery.created_at.toISOString()}, attempts ${delivery.attempts}: posts ${describePosts(ordered)}`);
    }
  }
  return figures;
}

export function formatDuration(ms: number): string {
  if (ms <= 0) return '0';
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  return hours < 48 ? `${hours} h ${minutes % 60} min` : `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
