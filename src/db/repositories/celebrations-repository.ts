import type { Kysely } from 'kysely';
import type { Celebration, CelebrationKind, Database, Goal, Pair } from '../schema.ts';

export interface NewSuggestion {
  teamId: string;
  programId: number;
  kind: Exclude<CelebrationKind, 'manual'>;
  subject: string;
  people: string[];
  message: string;
  channelId: string | null;
  suggestedAt: Date;
}

/**
 * One suggestion per (program, kind, subject), enforced by the partial unique index: the row when
 * this call inserted it, undefined when the milestone was already suggested.
 */
export function insertSuggestion(db: Kysely<Database>, s: NewSuggestion): Promise<Celebration | undefined> {
  return db
    .insertInto('celebrations')
    .values({
      team_id: s.teamId,
      program_id: s.programId,
      kind: s.kind,
      subject: s.subject,
      people: s.people,
      message: s.message,
      channel_id: s.channelId,
      suggested_at: s.suggestedAt,
    })
    .onConflict((oc) => oc.columns(['program_id', 'kind', 'subject']).where('kind', '<>', 'manual').doNothing())
    .returningAll()
    .executeTakeFirst();
}

export interface NewShoutOut {
  teamId: string;
  programId: number;
  subject: string;
  people: string[];
  message: string;
  channelId: string;
  postedBy: string;
  postedAt: Date;
}

/** An admin's own shout-out, written already claimed (posted_at set) before it is sent. */
export function insertClaimedShoutOut(db: Kysely<Database>, s: NewShoutOut): Promise<Celebration> {
  return db
    .insertInto('celebrations')
    .values({
      team_id: s.teamId,
      program_id: s.programId,
      kind: 'manual',
      subject: s.subject,
      people: s.people,
      message: s.message,
      channel_id: s.channelId,
      posted_at: s.postedAt,
      posted_by: s.postedBy,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export function findCelebration(db: Kysely<Database>, teamId: string, id: number): Promise<Celebration | undefined> {
  return db.selectFrom('celebrations').selectAll().where('team_id', '=', teamId).where('id', '=', id).executeTakeFirst();
}

/** Takes an unposted suggestion for one poster: of two presses, only one gets the row back. */
export function claimCelebration(db: Kysely<Database>, teamId: string, id: number, claim: { postedBy: string; postedAt: Date }): Promise<Celebration | undefined> {
  return db
    .updateTable('celebrations')
    .set({ posted_at: claim.postedAt, posted_by: claim.postedBy })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('posted_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
}

/** Gives a claim back after Slack refused the post, so it can be posted later. Only the claimer's own, unsent claim. */
export async function releaseClaim(db: Kysely<Database>, teamId: string, id: number, postedBy: string): Promise<void> {
  await db
    .updateTable('celebrations')
    .set({ posted_at: null, posted_by: null })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .where('posted_by', '=', postedBy)
    .where('message_ts', 'is', null)
    .execute();
}

/** A manual shout-out Slack refused: there is nothing to keep. */
export async function deleteUnsentShoutOut(db: Kysely<Database>, teamId: string, id: number): Promise<void> {
  await db.deleteFrom('celebrations').where('team_id', '=', teamId).where('id', '=', id).where('kind', '=', 'manual').where('message_ts', 'is', null).execute();
}

/** What was posted, where, and its message ts; an admin's edits are kept only once Slack took the post. */
export function markCelebrationPosted(
  db: Kysely<Database>,
  teamId: string,
  id: number,
  posted: { channelId: string; messageTs: string; people: string[]; message: string },
): Promise<Celebration | undefined> {
  return db
    .updateTable('celebrations')
    .set({ channel_id: posted.channelId, message_ts: posted.messageTs, people: posted.people, message: posted.message })
    .where('team_id', '=', teamId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
}

export async function countPairSessions(db: Kysely<Database>, teamId: string, pairId: number): Promise<number> {
  const row = await db
    .selectFrom('sessions')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('team_id', '=', teamId)
    .where('pair_id', '=', pairId)
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Advice items a mentee closed the loop on, across all their pairings in the program. */
export async function countLoopsClosedBy(db: Kysely<Database>, teamId: string, programId: number, menteeId: string): Promise<number> {
  const row = await db
    .selectFrom('advice_items')
    .innerJoin('pairs', 'pairs.id', 'advice_items.pair_id')
    .select((eb) => eb.fn.countAll<number>().as('count'))
    .where('advice_items.team_id', '=', teamId)
    .where('pairs.program_id', '=', programId)
    .where('pairs.mentee_id', '=', menteeId)
    .where('advice_items.closed_by', '=', menteeId)
    .where('advice_items.outcome', '<>', 'open')
    .executeTakeFirstOrThrow();
  return Number(row.count);
}

/** Goals achieved since `since` whose mentee agreed to a public celebration; newest first. */
export function recentCelebratableGoals(db: Kysely<Database>, teamId: string, programId: number, since: Date, limit: number): Promise<Array<Goal & { mentee_id: string }>> {
  return db
    .selectFrom('goals')
    .innerJoin('pairs', 'pairs.id', 'goals.pair_id')
    .selectAll('goals')
    .select('pairs.mentee_id')
    .where('goals.team_id', '=', teamId)
    .where('pairs.program_id', '=', programId)
    .where('goals.status', '=', 'achieved')
    .where('goals.celebrate_publicly', '=', true)
    .where('goals.achieved_at', '>=', since)
    .orderBy('goals.achieved_at', 'desc')
    .orderBy('goals.id', 'desc')
    .limit(limit)
    .execute();
}

/** Pairings that ended since `since`; newest first. */
export function recentCompletedPairs(db: Kysely<Database>, teamId: string, programId: number, since: Date, limit: number): Promise<Pair[]> {
  return db
    .selectFrom('pairs')
    .selectAll()
    .where('team_id', '=', teamId)
    .where('program_id', '=', programId)
    .where('status', '=', 'ended')
    .where('ended_at', '>=', since)
    .orderBy('ended_at', 'desc')
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export async function celebrationChannelOf(db: Kysely<Database>, teamId: string, programId: number): Promise<string | null> {
  const row = await db.selectFrom('programs').select('celebration_channel').where('team_id', '=', teamId).where('id', '=', programId).executeTakeFirst();
  return row?.celebration_channel ?? null;
}
