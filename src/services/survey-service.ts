import { AccessError, UserError } from '../domain/errors.ts';
import { REACHED_ANSWERS, type PulseAnswer, type Reached } from '../domain/outcomes.ts';
import { SURVEY_LIMITS, type ExitSurveyAnswers, type PulseNoteInput } from '../domain/survey-inputs.ts';
import {
  exitSurveyAnswerOf,
  pulseAnswerOf,
  recordDidItStick,
  recordExitSurvey,
  recordPulse,
  setPulseNote,
  type DidItStickAnswerRow,
  type ExitSurveyAnswerRow,
  type PulseAnswerRow,
} from '../db/repositories/surveys-repository.ts';
import type { Pair } from '../db/schema.ts';
import { NOT_IN_PAIR, partnerOf, requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { DidItStickAnswerRow, ExitSurveyAnswerRow, PulseAnswerRow };

const NOT_ASKED = "That pulse check isn't one I asked.";
const STILL_RUNNING = 'That pairing is still running: the exit survey comes when it ends.';

/** Answers to the outcome surveys: private to the person, one per survey (a second updates it). */
export class SurveyService {
  constructor(private readonly deps: ServiceDeps) {}

  /** A member's answer to the pulse check on `day` of their pairing. */
  async answerPulse(actor: Actor, input: { pairId: number; day: number; answer: PulseAnswer }): Promise<{ pair: Pair; answer: PulseAnswerRow }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (!validDay(input.day)) throw new UserError(NOT_ASKED);
    const answer = await recordPulse(this.deps.db, { teamId: actor.teamId, pairId: pair.id, respondentId: actor.userId, day: input.day, answer: input.answer, at: this.deps.clock.now() });
    // The insert re-checks membership itself: a pairing changed since the read writes nothing.
    if (!answer) throw new AccessError(NOT_IN_PAIR);
    return { pair, answer };
  }

  /** One's own pulse answer, for the note form (filled with the note given before). */
  async ownPulse(actor: Actor, input: { pairId: number; day: number }): Promise<PulseAnswerRow> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (!validDay(input.day)) throw new UserError(NOT_ASKED);
    const answer = await pulseAnswerOf(this.deps.db, { teamId: actor.teamId, pairId: pair.id, respondentId: actor.userId, day: input.day });
    if (!answer) throw new UserError('Choose an answer first (Going well, Could be better or Not working); then you can add a note to it.');
    return answer;
  }

  /** A private note on one's own pulse answer: a second note replaces the first, an empty one removes it. */
  async notePulse(actor: Actor, input: PulseNoteInput): Promise<PulseAnswerRow> {
    await this.ownPulse(actor, input);
    if (input.note !== null && Array.from(input.note).length > SURVEY_LIMITS.pulseNote) throw new UserError(`Keep the note under ${SURVEY_LIMITS.pulseNote} characters.`);
    const saved = await setPulseNote(this.deps.db, { teamId: actor.teamId, pairId: input.pairId, respondentId: actor.userId, day: input.day, note: input.note || null, at: this.deps.clock.now() });
    if (!saved) throw new AccessError(NOT_IN_PAIR);
    return saved;
  }

  /** The exit survey form of an ended pairing, filled with one's earlier answer. */
  async exitSurveyForm(actor: Actor, pairId: number): Promise<{ pair: Pair; partnerId: string; answer: ExitSurveyAnswerRow | undefined }> {
    const pair = await requirePairMember(this.deps, actor, pairId);
    if (pair.status !== 'ended') throw new UserError(STILL_RUNNING);
    const answer = await exitSurveyAnswerOf(this.deps.db, { teamId: actor.teamId, pairId: pair.id, respondentId: actor.userId });
    return { pair, partnerId: partnerOf(pair, actor.userId), answer };
  }

  /** One member's exit survey; a second submission updates the first. */
  async answerExitSurvey(actor: Actor, input: ExitSurveyAnswers): Promise<{ pair: Pair; answer: ExitSurveyAnswerRow }> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.status !== 'ended') throw new UserError(STILL_RUNNING);
    if (!REACHED_ANSWERS.includes(input.objectiveReached) || !inRange(input.satisfaction, 1, 5) || !inRange(input.recommend, 0, 10)) throw new UserError('Answer each question from its list.');
    if (input.whatChanged !== null && Array.from(input.whatChanged).length > SURVEY_LIMITS.whatChanged) throw new UserError(`Keep "what changed" under ${SURVEY_LIMITS.whatChanged} characters.`);
    const answer = await recordExitSurvey(this.deps.db, {
      teamId: actor.teamId,
      pairId: pair.id,
      respondentId: actor.userId,
      objectiveReached: input.objectiveReached,
      satisfaction: input.satisfaction,
      whatChanged: input.whatChanged || null,
      // Nothing to share without a text: the flag never stands alone.
      shareWithAdmins: input.shareWithAdmins && !!input.whatChanged,
      recommend: input.recommend,
      at: this.deps.clock.now(),
    });
    if (!answer) throw new AccessError(NOT_IN_PAIR);
    return { pair, answer };
  }

  /** "Are you still using what you learned?": the mentee of an ended pairing only; a second press updates the first. */
  async answerDidItStick(actor: Actor, input: { pairId: number; answer: Reached }): Promise<DidItStickAnswerRow> {
    const pair = await requirePairMember(this.deps, actor, input.pairId);
    if (pair.mentee_id !== actor.userId) throw new AccessError('This question is for the mentee of the pairing.');
    if (pair.status !== 'ended') throw new UserError('That pairing is still running: I ask this three months after it ends.');
    const answer = await recordDidItStick(this.deps.db, { teamId: actor.teamId, pairId: pair.id, menteeId: actor.userId, answer: input.answer, at: this.deps.clock.now() });
    if (!answer) throw new AccessError(NOT_IN_PAIR);
    return answer;
  }
}

const validDay = (day: number) => Number.isInteger(day) && day >= 1 && day <= 365;
const inRange = (n: number, min: number, max: number) => Number.isInteger(n) && n >= min && n <= max;
