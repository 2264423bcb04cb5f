import { listGrantedAdmins, listWorkspaceAdmins } from '../db/repositories/admins-repository.ts';
import {
  celebrationChannelOf,
  claimCelebration,
  countLoopsClosedBy,
  countPairSessions,
  deleteUnsentShoutOut,
  findCelebration,
  insertClaimedShoutOut,
  insertSuggestion,
  markCelebrationPosted,
  recentCelebratableGoals,
  recentCompletedPairs,
  releaseClaim,
} from '../db/repositories/celebrations-repository.ts';
import { programGraduates } from '../db/repositories/cohort-end-repository.ts';
import { goalsByIds } from '../db/repositories/goals-repository.ts';
import { graduatesOf } from '../domain/programs.ts';
import { findMembers } from '../db/repositories/members-repository.ts';
import { findPair } from '../db/repositories/pairs-repository.ts';
import type { Celebration, Member, Pair } from '../db/schema.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { adminProgram, type ProgramPick } from './program-scope.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** The thresholds the spec names: a pair's 10th session, a mentee's 5th closed loop. */
export const SESSIONS_TO_CELEBRATE = 10;
export const LOOPS_TO_CELEBRATE = 5;
/** How far back the celebrate modal offers milestones to mention, and how many of each. */
const RECENT_DAYS = 90;
const RECENT_LIMIT = 25;

/** Something that just happened and was committed (what the Slack layer reports). */
export type MilestoneEvent =
  | { kind: 'goal_achieved'; teamId: string; goalId: number }
  | { kind: 'session_logged'; teamId: string; pairId: number }
  | { kind: 'pair_completed'; teamId: string; pairId: number }
  | { kind: 'loop_closed'; teamId: string; pairId: number; menteeId: string };

/** What a suggested shout-out may say: only public facts, and a goal title only with consent. */
export type MilestoneFacts =
  | { kind: 'goal_achieved'; menteeId: string; goalTitle: string }
  | { kind: 'tenth_session'; mentorId: string; menteeId: string; sessions: number }
  | { kind: 'pair_completed'; mentorId: string; menteeId: string }
  | { kind: 'five_loops'; menteeId: string; loops: number };

export interface FoundMilestone {
  teamId: string;
  programId: number;
  subject: string;
  people: string[];
  channelId: string | null;
  facts: MilestoneFacts;
}

/** A recent milestone an admin may mention in a shout-out (value: `goal:7` or `pair:3`). */
export type MentionableMilestone =
  | { value: string; kind: 'goal_achieved'; menteeId: string; menteeName: string; goalTitle: string }
  | { value: string; kind: 'pair_completed'; mentorId: string; menteeId: string; mentorName: string; menteeName: string };

export interface CelebrateForm {
  /** The program the shout-out is for. */
  programId?: number;
  channelId: string | null;
  milestones: MentionableMilestone[];
  celebration?: Celebration;
}

/** A suggestion to post (`celebrationId`), optionally edited, or a new shout-out from the modal. */
export interface PostRequest {
  celebrationId?: number;
  people?: string[];
  message?: string;
  channelId?: string;
  milestone?: string | null;
  /** The program of a new shout-out (from the modal); by default the admin's current one. */
  programId?: number;
}

export type Prepared =
  | { status: 'claimed'; celebration: Celebration; milestone?: MentionableMilestone }
  /** Someone already posted it (or is posting it right now). */
  | { status: 'taken'; celebration: Celebration }
  /** Neither the suggestion nor the program names a channel: the admin has to choose one. */
  | { status: 'needs_channel'; celebration: Celebration }
  /** The milestone to mention is not (or no longer) public. */
  | { status: 'milestone_gone' };

const NOT_FOUND = "That shout-out suggestion doesn't exist in this workspace.";
const CONSENT_GONE = 'This shout-out names a goal or a person no longer marked as OK to celebrate publicly, so I won\'t post it. Nothing was posted.';

/** A shout-out, suggested or posted, as the services hand it out. */
export type { Celebration };

export class CelebrationService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Whether the event is a milestone worth suggesting; private or unconsented things never are. */
  async detect(event: MilestoneEvent): Promise<FoundMilestone | undefined> {
    const { db } = this.deps;
    if (event.kind === 'goal_achieved') {
      const [goal] = await goalsByIds(db, event.teamId, [event.goalId]);
      if (!goal || goal.status !== 'achieved' || !goal.celebrate_publicly) return undefined;
      const pair = await findPair(db, event.teamId, goal.pair_id);
      return pair && this.found(pair, `goal:${goal.id}`, [pair.mentee_id], { kind: 'goal_achieved', menteeId: pair.mentee_id, goalTitle: goal.title });
    }
    const pair = await findPair(db, event.teamId, event.pairId);
    if (!pair) return undefined;
    const both = [pair.mentor_id, pair.mentee_id];
    if (event.kind === 'pair_completed') {
      if (pair.status !== 'ended') return undefined;
      return this.found(pair, `pair:${pair.id}`, both, { kind: 'pair_completed', mentorId: pair.mentor_id, menteeId: pair.mentee_id });
    }
    if (event.kind === 'session_logged') {
      const sessions = await countPairSessions(db, event.teamId, pair.id);
      if (sessions < SESSIONS_TO_CELEBRATE) return undefined;
      return this.found(pair, `pair:${pair.id}`, both, { kind: 'tenth_session', mentorId: pair.mentor_id, menteeId: pair.mentee_id, sessions });
    }
    if (pair.mentee_id !== event.menteeId) return undefined;
    const loops = await countLoopsClosedBy(db, event.teamId, pair.program_id, event.menteeId);
    if (loops < LOOPS_TO_CELEBRATE) return undefined;
    return this.found(pair, `mentee:${event.menteeId}`, [event.menteeId], { kind: 'five_loops', menteeId: event.menteeId, loops });
  }

  /** Records the suggestion; undefined when this milestone was suggested before (only the first caller tells admins). */
  recordSuggestion(found: FoundMilestone, message: string): Promise<Celebration | undefined> {
    const kind = found.facts.kind;
    return insertSuggestion(this.deps.db, { teamId: found.teamId, programId: found.programId, kind, subject: found.subject, people: found.people, message, channelId: found.channelId, suggestedAt: this.deps.clock.now() });
  }

  /** Workspace admins the bot knows of, plus people granted admin in the program (active ones). */
  async adminsOf(teamId: string, programId: number): Promise<string[]> {
    const [workspace, granted] = await Promise.all([listWorkspaceAdmins(this.deps.db, teamId), listGrantedAdmins(this.deps.db, programId)]);
    const gone = new Set((await findMembers(this.deps.db, teamId, granted)).filter((m) => m.deactivated).map((m) => m.user_id));
    return [...new Set([...workspace, ...granted.filter((id) => !gone.has(id))])];
  }

  /** What the celebrate modal starts from; with an id, the suggestion it edits. Admins only. */
  async formFor(actor: Actor, celebrationId?: number, pick: ProgramPick = {}): Promise<CelebrateForm> {
    // A suggestion belongs to its program: only that program's admins may post or edit it.
    const celebration = celebrationId === undefined ? undefined : await this.celebrationOf(actor, celebrationId);
    const { program } = await adminProgram(this.deps, actor, celebration ? { programId: celebration.program_id } : pick);
    const milestones = await this.mentionable(actor.teamId, program.id);
    if (!celebration) return { programId: program.id, channelId: program.celebration_channel, milestones };
    return { programId: program.id, channelId: celebration.channel_id ?? program.celebration_channel, milestones, celebration };
  }

  /**
   * Claims what is about to be posted, so two presses or two admins post once: a suggestion is
   * taken with `posted_at is null`, a new shout-out is written already claimed. Admins only.
   */
  async prepare(actor: Actor, request: PostRequest): Promise<Prepared> {
    const suggested = request.celebrationId === undefined ? undefined : await this.celebrationOf(actor, request.celebrationId);
    const pick = suggested ? { programId: suggested.program_id } : request.programId !== undefined ? { programId: request.programId } : {};
    const { program } = await adminProgram(this.deps, actor, pick);
    let milestone: MentionableMilestone | undefined;
    if (request.milestone) {
      milestone = (await this.mentionable(actor.teamId, program.id)).find((m) => m.value === request.milestone);
      if (!milestone) return { status: 'milestone_gone' };
    }
    const now = this.deps.clock.now();
    if (request.celebrationId === undefined) {
      if (!request.channelId || !request.people?.length || !request.message) throw new Error('a new shout-out needs people, a channel and a message');
      const celebration = await insertClaimedShoutOut(this.deps.db, {
        teamId: actor.teamId,
        programId: program.id,
        subject: request.milestone ?? 'manual',
        people: request.people,
        message: request.message,
        channelId: request.channelId,
        postedBy: actor.userId,
        postedAt: now,
      });
      return { status: 'claimed', celebration, ...(milestone ? { milestone } : {}) };
    }
    const existing = await this.celebrationOf(actor, request.celebrationId);
    if (!existing.posted_at && !(await this.stillPublic(existing))) throw new UserError(CONSENT_GONE);
    const channelId = request.channelId ?? existing.channel_id ?? program.celebration_channel;
    // A posted row always has its channel, so this is only ever an unposted suggestion.
    if (!channelId) return { status: 'needs_channel', celebration: existing };
    // The conditional update is the only gate: of two presses, exactly one gets the row.
    const claimed = await claimCelebration(this.deps.db, actor.teamId, existing.id, { postedBy: actor.userId, postedAt: now });
    if (!claimed) return { status: 'taken', celebration: await this.celebrationOf(actor, existing.id) };
    // Edits travel with the claim and are stored by markPosted: a refused post leaves the suggestion as it was.
    const edited = { ...claimed, channel_id: channelId, people: request.people?.length ? request.people : claimed.people, message: request.message || claimed.message };
    return { status: 'claimed', celebration: edited, ...(milestone ? { milestone } : {}) };
  }

  /** Slack refused the post: a suggestion goes back to unposted, a new shout-out is dropped. */
  async release(claimed: Celebration): Promise<void> {
    if (claimed.kind === 'manual') await deleteUnsentShoutOut(this.deps.db, claimed.team_id, claimed.id);
    else if (claimed.posted_by) await releaseClaim(this.deps.db, claimed.team_id, claimed.id, claimed.posted_by);
  }

  async markPosted(claimed: Celebration, channelId: string, messageTs: string): Promise<Celebration> {
    const posted = { channelId, messageTs, people: claimed.people, message: claimed.message };
    return (await markCelebrationPosted(this.deps.db, claimed.team_id, claimed.id, posted)) ?? claimed;
  }

  /** A goal's suggestion carries its title, a graduation names mentees: post only while their consent stands. */
  private async stillPublic(celebration: Celebration): Promise<boolean> {
    // A graduation shout-out names mentees by their consent: each must still have it.
    if (celebration.kind === 'graduation') {
      const { named } = graduatesOf(await programGraduates(this.deps.db, celebration.team_id, celebration.program_id));
      return celebration.people.every((id) => named.includes(id));
    }
    const goalId = celebration.kind === 'goal_achieved' ? Number(celebration.subject.replace(/^goal:/, '')) : undefined;
    if (goalId === undefined) return true;
    const [goal] = Number.isSafeInteger(goalId) ? await goalsByIds(this.deps.db, celebration.team_id, [goalId]) : [];
    return goal !== undefined && goal.status === 'achieved' && goal.celebrate_publicly;
  }

  private async celebrationOf(actor: Actor, id: number): Promise<Celebration> {
    const celebration = Number.isSafeInteger(id) ? await findCelebration(this.deps.db, actor.teamId, id) : undefined;
    if (!celebration) throw new AccessError(NOT_FOUND);
    return celebration;
  }

  private async found(pair: Pair, subject: string, people: string[], facts: MilestoneFacts): Promise<FoundMilestone> {
    const channelId = await celebrationChannelOf(this.deps.db, pair.team_id, pair.program_id);
    return { teamId: pair.team_id, programId: pair.program_id, subject, people, channelId, facts };
  }

  /** Recent public milestones: consented goals achieved and pairings completed, newest first. */
  private async mentionable(teamId: string, programId: number): Promise<MentionableMilestone[]> {
    const since = new Date(this.deps.clock.now().getTime() - RECENT_DAYS * 86_400_000);
    const [goals, pairs] = await Promise.all([
      recentCelebratableGoals(this.deps.db, teamId, programId, since, RECENT_LIMIT),
      recentCompletedPairs(this.deps.db, teamId, programId, since, RECENT_LIMIT),
    ]);
    const people = [...new Set([...goals.map((g) => g.mentee_id), ...pairs.flatMap((p) => [p.mentor_id, p.mentee_id])])];
    const members = new Map((await findMembers(this.deps.db, teamId, people)).map((m) => [m.user_id, m]));
    const name = (id: string) => nameOf(members.get(id), id);
    const dated: Array<[Date, MentionableMilestone]> = [
      ...goals.map((g): [Date, MentionableMilestone] => [g.achieved_at!, { value: `goal:${g.id}`, kind: 'goal_achieved', menteeId: g.mentee_id, menteeName: name(g.mentee_id), goalTitle: g.title }]),
      ...pairs.map((p): [Date, MentionableMilestone] => [
        p.ended_at!,
        { value: `pair:${p.id}`, kind: 'pair_completed', mentorId: p.mentor_id, menteeId: p.mentee_id, mentorName: name(p.mentor_id), menteeName: name(p.mentee_id) },
      ]),
    ];
    return dated.sort((a, b) => b[0].getTime() - a[0].getTime()).map(([, m]) => m);
  }
}

function nameOf(member: Member | undefined, fallback: string): string {
  return member?.real_name || member?.display_name || fallback;
}
