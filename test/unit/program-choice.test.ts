import { describe, expect, it } from 'vitest';
import { ADMIN_PROGRAM_ACTION, adminProgramBlockId, adminProgramCommandOf } from '../../src/slack/ids.ts';
import { parseSuggestionValue, suggestionValue } from '../../src/slack/surfaces/match-message.ts';
import { programSwitch, whichProgramReply } from '../../src/slack/surfaces/program-choice.ts';

const MAIN = { id: 1, name: 'Mentoring' };
const SPRING = { id: 7, name: 'Spring <cohort>' };

describe('the program select', () => {
  it('asks "Which program?" with every choice, and carries the command to run for the pick', () => {
    const reply = whichProgramReply([MAIN, SPRING], 'pair <@U1> <@U2> every 2w');
    const block = reply.blocks![0] as any;
    expect(reply.text).toContain('Which program?');
    expect(block.accessory.action_id).toBe(ADMIN_PROGRAM_ACTION);
    expect(block.accessory.options.map((o: any) => [o.text.text, o.value])).toEqual([['Mentoring', '1'], ['Spring <cohort>', '7']]);
    expect(block.accessory.initial_option).toBeUndefined();
    expect(adminProgramCommandOf(block.block_id)).toBe('pair <@U1> <@U2> every 2w');
  });

  it('keeps block ids within Slack’s 255 characters: a long command is cut to its name', () => {
    const long = `celebrate ${'<@U12345678> '.repeat(30)}`.trim();
    expect(adminProgramBlockId(long).length).toBeLessThanOrEqual(255);
    expect(adminProgramCommandOf(adminProgramBlockId(long))).toBe('celebrate');
    expect(adminProgramCommandOf('something_else')).toBeUndefined();
  });

  it('shows no switch to an admin of one program, and the current one (escaped) to an admin of several', () => {
    expect(programSwitch([MAIN], MAIN, 'report')).toEqual([]);
    const [block] = programSwitch([MAIN, SPRING], SPRING, 'report') as any[];
    expect(block.text.text).toBe('*Program:* Spring &lt;cohort&gt;');
    expect(block.accessory.initial_option.value).toBe('7');
  });
});

describe('match buttons name their program only when there is a choice', () => {
  it.each([
    [undefined, 'UMENTOR1:UMENTEE1'],
    [7, 'UMENTOR1:UMENTEE1@7'],
  ])('program %s → %s, and back', (programId, value) => {
    expect(suggestionValue({ mentorId: 'UMENTOR1', menteeId: 'UMENTEE1' }, false, programId)).toBe(value);
    expect(parseSuggestionValue(value)).toEqual({ mentorId: 'UMENTOR1', menteeId: 'UMENTEE1', includePrevious: false, ...(programId ? { programId } : {}) });
  });

  it('reads a run that included previous pairs, and refuses anything else', () => {
    expect(parseSuggestionValue('UMENTOR1:UMENTEE1:again@12')).toEqual({ mentorId: 'UMENTOR1', menteeId: 'UMENTEE1', includePrevious: true, programId: 12 });
    expect(parseSuggestionValue('UMENTOR1:UMENTEE1@x')).toBeUndefined();
    expect(parseSuggestionValue('UMENTOR1:UMENTEE1@1 or 1=1')).toBeUndefined();
  });
});
