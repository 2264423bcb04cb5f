import type { Subcommand } from './types.ts';

// Owned by the matching work: the profile modal and match suggestions.
export const join: Subcommand<unknown> = async () => ({ text: '`/mentor join` is coming in the next release.' });
export const match: Subcommand<unknown> = async () => ({ text: '`/mentor match` is coming in the next release.' });
