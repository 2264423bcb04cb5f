import { mention } from '../domain/mrkdwn.ts';
import type { Actor } from '../services/context.ts';
import type { Pair } from '../services/pair-service.ts';
import type { SlackRuntime } from './runtime.ts';
import { kickoffMessage } from './surfaces/dm-messages.ts';
import type { Reply } from './surfaces/help-message.ts';

/** After a pairing is created (by `/mentor pair`, a match or an accepted request): kickoff DMs to both, Home refreshed. */
export async function announcePairing(rt: SlackRuntime, actor: Actor, pair: Pair): Promise<Reply | undefined> {
  const people = [pair.mentor_id, pair.mentee_id];
  // The introductions come from the two profiles; without them the kickoff still reads well.
  const intro = await rt.services.matching.kickoffIntro(actor.teamId, pair).catch((error: unknown) => {
    rt.logger.warn({ team: actor.teamId, err: error }, 'kickoff introductions not read');
    return undefined;
  });
  const sent = await Promise.all(people.map((user) => rt.messenger.dm(actor.teamId, user, kickoffMessage(pair, user, intro))));
  await rt.homes.publishAll(actor.teamId, people);
  const missed = people.filter((_, i) => !sent[i]);
  if (missed.length > 0) return { text: `:warning: I couldn't send the kickoff DM to ${missed.map(mention).join(' and ')}. The pairing is saved; they'll see it on my Home tab.` };
  return undefined;
}
