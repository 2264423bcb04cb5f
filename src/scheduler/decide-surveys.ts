import type { Kysely } from 'kysely';
import { didItStickDue, exitSurveyDue, type DueSurvey, type SurveyPair } from '../domain/survey-policy.ts';
import { didItStickCandidates, exitSurveyCandidates, surveySettingsOf } from '../db/repositories/surveys-repository.ts';
import type { Database, Program } from '../db/schema.ts';
import type { NewNudge } from '../db/repositories/scheduler-repository.ts';

/** A decision as `decideProgram` takes it (its `Decision` without the delivery time). */
type SurveyDecision = Omit<NewNudge, 'detail' | 'deliver_after'> & { detail: Record<string, unknown>; why: string };

/**
 * The surveys asked about ended pairings: the exit survey to each member when a pairing ends, and
 * "did it stick" to the mentee three months later. Their pairing is no longer active: the sender
 * lets these two rules through where it withdraws the nudges of ended pairings.
 */
export async function endedPairingSurveys(db: Kysely<Database>, program: Program, today: string): Promise<SurveyDecision[]> {
  const settings = surveySettingsOf(program);
  const [exits, sticks] = await Promise.all([
    settings.exitSurveyEnabled ? exitSurveyCandidates(db, program, today) : [],
    settings.didItStickEnabled ? didItStickCandidates(db, program, today) : [],
  ]);
  const decision = (p: SurveyPair, due: DueSurvey, detail: Record<string, unknown>, why: string): SurveyDecision => ({
    team_id: program.team_id, program_id: program.id, rule: due.rule, subject: due.subject, period: due.period, recipient_id: due.recipientId, pair_id: p.pairId,
    due_at: new Date(`${due.dueOn}T00:00:00Z`), detail, why,
  });
  return [
    ...exits.flatMap((p) =>
      exitSurveyDue(p, settings, today).map((due) =>
        decision(p, due, { pairId: p.pairId, partnerId: due.recipientId === p.mentorId ? p.menteeId : p.mentorId }, `the pairing ended on ${p.endedOn}: the exit survey`),
      ),
    ),
    ...sticks.flatMap((p) =>
      didItStickDue(p, settings, today).map((due) => decision(p, due, { pairId: p.pairId, mentorId: p.mentorId }, `the pairing ended on ${p.endedOn}, three months before ${due.dueOn}: did it stick`)),
    ),
  ];
}
