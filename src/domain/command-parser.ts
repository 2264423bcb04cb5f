import { DURATION_HELP, parseDuration, type Duration } from './durations.ts';
import { escapeMrkdwn, truncate } from './mrkdwn.ts';

/** What `/mentor …` asked for, after the text is checked; `invalid` carries a reason and usage. */
export type MentorCommand =
  | { kind: 'help' }
  | { kind: 'goal' }
  | { kind: 'log' }
  | { kind: 'loops' }
  | { kind: 'status' }
  | { kind: 'feedback' }
  | { kind: 'pause'; duration: Duration | undefined; partner: string | undefined }
  | { kind: 'resume'; partner: string | undefined }
  | { kind: 'mute'; duration: Duration | undefined }
  | { kind: 'unmute' }
  | { kind: 'pair'; mentor: string; mentee: string; cadence: Duration | undefined; reverse: boolean; program?: string }
  | { kind: 'end'; mentor: string; mentee: string; program?: string }
  | { kind: 'admins'; action: 'list'; program?: string }
  | { kind: 'admins'; action: 'add' | 'remove'; user: string; program?: string }
  | { kind: 'celebrate'; people: string[]; program?: string }
  | { kind: 'report'; program?: string }
  | { kind: 'export'; program?: string }
  | { kind: 'settings'; program?: string }
  | { kind: 'join' }
  | { kind: 'match'; program?: string }
  | { kind: 'suggestions' }
  | { kind: 'my-data' }
  | { kind: 'delete-my-data' }
  | { kind: 'program-new' }
  | { kind: 'program-list' }
  | { kind: 'program-edit'; name: string }
  | { kind: 'program-archive'; name: string }
  | { kind: 'program-carry-over'; name: string }
  | { kind: 'announce'; channel: string; program: string | undefined }
  | { kind: 'invalid'; reason: string; usage: string | undefined };

export const USAGE = {
  help: '`/mentor help`: what I do and the commands you can use',
  goal: '`/mentor goal`: set a goal for your pairing',
  log: '`/mentor log`: log a mentoring session',
  loops: '`/mentor loops`: advice to report back on, each with a *Close the loop* button to tell your mentor how it went',
  status: '`/mentor status`: your pairings at a glance',
  pause: '`/mentor pause [2w] [@partner]`: pause reminders for a pairing, for a while or until you resume',
  resume: '`/mentor resume [@partner]`: resume a paused pairing',
  feedback: '`/mentor feedback`: a private note about your pairing or the program that only program admins read (with or without your name); they can reply to you privately',
  mute: '`/mentor mute [2w]`: stop all reminders to you, for a while or until you unmute',
  unmute: '`/mentor unmute`: start reminders again',
  pair: '`/mentor pair @mentor @mentee [every 2w] [reverse] [in <program>]`: pair two people (admins)',
  end: '`/mentor end @mentor @mentee [in <program>]`: conclude a pairing (admins)',
  admins: '`/mentor admins [add|remove @person] [program]`: list, grant or revoke a program’s admins (admins)',
  join: '`/mentor join`: your mentoring profile: skills to grow or to offer, for matching',
  celebrate: '`/mentor celebrate [@person …] [in <program>]`: post a shout-out in a channel (admins)',
  report: '`/mentor report [program]`: program health (admins)',
  export: '`/mentor export [program]`: program data as CSV files in a DM, without private text (admins)',
  settings: '`/mentor settings [program]`: program rules: cadence, reminders, working hours, celebrations (admins)',
  match: '`/mentor match [program]`: suggested pairs for unpaired mentees (admins)',
  suggestions: '`/mentor suggestions`: where mentees choose their mentor, your three best-fitting mentors with why each fits, and an *Ask* button each',
  'my-data': '`/mentor my-data`: a file in our DM with everything I hold about you',
  'delete-my-data': '`/mentor delete-my-data`: delete your private notes and profile (asks first; anonymous counts stay)',
  announce: '`/mentor announce #channel [program]`: post a program’s card with Join as mentee / Join as mentor buttons (admins)',
  program: '`/mentor program new | list | edit <name> | archive <name> | carry-over <name>`: programs (cohorts), each with its own admins, dates and channel; `carry-over` moves a program’s running pairings into another (admins)',
} as const;

// With should_escape on, Slack sends `<@U123|name>`; older clients may send `<@U123>`.
const MENTION = /^<@([UW][A-Z0-9]{2,})(?:\|[^>]*)?>$/;
// Channels arrive as `<#C123|name>` (or `<#C123|>` for a channel the sender's client does not name).
const CHANNEL = /^<#([CG][A-Z0-9]{2,})(?:\|[^>]*)?>$/;

/** Echoes what someone typed back to them: shortened on a character boundary and escaped. */
function quote(token: string, max = 30): string {
  return escapeMrkdwn(truncate(token, max));
}

function userMention(token: string | undefined): string | undefined {
  return token ? MENTION.exec(token)?.[1] : undefined;
}

function invalid(reason: string, usage: keyof typeof USAGE | undefined): MentorCommand {
  return { kind: 'invalid', reason, usage: usage ? USAGE[usage] : undefined };
}

function looksLikePlainName(token: string | undefined): boolean {
  return token !== undefined && token.startsWith('@');
}

function mentionProblem(token: string | undefined, who: string): string {
  if (token === undefined) return `Please mention the ${who}.`;
  if (looksLikePlainName(token)) return `I couldn't read ${quote(token, 40)} as a person: pick them from the @ menu so Slack links the name.`;
  return `"${quote(token, 40)}" is not a mention of a person: mention the ${who} with @.`;
}

export function parseMentorCommand(text: string): MentorCommand {
  const tokens = text.trim().split(/\s+/).filter(Boolean);
  const [first, ...rest] = tokens;
  const name = (first ?? 'help').toLowerCase();
  switch (name) {
    case 'help':
    case 'goal':
    case 'log':
    case 'loops':
    case 'status':
    case 'feedback':
      if (rest.length > 0 && name !== 'help') return invalid(`\`${name}\` takes no extra words.`, name);
      return { kind: name };
    case 'pause':
      return parsePause(rest);
    case 'resume': {
      if (rest.length > 1) return invalid('`resume` takes at most one person.', 'resume');
      const partner = userMention(rest[0]);
      if (rest[0] !== undefined && !partner) return invalid(mentionProblem(rest[0], 'partner'), 'resume');
      return { kind: 'resume', partner };
    }
    case 'mute': {
      if (rest.length > 1) return invalid('`mute` takes at most one duration.', 'mute');
      const duration = rest[0] === undefined ? undefined : parseDuration(rest[0]);
      if (rest[0] !== undefined && !duration) return invalid(`"${quote(rest[0])}" is not a duration. ${DURATION_HELP}`, 'mute');
      return { kind: 'mute', duration };
    }
    case 'unmute':
      if (rest.length > 0) return invalid('`unmute` takes no extra words.', 'unmute');
      return { kind: 'unmute' };
    case 'pair':
      return parsePair(rest);
    case 'end': {
      const [mentor, mentee] = [userMention(rest[0]), userMention(rest[1])];
      if (!mentor) return invalid(mentionProblem(rest[0], 'mentor'), 'end');
      if (!mentee) return invalid(mentionProblem(rest[1], 'mentee'), 'end');
      const program = afterIn(rest.slice(2));
      if (rest.length > 2 && !program) return invalid('`end` takes just the mentor and the mentee.', 'end');
      return { kind: 'end', mentor, mentee, ...program };
    }
    case 'admins':
      return parseAdmins(rest);
    case 'report':
    case 'export':
    case 'settings':
    case 'match':
      return { kind: name, ...trailingProgram(rest) };
    case 'suggestions':
    case 'join':
      if (rest.length > 0) return invalid(`\`${name}\` takes no extra words.`, name);
      return { kind: name };
    case 'my-data':
    case 'delete-my-data':
      if (rest.length > 0) return invalid(`\`${name}\` takes no extra words.`, name);
      return { kind: name };
    case 'program':
      return parseProgram(rest);
    case 'announce': {
      const channel = CHANNEL.exec(rest[0] ?? '')?.[1];
      if (!channel) {
        return invalid(rest[0] === undefined || !rest[0].startsWith('#') ? 'Name the channel to post in, as #channel.' : `I couldn't read ${quote(rest[0], 40)} as a channel: pick it from the # menu so Slack links it.`, 'announce');
      }
      return { kind: 'announce', channel, program: programNameOf(rest.slice(1)) || undefined };
    }
    case 'celebrate': {
      const people: string[] = [];
      for (const [i, token] of rest.entries()) {
        const program = token.toLowerCase() === 'in' ? afterIn(rest.slice(i)) : undefined;
        if (program) return { kind: 'celebrate', people, ...program };
        const user = userMention(token);
        if (!user) return invalid(mentionProblem(token, 'person to celebrate'), 'celebrate');
        if (!people.includes(user)) people.push(user);
      }
      return { kind: 'celebrate', people };
    }
    default:
      return invalid(`I don't know \`${quote(first!)}\`.`, 'help');
  }
}

function parsePause(rest: string[]): MentorCommand {
  let duration: Duration | undefined;
  let partner: string | undefined;
  for (const token of rest) {
    const user = userMention(token);
    if (user) {
      if (partner) return invalid('`pause` takes at most one person.', 'pause');
      partner = user;
      continue;
    }
    const parsed = parseDuration(token);
    if (parsed) {
      if (duration) return invalid('`pause` takes at most one duration.', 'pause');
      duration = parsed;
      continue;
    }
    if (looksLikePlainName(token) || token.startsWith('<')) return invalid(mentionProblem(token, 'partner'), 'pause');
    return invalid(`"${quote(token)}" is not a duration. ${DURATION_HELP}`, 'pause');
  }
  return { kind: 'pause', duration, partner };
}

function parsePair(rest: string[]): MentorCommand {
  const [mentorToken, menteeToken, ...options] = rest;
  const mentor = userMention(mentorToken);
  if (!mentor) return invalid(mentionProblem(mentorToken, 'mentor'), 'pair');
  const mentee = userMention(menteeToken);
  if (!mentee) return invalid(mentionProblem(menteeToken, 'mentee'), 'pair');
  if (mentor === mentee) return invalid('A person cannot mentor themselves: mention two different people.', 'pair');
  let cadence: Duration | undefined;
  let reverse = false;
  for (let i = 0; i < options.length; i += 1) {
    const word = options[i]!.toLowerCase();
    const program = word === 'in' ? afterIn(options.slice(i)) : undefined;
    if (program) return { kind: 'pair', mentor, mentee, cadence, reverse, ...program };
    if (word === 'reverse') {
      reverse = true;
    } else if (word === 'every') {
      const parsed = options[i + 1] ? parseDuration(options[i + 1]!) : undefined;
      if (!parsed) return invalid(`After \`every\` give how often they meet. ${DURATION_HELP}`, 'pair');
      cadence = parsed;
      i += 1;
    } else if (parseDuration(word)) {
      cadence = parseDuration(word);
    } else {
      return invalid(`I don't understand "${quote(options[i]!)}".`, 'pair');
    }
  }
  return { kind: 'pair', mentor, mentee, cadence, reverse };
}

function parseAdmins(rest: string[]): MentorCommand {
  if (rest.length === 0) return { kind: 'admins', action: 'list' };
  const action = rest[0]!.toLowerCase();
  if (action === 'list') return { kind: 'admins', action: 'list', ...trailingProgram(rest.slice(1)) };
  if (action === 'in' && afterIn(rest)) return { kind: 'admins', action: 'list', ...afterIn(rest) };
  if (action !== 'add' && action !== 'remove') return invalid(`\`admins\` takes \`add\` or \`remove\`, not "${quote(rest[0]!, 20)}".`, 'admins');
  const user = userMention(rest[1]);
  if (!user) return invalid(mentionProblem(rest[1], 'person'), 'admins');
  const more = rest.slice(2);
  if (more.some((token) => userMention(token) || looksLikePlainName(token))) return invalid('Grant or revoke one person at a time.', 'admins');
  return { kind: 'admins', action, user, ...trailingProgram(more) };
}

/** `in <program>` at the start of `tokens`: the program's name, or nothing when there is none. */
function afterIn(tokens: string[]): { program: string } | undefined {
  if (tokens[0]?.toLowerCase() !== 'in') return undefined;
  const program = programNameOf(tokens.slice(1));
  return program ? { program } : undefined;
}

/** The words after an admin command name its program, with or without `in`. */
function trailingProgram(tokens: string[]): { program?: string } {
  const program = afterIn(tokens)?.program ?? programNameOf(tokens);
  return program ? { program } : {};
}

/** Slack escapes &, < and > in command text; a name may also come in quotes. */
function programNameOf(tokens: string[]): string {
  return tokens
    .join(' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/^["“”'‘’]+|["“”'‘’]+$/g, '')
    .trim();
}

function parseProgram(rest: string[]): MentorCommand {
  const [first, ...words] = rest;
  const action = (first ?? 'list').toLowerCase();
  switch (action) {
    case 'new':
    case 'list':
      if (words.length > 0) return invalid(`\`program ${action}\` takes no extra words${action === 'new' ? ': the name goes in the form' : ''}.`, 'program');
      return { kind: action === 'new' ? 'program-new' : 'program-list' };
    case 'edit':
    case 'archive': {
      const name = programNameOf(words);
      if (!name) return invalid(`Name the program to ${action}, as \`/mentor program list\` shows it.`, 'program');
      return { kind: action === 'edit' ? 'program-edit' : 'program-archive', name };
    }
    case 'carry-over': {
      const name = programNameOf(words);
      if (!name) return invalid('Name the program whose running pairings move, as `/mentor program list` shows it.', 'program');
      return { kind: 'program-carry-over', name };
    }
    default:
      return invalid(`\`program\` takes \`new\`, \`list\`, \`edit\`, \`archive\` or \`carry-over\`, not "${quote(first!, 20)}".`, 'program');
  }
}
