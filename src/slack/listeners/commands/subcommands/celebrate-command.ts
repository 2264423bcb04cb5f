import type { MentorCommand } from '../../../../domain/command-parser.ts';
import type { Subcommand } from './types.ts';

// Owned by the celebrations work: opens the celebrate modal (admins).
export const celebrate: Subcommand<Extract<MentorCommand, { kind: 'celebrate' }>> = async () => ({ text: '`/mentor celebrate` is coming in the next release.' });
