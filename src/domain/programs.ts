import type { CalendarDay } from './calendar.ts';

/** What a program is for: the kinds of pairing it makes. */
export const PROGRAM_KINDS = ['standard', 'reverse', 'buddy'] as const;
export type ProgramKind = (typeof PROGRAM_KINDS)[number];

export const PROGRAM_KIND_LABEL: Record<ProgramKind, string> = {
  standard: 'Mentoring',
  reverse: 'Reverse mentoring',
  buddy: 'Buddies',
};

/** The programs table's check constraints (migration 0170). */
export const PROGRAM_LIMITS = { name: 80, description: 1000, admins: 20 } as const;

/** The program modal's fields that server-side checks answer on (its block ids, in src/slack/ids.ts). */
export const PROGRAM_CHECKED_FIELD = { name: 'program_name', admins: 'program_admins' } as const;

/** What an admin sets in the program modal (`/mentor program new` and `edit`). */
export interface ProgramFields {
  name: string;
  description: string;
  kind: ProgramKind;
  startsOn: CalendarDay | null;
  endsOn: CalendarDay | null;
  celebrationChannel: string | null;
  enrolmentOpen: boolean;
}

/** The program modal's answer: the fields and the people granted admin of the program. */
export interface ProgramInput extends ProgramFields {
  adminIds: string[];
}

/** Names compare ignoring case and repeated spaces: "Spring  cohort" is "spring cohort". */
export function programName(raw: string): string {
  return raw.trim().replace(/\s+/g, ' ');
}

export function isProgramKind(value: string | null | undefined): value is ProgramKind {
  return (PROGRAM_KINDS as readonly string[]).includes(value ?? '');
}
