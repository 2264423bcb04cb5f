import type { MentorCommand } from '../../../../domain/command-parser.ts';
import { openNewShoutOut } from '../../../shout-outs.ts';
import { programPick, type Subcommand } from './types.ts';

/** `/mentor celebrate [@person …]`: the shout-out modal, prefilled with the people mentioned (admins). */
export const celebrate: Subcommand<Extract<MentorCommand, { kind: 'celebrate' }>> = async (ctx, command) => {
  await openNewShoutOut(ctx.rt, ctx.actor, ctx.triggerId, command.people, programPick(ctx, command.program));
  return undefined;
};
