import type { Subcommand } from './types.ts';

// Owned by the settings work: the program settings modal (admins).
export const settings: Subcommand<unknown> = async () => ({ text: '`/mentor settings` is coming in the next release.' });
