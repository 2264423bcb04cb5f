import type { KnownBlock, ModalView } from '@slack/types';
import { describeDay, relativeDay, type CalendarDay } from '../../domain/calendar.ts';
import { LIMITS } from '../../domain/inputs.ts';
import { escapeMrkdwn, mention, truncate } from '../../domain/mrkdwn.ts';
import type { FeedbackReply, InboxNote } from '../../services/feedback-service.ts';
import { FEEDBACK_ACTION, FEEDBACK_FIELD, FEEDBACK_REPLY_CALLBACK, feedbackActionsBlockId } from '../ids.ts';
import { actions, button, context, header, MAX_SECTION_TEXT, section, withRowDone } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { modal, textInput } from './modal-parts.ts';

/** Notes on Home are shortened to this; the DM each admin got holds the whole note. */
const HOME_NOTE_CHARS = 600;

/** "About Maya → Theo" or "About the program", and who wrote it when they chose to be named. */
function aboutLine(note: InboxNote): string {
  const about = note.pair ? `About the pairing ${mention(note.pair.mentorId)} → ${mention(note.pair.menteeId)}` : 'About the program as a whole';
  const from = note.authorId ? `from ${mention(note.authorId)}` : 'from someone who chose not to be named';
  return `${about}, ${from}`;
}

/** The note as a quote; person-written text, escaped and kept within Slack's limits. */
function quoted(body: string, max: number): string {
  const quote = escapeMrkdwn(body)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');
  return truncate(quote, max);
}

export function feedbackButtons(noteId: number): KnownBlock {
  return actions(
    feedbackActionsBlockId(noteId),
    button('Mark handled', FEEDBACK_ACTION.markHandled, String(noteId), 'primary'),
    button('Reply privately', FEEDBACK_ACTION.reply, String(noteId)),
  );
}

/** The DM every program admin gets when a note is written. */
export function feedbackNoteMessage(note: InboxNote): Reply {
  return {
    text: 'New private feedback for program admins',
    blocks: [
      section(`:lock: *New private feedback* for program admins. ${aboutLine(note)}.`),
      section(quoted(note.body, MAX_SECTION_TEXT)),
      context('Only program admins get this. The partner in the pairing is never told. *Reply privately* DMs the author as "the program admins", without your name.'),
      feedbackButtons(note.id),
    ],
  };
}

/** An admin's DM of a note once it was handled: the buttons give way to who handled it. */
export function feedbackNoteDoneMessage(note: InboxNote, done: string): Reply {
  const message = feedbackNoteMessage(note);
  return { text: message.text, blocks: withRowDone(message.blocks ?? [], feedbackActionsBlockId(note.id), done) };
}

/** The admin Home's Feedback section: unhandled notes, newest first, with their age and buttons. */
export function feedbackInboxBlocks(inbox: { notes: Array<InboxNote & { writtenOn: CalendarDay }>; total: number }, today: CalendarDay): KnownBlock[] {
  if (inbox.notes.length === 0) return [header('Feedback (admins)'), context('No feedback notes waiting. New ones reach every program admin by DM and wait here until handled.')];
  const blocks: KnownBlock[] = [header(`Feedback (admins): ${inbox.total} waiting`)];
  for (const note of inbox.notes) {
    blocks.push(section(`*${relativeDay(note.writtenOn, today)}* (${describeDay(note.writtenOn, today)}). ${aboutLine(note)}.\n${quoted(note.body, HOME_NOTE_CHARS)}`), feedbackButtons(note.id));
  }
  if (inbox.total > inbox.notes.length) blocks.push(context(`…and ${inbox.total - inbox.notes.length} older notes, shown here as these are handled.`));
  return blocks;
}

/** "Reply privately": the note, and the reply the author will get from "the program admins". */
export function feedbackReplyModal(note: InboxNote): ModalView {
  const view = modal(FEEDBACK_REPLY_CALLBACK, 'Reply privately', 'Send reply', [
    section(quoted(note.body, MAX_SECTION_TEXT)),
    textInput(FEEDBACK_FIELD.reply, 'Your reply', { multiline: true, maxLength: LIMITS.feedbackReply }),
    context('The author gets this by DM from "the program admins", without your name. Sending it marks the note handled.'),
  ]);
  return { ...view, private_metadata: JSON.stringify({ noteId: note.id }) };
}

/** The reply as its author gets it: from the program admins, naming no one else. */
export function feedbackReplyMessage(reply: FeedbackReply): Reply {
  const about = reply.aboutPairing ? 'your private note about your pairing' : 'your private note about the program';
  return {
    text: 'A private reply from the program admins',
    blocks: [
      section(`:lock: *A private reply from the program admins* to ${about} of ${describeDay(reply.writtenOn, reply.today)}:`),
      section(quoted(reply.text, MAX_SECTION_TEXT)),
      context('Only you got this. To answer, send another note with `/mentor feedback`.'),
    ],
  };
}
