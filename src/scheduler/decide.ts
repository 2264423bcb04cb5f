import type { Kysely } from 'kysely';
import { dayIn } from '../domain/calendar.ts';
import { nextWindowStart, type WorkingHours } from '../domain/delivery-window.ts';
import { closeLoopDue, digestDue, goalDateDue, programEndDue, reviewDue, stallDue } from '../domain/nudge-policy.ts';
import { adviceImpactDue, previousMonth, pulseDue } from '../domain/survey-policy.ts';
import { listGrantedAdmins, listWorkspaceAdmins } from '../db/repositories/admins-repository.ts';
import {
  dueLoops,
  dueReviews,
  existingNudgeKeys,
  overdueGoals,
  runningPairsOf,
  silencedPeople,
  stalledPairs,
  timeZones,
  type LoopCandidate,
  type NewNudge,
} from '../db/repositories/scheduler-repository.ts';
import { adviceImpactCandidates, pulseCandidates, surveySettingsOf } from '../db/repositories/surveys-repository.ts';
import type { Database, Program } from '../db/schema.ts';
import { endedPairingSurveys } from './decide-surveys.ts';
import { arrivesInTime, bookingDecisions } from './decide-bookings.ts';

export function workingHours(program: Program): WorkingHours {
  return { startMinute: program.work_start_minute, endMinute: program.work_end_minute, days: program.work_days };
}

/** A nudge the policy says is due, before it is written; `why` feeds the dry run. */
export interface Decision extends Omit<NewNudge, 'detail'> {
  detail: Record<string, unknown>;
  why: string;
}

const key = (n: { rule: string; subject: string; period: string; recipient_id: string }) => `${n.rule}|${n.subject}|${n.period}|${n.recipient_id}`;

/**
 * What the programs of one workspace share at `now`, read once per sweep rather than once per
 * program: the people who get nothing now (muted or deactivated), the open advice due, by
 * program (one index range over the workspace's due advice), and the workspace's admins and owners
 * (every program's digest goes to them).
 */
export interface WorkspaceFacts {
  silenced: Set<string>;
  loopsByProgram: Map<number, LoopCandidate[]>;
  workspaceAdmins: string[];
}

export async function workspaceFacts(db: Kysely<Database>, teamId: string, now: Date): Promise<WorkspaceFacts> {
  const [silenced, loops, workspaceAdmins] = await Promise.all([silencedPeople(db, teamId, now), dueLoops(db, teamId, dayIn(now, 'UTC')), listWorkspaceAdmins(db, teamId)]);
  const loopsByProgram = new Map<number, LoopCandidate[]>();
  for (const loop of loops) {
    const list = loopsByProgram.get(loop.program_id);
    if (list) list.push(loop);
    else loopsByProgram.set(loop.program_id, [loop]);
  }
  return { silenced, loopsByProgram, workspaceAdmins };
}

/**
 * Every nudge due in a program at `now` that has not been decided before. Rules run on UTC days;
 * each nudge waits for the recipient's next working-hours window. Muted and deactivated people,
 * and paused or ended pairs, get nothing. A sweep passes the workspace's `facts`, read once for
 * all its programs; without them they are read for this program's workspace.
 */
export async function decideProgram(db: Kysely<Database>, program: Program, now: Date, facts?: WorkspaceFacts): Promise<Decision[]> {
  const today = dayIn(now, 'UTC');
  const surveys = surveySettingsOf(program);
  const [stalled, goals, reviews, pulses, impacts, shared] = await Promise.all([
    stalledPairs(db, program, today, now),
    overdueGoals(db, program, today),
    dueReviews(db, program, today),
    surveys.pulseEnabled ? pulseCandidates(db, program, today) : [],
    surveys.adviceImpactEnabled ? adviceImpactCandidates(db, program.id, previousMonth(today)) : [],
    facts ?? workspaceFacts(db, program.team_id, now),
  ]);
  const loops = shared.loopsByProgram.get(program.id) ?? [];
  const silenced = shared.silenced;
  const base = { team_id: program.team_id, program_id: program.id };
  const out: Array<Omit<Decision, 'deliver_after'>> = [];
  const dueAt = (day: string) => new Date(`${day}T00:00:00Z`);

  for (const p of stalled) {
    const due = stallDue({ anchorOn: p.rhythm_anchor_on, cadenceDays: p.cadence_days, graceDays: program.grace_days, bookedOn: p.booked_on }, today);
    if (!due) continue;
    for (const [recipient, partner] of [[p.mentor_id, p.mentee_id], [p.mentee_id, p.mentor_id]] as const) {
      out.push({
        ...base, rule: 'stalled', subject: `pair:${p.pair_id}`, period: due.period, recipient_id: recipient, pair_id: p.pair_id, due_at: dueAt(due.dueOn),
        detail: { partnerId: partner, mentorId: p.mentor_id, menteeId: p.mentee_id, lastOn: p.rhythm_anchor_on, repetition: due.repetition },
        why: `no session since ${p.rhythm_anchor_on} (cadence ${p.cadence_days} + grace ${program.grace_days} days), nudge ${due.repetition} of 4`,
      });
    }
  }
  for (const a of loops) {
    const due = closeLoopDue({ followUpOn: a.follow_up_on, snoozedUntil: a.snoozed_until }, today);
    if (!due) continue;
    out.push({
      ...base, rule: 'close_loop', subject: `advice:${a.advice_id}`, period: due.period, recipient_id: a.mentee_id, pair_id: a.pair_id, due_at: dueAt(due.dueOn),
      // Ids only: the advice text is read when the message is composed.
      detail: { adviceId: a.advice_id, mentorId: a.mentor_id, reminder: due.reminder },
      why: `advice from ${a.follow_up_on} has no outcome${due.reminder ? ' (the one reminder)' : ''}`,
    });
  }
  for (const g of goals) {
    const due = goalDateDue({ targetDate: g.target_date }, today);
    if (!due) continue;
    for (const recipient of [g.mentee_id, g.mentor_id]) {
      out.push({
        ...base, rule: 'goal_date', subject: `goal:${g.goal_id}`, period: due.period, recipient_id: recipient, pair_id: g.pair_id, due_at: dueAt(due.dueOn),
        detail: { goalId: g.goal_id, targetDate: g.target_date, menteeId: g.mentee_id, mentorId: g.mentor_id },
        why: `goal target date ${g.target_date} passed and it is not achieved`,
      });
    }
  }
  for (const r of reviews) {
    const due = reviewDue({ reviewOn: r.review_on }, today);
    if (!due) continue;
    for (const [recipient, partner] of [[r.mentor_id, r.mentee_id], [r.mentee_id, r.mentor_id]] as const) {
      out.push({
        ...base, rule: 'review_due', subject: `pair:${r.pair_id}`, period: due.period, recipient_id: recipient, pair_id: r.pair_id, due_at: dueAt(due.dueOn),
        detail: { partnerId: partner, mentorId: r.mentor_id, menteeId: r.mentee_id, reviewOn: r.review_on },
        why: `the pairing's review date ${r.review_on} has come`,
      });
    }
  }
  for (const p of pulses) {
    for (const due of pulseDue(p, surveys, today)) {
      out.push({
        ...base, rule: 'pulse', subject: due.subject, period: due.period, recipient_id: due.recipientId, pair_id: p.pairId, due_at: dueAt(due.dueOn),
        detail: { pairId: p.pairId, day: due.day, partnerId: due.recipientId === p.mentorId ? p.menteeId : p.mentorId },
        why: `day ${due.day} of the pairing that started ${p.startedOn}: the pulse check`,
      });
    }
  }
  for (const m of impacts) {
    const due = adviceImpactDue({ programId: program.id, mentorId: m.mentorId, adviceGiven: m.given, adviceClosed: m.closed }, surveys, today);
    if (!due) continue;
    out.push({
      ...base, rule: 'advice_impact', subject: due.subject, period: due.period, recipient_id: due.recipientId, pair_id: null, due_at: dueAt(due.dueOn),
      // Ids only: the figures and the mentees' words are read when the message is composed.
      detail: { programId: program.id, month: due.period },
      why: `monthly advice impact for ${due.period}: ${m.given} pieces of advice given, ${m.closed} reported back on`,
    });
  }
  out.push(...(await endedPairingSurveys(db, program, today)));
  out.push(...(await bookingDecisions(db, program, now)));
  out.push(...(await digestDecisions(db, program, now, shared.workspaceAdmins)));
  out.push(...(await programEndDecisions(db, program, today, shared.workspaceAdmins)));

  const fresh = out.filter((d) => !silenced.has(d.recipient_id));
  const existing = await existingNudgeKeys(db, program.team_id, fresh);
  const todo = fresh.filter((d) => !existing.has(key(d)));
  const zones = await timeZones(db, program.team_id, [...new Set(todo.map((d) => d.recipient_id))]);
  const hours = workingHours(program);
  return todo.map((d) => ({ ...d, deliver_after: nextWindowStart(now, zones.get(d.recipient_id), hours) })).filter(arrivesInTime);
}

async function digestDecisions(db: Kysely<Database>, program: Program, now: Date, workspaceAdmins: string[]): Promise<Array<Omit<Decision, 'deliver_after'>>> {
  // Each program's digest goes to its admins: the workspace's admins and owners, and those granted it.
  // An archived program takes nobody new and has had its last digest.
  if (program.archived_at) return [];
  const admins = [...new Set([...workspaceAdmins, ...(await listGrantedAdmins(db, program.id))])];
  const zones = await timeZones(db, program.team_id, admins);
  const out: Array<Omit<Decision, 'deliver_after'>> = [];
  for (const admin of admins) {
    const due = digestDue(now, zones.get(admin));
    if (!due) continue;
    out.push({
      team_id: program.team_id, program_id: program.id, rule: 'admin_digest', subject: `program:${program.id}`, period: due.period, recipient_id: admin, pair_id: null,
      due_at: new Date(`${due.dueOn}T00:00:00Z`), detail: { programId: program.id }, why: `weekly digest for ${due.period}`,
    });
  }
  return out;
}

/**
 * A program's end date: every running pairing's members are asked to wrap up (the review, where
 * they choose to conclude), and the program's admins get its graduation shout-out and final report.
 * The admins are those granted the program, else the workspace admins. A program without an end
 * date never ends; one that was archived with nothing left running has nothing to wrap up.
 */
async function programEndDecisions(db: Kysely<Database>, program: Program, today: string, workspaceAdmins: string[]): Promise<Array<Omit<Decision, 'deliver_after'>>> {
  const due = programEndDue({ endsOn: program.ends_on }, today);
  if (!due) return [];
  const pairs = await runningPairsOf(db, program);
  if (program.archived_at && pairs.length === 0) return [];
  const base = { team_id: program.team_id, program_id: program.id, due_at: new Date(`${due.dueOn}T00:00:00Z`) };
  const out: Array<Omit<Decision, 'deliver_after'>> = [];
  for (const p of pairs) {
    for (const [recipient, partner] of [[p.mentor_id, p.mentee_id], [p.mentee_id, p.mentor_id]] as const) {
      out.push({
        ...base, rule: 'cohort_end', subject: `pair:${p.pair_id}`, period: due.period, recipient_id: recipient, pair_id: p.pair_id,
        detail: { programId: program.id, programName: program.name, endsOn: due.dueOn, partnerId: partner },
        why: `${program.name} ends on ${due.dueOn}: time to wrap up`,
      });
    }
  }
  const granted = await listGrantedAdmins(db, program.id);
  const admins = granted.length > 0 ? granted : workspaceAdmins;
  for (const admin of admins) {
    out.push({
      ...base, rule: 'cohort_end_admin', subject: `program:${program.id}`, period: due.period, recipient_id: admin, pair_id: null,
      detail: { programId: program.id, endsOn: due.dueOn },
      why: `${program.name} ended on ${due.dueOn}: graduation shout-out and final report`,
    });
  }
  return out;
}
