import { expect } from 'vitest';
import type { RecordedCall } from './fake-slack.ts';
import { at, PEOPLE, TEAM, type TestBot } from './test-bot.ts';
import { eventually } from './wait.ts';

export { eventually } from './wait.ts';

type Person = { id: string; real_name: string };

/** Everything the bot sent, flattened to text: for "this secret never appears" assertions. */
export function everythingSent(t: TestBot): string {
  return JSON.stringify(t.fake.calls.filter((c) => c.method !== 'users.info' && c.method !== 'auth.test').map((c) => c.args));
}

/** All visible text of a message/view/ack payload (text, blocks), joined. */
export function textOf(payload: { text?: string; blocks?: unknown[]; view?: { blocks?: unknown[] } } | undefined): string {
  if (!payload) return '';
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [key, value] of Object.entries(node)) {
        if (key === 'text' && typeof value === 'string') parts.push(value);
        else walk(value);
      }
    }
  };
  if (payload.text) parts.push(payload.text);
  walk(payload.blocks ?? payload.view?.blocks ?? []);
  return parts.join('\n');
}

/**
 * Markers the flow fixtures put into private text (notes, topics, advice, outcomes, commitments,
 * private goals): none may reach a report, an export or anyone outside the pair.
 */
export const SECRETS = ['SECRET-NOTE', 'SECRET-TOPIC', 'SECRET-ADVICE', 'SECRET-OUTCOME', 'SECRET-COMMIT', 'SECRET-GOAL'];

/** A request Slack got a 200 for, once its follow-up work has finished: its JSON answer. */
export async function answered(t: TestBot, res: Promise<{ status: number; json: any }>): Promise<any> {
  const r = await res;
  expect(r.status).toBe(200);
  await t.bot.idle();
  return r.json;
}

/** The block of a view or message with this block_id, or undefined. */
export function blockOf(view: { blocks: any[] }, blockId: string): any {
  return view.blocks.find((b: any) => b.block_id === blockId);
}

/** The DMs a person received (chat.postMessage to their DM channel, as the fake names it). */
export function dmsTo(t: TestBot, person: Person): RecordedCall[] {
  return t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === `D${person.id}`);
}

/** Messages posted to a person's DM channel or to their user id (the outbox may use either). */
export function directMessagesTo(t: TestBot, person: { id: string }): RecordedCall[] {
  return t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === person.id || c.args.channel === `D${person.id}`);
}

export function lastHomeOf(t: TestBot, person: Person): RecordedCall | undefined {
  return t.fake.callsTo('views.publish').filter((c) => c.args.user_id === person.id).at(-1);
}

/** Runs an interaction and returns the modal it opened (views.open follows the ack). */
export async function viewOpenedBy(t: TestBot, interaction: () => Promise<{ status: number }>): Promise<any> {
  const before = t.fake.callsTo('views.open').length;
  const res = await interaction();
  expect(res.status).toBe(200);
  await eventually(() => expect(t.fake.callsTo('views.open').length, 'a modal was opened').toBeGreaterThan(before));
  return t.fake.callsTo('views.open').at(-1)!.args.view;
}

export async function pairUp(t: TestBot, mentor: Person = PEOPLE.mentor, mentee: Person = PEOPLE.mentee, extra = ''): Promise<number> {
  const res = await t.slack.command({ text: `pair ${at(mentor)} ${at(mentee)} ${extra}`.trim(), user_id: PEOPLE.admin.id, response_url: t.fake.responseUrl() });
  expect(res.status).toBe(200);
  expect(res.json.text).toContain('New');
  const pair = await t.bot.database.db
    .selectFrom('pairs')
    .select('id')
    .where('mentor_id', '=', mentor.id)
    .where('mentee_id', '=', mentee.id)
    .where('status', '<>', 'ended')
    .executeTakeFirstOrThrow();
  // The kickoff DMs and Home refreshes follow the ack; let them land before the test goes on.
  await t.bot.idle();
  return pair.id;
}

export interface LogValues {
  heldOn?: string;
  minutes?: string;
  topics?: string;
  notes?: string;
  advice?: string;
  commitments?: string;
  goalIds?: number[];
  milestoneIds?: number[];
  usefulness?: string;
  pairPick?: string;
}

/** view.state.values for the session log modal, as Slack would send them. */
export function logValues(v: LogValues): Record<string, Record<string, any>> {
  return {
    ...(v.pairPick !== undefined ? { pair_id: { value: { type: 'static_select', selected_option: { value: v.pairPick } } } } : {}),
    held_on: { value: { type: 'datepicker', selected_date: v.heldOn ?? '2026-11-17' } },
    minutes: { value: { type: 'plain_text_input', value: v.minutes ?? '60' } },
    topics: { value: { type: 'plain_text_input', value: v.topics ?? 'Design reviews' } },
    notes: { value: { type: 'plain_text_input', value: v.notes ?? '' } },
    advice: { value: { type: 'plain_text_input', value: v.advice ?? '' } },
    commitments: { value: { type: 'plain_text_input', value: v.commitments ?? '' } },
    goal_ids: { value: { type: 'multi_static_select', selected_options: (v.goalIds ?? []).map((id) => ({ value: String(id) })) } },
    ...(v.milestoneIds ? { milestone_ids: { value: { type: 'checkboxes', selected_options: v.milestoneIds.map((id) => ({ value: String(id) })) } } } : {}),
    usefulness: { value: { type: 'static_select', selected_option: v.usefulness ? { value: v.usefulness } : null } },
  };
}

export async function submitLog(t: TestBot, person: Person, pairId: number | undefined, v: LogValues) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'log_modal',
    private_metadata: JSON.stringify(pairId === undefined ? {} : { pairId }),
    values: logValues(v),
  });
}

export interface GoalValues {
  title?: string;
  outcome?: string;
  successMeasure?: string;
  targetDate?: string | null;
  milestones?: string;
  celebrate?: boolean;
}

export async function submitGoal(t: TestBot, person: Person, metadata: string, v: GoalValues) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'goal_modal',
    private_metadata: metadata,
    values: {
      title: { value: { type: 'plain_text_input', value: v.title ?? 'Lead a design review' } },
      outcome: { value: { type: 'plain_text_input', value: v.outcome ?? 'Run reviews without help' } },
      success_measure: { value: { type: 'plain_text_input', value: v.successMeasure ?? 'Two reviews led' } },
      target_date: { value: { type: 'datepicker', selected_date: v.targetDate === undefined ? '2027-01-31' : v.targetDate } },
      milestones: { value: { type: 'plain_text_input', value: v.milestones ?? 'Shadow a review\nCo-lead a review' } },
      celebrate: { value: { type: 'checkboxes', selected_options: v.celebrate ? [{ value: 'yes' }] : [] } },
    },
  });
}

export async function submitLoop(t: TestBot, person: Person, adviceId: number | string, outcome: string | null, text: string, usefulness?: string, metadata?: string) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'loop_modal',
    private_metadata: metadata ?? JSON.stringify({ adviceId }),
    values: {
      loop_outcome: { value: { type: 'radio_buttons', selected_option: outcome ? { value: outcome } : null } },
      outcome_text: { value: { type: 'plain_text_input', value: text } },
      usefulness: { value: { type: 'static_select', selected_option: usefulness ? { value: usefulness } : null } },
    },
  });
}

export function press(t: TestBot, person: Person, actionId: string, value: string) {
  return t.slack.blockAction({ user_id: person.id, team_id: TEAM, actions: [{ action_id: actionId, value }] });
}

export interface ReviewValues {
  achieved: string;
  nextSteps?: string;
  decision: 'continue' | 'extend' | 'conclude' | null;
  months?: string;
}

/** Submits the review modal (metadata as the modal carried it, or just the pairing). */
export async function submitReview(t: TestBot, person: Person, metadata: string | number, v: ReviewValues) {
  return t.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'review_modal',
    private_metadata: typeof metadata === 'number' ? JSON.stringify({ pairId: metadata }) : metadata,
    values: {
      review_achieved: { value: { type: 'plain_text_input', value: v.achieved } },
      review_next_steps: { value: { type: 'plain_text_input', value: v.nextSteps ?? null } },
      review_decision: { value: { type: 'radio_buttons', selected_option: v.decision ? { value: v.decision } : null } },
      review_months: { value: { type: 'static_select', selected_option: v.months ? { value: v.months } : null } },
    },
  });
}

/** One member proposes to conclude at the review and the partner agrees: the pairing ends as it does today. */
export async function concludeByReview(t: TestBot, proposer: Person, partner: Person, pairId: number, achieved = 'We did what we set out to do'): Promise<void> {
  expect((await submitReview(t, proposer, pairId, { achieved, decision: 'conclude' })).json.response_action).toBe('update');
  const proposal = await t.bot.database.db.selectFrom('pair_reviews').select('id').where('pair_id', '=', pairId).where('status', '=', 'pending').executeTakeFirstOrThrow();
  await press(t, partner, 'review_agree', String(proposal.id));
  await t.bot.idle();
}

/** The booking modal's submission, as Slack sends it (day and time in the person's zone). */
export function submitBooking(bot: TestBot, person: Person, pair: number | undefined, v: { day?: string | null; time?: string | null; minutes?: string }, extra: Record<string, unknown> = {}) {
  return bot.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'booking_modal',
    private_metadata: JSON.stringify(pair === undefined ? extra : { pairId: pair, ...extra }),
    values: {
      booking_day: { value: { type: 'datepicker', selected_date: v.day === undefined ? '2026-12-02' : v.day } },
      booking_time: { value: { type: 'timepicker', selected_time: v.time === undefined ? '10:00' : v.time } },
      booking_minutes: { value: { type: 'plain_text_input', value: v.minutes ?? '60' } },
    },
  });
}

/** The feedback modal as Slack sends it; `showName` undefined leaves the name box out, as an older form would. */
export function submitFeedback(bot: TestBot, person: Person, about: string | number, body: string, showName?: boolean) {
  return bot.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'feedback_modal',
    values: {
      pair_id: { value: { type: 'static_select', selected_option: { value: String(about) } } },
      feedback_body: { value: { type: 'plain_text_input', value: body } },
      ...(showName === undefined ? {} : { feedback_show_name: { value: { type: 'checkboxes', selected_options: showName ? [{ value: 'yes' }] : [] } } }),
    },
  });
}

/** The join modal, as a mentee only. */
export function submitJoinAsMentee(bot: TestBot, person: Person, skills: string, gap: string) {
  const plain = (value: string) => ({ value: { type: 'plain_text_input', value } });
  return bot.slack.viewSubmission({
    user_id: person.id,
    team_id: TEAM,
    callback_id: 'join_modal',
    values: {
      join_roles: { value: { type: 'checkboxes', selected_options: [{ value: 'mentee' }] } },
      join_manager: { value: { type: 'users_select', selected_user: null } },
      mentee_skills_other: plain(skills),
      mentee_strengths: plain(''),
      mentee_gap: plain(gap),
      mentor_skills_other: plain(''),
      mentor_capacity: { value: { type: 'number_input', value: '1' } },
      mentor_reverse: { value: { type: 'checkboxes', selected_options: [] } },
    },
  });
}
