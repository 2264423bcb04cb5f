import type { ModalView } from '@slack/types';
import { escapeMrkdwn, mention } from '../../domain/mrkdwn.ts';
import type { ErasureResult, PersonalDataFile } from '../../services/personal-data-service.ts';
import { DELETE_MY_DATA_CALLBACK } from '../ids.ts';
import { context, section } from './blocks.ts';
import type { Reply } from './help-message.ts';
import { modal } from './modal-parts.ts';

export const MY_DATA_PREPARING = ":file_folder: I'm putting it together; it will arrive in our DM in a moment.";

/** The message the file arrives with in the person's DM. */
export function myDataComment(file: PersonalDataFile): string {
  return `:file_folder: Everything I hold about you, as of today: your profile, your ${file.pairings === 1 ? 'pairing' : 'pairings'} (${file.pairings}) with goals, sessions, notes, advice and outcomes, your feedback notes, and the reminders I sent you. Only you received this file. \`/mentor delete-my-data\` deletes your private text.`;
}

export function myDataDelivered(file: PersonalDataFile): Reply {
  return { text: `:white_check_mark: Your data is in our DM: \`${file.filename}\`.` };
}

/** A failed upload; `code` is Slack's error when it gave one. */
export function myDataFailed(code: string | undefined): Reply {
  const why = code ? `Slack answered \`${escapeMrkdwn(code)}\`` : 'the upload to Slack did not go through';
  return { text: `:warning: I couldn't send your data: ${why}. Nothing was shared; please try \`/mentor my-data\` again in a minute.` };
}

const DELETED = [
  'your feedback notes to program admins',
  'the topics and private notes of the sessions you logged',
  'the advice written in your pairings and what came of it',
  'the goals and milestones you set as a mentee, and the agendas you added to booked sessions',
  'your matching profile (skills, strengths, capacity)',
  'your name as I copied it from Slack, and the text of reminders I sent you',
];

const KEPT = 'Anonymous counts stay so the program\'s figures add up: that sessions took place (their dates and minutes), how many goals were reached and how much advice was reported back on. Your Slack user id stays on those rows; no words of yours do.';

/** The confirmation modal: what is deleted, what stays, and that running pairings end. */
export function deleteMyDataModal(): ModalView {
  return modal(DELETE_MY_DATA_CALLBACK, 'Delete my data', 'Delete', [
    section(`*This deletes, for good:*\n${DELETED.map((line) => `• ${line}`).join('\n')}`),
    section(`*What stays:* ${KEPT}`),
    section('*Your pairings end.* Your partners are told kindly that the pairing has ended; they do not see why.'),
    context('This cannot be undone. Want a copy first? Cancel and run `/mentor my-data`.'),
  ]);
}

/** What the modal shows once the deletion ran. */
export function erasureConfirmation(result: ErasureResult): { title: string; text: string } {
  if (result.nothingLeft) {
    return { title: 'Nothing left', text: "There's nothing left to delete: I hold no private text or profile of yours, and you are in no running pairing. Only anonymous counts remain." };
  }
  const ended = result.endedPairs.length;
  const pairs = ended === 0 ? '' : ` Your ${ended === 1 ? 'pairing has' : `${ended} pairings have`} ended and your ${ended === 1 ? 'partner has' : 'partners have'} been told.`;
  return { title: 'Data deleted', text: `:wastebasket: Done. Your private text and profile are deleted; only anonymous counts remain.${pairs}` };
}

/** The DM to the partner of someone who deleted their data: kind, and without the reason. */
export function partnerLeftMessage(leaverId: string): Reply {
  return {
    text: `:wave: Your mentoring pairing with ${mention(leaverId)} has ended: they have stepped away from the program. Thank you for the time and care you gave it. A program admin can pair you with someone new, and \`/mentor join\` keeps your profile ready for matching.`,
  };
}
