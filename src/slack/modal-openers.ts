import type { ModalView } from '@slack/types';
import { NotPairedError, UserError } from '../domain/errors.ts';
import { partnerOf } from '../services/access.ts';
import type { Actor } from '../services/context.ts';
import type { Pair } from '../services/pair-service.ts';
import type { SlackRuntime } from './runtime.ts';
import { feedbackReplyModal } from './surfaces/feedback-inbox.ts';
import { feedbackModal } from './surfaces/feedback-modal.ts';
import { weMetModal } from './surfaces/follow-up.ts';
import { exitSurveyModal, pulseNoteModal } from './surfaces/survey-messages.ts';
import { goalModal } from './surfaces/goal-modal.ts';
import { goalProgressModal } from './surfaces/goal-progress.ts';
import { joinModal } from './surfaces/join-modal.ts';
import { logModal } from './surfaces/log-modal.ts';
import { loopModal } from './surfaces/loop-modal.ts';
import { deleteMyDataModal } from './surfaces/personal-data.ts';
import type { PairChoice } from './surfaces/modal-parts.ts';
import { reportModal } from './surfaces/report-view.ts';
import { goalDateModal, reviewModal, type MessageRef } from './surfaces/review-modals.ts';
import { proposalSummary } from './surfaces/review-messages.ts';

export const NO_PAIR_YET = "You're not in a pairing yet, so there's nothing to log or set goals for.";

/**
 * "Mentoring Alex Kim" / "Mentored by Sam Lee": plain text, since selects cannot render mentions.
 * With pairings in several programs each label names its program: "Mentoring Theo · Spring cohort".
 */
async function pairChoices(rt: SlackRuntime, actor: Actor, pairs: Pair[]): Promise<PairChoice[]> {
  const programs = await rt.services.pairs.programNames(actor, pairs);
  return Promise.all(
    pairs.map(async (pair) => {
      const partnerId = partnerOf(pair, actor.userId);
      const partner = await rt.services.members.find(actor.teamId, partnerId);
      const name = partner?.real_name || partner?.display_name || partnerId;
      const paused = pair.status === 'paused' ? ' (paused)' : '';
      const program = programs.get(pair.program_id);
      const inProgram = program ? ` · ${program}` : '';
      return {
        pairId: pair.id,
        label: pair.mentor_id === actor.userId ? `Mentoring ${name}${inProgram}${paused}` : `Mentored by ${name}${inProgram}${paused}`,
        ...(program ? { program: { id: pair.program_id, name: program } } : {}),
      };
    }),
  );
}

/** The pairs a modal may offer: one named pair (re-checked) or all of the actor's live pairs. */
async function pairsFor(rt: SlackRuntime, actor: Actor, pairId: number | undefined): Promise<Pair[]> {
  if (pairId !== undefined) {
    const pair = await rt.services.pairs.visiblePair(actor, pairId);
    if (pair.status === 'ended') throw new UserError('That pairing has ended.');
    return [pair];
  }
  const pairs = await rt.services.pairs.livePairs(actor);
  if (pairs.length === 0) throw new NotPairedError(NO_PAIR_YET);
  return pairs;
}

async function open(rt: SlackRuntime, triggerId: string, view: ModalView): Promise<void> {
  await rt.client.views.open({ trigger_id: triggerId, view });
}

/** The celebration box shows only to a mentee (with several pairings: a mentee in one of them; the service ignores it elsewhere). */
export async function openGoalModal(rt: SlackRuntime, actor: Actor, triggerId: string, pairId?: number, _message?: MessageRef): Promise<void> {
  const pairs = await pairsFor(rt, actor, pairId);
  const single = pairId !== undefined || pairs.length === 1 ? pairs[0] : undefined;
  const consentBox = pairs.some((p) => p.mentee_id === actor.userId);
  await open(rt, triggerId, goalModal({ pairs: await pairChoices(rt, actor, pairs), ...(pairId !== undefined ? { pairId } : {}), objective: single?.objective ?? null, consentBox }));
}

/** "Edit" in a goal's menu: the goal modal filled in; a closed goal is refused. */
export async function openGoalEditModal(rt: SlackRuntime, actor: Actor, triggerId: string, goalId: number): Promise<void> {
  const { goal, pair, role } = await rt.services.goals.openGoalForForm(actor, goalId);
  const pairs = await pairChoices(rt, actor, [pair]);
  await open(rt, triggerId, goalModal({ pairs, pairId: pair.id, objective: pair.objective, goal, consentBox: role === 'mentee' }));
}

/** "Update progress" in a goal's menu: its milestones as checkboxes. */
export async function openGoalProgressModal(rt: SlackRuntime, actor: Actor, triggerId: string, goalId: number): Promise<void> {
  const { goal } = await rt.services.goals.openGoalForForm(actor, goalId);
  if (goal.milestones.length === 0) throw new UserError('This goal has no milestones yet. Choose *Edit* in its menu to add some, or *Mark achieved* when it is done.');
  await open(rt, triggerId, goalProgressModal(goal));
}

/** `message`: the nudge the button sat in, updated once the session is saved; `filled`: a recorded session's details are added. */
export async function openLogModal(rt: SlackRuntime, actor: Actor, triggerId: string, pairId?: number, message?: MessageRef, filled?: { bookingId: number; heldOn: string; minutes: number }): Promise<void> {
  const pairs = await pairsFor(rt, actor, pairId);
  const [choices, goals, { today, maxAdviceLines }, commitments] = await Promise.all([
    pairChoices(rt, actor, pairs),
    rt.services.sessions.openGoals(actor, pairs.map((p) => p.id)),
    rt.services.sessions.formContext(actor, pairs.map((p) => p.id)),
    rt.services.commitments.openCommitmentsFor(actor, pairs.map((p) => p.id)),
  ]);
  const goalChoices = goals.map((g) => ({ goalId: g.id, pairId: g.pair_id, title: g.title }));
  const milestones = goals.flatMap((g) => g.milestones.filter((m) => !m.done).map((m) => ({ id: m.id, pairId: g.pair_id, goalTitle: g.title, title: m.title })));
  await open(rt, triggerId, logModal({ pairs: choices, goals: goalChoices, milestones, commitments, today, maxAdviceLines, ...(pairId !== undefined ? { pairId } : {}), ...(message ? { message } : {}), ...(filled ? { filled } : {}) }));
}

/** "We met" on a quiet-pairing reminder: the day, defaulting to the presser's today. */
export async function openWeMetModal(rt: SlackRuntime, actor: Actor, triggerId: string, pairId: number, message?: MessageRef): Promise<void> {
  const { pair, today, minutes } = await rt.services.sessions.meetingForm(actor, pairId);
  await open(rt, triggerId, weMetModal({ pairId: pair.id, partnerId: partnerOf(pair, actor.userId), today, minutes, ...(message ? { message } : {}) }));
}

export async function openLoopModal(rt: SlackRuntime, actor: Actor, triggerId: string, adviceId: number, message?: MessageRef): Promise<void> {
  const { advice, pair } = await rt.services.advice.visibleAdvice(actor, adviceId);
  if (pair.mentee_id !== actor.userId) throw new UserError('Only the mentee closes the loop on advice they received.');
  if (advice.outcome !== 'open') throw new UserError('You already closed the loop on this advice. Thank you!');
  await open(rt, triggerId, loopModal({ adviceId: advice.id, adviceText: advice.text, mentorId: pair.mentor_id, givenOn: await rt.services.members.describeDayFor(actor, advice.created_at), ...(message ? { message } : {}) }));
}

/** `about`: the pairing to choose at first (after a "Not working" pulse), if it is one of the actor's live pairings. */
export async function openFeedbackModal(rt: SlackRuntime, actor: Actor, triggerId: string, about?: number): Promise<void> {
  const pairs = await rt.services.pairs.livePairs(actor);
  await open(rt, triggerId, feedbackModal({ pairs: await pairChoices(rt, actor, pairs), ...(about !== undefined ? { about } : {}) }));
}

/** "Add a private note" after a pulse answer: one's own answer only, filled with the note given before. */
export async function openPulseNoteModal(rt: SlackRuntime, actor: Actor, triggerId: string, pulse: { pairId: number; day: number }): Promise<void> {
  const answer = await rt.services.surveys.ownPulse(actor, pulse);
  await open(rt, triggerId, pulseNoteModal({ pairId: answer.pair_id, day: answer.day, answer: answer.answer, note: answer.note }));
}

/** The exit survey's button: either member of the ended pairing, filled with their earlier answers. */
export async function openExitSurveyModal(rt: SlackRuntime, actor: Actor, triggerId: string, pairId: number): Promise<void> {
  const { pair, partnerId, answer } = await rt.services.surveys.exitSurveyForm(actor, pairId);
  await open(rt, triggerId, exitSurveyModal({ pairId: pair.id, partnerId, ...(answer ? { answer } : {}) }));
}

/** "Reply privately" on a feedback note: program admins only, and only while nobody handled it. */
export async function openFeedbackReplyModal(rt: SlackRuntime, actor: Actor, triggerId: string, noteId: number): Promise<void> {
  await open(rt, triggerId, feedbackReplyModal(await rt.services.feedback.replyable(actor, noteId)));
}

/** "New date" on a goal nudge: either member of the goal's pair. */
export async function openGoalDateModal(rt: SlackRuntime, actor: Actor, triggerId: string, goalId: number, message?: MessageRef): Promise<void> {
  const { goal } = await rt.services.goals.changeableGoal(actor, goalId);
  await open(rt, triggerId, goalDateModal({ goalId: goal.id, title: goal.title, ...(message ? { message } : {}) }));
}

/** "Open review" on a review nudge: either member of a pairing that has not ended. */
export async function openReviewModal(rt: SlackRuntime, actor: Actor, triggerId: string, pairId: number, message?: MessageRef): Promise<void> {
  const { pair, partnerId, goals, pending } = await rt.services.reviews.reviewable(actor, pairId);
  await open(
    rt,
    triggerId,
    reviewModal({ pairId: pair.id, actorId: actor.userId, partnerId, objective: pair.objective, goals, pending: pending && proposalSummary(pending), ...(message ? { message } : {}) }),
  );
}

/** "Open report" on the admin digest: the full report in a modal (admins only, re-checked). */
export async function openReportModal(rt: SlackRuntime, actor: Actor, triggerId: string, programId?: number): Promise<void> {
  // The digest's button names its program; an older digest's does not: the admin's current one.
  const scoped = await rt.services.reports.forAdmin(actor, programId === undefined || Number.isNaN(programId) ? {} : { programId });
  await open(rt, triggerId, reportModal(scoped.health, scoped.choices.length > 1 ? scoped.program.name : undefined));
}

/** `/mentor delete-my-data`: the confirmation, which says what is deleted and what stays. */
export async function openDeleteMyDataModal(rt: SlackRuntime, triggerId: string): Promise<void> {
  await open(rt, triggerId, deleteMyDataModal());
}

/**
 * `/mentor join`, or "Find me a new mentor/mentee": the matching profile, prefilled with what the
 * person saved before. From a program's *Join as mentee* / *Join as mentor*: that role's questions only.
 */
export async function openJoinModal(rt: SlackRuntime, actor: Actor, triggerId: string, from?: { programId: number; role?: 'mentee' | 'mentor' }): Promise<void> {
  const form = await rt.services.matching.profileForm(actor, from?.programId);
  await open(
    rt,
    triggerId,
    joinModal({
      programSkills: form.programSkills,
      mentee: form.mentee ? { skills: form.mentee.skills, strengths: form.mentee.strengths, gap: form.mentee.gap } : null,
      mentor: form.mentor ? { skills: form.mentor.skills, capacity: form.mentor.capacity, openToReverse: form.mentor.open_to_reverse } : null,
      managerId: form.managerId,
      ...(from ? { program: { id: form.program.id, name: form.program.name } } : {}),
      ...(from?.role ? { role: from.role } : {}),
    }),
  );
}
