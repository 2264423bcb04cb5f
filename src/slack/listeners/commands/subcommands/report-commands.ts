import type { Subcommand } from './types.ts';

// Owned by the reports work: program health and the CSV export.
export const report: Subcommand<unknown> = async () => ({ text: '`/mentor report` is coming in the next release.' });
export const exportData: Subcommand<unknown> = async () => ({ text: '`/mentor export` is coming in the next release.' });
