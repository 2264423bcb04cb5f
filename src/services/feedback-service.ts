import { dayIn, describeDayOf } from '../domain/calendar.ts';
import { AccessError, UserError } from '../domain/errors.ts';
import { mention } from '../domain/mrkdwn.ts';
import type { FeedbackInput, FeedbackReplyInput } from '../domain/inputs.ts';
import { listGrantedAdmins, listWorkspaceAdmins } from '../db/repositories/admins-repository.ts';
import { claimFeedback, feedbackDmsOf, findInboxNote, insertFeedback, recordFeedbackDms, type InboxRow } from '../db/repositories/feedback-repository.ts';
import { defaultProgram, programOf } from '../db/repositories/programs-repository.ts';
import { livePairsOf } from '../db/repositories/pairs-repository.ts';
import type { FeedbackNote, Member, Program } from '../db/schema.ts';
import { ADMINS_ONLY, requirePairMember } from './access.ts';
import { adminProgram, adminPrograms } from './program-scope.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** The Home's Feedback section lists this many unhandled notes; the rest are counted. */
export const INBOX_SHOWN = 10;

/** A note as program admins see it: the author only when they chose to be named. */
export interface InboxNote {
  id: number;
  /** The program the note belongs to: its admins read and handle it. */
  programId: number;
  /** The pairing it is about; null for a note about the program as a whole. */
  pair: { mentorId: string; menteeId: string } | null;
  /** Null when the author chose not to be named to admins. */
  authorId: string | null;
  body: string;
  createdAt: Date;
  handledBy: string | null;
  handledAt: Date | null;
}

export function inboxNote(row: InboxRow): InboxNote {
  return {
    id: row.id,
    programId: row.program_id,
    pair: row.pair_id !== null && row.mentor_id && row.mentee_id ? { mentorId: row.mentor_id, menteeId: row.mentee_id } : null,
    authorId: row.show_author ? row.author_id : null,
    body: row.body,
    createdAt: row.created_at,
    handledBy: row.handled_by,
    handledAt: row.handled_at,
  };
}

/** What a private reply needs to reach the author: never the partner, never who replied. */
export interface FeedbackReply {
  teamId: string;
  authorId: string;
  /** When the note was written, in the author's time zone. */
  writtenOn: string;
  /** Today in the author's time zone. */
  today: string;
  aboutPairing: boolean;
  text: string;
}

const NOTE_GONE = "I can't find that feedback note any more.";

/** A note id from a button or a modal: anything that is not one is refused before any SQL. */
function knownId(noteId: number): number {
  if (!Number.isSafeInteger(noteId) || noteId <= 0) throw new UserError(NOTE_GONE);
  return noteId;
}

export class FeedbackService {
  constructor(private readonly deps: ServiceDeps) {}

  /**
   * Anyone may write; a note about a pairing must be about one of their own and belongs to that
   * pairing's program. Admins of that program read them.
   */
  async submit(actor: Actor, input: FeedbackInput): Promise<FeedbackNote> {
    const programId = input.pairId !== null ? (await requirePairMember(this.deps, actor, input.pairId)).program_id : (await this.generalProgram(actor, input.programId)).id;
    return insertFeedback(this.deps.db, { teamId: actor.teamId, programId, pairId: input.pairId, authorId: actor.userId, body: input.body, showAuthor: input.showAuthor, at: this.deps.clock.now() });
  }

  /**
   * The program a note about "the program in general" goes to: the one named, if the author has a
   * pairing in it; else the program of their pairings; someone in several programs must say which.
   * Someone in no pairing writes to the main program.
   */
  private async generalProgram(actor: Actor, named: number | undefined): Promise<Program> {
    const ids = [...new Set((await livePairsOf(this.deps.db, actor.teamId, actor.userId)).map((p) => p.program_id))];
    if (named !== undefined && !ids.includes(named)) throw new UserError('Choose one of your own programs: you can write about a program you have a pairing in.');
    const programId = named ?? (ids.length === 1 ? ids[0] : undefined);
    if (programId === undefined && ids.length > 1) throw new UserError('Your pairings are in several programs: choose which program the note is about.');
    const program = programId === undefined ? undefined : await programOf(this.deps.db, actor.teamId, programId);
    return program ?? defaultProgram(this.deps.db, actor.teamId);
  }

  /**
   * The admins of a program (the main one when none is named) as of now: workspace admins and
   * owners the bot knows, plus the program's granted admins; deactivated people and bots left out.
   * Profiles older than a day are refreshed.
   */
  async programAdmins(teamId: string, programId?: number): Promise<string[]> {
    const program = (programId === undefined ? undefined : await programOf(this.deps.db, teamId, programId)) ?? (await defaultProgram(this.deps.db, teamId));
    const granted = await listGrantedAdmins(this.deps.db, program.id);
    const candidates = [...new Set([...(await listWorkspaceAdmins(this.deps.db, teamId)), ...granted])];
    const members = await this.deps.directory.members(teamId, candidates, this.deps.clock.now());
    return candidates.filter((id) => {
      const m = members.get(id);
      return m !== undefined && !m.deactivated && !m.is_bot && (m.is_workspace_admin || granted.includes(id));
    });
  }

  /** A just-written note for the admins' DMs (the caller wrote it, so no access check). */
  async forInbox(note: FeedbackNote): Promise<InboxNote> {
    const row = await findInboxNote(this.deps.db, note.team_id, note.id);
    if (!row) throw new Error(`feedback note ${note.id} vanished`);
    return inboxNote(row);
  }

  /** "Mark handled": admins only; a note handled already stays as it was and says by whom. */
  async markHandled(actor: Actor, noteId: number): Promise<{ changed: boolean; note: InboxNote; answer: string }> {
    const member = await this.requireAdmin(actor, noteId);
    const now = this.deps.clock.now();
    const claimed = await claimFeedback(this.deps.db, actor.teamId, knownId(noteId), actor.userId, now, false);
    const note = await this.note(actor, noteId);
    if (!claimed) return { changed: false, note, answer: this.alreadyHandled(note, member) };
    return { changed: true, note, answer: `Marked handled by ${mention(actor.userId)} on ${this.day(now, now, member)}.` };
  }

  /** The note an admin is about to reply to; refused when another admin handled it meanwhile. */
  async replyable(actor: Actor, noteId: number): Promise<InboxNote> {
    const member = await this.requireAdmin(actor, noteId);
    const note = await this.note(actor, noteId);
    if (note.handledAt) throw new UserError(this.alreadyHandled(note, member));
    return note;
  }

  /**
   * A private reply: the note is claimed as handled by this admin first, so a second reply (by
   * anyone) finds it handled and nothing is sent twice. The caller DMs the author.
   */
  async reply(actor: Actor, input: FeedbackReplyInput): Promise<{ toAuthor: FeedbackReply; noteId: number; programId: number; done: string }> {
    const member = await this.requireAdmin(actor, input.noteId);
    const now = this.deps.clock.now();
    const claimed = await claimFeedback(this.deps.db, actor.teamId, knownId(input.noteId), actor.userId, now, true);
    if (!claimed) throw new UserError(`${this.alreadyHandled(await this.note(actor, input.noteId), member)} Your reply was not sent.`);
    const author = await this.deps.directory.get(actor.teamId, claimed.author_id).catch(() => undefined);
    return {
      toAuthor: { teamId: actor.teamId, authorId: claimed.author_id, writtenOn: dayIn(claimed.created_at, author?.tz), today: dayIn(now, author?.tz), aboutPairing: claimed.pair_id !== null, text: input.text },
      noteId: claimed.id,
      programId: claimed.program_id,
      done: `Answered privately by ${mention(actor.userId)} on ${this.day(now, now, member)}.`,
    };
  }

  /** Remembers where each admin got a note by DM (the bot just sent them). */
  recordDms(note: FeedbackNote, dms: Array<{ adminId: string; channel: string; ts: string }>): Promise<void> {
    return recordFeedbackDms(this.deps.db, note.team_id, note.id, dms);
  }

  /** A note and every admin's DM of it, to show them all who handled it (admins only). */
  async copiesOf(actor: Actor, noteId: number): Promise<{ note: InboxNote; dms: Array<{ channel: string; ts: string }> }> {
    await this.requireAdmin(actor, noteId);
    const [note, dms] = await Promise.all([this.note(actor, noteId), feedbackDmsOf(this.deps.db, actor.teamId, knownId(noteId))]);
    return { note, dms };
  }

  /** An admin of the note's program (a note that does not exist is refused as one they may not see). */
  private async requireAdmin(actor: Actor, noteId: number): Promise<Member> {
    const member = await this.deps.directory.get(actor.teamId, actor.userId);
    const row = Number.isSafeInteger(noteId) ? await findInboxNote(this.deps.db, actor.teamId, noteId) : undefined;
    if (row) await adminProgram(this.deps, actor, { programId: row.program_id }, { member });
    else if ((await adminPrograms(this.deps, actor, { member })).choices.length === 0) throw new AccessError(ADMINS_ONLY);
    return member;
  }

  private async note(actor: Actor, noteId: number): Promise<InboxNote> {
    const row = Number.isSafeInteger(noteId) ? await findInboxNote(this.deps.db, actor.teamId, noteId) : undefined;
    if (!row) throw new UserError(NOTE_GONE);
    return inboxNote(row);
  }

  private alreadyHandled(note: InboxNote, reader: Member): string {
    const how = note.handledAt && note.handledBy ? ` by ${mention(note.handledBy)} on ${this.day(note.handledAt, this.deps.clock.now(), reader)}` : '';
    return `This note was already handled${how}.`;
  }

  private day(instant: Date, now: Date, reader: Member): string {
    return describeDayOf(instant, reader.tz, now);
  }
}
