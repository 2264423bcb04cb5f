import { describe, expect, it } from 'vitest';
import { FEEDBACK_FIELD, FIELD, INPUT_ACTION } from '../../src/slack/ids.ts';
import { parseFeedbackForm } from '../../src/slack/parse/feedback-form.ts';
import { parseFeedbackReplyForm } from '../../src/slack/parse/feedback-reply-form.ts';
import { parseGoalForm } from '../../src/slack/parse/goal-form.ts';
import { parseLogForm } from '../../src/slack/parse/log-form.ts';
import { parseLoopForm } from '../../src/slack/parse/loop-form.ts';
import { lines, metadata, pairIdFrom, usefulness, type ViewValues } from '../../src/slack/parse/view-values.ts';
import { GENERAL_FEEDBACK } from '../../src/slack/surfaces/feedback-modal.ts';
import { errorsOf, valueOf } from '../helpers/forms.ts';

const TODAY = '2026-11-22';

type Field = { text?: string; date?: string | null; option?: string | null; options?: string[] };

/** view.state.values as Slack sends it: block_id → INPUT_ACTION → element state. */
function values(fields: Record<string, Field>): ViewValues {
  const out: ViewValues = {};
  for (const [block, f] of Object.entries(fields)) {
    out[block] = {
      [INPUT_ACTION]: {
        ...(f.text !== undefined ? { value: f.text } : {}),
        ...(f.date !== undefined ? { selected_date: f.date } : {}),
        ...(f.option !== undefined ? { selected_option: f.option === null ? null : { value: f.option } } : {}),
        ...(f.options !== undefined ? { selected_options: f.options.map((value) => ({ value })) } : {}),
      },
    };
  }
  return out;
}

const META = JSON.stringify({ pairId: 7 });

describe('parseGoalForm', () => {
  const valid: Record<string, Field> = {
    [FIELD.title]: { text: '  Lead a design review  ' },
    [FIELD.outcome]: { text: 'Run the review end to end' },
    [FIELD.successMeasure]: { text: 'Two reviews with no help' },
    [FIELD.targetDate]: { date: '2026-12-31' },
    [FIELD.milestones]: { text: '- Shadow one review\n\n* Co-lead one\n• Lead one\n   ' },
    [FIELD.celebrate]: { options: ['yes'] },
  };

  it('parses a complete form, trimming and stripping bullets', () => {
    expect(valueOf(parseGoalForm(values(valid), META, TODAY))).toEqual({
      pairId: 7,
      title: 'Lead a design review',
      outcome: 'Run the review end to end',
      successMeasure: 'Two reviews with no help',
      targetDate: '2026-12-31',
      milestones: ['Shadow one review', 'Co-lead one', 'Lead one'],
      celebratePublicly: true,
    });
  });

  it('only a title and the pair are required', () => {
    expect(valueOf(parseGoalForm(values({ [FIELD.title]: { text: 'Ship it' }, [FIELD.targetDate]: { date: null } }), META, TODAY))).toEqual({
      pairId: 7,
      title: 'Ship it',
      outcome: '',
      successMeasure: '',
      targetDate: null,
      milestones: [],
      celebratePublicly: false,
    });
  });

  it.each([
    ['empty title', { [FIELD.title]: { text: '' } }, FIELD.title],
    ['blank title', { [FIELD.title]: { text: '   \n ' } }, FIELD.title],
    ['missing title block', { [FIELD.title]: {} }, FIELD.title],
    ['151-char title', { [FIELD.title]: { text: 'x'.repeat(151) } }, FIELD.title],
    ['151-emoji title', { [FIELD.title]: { text: '🎯'.repeat(151) } }, FIELD.title],
    ['1001-char outcome', { [FIELD.outcome]: { text: 'o'.repeat(1001) } }, FIELD.outcome],
    ['501-char success measure', { [FIELD.successMeasure]: { text: 's'.repeat(501) } }, FIELD.successMeasure],
    ['target date yesterday', { [FIELD.targetDate]: { date: '2026-11-21' } }, FIELD.targetDate],
    ['target date last year', { [FIELD.targetDate]: { date: '2025-12-31' } }, FIELD.targetDate],
    ['target date not a day', { [FIELD.targetDate]: { date: '2026-02-30' } }, FIELD.targetDate],
    ['target date garbage', { [FIELD.targetDate]: { date: 'soon' } }, FIELD.targetDate],
    ['11 milestones', { [FIELD.milestones]: { text: Array.from({ length: 11 }, (_, i) => `step ${i}`).join('\n') } }, FIELD.milestones],
    ['151-char milestone', { [FIELD.milestones]: { text: `ok\n${'m'.repeat(151)}` } }, FIELD.milestones],
  ])('%s → error on that block only', (_label, override, field) => {
    const errors = errorsOf(parseGoalForm(values({ ...valid, ...override }), META, TODAY));
    expect(Object.keys(errors)).toEqual([field]);
    expect(errors[field]).toMatch(/\S/);
  });

  it.each([
    ['150-char title', { [FIELD.title]: { text: 'x'.repeat(150) } }],
    ['150-emoji title (an emoji counts as one char)', { [FIELD.title]: { text: '🎯'.repeat(150) } }],
    ['150 family emoji made of one code point each', { [FIELD.title]: { text: '👍'.repeat(150) } }],
    ['1000-char outcome', { [FIELD.outcome]: { text: 'o'.repeat(1000) } }],
    ['500-char success measure', { [FIELD.successMeasure]: { text: 's'.repeat(500) } }],
    ['target date today', { [FIELD.targetDate]: { date: TODAY } }],
    ['target date tomorrow', { [FIELD.targetDate]: { date: '2026-11-23' } }],
    ['10 milestones with blank lines between', { [FIELD.milestones]: { text: Array.from({ length: 10 }, (_, i) => `step ${i}`).join('\n\n  \n') } }],
    ['150-char milestone', { [FIELD.milestones]: { text: 'm'.repeat(150) } }],
  ])('%s is accepted', (_label, override) => {
    expect(parseGoalForm(values({ ...valid, ...override }), META, TODAY).ok).toBe(true);
  });

  it('reports every failing field at once', () => {
    const errors = errorsOf(
      parseGoalForm(values({ [FIELD.title]: { text: '' }, [FIELD.targetDate]: { date: '2020-01-01' } }), '{}', TODAY),
    );
    expect(Object.keys(errors).sort()).toEqual([FIELD.pair, FIELD.targetDate, FIELD.title].sort());
  });

  it('the error for a past target date says so', () => {
    expect(errorsOf(parseGoalForm(values({ ...valid, [FIELD.targetDate]: { date: '2026-11-21' } }), META, TODAY))[FIELD.targetDate]).toMatch(/past/);
  });

  it.each([
    ['no celebrate block', undefined, false],
    ['unchecked', [], false],
    ['checked', ['yes'], true],
    ['tampered value', ['true'], false],
  ])('celebrate: %s → %s', (_label, options, expected) => {
    const fields: Record<string, Field> = { ...valid };
    delete fields[FIELD.celebrate];
    if (options) fields[FIELD.celebrate] = { options };
    expect(valueOf(parseGoalForm(values(fields), META, TODAY)).celebratePublicly).toBe(expected);
  });

  it.each([
    ['picker value', { [FIELD.pair]: { option: '12' } }, '{}', 12],
    ['picker wins over metadata', { [FIELD.pair]: { option: '12' } }, META, 12],
    ['metadata when there is no picker', {}, META, 7],
  ])('pair from %s', (_label, extra, meta, pairId) => {
    expect(valueOf(parseGoalForm(values({ ...valid, ...extra }), meta, TODAY)).pairId).toBe(pairId);
  });

  it.each([
    ['not JSON', 'pairId=7'],
    ['a string id', '{"pairId":"7"}'],
    ['a huge id', '{"pairId":1e300}'],
    ['an unsafe integer id', '{"pairId":9007199254740993}'],
    ['a float id', '{"pairId":7.5}'],
    ['an advice id only', '{"adviceId":7}'],
    ['a negative id', '{"pairId":-7}'],
  ])('tampered metadata (%s) without a picker → error on the pair, never a pair id', (_label, meta) => {
    const errors = errorsOf(parseGoalForm(values(valid), meta, TODAY));
    expect(Object.keys(errors)).toEqual([FIELD.pair]);
  });

  it.each([
    ['non-numeric', 'abc'],
    ['negative', '-3'],
    ['decimal', '1.5'],
    ['exponent', '1e3'],
    ['hex', '0x10'],
    ['too long', '1234567890'],
    ['padded', ' 12 '],
    ['empty', ''],
  ])('a %s picker value never falls back to the metadata pair', (_label, option) => {
    const errors = errorsOf(parseGoalForm(values({ ...valid, [FIELD.pair]: { option } }), META, TODAY));
    expect(Object.keys(errors)).toEqual([FIELD.pair]);
  });
});

describe('parseLogForm', () => {
  const MAX_ADVICE = 3;
  const valid: Record<string, Field> = {
    [FIELD.heldOn]: { date: '2026-11-20' },
    [FIELD.minutes]: { text: ' 45 ' },
    [FIELD.topics]: { text: 'Design reviews' },
    [FIELD.notes]: { text: 'Private stuff' },
    [FIELD.advice]: { text: '- Ask for the why first\n\n  * Timebox the review  \n' },
    [FIELD.commitments]: { text: 'Book the room\n\nWrite the agenda' },
    [FIELD.goalIds]: { options: ['3', '4'] },
    [FIELD.usefulness]: { option: '4' },
  };
  const parse = (fields: Record<string, Field>, ...meta: [string | undefined] | []) =>
    parseLogForm(values(fields), meta.length === 0 ? META : meta[0], TODAY, MAX_ADVICE);

  it('parses a complete form', () => {
    expect(valueOf(parse(valid))).toEqual({
      pairId: 7,
      heldOn: '2026-11-20',
      minutes: 45,
      topics: 'Design reviews',
      notes: 'Private stuff',
      advice: ['Ask for the why first', 'Timebox the review'],
      commitments: ['Book the room', 'Write the agenda'],
      goalIds: [3, 4],
      milestoneIds: [],
      usefulness: 4,
    });
  });

  it('only a date and minutes are required', () => {
    expect(valueOf(parse({ [FIELD.heldOn]: { date: TODAY }, [FIELD.minutes]: { text: '60' } }))).toEqual({
      pairId: 7,
      heldOn: TODAY,
      minutes: 60,
      topics: '',
      notes: '',
      advice: [],
      commitments: [],
      goalIds: [],
      milestoneIds: [],
      usefulness: null,
    });
  });

  it.each([
    ['1', 1],
    ['60', 60],
    ['600', 600],
    ['090', 90],
    ['  30  ', 30],
  ])('minutes %j → %i', (text, minutes) => {
    expect(valueOf(parse({ ...valid, [FIELD.minutes]: { text } })).minutes).toBe(minutes);
  });

  it.each([
    ['', /How long/],
    ['   ', /How long/],
    ['abc', /whole number/],
    ['45 min', /whole number/],
    ['1.5', /whole number/],
    ['-5', /whole number/],
    ['1e2', /whole number/],
    ['٤٥', /whole number/],
    ['0', /between 1 and 600/],
    ['000', /between 1 and 600/],
    ['601', /between 1 and 600/],
    ['999', /between 1 and 600/],
  ])('minutes %j → error %s', (text, message) => {
    const errors = errorsOf(parse({ ...valid, [FIELD.minutes]: { text } }));
    expect(Object.keys(errors)).toEqual([FIELD.minutes]);
    expect(errors[FIELD.minutes]).toMatch(message);
  });

  it('minutes over three digits is still an error', () => {
    expect(Object.keys(errorsOf(parse({ ...valid, [FIELD.minutes]: { text: '1000' } })))).toEqual([FIELD.minutes]);
  });

  it.each([
    ['today', TODAY],
    ['yesterday', '2026-11-21'],
    ['a year ago', '2025-11-22'],
  ])('a session held %s is accepted', (_label, date) => {
    expect(valueOf(parse({ ...valid, [FIELD.heldOn]: { date } })).heldOn).toBe(date);
  });

  it.each([
    ['tomorrow', '2026-11-23', /future/],
    ['next year', '2027-01-01', /future/],
    ['missing', null, /Pick the day/],
    ['not a day', '2026-02-30', /Pick the day/],
    ['garbage', 'yesterday', /Pick the day/],
  ])('a session date %s → error', (_label, date, message) => {
    const errors = errorsOf(parse({ ...valid, [FIELD.heldOn]: { date } }));
    expect(Object.keys(errors)).toEqual([FIELD.heldOn]);
    expect(errors[FIELD.heldOn]).toMatch(message);
  });

  it('a missing date block is an error, not a crash', () => {
    const fields = { ...valid };
    delete fields[FIELD.heldOn];
    expect(Object.keys(errorsOf(parse(fields)))).toEqual([FIELD.heldOn]);
  });

  it.each([
    ['exactly the max', 'a\nb\nc', ['a', 'b', 'c']],
    ['max with blank lines and bullets', '\n- a\n\n   \n* b\r\n• c\n\n', ['a', 'b', 'c']],
    ['a dash without a space is kept', '-a', ['-a']],
    ['a 500-char line', 'x'.repeat(500), ['x'.repeat(500)]],
    ['500 emoji on one line', '💡'.repeat(500), ['💡'.repeat(500)]],
  ])('advice: %s', (_label, text, advice) => {
    expect(valueOf(parse({ ...valid, [FIELD.advice]: { text } })).advice).toEqual(advice);
  });

  it.each([
    ['one line too many', 'a\nb\nc\nd', /Up to 3 pieces of advice.*you have 4/],
    ['too many even after blank lines are dropped', 'a\n\nb\n\nc\n\nd\n\ne', /you have 5/],
    ['a 501-char line', `short\n${'x'.repeat(501)}`, /under 500 characters/],
    ['501 emoji on one line', '💡'.repeat(501), /under 500 characters/],
  ])('advice: %s → error', (_label, text, message) => {
    const errors = errorsOf(parse({ ...valid, [FIELD.advice]: { text } }));
    expect(Object.keys(errors)).toEqual([FIELD.advice]);
    expect(errors[FIELD.advice]).toMatch(message);
  });

  it('honours the max advice lines it is given', () => {
    expect(parseLogForm(values({ ...valid, [FIELD.advice]: { text: 'a\nb' } }), META, TODAY, 1).ok).toBe(false);
    expect(parseLogForm(values({ ...valid, [FIELD.advice]: { text: 'a' } }), META, TODAY, 1).ok).toBe(true);
  });

  it.each([
    ['1001-char topics', FIELD.topics, 't'.repeat(1001)],
    ['3001-char notes', FIELD.notes, 'n'.repeat(3001)],
    ['11 commitments', FIELD.commitments, Array.from({ length: 11 }, (_, i) => `c${i}`).join('\n')],
    ['a 501-char commitment', FIELD.commitments, 'c'.repeat(501)],
  ])('%s → error on that block', (_label, field, text) => {
    expect(Object.keys(errorsOf(parse({ ...valid, [field]: { text } })))).toEqual([field]);
  });

  it.each([
    ['1000-char topics', FIELD.topics, 't'.repeat(1000)],
    ['3000-char notes', FIELD.notes, 'n'.repeat(3000)],
    ['10 commitments', FIELD.commitments, Array.from({ length: 10 }, (_, i) => `c${i}`).join('\n')],
  ])('%s is accepted', (_label, field, text) => {
    expect(parse({ ...valid, [field]: { text } }).ok).toBe(true);
  });

  it.each([
    ['abc'],
    ['1.5'],
    ['99999999999999999999'],
  ])('goal id %j → error', (id) => {
    expect(Object.keys(errorsOf(parse({ ...valid, [FIELD.goalIds]: { options: ['3', id] } })))).toEqual([FIELD.goalIds]);
  });

  it.each([
    ['5', 5],
    ['1', 1],
    ['0', null],
    ['6', null],
    ['3.5', null],
    ['x', null],
    [null, null],
  ])('usefulness %j → %j', (option, expected) => {
    expect(valueOf(parse({ ...valid, [FIELD.usefulness]: { option } })).usefulness).toBe(expected);
  });

  it('with several pairs the picker decides; a non-numeric pick is an error', () => {
    expect(valueOf(parse({ ...valid, [FIELD.pair]: { option: '9' } }, '{}')).pairId).toBe(9);
    expect(Object.keys(errorsOf(parse({ ...valid, [FIELD.pair]: { option: 'nine' } }, META)))).toEqual([FIELD.pair]);
  });

  it('without picker or metadata the pair is an error', () => {
    expect(Object.keys(errorsOf(parse(valid, undefined)))).toEqual([FIELD.pair]);
  });
});

describe('parseLoopForm', () => {
  const META_ADVICE = JSON.stringify({ adviceId: 42 });
  const loop = (outcome: string | null, text?: string, opts: { meta?: string | undefined; use?: string } = {}) =>
    parseLoopForm(
      values({
        ...(outcome !== null ? { [FIELD.loopOutcome]: { option: outcome } } : {}),
        ...(text !== undefined ? { [FIELD.outcomeText]: { text } } : {}),
        ...(opts.use !== undefined ? { [FIELD.usefulness]: { option: opts.use } } : {}),
      }),
      'meta' in opts ? opts.meta : META_ADVICE,
    );

  it.each([
    ['tried_worked', 'It went well', '5', { adviceId: 42, outcome: 'tried_worked', outcomeText: 'It went well', usefulness: 5 }],
    ['tried_didnt', '  Nobody came  ', undefined, { adviceId: 42, outcome: 'tried_didnt', outcomeText: 'Nobody came', usefulness: null }],
    ['not_applicable', undefined, undefined, { adviceId: 42, outcome: 'not_applicable', outcomeText: null, usefulness: null }],
    ['not_applicable', '   ', '2', { adviceId: 42, outcome: 'not_applicable', outcomeText: null, usefulness: 2 }],
    ['not_applicable', 'Project was cancelled', undefined, { adviceId: 42, outcome: 'not_applicable', outcomeText: 'Project was cancelled', usefulness: null }],
  ])('%s with text %j', (outcome, text, use, expected) => {
    expect(valueOf(loop(outcome, text, use === undefined ? {} : { use }))).toEqual(expected);
  });

  it.each([
    ['tried_worked', undefined],
    ['tried_worked', ''],
    ['tried_didnt', '  \n '],
  ])('%s without text %j → asks what happened', (outcome, text) => {
    const errors = errorsOf(loop(outcome, text));
    expect(Object.keys(errors)).toEqual([FIELD.outcomeText]);
    expect(errors[FIELD.outcomeText]).toMatch(/what happened/);
  });

  it.each([
    ['missing', null],
    ['open (not a closing outcome)', 'open'],
    ['unknown', 'maybe'],
    ['empty', ''],
  ])('outcome %s → error on the outcome block', (_label, outcome) => {
    const errors = errorsOf(loop(outcome, 'text'));
    expect(Object.keys(errors)).toEqual([FIELD.loopOutcome]);
  });

  it.each(['tried_worked', 'not_applicable'])('%s with text over 2000 chars → error', (outcome) => {
    expect(Object.keys(errorsOf(loop(outcome, 'w'.repeat(2001))))).toEqual([FIELD.outcomeText]);
    expect(loop(outcome, 'w'.repeat(2000)).ok).toBe(true);
  });

  it.each([
    ['absent', undefined],
    ['empty', ''],
    ['not JSON', 'adviceId=42'],
    ['JSON null', 'null'],
    ['a JSON array', '[42]'],
    ['a string id', '{"adviceId":"42"}'],
    ['a float id', '{"adviceId":4.2}'],
    ['a huge id', '{"adviceId":1e300}'],
    ['an unsafe integer id', '{"adviceId":9007199254740993}'],
    ['a pair id only', '{"pairId":42}'],
    ['an object id', '{"adviceId":{"id":42}}'],
  ])('metadata %s → the form asks to start again, never guesses an advice id', (_label, meta) => {
    const errors = errorsOf(loop('tried_worked', 'fine', { meta }));
    expect(errors[FIELD.loopOutcome]).toMatch(/lost track/);
  });
});

describe('parseFeedbackForm', () => {
  it.each([
    ['a pair', '12', 12],
    ['the program in general', GENERAL_FEEDBACK, null],
  ])('about %s', (_label, option, pairId) => {
    expect(valueOf(parseFeedbackForm(values({ [FIELD.pair]: { option }, [FIELD.feedbackBody]: { text: '  Worried about cadence ' } })))).toEqual({
      pairId,
      body: 'Worried about cadence',
      showAuthor: true,
    });
  });

  it('without a picker (no pairs) the note is about the program', () => {
    expect(valueOf(parseFeedbackForm(values({ [FIELD.feedbackBody]: { text: 'Hello' } })))).toEqual({ pairId: null, body: 'Hello', showAuthor: true });
  });

  it.each([
    ['ticked (the default)', ['yes'], true],
    ['unticked', [], false],
    ['sent with an unknown value', ['no'], false],
  ])('the name box %s → admins see the author: %s', (_label, options, showAuthor) => {
    expect(valueOf(parseFeedbackForm(values({ [FIELD.feedbackBody]: { text: 'Hello' }, [FEEDBACK_FIELD.showName]: { options } }))).showAuthor).toBe(showAuthor);
  });

  it.each([
    ['non-numeric', 'abc'],
    ['negative', '-1'],
    ['decimal', '1.5'],
    ['too long', '1234567890'],
    ['exponent', '1e3'],
  ])('a %s pick → error on the picker', (_label, option) => {
    expect(Object.keys(errorsOf(parseFeedbackForm(values({ [FIELD.pair]: { option }, [FIELD.feedbackBody]: { text: 'x' } }))))).toEqual([FIELD.pair]);
  });

  it.each([
    ['empty', '', /Write your note/],
    ['blank', ' \n ', /Write your note/],
    ['3001 chars', 'f'.repeat(3001), /under 3000/],
    ['3001 emoji', '🙂'.repeat(3001), /under 3000/],
  ])('a %s body → error', (_label, text, message) => {
    const errors = errorsOf(parseFeedbackForm(values({ [FIELD.feedbackBody]: { text } })));
    expect(Object.keys(errors)).toEqual([FIELD.feedbackBody]);
    expect(errors[FIELD.feedbackBody]).toMatch(message);
  });

  it('3000 emoji are accepted (an emoji is one char)', () => {
    expect(parseFeedbackForm(values({ [FIELD.feedbackBody]: { text: '🙂'.repeat(3000) } })).ok).toBe(true);
  });
});

describe('parseFeedbackReplyForm', () => {
  const reply = (text: string, meta = '{"noteId":4}') => parseFeedbackReplyForm(values({ [FEEDBACK_FIELD.reply]: { text } }), meta);

  it('reads the reply and the note it answers', () => {
    expect(valueOf(reply('  Thanks, we are on it. '))).toEqual({ noteId: 4, text: 'Thanks, we are on it.' });
    expect(reply('🙂'.repeat(3000)).ok).toBe(true);
  });

  it.each([
    ['empty', '', /Write your reply/],
    ['blank', ' \n ', /Write your reply/],
    ['3001 emoji', '🙂'.repeat(3001), /under 3000/],
  ])('a %s reply → error on the reply field', (_label, text, message) => {
    const errors = errorsOf(reply(text));
    expect(Object.keys(errors)).toEqual([FEEDBACK_FIELD.reply]);
    expect(errors[FEEDBACK_FIELD.reply]).toMatch(message);
  });

  it.each(['', 'not json', '{"noteId":"4"}', '{"noteId":-4}', '{"noteId":4.5}', '{"pairId":4}'])('metadata %j names no note: the id is NaN, which the service refuses', (meta) => {
    expect(valueOf(reply('Hello', meta)).noteId).toBeNaN();
  });
});

describe('view-values helpers', () => {
  it.each([
    ['a valid pair id', '{"pairId":7}', { pairId: 7 }],
    ['both ids', '{"pairId":7,"adviceId":9}', { pairId: 7, adviceId: 9 }],
    ['undefined', undefined, {}],
    ['empty string', '', {}],
    ['not JSON', '{pairId:7}', {}],
    ['truncated JSON', '{"pairId":7', {}],
    ['JSON null', 'null', {}],
    ['a JSON number', '7', {}],
    ['a JSON string', '"7"', {}],
    ['a JSON array', '[7]', {}],
    ['a string id', '{"pairId":"7"}', {}],
    ['a boolean id', '{"pairId":true}', {}],
    ['a float id', '{"pairId":7.5}', {}],
    ['a huge id', '{"pairId":1e300}', {}],
    ['an unsafe integer', '{"pairId":9007199254740993}', {}],
    ['a __proto__ key', '{"__proto__":{"pairId":7}}', {}],
    ['extra keys are dropped', '{"pairId":7,"isAdmin":true,"teamId":"T1"}', { pairId: 7 }],
  ])('metadata: %s → %j', (_label, raw, expected) => {
    expect(metadata(raw)).toEqual(expected);
  });

  // Database ids are positive serials: a tampered 0 or negative id must not come out as a pair.
  it.each([
    ['zero', '{"pairId":0}'],
    ['negative', '{"pairId":-1}'],
    ['negative advice', '{"adviceId":-5}'],
  ])('metadata: a %s id is not an id', (_label, raw) => {
    expect(metadata(raw)).toEqual({});
  });

  it.each([
    ['the picker', { [FIELD.pair]: { option: '5' } }, { pairId: 7 }, 5],
    ['the metadata', {}, { pairId: 7 }, 7],
    ['nothing', {}, {}, null],
    ['a cleared picker', { [FIELD.pair]: { option: null } }, { pairId: 7 }, 7],
    ['a junk picker value', { [FIELD.pair]: { option: '5; drop table' } }, { pairId: 7 }, null],
  ])('pairIdFrom %s', (_label, fields, meta, expected) => {
    expect(pairIdFrom(values(fields), FIELD.pair, meta)).toBe(expected);
  });

  it.each([
    ['', []],
    ['\n\n', []],
    ['a\r\nb', ['a', 'b']],
    ['  - a  \n*   b\n•\tc', ['a', 'b', 'c']],
    ['-\n*\n•', ['-', '*', '•']],
    ['- - nested', ['- nested']],
  ])('lines(%j) = %j', (text, expected) => {
    expect(lines(text)).toEqual(expected);
  });

  it('usefulness ignores values outside 1–5', () => {
    expect(usefulness(values({ u: { option: '3' } }), 'u')).toBe(3);
    expect(usefulness(values({ u: { option: '' } }), 'u')).toBeNull();
    expect(usefulness(values({}), 'u')).toBeNull();
  });
});
