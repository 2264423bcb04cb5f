import { dayIn, daysBetween } from '../domain/calendar.ts';
import { pairRhythm, type PairRhythm } from '../domain/pair-health.ts';
import { openAdvicePreview } from '../db/repositories/advice-repository.ts';

/** Dashboards list this many open loops per pair; the rest are counted and one command away. */
export const OPEN_LOOPS_SHOWN = 5;
import type { GoalWithProgress } from '../db/repositories/goals-repository.ts';
import { dashboardPairsOf, programAndGrant, type PairProgram } from '../db/repositories/dashboard-repository.ts';
import { unhandledInbox } from '../db/repositories/feedback-repository.ts';
import { homeEnrolment, type JoinableProgram } from '../db/repositories/enrolment-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import type { AdviceItem, Commitment, Pair, PairReview, Program } from '../db/schema.ts';
import { isAdminBy, partnerOf, roleIn } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';
import { INBOX_SHOWN, inboxNote, type InboxNote } from './feedback-service.ts';
import type { ProgramHealth, ProgramHealthService } from './program-health-service.ts';
import { adminPrograms, type AdministeredProgram } from './program-scope.ts';

export type { PairProgram };

export interface PairCard {
  pair: Pair;
  /** The pairing's own program: its rules (grace days, what mentees see) apply to this card. */
  program: PairProgram;
  role: 'mentor' | 'mentee';
  partnerId: string;
  lastSessionOn: string | null;
  sessionCount: number;
  rhythm: PairRhythm;
  goals: GoalWithProgress[];
  /** The first few open advice items of the pair: visible to both members, closable by the mentee. */
  openLoops: AdviceItem[];
  /** All open advice items of the pair. */
  openLoopCount: number;
  /** The pairing's latest review (answers and decision), shown to the two members only. */
  latestReview?: PairReview | null;
  /** The first few open commitments (both members see them; the mentee ticks them off), and how many in all. */
  commitments: Commitment[];
  commitmentCount: number;
  /** The mentor's card only: the latest outcomes of the advice they gave (empty for the mentee). */
  adviceOutcomes: AdviceItem[];
}

export interface Dashboard {
  today: string;
  /** The program the admin part shows (the workspace's main one); each card carries its own. */
  program: Program;
  cards: PairCard[];
  isAdmin: boolean;
  /** Program health, for program admins only (counts, dates and names). */
  summary: ProgramHealth | undefined;
  /**
   * Home only (`withInbox`), for admins: the program whose health and feedback Home shows (the one
   * they picked last, else their first), and the programs they run, for the program select.
   */
  admin?: { program: Program; choices: AdministeredProgram[] };
  /** The feedback inbox (Home only, `withInbox`), for program admins only: unhandled notes newest first, and how many in all. */
  feedback: { notes: Array<InboxNote & { writtenOn: string }>; total: number } | undefined;
  /** Home only (`withEnrolment`): open programs this person is not in, with their join buttons. */
  joinable?: JoinableProgram[];
  /** Home only (`withEnrolment`), for program admins: the program's mentees with no live pairing, longest waiting first. */
  waiting?: WaitingForMatch | undefined;
}

/** Mentees waiting for a match in one program: how many, and the first few with the days they have waited. */
export type { JoinableProgram };

export interface WaitingForMatch {
  program: Program;
  total: number;
  first: Array<{ userId: string; days: number }>;
}

/** Programs listed under "Programs you can join", and waiting mentees named on an admin's Home. */
export const JOINABLE_SHOWN = 5;
export const WAITING_SHOWN = 5;

export class DashboardService {
  constructor(
    private readonly deps: ServiceDeps,
    private readonly health: ProgramHealthService,
  ) {}

  /** Four statements for a member before the answer: profile, program and grant, pairs with sessions and goals, advice. */
  async forMember(actor: Actor, opts: { withInbox?: boolean; withEnrolment?: boolean } = {}): Promise<Dashboard> {
    const [member, programRow, pairs] = await Promise.all([
      this.deps.directory.get(actor.teamId, actor.userId),
      programAndGrant(this.deps.db, actor.teamId, actor.userId),
      dashboardPairsOf(this.deps.db, actor.teamId, actor.userId),
    ]);
    const { granted_admin: granted, ...program } = programRow ?? { ...(await defaultProgram(this.deps.db, actor.teamId)), granted_admin: false };
    const now = this.deps.clock.now();
    const today = dayIn(now, member.tz);
    let admin: Dashboard['admin'];
    if (opts.withInbox) {
      const { choices } = await adminPrograms(this.deps, actor, { member });
      const chosen = choices.find((c) => c.remembered) ?? choices[0];
      if (chosen) {
        const { remembered: _remembered, ...picked } = chosen;
        admin = { program: picked, choices };
      }
    }
    const isAdmin = admin !== undefined || isAdminBy(member, Boolean(granted));
    const healthOf = admin?.program ?? program;
    const [advice, summary, inbox, enrolmentRows] = await Promise.all([
      openAdvicePreview(
        this.deps.db,
        actor.teamId,
        pairs.map((p) => p.pair.id),
        OPEN_LOOPS_SHOWN,
      ),
      isAdmin ? this.health.read(healthOf, today, now) : undefined,
      isAdmin && opts.withInbox ? unhandledInbox(this.deps.db, healthOf.id, INBOX_SHOWN) : undefined,
      opts.withEnrolment
        ? homeEnrolment(this.deps.db, { teamId: actor.teamId, userId: actor.userId, today, limit: JOINABLE_SHOWN, ...(isAdmin ? { waiting: { programId: healthOf.id, limit: WAITING_SHOWN } } : {}) })
        : undefined,
    ]);
    const feedback = inbox && summary ? { notes: inbox.map((row) => ({ ...inboxNote(row), writtenOn: dayIn(row.created_at, member.tz) })), total: Math.max(summary.unhandledFeedback, inbox.length) } : undefined;
    const cards = pairs.map(({ pair, program: pairProgram, lastHeldOn, sessionCount, goals, latestReview, commitments, commitmentCount, adviceOutcomes }): PairCard => ({
      pair,
      program: pairProgram,
      role: roleIn(pair, actor.userId)!,
      partnerId: partnerOf(pair, actor.userId),
      lastSessionOn: lastHeldOn,
      sessionCount,
      rhythm: pairRhythm({ startedOn: pair.rhythm_anchor_on, lastSessionOn: lastHeldOn, cadenceDays: pair.cadence_days, graceDays: pairProgram.grace_days }, today),
      goals,
      openLoops: advice.items.filter((a) => a.pair_id === pair.id),
      openLoopCount: advice.counts.get(pair.id) ?? 0,
      latestReview,
      commitments,
      commitmentCount,
      adviceOutcomes,
    }));
    const waiting = enrolmentRows?.waiting;
    const enrolment = enrolmentRows
      ? {
          joinable: enrolmentRows.joinable,
          waiting: waiting && {
            program: healthOf,
            total: waiting.total,
            first: waiting.first.map((w) => ({ userId: w.user_id, days: Math.max(0, daysBetween(dayIn(w.joined_at, member.tz), today)) })),
          },
        }
      : {};
    return { today, program, cards, isAdmin, summary, feedback, ...enrolment, ...(admin ? { admin } : {}) };
  }
}

/** A member's cards by program, in the order the programs first appear; one group when all are in one program. */
export function cardsByProgram(cards: PairCard[]): Array<{ program: PairProgram; cards: PairCard[] }> {
  const groups = new Map<number, { program: PairProgram; cards: PairCard[] }>();
  for (const card of cards) {
    const group = groups.get(card.program.id) ?? { program: card.program, cards: [] };
    group.cards.push(card);
    groups.set(card.program.id, group);
  }
  return [...groups.values()];
}
