import { USAGE } from '../../domain/command-parser.ts';

export interface Reply {
  text: string;
  blocks?: import('@slack/types').KnownBlock[];
}

/** The goal menu on Home: not a command, so it gets its own line. */
const GOAL_MENU_HELP =
  'On my Home tab each open goal has a menu: *Mark achieved* (any day), *Update progress* (tick its milestones), *Edit* and *Drop*. The session log can tick milestones too. Only the mentee decides whether a goal may be celebrated publicly.';

/** The review: opened from its reminder, not a command. */
const REVIEW_HELP =
  'At the review date you both get *Open review*: say what was achieved and what next; your partner sees your answers. Extending or concluding the pairing happens once your partner presses *Agree* (or *Let\'s talk* to decide together).';

/** The follow-up buttons in `/mentor help`: they have no command of their own. */
const FOLLOW_UP_HELP =
  'Following up: commitments from a session log wait on both Home tabs until the mentee presses *Done*; a mentor sees the advice they gave, with its follow-up dates and what came of it, and can press *Ask how it went* (once a week per piece); the reminder that you haven\'t met lately has *We met*, which records the session in one step.';

/** Booking the next session: a button, not a command. */
const BOOKING_HELP =
  '*Book next session* (on my Home tab, after logging a session, and on a reminder): pick a day and time in your own time zone; you both get the time in yours, calendar links and a calendar file, a prep message the working day before, and "Did you meet?" the day after, where *Yes* logs the session in one tap.';

/** Where feedback notes reach admins; they have no command of their own. */
const FEEDBACK_INBOX = 'Feedback inbox: each `/mentor feedback` note comes to every program admin by DM and waits in the Feedback section of my Home tab until one of you presses *Mark handled* or *Reply privately* (the author gets the reply from "the program admins").';

/** Pairings in several programs: no command of its own. */
const SEVERAL_PROGRAMS_HELP =
  'In pairings of several programs? My Home tab and `/mentor status` group them under each program; forms ask which pairing ("Theo · Spring cohort"), each pairing follows its own program\'s rules, and a note about a pairing or a program goes to that program\'s admins.';

/** How admin commands pick their program when a workspace has several. */
const PROGRAM_PICK = 'Several programs? Admin commands act on the program you name (`/mentor report Spring cohort`, `/mentor pair @a @b in Spring cohort`), else the one you picked last; the first time I ask *Which program?*, and a select on each reply, the settings modal and my Home tab switches (remembered).';

const NOT_PAIRED_HELP = 'Not in a pairing yet? Press *Join the program* on my Home tab (or type `/mentor join`) and tell me what you would like to grow or can offer; a program admin matches you, or, where mentees choose, you pick from three suggested mentors.';

/** A mentor's answer to a mentee's request: buttons, not a command. */
const REQUEST_HELP = 'Asked to mentor someone? The request DM has *Accept* (you are paired at once if you have a place left, and you both get a kickoff) and *Decline* (they are told kindly and shown other mentors).';

/** Open programs on Home, and who waits for a match. */
const JOIN_PROGRAMS_HELP = 'Programs you can join: my Home tab lists the open programs you are not in, with *Join as mentee* / *Join as mentor* (buddy programs: *Join*); each asks only that role’s questions and tells you what happens next.';
const WAITING_HELP = 'Waiting for a match: my Home tab names the mentees with no pairing yet and how long they have waited, the weekly digest counts them, and *Suggest pairs* runs `/mentor match` for that program.';
/** A program's end date: the members' wrap-up and the admins' end-of-program message; buttons, not commands. */
const PROGRAM_END_HELP = "A program's end: on its end date both members of each running pairing get \"<program> ends on <day>: time to wrap up\" with *Open review* (conclude, or go on).";
const PROGRAM_END_ADMIN_HELP =
  "Program end: on a program's end date its admins get one DM with the graduation shout-out (naming only mentees who agreed to celebrate a goal publicly; *Post to #channel*), the final report and *Carry over pairings* (move the running pairings into another program you run instead of ending them). Once its last pairing has ended the program is archived by itself.";

export interface HelpGroup {
  title: string;
  lines: readonly string[];
  /** Shown only to program admins. */
  adminsOnly?: boolean;
}

/** `/mentor help` (and the README's "Using it") in the order people meet things: one line per command or button. */
export const HELP_GROUPS: readonly HelpGroup[] = [
  { title: 'Get started', lines: [NOT_PAIRED_HELP, JOIN_PROGRAMS_HELP, USAGE.join, USAGE.suggestions, REQUEST_HELP, USAGE.status, USAGE.goal, USAGE.help] },
  { title: 'Each session', lines: [USAGE.log, GOAL_MENU_HELP, BOOKING_HELP, SEVERAL_PROGRAMS_HELP] },
  { title: 'Follow up', lines: [USAGE.loops, USAGE.feedback, USAGE.pause, USAGE.resume, USAGE.mute, USAGE.unmute, USAGE['my-data'], USAGE['delete-my-data'], FOLLOW_UP_HELP, REVIEW_HELP, PROGRAM_END_HELP] },
  { title: 'Admins', adminsOnly: true, lines: [USAGE.pair, USAGE.end, USAGE.match, USAGE.celebrate, USAGE.report, USAGE.export, USAGE.settings, USAGE.admins, USAGE.program, USAGE.announce, WAITING_HELP, PROGRAM_PICK, PROGRAM_END_ADMIN_HELP, FEEDBACK_INBOX] },
];

export function helpText(isAdmin: boolean): string {
  const groups = HELP_GROUPS.filter((group) => isAdmin || !group.adminsOnly);
  return [
    "*I keep mentoring pairs moving.* Set goals, log your sessions, and close the loop on advice: tell your mentor what happened when you used it. I'll nudge gently when you haven't met for a while.",
    ...groups.flatMap((group) => ['', `*${group.title}*`, ...group.lines.map((line) => `• ${line}`)]),
    '',
    'Your private notes are only ever visible to you and your partner.',
  ].join('\n');
}

/** A short explanation plus the usage line that fits, for anything malformed. */
export function usageReply(reason: string, usage: string | undefined): Reply {
  return { text: usage ? `${reason}\nUsage: ${usage}` : `${reason}\nTry \`/mentor help\`.` };
}
