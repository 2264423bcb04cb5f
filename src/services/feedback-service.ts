import { insertFeedback } from '../db/repositories/feedback-repository.ts';
import { defaultProgram } from '../db/repositories/programs-repository.ts';
import type { FeedbackNote } from '../db/schema.ts';
import type { FeedbackInput } from '../domain/inputs.ts';
import { requirePairMember } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export class FeedbackService {
  constructor(private readonly deps: ServiceDeps) {}

  /** Anyone may write; a note about a pairing must be about one of their own. Admins read them. */
  async submit(actor: Actor, input: FeedbackInput): Promise<FeedbackNote> {
    if (input.pairId !== null) await requirePairMember(this.deps, actor, input.pairId);
    const program = await defaultProgram(this.deps.db, actor.teamId);
    return insertFeedback(this.deps.db, { teamId: actor.teamId, programId: program.id, pairId: input.pairId, authorId: actor.userId, body: input.body });
  }
}
