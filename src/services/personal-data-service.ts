import { endPairsOf, erasePersonalText, markDataErased, personalRows, type ErasedCounts } from '../db/repositories/personal-data-repository.ts';
import type { Pair } from '../db/schema.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** The file `/mentor my-data` sends: everything the bot holds about one person, as JSON. */
export interface PersonalDataFile {
  filename: string;
  title: string;
  json: string;
  /** How many pairings the file covers, for the message that comes with it. */
  pairings: number;
}

export interface ErasureResult {
  /** What was deleted, by kind; all zero when a previous run had already deleted everything. */
  erased: ErasedCounts;
  /** Pairings that were still running and ended now; each partner is told. */
  endedPairs: Pair[];
  /** True when there was nothing left to delete and no pairing to end. */
  nothingLeft: boolean;
}

/** A person's own data: a copy of it on request, and its deletion. Only ever the actor's own. */
export class PersonalDataService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Everything about the actor: their rows, and of pairings only those they are in (with what both wrote there). */
  async exportFor(actor: Actor): Promise<PersonalDataFile> {
    const rows = await personalRows(this.deps.db, actor.teamId, actor.userId);
    const now = this.deps.clock.now();
    const pairings = rows.pairs.map((pair) => {
      const goals = rows.goals.filter((g) => g.pair_id === pair.id);
      const sessions = rows.sessions.filter((s) => s.pair_id === pair.id);
      return {
        ...pair,
        your_role: pair.mentor_id === actor.userId ? 'mentor' : 'mentee',
        partner_id: pair.mentor_id === actor.userId ? pair.mentee_id : pair.mentor_id,
        goals: goals.map((goal) => ({ ...goal, milestones: rows.milestones.filter((m) => m.goal_id === goal.id) })),
        sessions: sessions.map((session) => ({
          ...session,
          goal_ids: rows.sessionGoals.filter((sg) => sg.session_id === session.id).map((sg) => sg.goal_id),
          advice: rows.advice.filter((a) => a.session_id === session.id),
          commitments: rows.commitments.filter((c) => c.session_id === session.id),
        })),
        reviews: rows.reviews.filter((r) => r.pair_id === pair.id),
        booked_sessions: rows.bookings.filter((b) => b.pair_id === pair.id),
      };
    });
    const data = {
      about: 'Everything Mentor Loop holds about you in this workspace: your own records, and the pairings you are in with what both of you logged there.',
      exported_at: now.toISOString(),
      team_id: actor.teamId,
      user_id: actor.userId,
      member: rows.member ?? null,
      admin_grants: rows.adminGrants,
      matching_profiles: rows.matchingProfiles,
      pairings,
      // Replies come from "the program admins": which admin handled a note is not the author's to see.
      feedback_notes_you_wrote: rows.feedbackNotes.map(({ handled_by: _admin, ...note }) => note),
      nudges_to_you: rows.nudges,
      messages_to_you: rows.deliveries,
      celebrations_of_you: rows.celebrations,
      survey_answers_you_gave: rows.surveys,
    };
    return {
      filename: `mentor-my-data-${now.toISOString().slice(0, 10)}.json`,
      title: 'Your Mentor Loop data',
      json: `${JSON.stringify(data, null, 2)}\n`,
      pairings: pairings.length,
    };
  }

  /**
   * Deletes the actor's private text and profile, keeping anonymous counts, and ends their running
   * pairings; all in one transaction. A second run deletes nothing and says so.
   */
  async erase(actor: Actor): Promise<ErasureResult> {
    const now = this.deps.clock.now();
    return this.deps.db.transaction().execute(async (trx) => {
      const endedPairs = await endPairsOf(trx, actor.teamId, actor.userId, now);
      const erased = await erasePersonalText(trx, actor.teamId, actor.userId);
      await markDataErased(trx, actor.teamId, actor.userId, now);
      const nothingLeft = endedPairs.length === 0 && Object.values(erased).every((n) => n === 0);
      return { erased, endedPairs, nothingLeft };
    });
  }
}
