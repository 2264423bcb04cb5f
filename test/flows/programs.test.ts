import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { answered, directMessagesTo, eventually, pairUp, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { settingsViewValues } from '../helpers/settings-values.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const CALLBACK = 'program_modal';
const F = {
  name: 'program_name',
  description: 'program_description',
  kind: 'program_kind',
  startsOn: 'program_starts_on',
  endsOn: 'program_ends_on',
  channel: 'program_celebration_channel',
  admins: 'program_admins',
  enrolment: 'program_enrolment',
} as const;
const ADMINS_ONLY = 'Only program admins can do that';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };

interface ProgramValues {
  name?: string;
  description?: string;
  kind?: string | null;
  startsOn?: string | null;
  endsOn?: string | null;
  channel?: string | null;
  admins?: string[];
  enrolment?: string | null;
}

/** view.state.values of the program modal, as Slack sends them. */
function programValues(v: ProgramValues = {}) {
  return {
    [F.name]: { value: { type: 'plain_text_input', value: v.name ?? 'Spring cohort' } },
    [F.description]: { value: { type: 'plain_text_input', value: v.description ?? 'Six months for new team leads' } },
    [F.kind]: { value: { type: 'static_select', selected_option: v.kind === null ? null : { value: v.kind ?? 'standard' } } },
    [F.startsOn]: { value: { type: 'datepicker', selected_date: v.startsOn === undefined ? '2026-12-01' : v.startsOn } },
    [F.endsOn]: { value: { type: 'datepicker', selected_date: v.endsOn === undefined ? '2027-05-31' : v.endsOn } },
    [F.channel]: { value: { type: 'conversations_select', selected_conversation: v.channel === undefined ? 'CSPRING' : v.channel } },
    [F.admins]: { value: { type: 'multi_users_select', selected_users: v.admins ?? [] } },
    [F.enrolment]: { value: { type: 'radio_buttons', selected_option: v.enrolment === null ? null : { value: v.enrolment ?? 'open' } } },
  };
}

function submitProgram(person: Person, v: ProgramValues = {}, metadata: Record<string, unknown> = {}) {
  return t.slack.viewSubmission({ user_id: person.id, team_id: TEAM, callback_id: CALLBACK, private_metadata: JSON.stringify(metadata), values: programValues(v) });
}

/** A submission the modal accepted: its confirmation text. */
async function saveProgram(person: Person, v: ProgramValues = {}, metadata: Record<string, unknown> = {}): Promise<string> {
  const res = await submitProgram(person, v, metadata);
  expect(res.status).toBe(200);
  expect(res.json.response_action, JSON.stringify(res.json)).toBe('update');
  expect(slackLimitViolations('ack', res.json)).toEqual([]);
  await t.bot.idle();
  return textOf(res.json.view);
}

const programNamed = (name: string) => db().selectFrom('programs').selectAll().where('team_id', '=', TEAM).where('name', '=', name).executeTakeFirst();
const programCount = async () => (await db().selectFrom('programs').select('id').where('team_id', '=', TEAM).execute()).length;
const grantedAdmins = async (programId: number) =>
  (await db().selectFrom('program_admins').select('user_id').where('program_id', '=', programId).orderBy('user_id').execute()).map((r) => r.user_id);

/** A command's answer: the ack's text, or what followed through response_url (modal commands ack empty). */
async function commandAnswer(person: Person, text: string): Promise<{ ack: any; followUp: string }> {
  const responseUrl = t.fake.responseUrl();
  const ack = await answered(t, t.slack.command({ text, user_id: person.id, response_url: responseUrl }));
  const followUp = t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl).map((c) => textOf(c.args)).join('\n');
  return { ack, followUp };
}

beforeEach(async () => {
  await defaultProgram(db(), TEAM);
});

describe('/mentor program new', () => {
  it('opens an empty modal for an admin, naming the program whose settings it copies', async () => {
    await db().updateTable('programs').set({ celebration_channel: 'CWINS' }).where('team_id', '=', TEAM).execute();
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'program new', user_id: PEOPLE.admin.id }));
    expect(view.callback_id).toBe(CALLBACK);
    expect(view.title.text).toBe('New program');
    expect(view.blocks.filter((b: any) => b.type === 'input').map((b: any) => [b.block_id, b.element.type, b.optional ?? false])).toEqual([
      [F.name, 'plain_text_input', false],
      [F.description, 'plain_text_input', true],
      [F.kind, 'static_select', false],
      [F.startsOn, 'datepicker', true],
      [F.endsOn, 'datepicker', true],
      [F.channel, 'conversations_select', true],
      [F.admins, 'multi_users_select', true],
      [F.enrolment, 'radio_buttons', false],
    ]);
    expect(view.blocks.find((b: any) => b.block_id === F.kind).element.options.map((o: any) => o.value)).toEqual(['standard', 'reverse', 'buddy']);
    expect(view.blocks.find((b: any) => b.block_id === F.channel).element.initial_conversation).toBe('CWINS');
    expect(textOf(view)).toContain('copied from *Mentoring*');
    expect(JSON.parse(view.private_metadata)).toEqual({});
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
  });

  it('creates the program with its fields and admins, and the default program’s rhythm and reminders', async () => {
    const settings = await t.slack.viewSubmission({
      user_id: PEOPLE.admin.id,
      team_id: TEAM,
      callback_id: 'program_settings_modal',
      private_metadata: '{}',
      values: settingsViewValues({ cadence: '21', grace: '5', skills: 'Negotiation\nBudgeting' }),
    });
    expect(settings.json.response_action).toBe('update');

    const text = await saveProgram(PEOPLE.admin, { name: '  Spring   cohort ', kind: 'reverse', admins: [PEOPLE.mentor.id], enrolment: 'closed' });
    expect(text).toContain('*Spring cohort* is ready');
    expect(text).toContain('Reverse mentoring · Tue 1 Dec – Mon 31 May 2027 · enrolment closed');
    expect(text).toContain(`<@${PEOPLE.mentor.id}>`);
    expect(text).toContain('<#CSPRING>');

    const program = (await programNamed('Spring cohort'))!;
    expect(program).toMatchObject({
      description: 'Six months for new team leads',
      kind: 'reverse',
      starts_on: '2026-12-01',
      ends_on: '2027-05-31',
      celebration_channel: 'CSPRING',
      enrolment_open: false,
      archived_at: null,
      is_default: false,
      cadence_days: 21,
      grace_days: 5,
      skills: ['Negotiation', 'Budgeting'],
    });
    expect(await grantedAdmins(program.id)).toEqual([PEOPLE.mentor.id]);
  });

  it('takes a program without dates, and a granted admin who creates one becomes its admin', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Buddies', kind: 'buddy', startsOn: null, endsOn: null, admins: [PEOPLE.mentor.id] });
    const text = await saveProgram(PEOPLE.mentor, { name: 'Leads circle', startsOn: null, endsOn: '2027-03-01', admins: [] });
    expect(text).toContain('until Mon 1 Mar 2027');
    const leads = (await programNamed('Leads circle'))!;
    expect(leads.starts_on).toBeNull();
    expect(await grantedAdmins(leads.id)).toEqual([PEOPLE.mentor.id]);
    expect((await programNamed('Buddies'))!).toMatchObject({ starts_on: null, ends_on: null, kind: 'buddy' });
  });

  it('refuses a name already taken, whatever its case and spacing, and writes nothing', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort' });
    const before = await programCount();
    expect(errorsOf(await submitProgram(PEOPLE.admin, { name: 'SPRING  Cohort' }))).toEqual({ [F.name]: 'There\'s already a program called "SPRING Cohort". Pick another name.' });
    expect(errorsOf(await submitProgram(PEOPLE.admin, { name: 'mentoring' }))[F.name]).toContain('already a program called');
    expect(await programCount()).toBe(before);
  });

  it('refuses an end date on or before the start, an empty name and a forged kind, per field', async () => {
    const before = await programCount();
    expect(errorsOf(await submitProgram(PEOPLE.admin, { startsOn: '2027-01-10', endsOn: '2027-01-09' }))).toEqual({ [F.endsOn]: 'The end date must be after the start date.' });
    expect(errorsOf(await submitProgram(PEOPLE.admin, { startsOn: '2027-01-10', endsOn: '2027-01-10' }))).toEqual({ [F.endsOn]: 'The end date must be after the start date.' });
    expect(Object.keys(errorsOf(await submitProgram(PEOPLE.admin, { name: '   ', kind: 'mentoring-ish', channel: 'D123', enrolment: null })))).toEqual([
      F.name,
      F.kind,
      F.channel,
      F.enrolment,
    ]);
    expect(errorsOf(await submitProgram(PEOPLE.admin, { admins: ['not a user'] }))).toEqual({ [F.admins]: 'Choose people from the list.' });
    expect(await programCount()).toBe(before);
  });

  it('refuses a bot as program admin', async () => {
    t.fake.addUser({ id: 'UBOTTY01', team_id: TEAM, real_name: 'Helper Bot', is_bot: true });
    expect(errorsOf(await submitProgram(PEOPLE.admin, { admins: ['UBOTTY01'] }))).toEqual({ [F.admins]: 'Helper Bot is a bot and cannot be a program admin.' });
    expect(await programNamed('Spring cohort')).toBeUndefined();
  });

  it('is for admins only: the command and a forged submission are both refused', async () => {
    const { followUp } = await commandAnswer(PEOPLE.outsider, 'program new');
    expect(followUp).toContain(ADMINS_ONLY);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
    const res = await submitProgram(PEOPLE.outsider);
    expect(res.json.response_action).toBe('update');
    expect(textOf(res.json.view)).toContain(ADMINS_ONLY);
    expect(await programNamed('Spring cohort')).toBeUndefined();
  });
});

describe('/mentor program list', () => {
  it('shows every program to a workspace admin: kind, dates, enrolment, pairings and admins', async () => {
    await pairUp(t);
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id, PEOPLE.mentee2.id] });
    const { ack } = await commandAnswer(PEOPLE.admin, 'program list');
    const text = textOf(ack);
    expect(text).toContain('*Mentoring* (main program)\nMentoring · no end date · enrolment open · 1 pairing');
    expect(text).toContain(`*Spring cohort*\nMentoring · Tue 1 Dec – Mon 31 May 2027 · enrolment open · 0 pairings\nAdmins: <@${PEOPLE.mentor.id}>, <@${PEOPLE.mentee2.id}>`);
    expect(text).toContain('Six months for new team leads');
    expect(text.indexOf('*Mentoring*')).toBeLessThan(text.indexOf('*Spring cohort*'));
    expect(slackLimitViolations('ack', ack)).toEqual([]);
  });

  it('shows a program admin only the programs they run, and refuses everyone else', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id] });
    await saveProgram(PEOPLE.admin, { name: 'Autumn cohort', admins: [PEOPLE.mentee2.id] });
    const mine = textOf((await commandAnswer(PEOPLE.mentor, 'program')).ack);
    expect(mine).toContain('*Spring cohort*');
    expect(mine).not.toContain('Autumn');
    expect(mine).not.toContain('*Mentoring*');
    expect(textOf((await commandAnswer(PEOPLE.outsider, 'program list')).ack)).toContain(ADMINS_ONLY);
  });
});

describe('/mentor program edit', () => {
  it('opens the same modal filled in, and saves the changes to that program', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id], kind: 'buddy', enrolment: 'closed' });
    const program = (await programNamed('Spring cohort'))!;
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'program edit spring COHORT', user_id: PEOPLE.admin.id }));
    expect(view.title.text).toBe('Edit program');
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: program.id });
    const element = (id: string) => view.blocks.find((b: any) => b.block_id === id).element;
    expect(element(F.name).initial_value).toBe('Spring cohort');
    expect(element(F.kind).initial_option.value).toBe('buddy');
    expect(element(F.startsOn).initial_date).toBe('2026-12-01');
    expect(element(F.endsOn).initial_date).toBe('2027-05-31');
    expect(element(F.channel).initial_conversation).toBe('CSPRING');
    expect(element(F.admins).initial_users).toEqual([PEOPLE.mentor.id]);
    expect(element(F.enrolment).initial_option.value).toBe('closed');

    const text = await saveProgram(PEOPLE.admin, { name: 'Spring leads', endsOn: '2027-06-30', admins: [PEOPLE.mentee2.id] }, { programId: program.id });
    expect(text).toContain('*Spring leads* is saved');
    expect(await programCount()).toBe(2);
    expect((await programNamed('Spring leads'))!).toMatchObject({ id: program.id, ends_on: '2027-06-30', enrolment_open: true, kind: 'standard' });
    expect(await grantedAdmins(program.id)).toEqual([PEOPLE.mentee2.id]);
  });

  it('keeps its own name, but not another program’s', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort' });
    const program = (await programNamed('Spring cohort'))!;
    await saveProgram(PEOPLE.admin, { name: 'spring cohort', description: 'New words' }, { programId: program.id });
    expect((await programNamed('spring cohort'))!.description).toBe('New words');
    expect(errorsOf(await submitProgram(PEOPLE.admin, { name: 'Mentoring' }, { programId: program.id }))[F.name]).toContain('already a program called "Mentoring"');
  });

  it('lets a program admin change their program, and keeps them as its admin', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id] });
    const program = (await programNamed('Spring cohort'))!;
    await viewOpenedBy(t, () => t.slack.command({ text: 'program edit Spring cohort', user_id: PEOPLE.mentor.id }));
    await saveProgram(PEOPLE.mentor, { name: 'Spring cohort', description: 'Ours', admins: [PEOPLE.mentee2.id] }, { programId: program.id });
    expect(await grantedAdmins(program.id)).toEqual([PEOPLE.mentee2.id, PEOPLE.mentor.id].sort());
  });

  it('refuses a program admin touching another program, by command or by a forged submission', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id] });
    await saveProgram(PEOPLE.admin, { name: 'Autumn cohort', admins: [PEOPLE.mentee2.id] });
    const autumn = (await programNamed('Autumn cohort'))!;
    const main = await defaultProgram(db(), TEAM);
    for (const name of ['Autumn cohort', 'Mentoring']) {
      const { followUp } = await commandAnswer(PEOPLE.mentor, `program edit ${name}`);
      expect(followUp).toContain(`You're not an admin of *${name}*`);
    }
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
    for (const target of [autumn, main]) {
      const res = await submitProgram(PEOPLE.mentor, { name: 'Taken over' }, { programId: target.id });
      expect(textOf(res.json.view)).toContain(`You're not an admin of *${target.name}*`);
    }
    expect(await programNamed('Taken over')).toBeUndefined();
    expect(await grantedAdmins(autumn.id)).toEqual([PEOPLE.mentee2.id]);
  });

  it('answers an unknown program name clearly, and tells a non-admin nothing about which exist', async () => {
    const { followUp } = await commandAnswer(PEOPLE.admin, 'program edit Winter');
    expect(followUp).toContain('There\'s no program called "Winter"');
    expect(followUp).toContain('/mentor program list');
    expect((await commandAnswer(PEOPLE.outsider, 'program edit Mentoring')).followUp).toContain(ADMINS_ONLY);
    expect(textOf((await commandAnswer(PEOPLE.admin, 'program edit')).ack)).toContain('Name the program to edit');
    expect(textOf((await commandAnswer(PEOPLE.admin, 'program rename X')).ack)).toContain('`program` takes `new`, `list`, `edit`, `archive` or `carry-over`');
  });
});

describe('/mentor program archive', () => {
  async function pressArchive(person: Person, programId: number, ack: any) {
    const responseUrl = t.fake.responseUrl();
    const res = await t.slack.blockAction({
      user_id: person.id,
      actions: [{ action_id: 'program_archive_confirm', value: String(programId), block_id: `program_archive_${programId}` }],
      message: { ts: '1700000000.000100', text: ack.text, blocks: ack.blocks },
      channel_id: 'C1',
      container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
      response_url: responseUrl,
    });
    expect(res.status).toBe(200);
    await t.bot.idle();
    return t.fake.callsTo('response_url').at(-1);
  }

  it('asks first, then archives: the program takes nobody new and says so', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort' });
    const program = (await programNamed('Spring cohort'))!;
    const { ack } = await commandAnswer(PEOPLE.admin, 'program archive "spring cohort"');
    expect(textOf(ack)).toContain('*Archive Spring cohort?*');
    expect((await programNamed('Spring cohort'))!.archived_at).toBeNull();

    const reply = await pressArchive(PEOPLE.admin, program.id, ack);
    expect(reply?.args.replace_original).toBe(true);
    expect(textOf(reply?.args)).toContain(`*Spring cohort* was archived by <@${PEOPLE.admin.id}>`);
    expect((await programNamed('Spring cohort'))!).toMatchObject({ archived_at: new Date('2026-11-18T14:00:00Z'), enrolment_open: false });

    const list = textOf((await commandAnswer(PEOPLE.admin, 'program list')).ack);
    expect(list).toContain('Mentoring · Tue 1 Dec – Mon 31 May 2027 · archived');
    expect(textOf((await commandAnswer(PEOPLE.admin, 'program archive Spring cohort')).ack)).toContain('*Spring cohort* is already archived.');
    expect((await commandAnswer(PEOPLE.admin, 'program edit Spring cohort')).followUp).toContain('is archived, so it can\'t be changed');
    const again = await pressArchive(PEOPLE.admin, program.id, ack);
    expect(again?.args.replace_original).not.toBe(true);
    await eventually(() => expect(textOf(t.fake.callsTo('views.open').at(-1)?.args.view)).toContain('already archived'));
  });

  it('keeps the main program, and refuses a press by someone who does not run the program', async () => {
    expect(textOf((await commandAnswer(PEOPLE.admin, 'program archive Mentoring')).ack)).toContain('*Mentoring* is the workspace\'s main program');
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id] });
    await saveProgram(PEOPLE.admin, { name: 'Autumn cohort', admins: [PEOPLE.mentee2.id] });
    const autumn = (await programNamed('Autumn cohort'))!;
    const { ack } = await commandAnswer(PEOPLE.admin, 'program archive Autumn cohort');
    expect(textOf((await commandAnswer(PEOPLE.mentor, 'program archive Autumn cohort')).ack)).toContain("You're not an admin of *Autumn cohort*");
    for (const person of [PEOPLE.mentor, PEOPLE.outsider]) await pressArchive(person, autumn.id, ack);
    await eventually(() => expect(t.fake.callsTo('views.open')).toHaveLength(2));
    expect(t.fake.callsTo('views.open').map((c) => textOf(c.args.view))).toEqual([
      expect.stringContaining("You're not an admin of *Autumn cohort*"),
      expect.stringContaining(ADMINS_ONLY),
    ]);
    expect((await programNamed('Autumn cohort'))!.archived_at).toBeNull();
  });
});

describe('a second program changes nothing else', () => {
  it('sends each program’s weekly digest to that program’s admins, one DM a day each', async () => {
    await pairUp(t);
    const spring = await programNamed('Spring cohort') ?? (await saveProgram(PEOPLE.admin, { name: 'Spring cohort', admins: [PEOPLE.mentor.id] }), await programNamed('Spring cohort'));
    const main = await defaultProgram(db(), TEAM);
    t.fake.reset();
    await t.sweepAt('2026-11-23T09:30:00Z'); // Monday 09:30 in London
    expect(directMessagesTo(t, PEOPLE.admin)).toHaveLength(1);
    const digests = await db().selectFrom('nudges').select(['program_id', 'recipient_id']).where('rule', '=', 'admin_digest').execute();
    expect(digests.filter((d) => d.program_id === main.id).map((d) => d.recipient_id)).toEqual([PEOPLE.admin.id]);
    expect(digests.filter((d) => d.program_id === spring!.id).map((d) => d.recipient_id).sort()).toEqual([PEOPLE.admin.id, PEOPLE.mentor.id].sort());
  });
});

describe('/mentor announce', () => {
  const CHANNEL = 'CGENERAL';
  const cards = () => t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === CHANNEL);
  const joinButtons = (card: any) => card.args.blocks.flatMap((b: any) => b.elements ?? []).filter((e: any) => e.type === 'button');

  function pressJoin(person: Person, actionId: 'program_join_mentee' | 'program_join_mentor', programId: number | string) {
    return t.slack.blockAction({ user_id: person.id, actions: [{ action_id: actionId, value: String(programId), block_id: `program_join_${programId}` }], channel_id: CHANNEL, message: { ts: '1700000000.000200', text: 'card' } });
  }

  function submitJoin(person: Person, programId: number) {
    return t.slack.viewSubmission({
      user_id: person.id,
      team_id: TEAM,
      callback_id: 'join_modal',
      private_metadata: JSON.stringify({ programId }),
      values: {
        join_roles: { value: { type: 'checkboxes', selected_options: [{ value: 'mentee' }] } },
        join_manager: { value: { type: 'users_select', selected_user: null } },
        mentee_skills_other: { value: { type: 'plain_text_input', value: 'Negotiation' } },
        mentee_strengths: { value: { type: 'plain_text_input', value: '' } },
        mentee_gap: { value: { type: 'plain_text_input', value: 'Budget talks' } },
        mentor_skills_other: { value: { type: 'plain_text_input', value: '' } },
        mentor_capacity: { value: { type: 'number_input', value: '1' } },
        mentor_reverse: { value: { type: 'checkboxes', selected_options: [] } },
      },
    });
  }
  const profilesIn = async (programId: number) =>
    (await db().selectFrom('member_profiles').select(['user_id', 'role']).where('program_id', '=', programId).orderBy('user_id').execute()).map((r) => `${r.user_id}:${r.role}`);

  it('posts the program’s card in the channel: what it is, its rhythm and end date, and two join buttons', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', kind: 'reverse' });
    const spring = (await programNamed('Spring cohort'))!;
    t.fake.reset();
    const { ack, followUp } = await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general> spring cohort`);
    expect(ack.text).toBe(`Posting the card for *Spring cohort* in <#${CHANNEL}>…`);
    expect(cards()).toHaveLength(1);
    const text = textOf(cards()[0]!.args);
    expect(text).toContain('Spring cohort');
    expect(text).toContain('Six months for new team leads');
    expect(text).toContain('Reverse mentoring: a junior colleague');
    expect(text).toContain('Pairs meet every 2 weeks and look back together after 6 months.');
    expect(text).toContain('Runs from Tue 1 Dec until Mon 31 May 2027.');
    expect(joinButtons(cards()[0]).map((b: any) => [b.action_id, b.value, b.text.text])).toEqual([
      ['program_join_mentee', String(spring.id), 'Join as mentee'],
      ['program_join_mentor', String(spring.id), 'Join as mentor'],
    ]);
    expect(followUp).toContain(`Posted the card for *Spring cohort* in <#${CHANNEL}>`);
  });

  it('a buddy program’s card has one Join, which asks both roles', async () => {
    await saveProgram(PEOPLE.admin, { name: 'New joiners', kind: 'buddy' });
    const buddies = (await programNamed('New joiners'))!;
    t.fake.reset();
    await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general> new joiners`);
    expect(joinButtons(cards()[0]).map((b: any) => [b.action_id, b.value, b.text.text])).toEqual([['program_join_any', String(buddies.id), 'Join']]);
    const view = await viewOpenedBy(t, () => t.slack.blockAction({ user_id: PEOPLE.mentee2.id, team_id: TEAM, actions: [{ action_id: 'program_join_any', value: String(buddies.id) }] }));
    expect(view.callback_id).toBe('join_modal');
    expect(textOf({ blocks: view.blocks })).toContain('New joiners');
  });

  it('announces the only program without a name, and asks which when there are several', async () => {
    await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general>`);
    expect(textOf(cards()[0]!.args)).toContain('Mentoring');
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort' });
    t.fake.reset();
    const { ack } = await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general>`);
    expect(ack.text).toContain('Which program? Add its name: `Mentoring`, `Spring cohort`.');
    expect(cards()).toHaveLength(0);
  });

  it('says so when the bot cannot post in the channel, or the channel is not a channel', async () => {
    t.fake.failNext('chat.postMessage', { error: 'not_in_channel' });
    const { followUp } = await commandAnswer(PEOPLE.admin, `announce <#GPRIVATE|secret>`);
    expect(followUp).toContain("I couldn't post in <#GPRIVATE>. I can't post in that channel. Choose a public channel, or add me to this one first. Invite me there");
    expect(followUp).toContain('Nothing was posted.');
    expect(textOf((await commandAnswer(PEOPLE.admin, 'announce #general')).ack)).toContain("I couldn't read #general as a channel");
    expect(textOf((await commandAnswer(PEOPLE.admin, 'announce')).ack)).toContain('Name the channel to post in, as #channel.');
  });

  it('refuses a closed or archived program, a program someone does not run, and non-admins, posting nothing', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Closed one', enrolment: 'closed', admins: [PEOPLE.mentor.id] });
    await saveProgram(PEOPLE.admin, { name: 'Old one' });
    const old = (await programNamed('Old one'))!;
    await db().updateTable('programs').set({ archived_at: new Date('2026-11-10T00:00:00Z') }).where('id', '=', old.id).execute();
    t.fake.reset();
    expect((await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general> Closed one`)).ack.text).toContain(
      "*Closed one* isn't taking new people: open its enrolment with `/mentor program edit Closed one` first.",
    );
    expect((await commandAnswer(PEOPLE.admin, `announce <#${CHANNEL}|general> old one`)).ack.text).toContain('*Old one* is archived, so nobody can join it.');
    expect((await commandAnswer(PEOPLE.mentor, `announce <#${CHANNEL}|general> Mentoring`)).ack.text).toContain("You're not an admin of *Mentoring*");
    expect((await commandAnswer(PEOPLE.outsider, `announce <#${CHANNEL}|general>`)).ack.text).toContain(ADMINS_ONLY);
    expect(cards()).toHaveLength(0);
  });

  it('"Join as mentee" opens the join modal for that program, and the profile is saved in it', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort' });
    const spring = (await programNamed('Spring cohort'))!;
    const view = await viewOpenedBy(t, () => pressJoin(PEOPLE.outsider, 'program_join_mentee', spring.id));
    expect(view.callback_id).toBe('join_modal');
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: spring.id, role: 'mentee' });
    expect(textOf(view)).toContain('Joining *Spring cohort* as a mentee');
    expect(view.blocks.find((b: any) => b.block_id === 'join_roles')).toBeUndefined();
    const mentorView = await viewOpenedBy(t, () => pressJoin(PEOPLE.mentee2, 'program_join_mentor', spring.id));
    expect(JSON.parse(mentorView.private_metadata)).toEqual({ programId: spring.id, role: 'mentor' });
    expect(mentorView.blocks.some((b: any) => b.block_id === 'mentor_capacity') && !mentorView.blocks.some((b: any) => b.block_id === 'mentee_gap')).toBe(true);

    const res = await submitJoin(PEOPLE.outsider, spring.id);
    expect(res.json.response_action).toBe('update');
    expect(textOf(res.json.view)).toContain("You're on *Spring cohort*'s list as a mentee.");
    expect(await profilesIn(spring.id)).toEqual([`${PEOPLE.outsider.id}:mentee`]);
    expect(await profilesIn((await defaultProgram(db(), TEAM)).id)).toEqual([]);
  });

  it('refuses joining a closed or archived program, by button or by a forged submission', async () => {
    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', enrolment: 'closed' });
    const spring = (await programNamed('Spring cohort'))!;
    await pressJoin(PEOPLE.outsider, 'program_join_mentee', spring.id);
    await eventually(() => expect(textOf(t.fake.callsTo('views.open').at(-1)?.args.view)).toContain("*Spring cohort* isn't taking new people right now."));
    expect(textOf((await submitJoin(PEOPLE.outsider, spring.id)).json.view)).toContain("isn't taking new people");

    await saveProgram(PEOPLE.admin, { name: 'Spring cohort', enrolment: 'open' }, { programId: spring.id });
    const { ack } = await commandAnswer(PEOPLE.admin, 'program archive Spring cohort');
    await t.slack.blockAction({ user_id: PEOPLE.admin.id, actions: [{ action_id: 'program_archive_confirm', value: String(spring.id) }], response_url: t.fake.responseUrl(), message: { ts: '1.2', text: ack.text, blocks: ack.blocks }, channel_id: 'C1' });
    await t.bot.idle();
    expect(textOf((await submitJoin(PEOPLE.outsider, spring.id)).json.view)).toContain('*Spring cohort* is archived, so nobody new can join it.');
    await pressJoin(PEOPLE.outsider, 'program_join_mentee', 'not-a-program');
    await eventually(() => expect(textOf(t.fake.callsTo('views.open').at(-1)?.args.view)).toContain('That program no longer exists'));
    expect(await profilesIn(spring.id)).toEqual([]);
  });
});
