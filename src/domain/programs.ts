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

/** Who a graduation shout-out names (in the order they joined) and how many it only counts. */
export interface Graduates {
  named: string[];
  unnamed: number;
}

/**
 * A program's graduates: a mentee is named only when they said one of their goals may be
 * celebrated publicly (that consent is theirs alone); mentors and every other mentee are counted.
 */
export function graduatesOf(pairs: ReadonlyArray<{ mentor_id: string; mentee_id: string; consented: boolean }>): Graduates {
  const named = [...new Set(pairs.filter((p) => p.consented).map((p) => p.mentee_id))];
  const everyone = new Set(pairs.flatMap((p) => [p.mentor_id, p.mentee_id]));
  return { named, unnamed: [...everyone].filter((id) => !named.includes(id)).length };
}

/** The graduation shout-out's text (plain, editable before posting); the named people are its heading. */
export function graduationShoutOut(programName: string, graduates: Graduates): string {
  const others = graduates.unnamed === 0 ? '' : ` Thank you too to the ${graduates.unnamed === 1 ? 'other person' : `${graduates.unnamed} other people`} who took part.`;
  return `${programName} has come to an end: congratulations to its graduates on everything they learned and achieved!${others}`;
}
