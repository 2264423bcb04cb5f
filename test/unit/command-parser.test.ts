import { describe, expect, it } from 'vitest';
import { parseMentorCommand, USAGE, type MentorCommand } from '../../src/domain/command-parser.ts';
import { DURATION_HELP } from '../../src/domain/durations.ts';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** The reason of an `invalid` result; fails the test when the command was accepted. */
function reasonOf(text: string): { reason: string; usage: string | undefined } {
  const result = parseMentorCommand(text);
  if (result.kind !== 'invalid') throw new Error(`expected invalid for ${JSON.stringify(text)}, got ${JSON.stringify(result)}`);
  return { reason: result.reason, usage: result.usage };
}

describe('parseMentorCommand: simple subcommands', () => {
  it.each([
    ['', { kind: 'help' }],
    ['   ', { kind: 'help' }],
    ['\t\n', { kind: 'help' }],
    ['help', { kind: 'help' }],
    ['help me please', { kind: 'help' }],
    ['goal', { kind: 'goal' }],
    ['log', { kind: 'log' }],
    ['loops', { kind: 'loops' }],
    ['status', { kind: 'status' }],
    ['feedback', { kind: 'feedback' }],
    ['  status  ', { kind: 'status' }],
  ] as Array<[string, MentorCommand]>)('%j → %j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['HELP', 'help'],
    ['Goal', 'goal'],
    ['LOG', 'log'],
    ['LoOpS', 'loops'],
    ['STATUS', 'status'],
    ['Feedback', 'feedback'],
  ])('subcommand names are case-insensitive: %j', (text, kind) => {
    expect(parseMentorCommand(text)).toEqual({ kind });
  });

  it.each(['goal', 'log', 'loops', 'status', 'feedback'] as const)('`%s` with extra words is invalid and shows its own usage', (name) => {
    expect(parseMentorCommand(`${name} something else`)).toEqual({
      kind: 'invalid',
      reason: `\`${name}\` takes no extra words.`,
      usage: USAGE[name],
    });
  });
});

describe('parseMentorCommand: pair', () => {
  it.each([
    ['pair <@U111|alice> <@U222|bob>', { mentor: 'U111', mentee: 'U222', cadence: undefined, reverse: false }],
    ['pair <@U111> <@U222>', { mentor: 'U111', mentee: 'U222', cadence: undefined, reverse: false }],
    ['pair <@U111|alice> <@W222>', { mentor: 'U111', mentee: 'W222', cadence: undefined, reverse: false }],
    ['pair <@U111|alice> <@U222|bob> every 2w', { mentor: 'U111', mentee: 'U222', cadence: { days: 14, label: '2 weeks' }, reverse: false }],
    ['pair <@U111|alice> <@U222|bob> every 14d', { mentor: 'U111', mentee: 'U222', cadence: { days: 14, label: '14 days' }, reverse: false }],
    ['pair <@U111|alice> <@U222|bob> monthly', { mentor: 'U111', mentee: 'U222', cadence: { days: 30, label: 'a month' }, reverse: false }],
    ['pair <@U111|alice> <@U222|bob> every monthly', { mentor: 'U111', mentee: 'U222', cadence: { days: 30, label: 'a month' }, reverse: false }],
    ['pair <@U111|alice> <@U222|bob> reverse', { mentor: 'U111', mentee: 'U222', cadence: undefined, reverse: true }],
    ['pair <@U111|alice> <@U222|bob> every 1w reverse', { mentor: 'U111', mentee: 'U222', cadence: { days: 7, label: '1 week' }, reverse: true }],
    ['pair <@U111|alice> <@U222|bob> reverse every 3w', { mentor: 'U111', mentee: 'U222', cadence: { days: 21, label: '3 weeks' }, reverse: true }],
    ['PAIR <@U111|alice> <@U222|bob> EVERY 2W REVERSE', { mentor: 'U111', mentee: 'U222', cadence: { days: 14, label: '2 weeks' }, reverse: true }],
    ['  pair   <@U111|alice.smith>    <@U222|bob>   every   2w  ', { mentor: 'U111', mentee: 'U222', cadence: { days: 14, label: '2 weeks' }, reverse: false }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'pair', ...expected });
  });

  it('rejects pairing a person with themselves, even when the labels differ', () => {
    expect(parseMentorCommand('pair <@U111|alice> <@U111|alice>')).toEqual({
      kind: 'invalid',
      reason: 'A person cannot mentor themselves: mention two different people.',
      usage: USAGE.pair,
    });
    expect(reasonOf('pair <@U111|alice> <@U111>').reason).toMatch(/cannot mentor themselves/);
  });

  it.each([
    ['pair', 'Please mention the mentor.'],
    ['pair <@U111|alice>', 'Please mention the mentee.'],
    ['pair <@U111>', 'Please mention the mentee.'],
  ])('missing people: %j → %j', (text, reason) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'invalid', reason, usage: USAGE.pair });
  });

  it.each([
    ['pair @alice @bob', '@alice'],
    ['pair <@U111|alice> @bob', '@bob'],
    ['pair @alice <@U222|bob>', '@alice'],
  ])('plain @names are not mentions: %j tells people to pick %s from the @ menu', (text, who) => {
    const { reason, usage } = reasonOf(text);
    expect(reason).toContain(who);
    expect(reason).toContain('pick them from the @ menu');
    expect(usage).toBe(USAGE.pair);
  });

  it.each([
    ['pair alice bob', 'mentor'],
    ['pair <@U111|alice> bob', 'mentee'],
    ['pair <#C123|general> <@U222>', 'mentor'],
    ['pair <!channel> <@U222>', 'mentor'],
    ['pair <@u111> <@U222>', 'mentor'],
    ['pair <@U1> <@U222>', 'mentor'],
  ])('non-mentions: %j names the %s', (text, who) => {
    const { reason, usage } = reasonOf(text);
    expect(reason).toContain(`mention the ${who} with @`);
    expect(usage).toBe(USAGE.pair);
  });

  it.each([
    ['pair <@U111> <@U222> every', /After `every` give how often they meet/],
    ['pair <@U111> <@U222> every reverse', /After `every` give how often they meet/],
    ['pair <@U111> <@U222> every 0w', /After `every`/],
    ['pair <@U111> <@U222> every 2x', /After `every`/],
    ['pair <@U111> <@U222> every 400d', /After `every`/],
    ['pair <@U111> <@U222> every constructor', /After `every`/],
    ['pair <@U111> <@U222> __proto__', /I don't understand "__proto__"/],
    ['pair <@U111> <@U222> sometimes', /I don't understand "sometimes"/],
    ['pair <@U111> <@U222> reverse please', /I don't understand "please"/],
    ['pair <@U111> <@U222> <@U333>', /I don't understand "&lt;@U333&gt;"/],
  ])('junk options: %j', (text, reason) => {
    const result = reasonOf(text);
    expect(result.reason).toMatch(reason);
    expect(result.usage).toBe(USAGE.pair);
  });

  it('explains the duration formats after a bad `every`', () => {
    expect(reasonOf('pair <@U111> <@U222> every often').reason).toContain(DURATION_HELP);
  });
});

describe('parseMentorCommand: pause and resume', () => {
  it.each([
    ['pause', { duration: undefined, partner: undefined }],
    ['pause 2w', { duration: { days: 14, label: '2 weeks' }, partner: undefined }],
    ['pause 14d', { duration: { days: 14, label: '14 days' }, partner: undefined }],
    ['pause monthly', { duration: { days: 30, label: 'a month' }, partner: undefined }],
    ['PAUSE 1W', { duration: { days: 7, label: '1 week' }, partner: undefined }],
    ['pause <@U222|bob>', { duration: undefined, partner: 'U222' }],
    ['pause <@U222>', { duration: undefined, partner: 'U222' }],
    ['pause 2w <@U222|bob>', { duration: { days: 14, label: '2 weeks' }, partner: 'U222' }],
    ['pause <@U222|bob> 2w', { duration: { days: 14, label: '2 weeks' }, partner: 'U222' }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'pause', ...expected });
  });

  it.each([
    ['pause forever', '"forever" is not a duration.'],
    ['pause 0d', '"0d" is not a duration.'],
    ['pause 2 weeks', '"2" is not a duration.'],
    ['pause 1.5w', '"1.5w" is not a duration.'],
    ['pause 400d', '"400d" is not a duration.'],
    ['pause -1w', '"-1w" is not a duration.'],
    ['pause constructor', '"constructor" is not a duration.'],
    ['pause __proto__', '"__proto__" is not a duration.'],
  ])('bad duration %j', (text, start) => {
    const { reason, usage } = reasonOf(text);
    expect(reason.startsWith(start)).toBe(true);
    expect(reason).toContain(DURATION_HELP);
    expect(usage).toBe(USAGE.pause);
  });

  it('a plain @name as the partner asks to pick from the @ menu', () => {
    const { reason, usage } = reasonOf('pause 2w @bob');
    expect(reason).toContain('@bob');
    expect(reason).toContain('pick them from the @ menu');
    expect(usage).toBe(USAGE.pause);
  });

  it('a channel link is not a partner', () => {
    expect(reasonOf('pause <#C123|general>').reason).toContain('is not a mention of a person');
  });

  // Both tokens are well-formed; the reason must not claim otherwise.
  it('two partners: the reason does not claim a valid mention is not a mention', () => {
    const { reason, usage } = reasonOf('pause <@U111|alice> <@U222|bob>');
    expect(usage).toBe(USAGE.pause);
    expect(reason).not.toContain('is not a mention');
  });

  it('two durations: the reason does not claim a valid duration is not a duration', () => {
    const { reason, usage } = reasonOf('pause 2w 3w');
    expect(usage).toBe(USAGE.pause);
    expect(reason).not.toContain('"3w" is not a duration');
  });

  it.each([
    ['resume', { kind: 'resume', partner: undefined }],
    ['RESUME', { kind: 'resume', partner: undefined }],
    ['resume <@U222|bob>', { kind: 'resume', partner: 'U222' }],
    ['resume <@U222>', { kind: 'resume', partner: 'U222' }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['resume @bob', /pick them from the @ menu/],
    ['resume bob', /not a mention of a person: mention the partner with @/],
    ['resume <@U111> <@U222>', /at most one person/],
  ])('%j is invalid', (text, reason) => {
    const result = reasonOf(text);
    expect(result.reason).toMatch(reason);
    expect(result.usage).toBe(USAGE.resume);
  });
});

describe('parseMentorCommand: end', () => {
  it.each([
    ['end <@U111|alice> <@U222|bob>', { kind: 'end', mentor: 'U111', mentee: 'U222' }],
    ['END <@U111> <@U222>', { kind: 'end', mentor: 'U111', mentee: 'U222' }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['end', 'Please mention the mentor.'],
    ['end <@U111>', 'Please mention the mentee.'],
    ['end <@U111> <@U222> now', '`end` takes just the mentor and the mentee.'],
  ])('%j → %j', (text, reason) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'invalid', reason, usage: USAGE.end });
  });

  it.each(['end @alice @bob', 'end <@U111> @bob'])('%j asks to pick from the @ menu', (text) => {
    expect(reasonOf(text).reason).toContain('pick them from the @ menu');
  });
});

describe('parseMentorCommand: admins', () => {
  it.each([
    ['admins', { kind: 'admins', action: 'list' }],
    ['admins list', { kind: 'admins', action: 'list' }],
    ['ADMINS LIST', { kind: 'admins', action: 'list' }],
    ['admins add <@U333|carol>', { kind: 'admins', action: 'add', user: 'U333' }],
    ['admins ADD <@U333>', { kind: 'admins', action: 'add', user: 'U333' }],
    ['admins remove <@U333|carol>', { kind: 'admins', action: 'remove', user: 'U333' }],
    ['Admins Remove <@W333>', { kind: 'admins', action: 'remove', user: 'W333' }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['admins grant <@U333>', /`admins` takes `add` or `remove`, not "grant"/],
    ['admins add', /Please mention the person/],
    ['admins remove', /Please mention the person/],
    ['admins add @carol', /pick them from the @ menu/],
    ['admins add carol', /mention the person with @/],
    ['admins add <@U333> <@U444>', /one person at a time/],
  ])('%j is invalid', (text, reason) => {
    const result = reasonOf(text);
    expect(result.reason).toMatch(reason);
    expect(result.usage).toBe(USAGE.admins);
  });
});

describe('parseMentorCommand: mute and unmute', () => {
  it.each([
    ['mute', { kind: 'mute', duration: undefined }],
    ['MUTE 2w', { kind: 'mute', duration: { days: 14, label: '2 weeks' } }],
    ['mute monthly', { kind: 'mute', duration: { days: 30, label: 'a month' } }],
    ['unmute', { kind: 'unmute' }],
  ])('%j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['mute forever', /"forever" is not a duration/],
    ['mute 1w 2w', /at most one duration/],
    ['unmute now', /takes no extra words/],
  ])('%j is refused with a reason', (text, reason) => {
    const parsed = parseMentorCommand(text);
    expect(parsed.kind).toBe('invalid');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(reason);
  });
});

describe('parseMentorCommand: unknown and later commands', () => {
  it.each(['join', 'suggestions', 'my-data', 'delete-my-data'])('`%s` parses, and refuses extra words', (name) => {
    expect(parseMentorCommand(name)).toEqual({ kind: name });
    expect(parseMentorCommand(`${name.toUpperCase()}`)).toEqual({ kind: name });
    expect(parseMentorCommand(`${name} now`).kind).toBe('invalid');
  });

  it.each(['report', 'export', 'settings', 'match'])('`%s` parses, and the words after it name a program, with or without `in`', (name) => {
    expect(parseMentorCommand(name)).toStrictEqual({ kind: name });
    expect(parseMentorCommand(`${name.toUpperCase()}`)).toStrictEqual({ kind: name });
    expect(parseMentorCommand(`${name} Spring cohort`)).toStrictEqual({ kind: name, program: 'Spring cohort' });
    expect(parseMentorCommand(`${name} in  "Spring cohort"`)).toStrictEqual({ kind: name, program: 'Spring cohort' });
    expect(parseMentorCommand(`${name} R&amp;D`)).toStrictEqual({ kind: name, program: 'R&D' });
  });

  it.each([
    ['pair <@U111> <@U222> in Spring cohort', { kind: 'pair', mentor: 'U111', mentee: 'U222', cadence: undefined, reverse: false, program: 'Spring cohort' }],
    ['pair <@U111> <@U222> every 2w reverse in Spring', { kind: 'pair', mentor: 'U111', mentee: 'U222', cadence: { days: 14, label: '2 weeks' }, reverse: true, program: 'Spring' }],
    ['end <@U111> <@U222> in Spring cohort', { kind: 'end', mentor: 'U111', mentee: 'U222', program: 'Spring cohort' }],
    ['admins in Spring', { kind: 'admins', action: 'list', program: 'Spring' }],
    ['admins list Spring cohort', { kind: 'admins', action: 'list', program: 'Spring cohort' }],
    ['admins add <@U333> Spring cohort', { kind: 'admins', action: 'add', user: 'U333', program: 'Spring cohort' }],
    ['admins remove <@U333> in Spring', { kind: 'admins', action: 'remove', user: 'U333', program: 'Spring' }],
    ['celebrate <@U111> in Spring', { kind: 'celebrate', people: ['U111'], program: 'Spring' }],
  ])('%j names its program', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['pair <@U111> <@U222> in', /I don't understand "in"/],
    ['end <@U111> <@U222> Spring', /`end` takes just the mentor and the mentee/],
    ['celebrate <@U111> Spring', /mention of a person/],
  ])('%j without a program after `in` is refused', (text, reason) => {
    expect(reasonOf(text).reason).toMatch(reason);
  });

  it.each([
    ['celebrate', []],
    ['celebrate <@U111|a> <@U222> <@U111>', ['U111', 'U222']],
  ])('%j names the people to celebrate once each', (text, people) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'celebrate', people });
  });

  it('celebrate refuses something that is not a mention', () => {
    const parsed = parseMentorCommand('celebrate @everyone');
    expect(parsed.kind === 'invalid' && parsed.reason).toMatch(/pick them from the @ menu/);
  });

  it.each([
    ['hello', 'hello'],
    ['Hello there', 'Hello'],
    ['paire <@U1> <@U2>', 'paire'],
    ['goals', 'goals'],
  ])('%j → invalid, names the word and points to help', (text, word) => {
    expect(parseMentorCommand(text)).toEqual({ kind: 'invalid', reason: `I don't know \`${word}\`.`, usage: USAGE.help });
  });
});

describe('parseMentorCommand: hostile and odd input does not crash and stays short', () => {
  const long = 'x'.repeat(5000);
  const emoji = '🎉'.repeat(200);

  it.each([
    ['very long unknown word', long],
    ['very long unknown sentence', `${long} ${long}`],
    ['emoji word', emoji],
    ['channel broadcast', '<!channel>'],
    ['here broadcast', '<!here> please'],
    ['link', '<https://evil.example|click>'],
    ['pair with long junk', `pair <@U111> <@U222> ${long}`],
    ['pair with long non-mention', `pair ${long} <@U222>`],
    ['pause with long junk', `pause ${long}`],
    ['admins with long action', `admins ${long}`],
    ['end with long non-mention', `end <@U111> ${long}`],
    ['pause with long plain @name', `pause @${long}`],
    ['pair with long plain @name', `pair @${long} <@U222>`],
    ['resume with long plain @name', `resume @${long}`],
    ['admins add with long plain @name', `admins add @${long}`],
  ])('%s: reason is under 300 chars', (_label, text) => {
    const result = parseMentorCommand(text);
    expect(result.kind).toBe('invalid');
    if (result.kind === 'invalid') expect(result.reason.length).toBeLessThan(300);
  });

  it('cuts an unknown word in the reason', () => {
    expect(reasonOf(long).reason).toBe(`I don't know \`${'x'.repeat(29)}…\`.`);
  });

  it.each([
    ['unknown word', `${'x'.repeat(29)}🎉🎉🎉`],
    ['unknown emoji word', emoji],
    ['pair junk option', `pair <@U111> <@U222> ${'x'.repeat(29)}🎉🎉`],
    ['pause junk', `pause ${'x'.repeat(29)}🎉🎉`],
    ['admins action', `admins ${'x'.repeat(19)}🎉🎉`],
    ['non-mention', `pair ${'x'.repeat(39)}🎉🎉 <@U222>`],
  ])('%s: cutting never splits an emoji (reason stays well-formed UTF-16)', (_label, text) => {
    const { reason } = reasonOf(text);
    expect(reason).not.toMatch(LONE_SURROGATE);
  });

  it('quotes <!channel> text instead of treating it as a person', () => {
    expect(reasonOf('pair <!channel> <@U222>').reason).toContain('is not a mention of a person');
    expect(parseMentorCommand('<!channel>')).toMatchObject({ kind: 'invalid', usage: USAGE.help });
  });

  it('unicode whitespace between words still splits tokens', () => {
    expect(parseMentorCommand('pair\u00a0<@U111>\u2003<@U222>')).toMatchObject({ kind: 'pair', mentor: 'U111', mentee: 'U222' });
  });
});

describe('parseMentorCommand: program', () => {
  it.each([
    ['program', { kind: 'program-list' }],
    ['program list', { kind: 'program-list' }],
    ['Program NEW', { kind: 'program-new' }],
    ['program edit Spring cohort', { kind: 'program-edit', name: 'Spring cohort' }],
    ['program edit   Spring    cohort  ', { kind: 'program-edit', name: 'Spring cohort' }],
    ['program archive "Spring cohort"', { kind: 'program-archive', name: 'Spring cohort' }],
    ['program archive “Spring cohort”', { kind: 'program-archive', name: 'Spring cohort' }],
    ['program carry-over Spring cohort', { kind: 'program-carry-over', name: 'Spring cohort' }],
    // Slack escapes &, < and > in command text.
    ['program edit Women &amp; allies', { kind: 'program-edit', name: 'Women & allies' }],
  ] as Array<[string, MentorCommand]>)('%j → %j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['program new Spring', '`program new` takes no extra words: the name goes in the form.'],
    ['program list all', '`program list` takes no extra words.'],
    ['program edit', 'Name the program to edit, as `/mentor program list` shows it.'],
    ['program archive ""', 'Name the program to archive, as `/mentor program list` shows it.'],
    ['program carry-over', 'Name the program whose running pairings move, as `/mentor program list` shows it.'],
    ['program delete Spring', '`program` takes `new`, `list`, `edit`, `archive` or `carry-over`, not "delete".'],
  ])('%j is refused with its usage', (text, reason) => {
    expect(reasonOf(text)).toEqual({ reason, usage: USAGE.program });
  });
});

describe('parseMentorCommand: announce', () => {
  it.each([
    ['announce <#C0123|general>', { kind: 'announce', channel: 'C0123', program: undefined }],
    ['announce <#C0123|> Spring  cohort', { kind: 'announce', channel: 'C0123', program: 'Spring cohort' }],
    ['ANNOUNCE <#G0456|private> "Women &amp; allies"', { kind: 'announce', channel: 'G0456', program: 'Women & allies' }],
  ] as Array<[string, MentorCommand]>)('%j → %j', (text, expected) => {
    expect(parseMentorCommand(text)).toEqual(expected);
  });

  it.each([
    ['announce', 'Name the channel to post in, as #channel.'],
    ['announce Spring', 'Name the channel to post in, as #channel.'],
    ['announce #general', "I couldn't read #general as a channel: pick it from the # menu so Slack links it."],
    ['announce <@U123|ada>', 'Name the channel to post in, as #channel.'],
  ])('%j is refused with its usage', (text, reason) => {
    expect(reasonOf(text)).toEqual({ reason, usage: USAGE.announce });
  });
});
