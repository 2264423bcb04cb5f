import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { openNewShoutOut } from '../../../shout-outs.ts';
import type { Subcommand } from './types.ts';

/** `/mentor celebrate [@person …]`: the shout-out modal, prefilled with the people mentioned (admins). */
export const celebrate: Subcommand<Extract<MentorCommand, { kind: 'celebrate' }>> = async ({ rt, actor, triggerId }, command) => {
  await openNewShoutOut(rt, actor, triggerId, command.people);
  return undefined;
};
