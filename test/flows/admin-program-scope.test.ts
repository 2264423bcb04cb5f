import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { ADMIN_PROGRAM_ACTION } from '../../src/slack/ids.ts';
import { answered, directMessagesTo, eventually, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { settingsViewValues } from '../helpers/settings-values.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };

/** Workspace admin: runs both programs. */
const ADA = PEOPLE.admin;
/** Granted admin of Spring cohort only. */
const OLU = PEOPLE.outsider;

/** view.state.values of the program modal, as Slack sends them. */
function programValues(name: string, admins: string[], kind = 'standard') {
  return {
    program_name: { value: { type: 'plain_text_input', value: name } },
    program_description: { value: { type: 'plain_text_input', value: 'A cohort' } },
    program_kind: { value: { type: 'static_select', selected_option: { value: kind } } },
    program_starts_on: { value: { type: 'datepicker', selected_date: '2026-12-01' } },
    program_ends_on: { value: { type: 'datepicker', selected_date: '2027-05-31' } },
    program_celebration_channel: { value: { type: 'conversations_select', selected_conversation: 'CSPRING' } },
    program_admins: { value: { type: 'multi_users_select', selected_users: admins } },
    program_enrolment: { value: { type: 'radio_buttons', selected_option: { value: 'open' } } },
  };
}

async function newProgram(name: string, admins: string[], kind = 'standard') {
  const res = await t.slack.viewSubmission({ user_id: ADA.id, team_id: TEAM, callback_id: 'program_modal', private_metadata: '{}', values: programValues(name, admins, kind) });
  expect(res.json.response_action, JSON.stringify(res.json)).toBe('update');
  await t.bot.idle();
  return db().selectFrom('programs').selectAll().where('team_id', '=', TEAM).where('name', '=', name).executeTakeFirstOrThrow();
}

/** A command's ack, and what followed through its response_url. */
async function command(person: Person, text: string): Promise<{ ack: any; followUps: any[] }> {
  const responseUrl = t.fake.responseUrl();
  const ack = await answered(t, t.slack.command({ text, user_id: person.id, response_url: responseUrl }));
  const followUps = t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl).map((c) => c.args);
  return { ack, followUps };
}

/** The program select in a reply, modal or Home. */
function programSelectOf(payload: { blocks?: any[] }): { blockId: string; options: string[]; initial: string | undefined; values: string[] } | undefined {
  const block = (payload.blocks ?? []).find((b: any) => b.accessory?.action_id === ADMIN_PROGRAM_ACTION);
  if (!block) return undefined;
  return {
    blockId: block.block_id,
    options: block.accessory.options.map((o: any) => o.text.text),
    values: block.accessory.options.map((o: any) => o.value),
    initial: block.accessory.initial_option?.text.text,
  };
}

/** Picks a program in a select, as Slack sends it; returns what came back through response_url. */
async function pick(person: Person, blockId: string, programId: number, extra: Record<string, unknown> = {}): Promise<any[]> {
  const responseUrl = t.fake.responseUrl();
  const res = await t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    response_url: responseUrl,
    actions: [{ action_id: ADMIN_PROGRAM_ACTION, block_id: blockId, selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(programId) } }],
    ...extra,
  } as any);
  expect(res.status).toBe(200);
  await t.bot.idle();
  return t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl).map((c) => c.args);
}

const remembered = async (person: Person) =>
  (await db().selectFrom('admin_program_choices').select('program_id').where('team_id', '=', TEAM).where('user_id', '=', person.id).executeTakeFirst())?.program_id;
const livePair = (mentor: Person, mentee: Person) =>
  db().selectFrom('pairs').selectAll().where('mentor_id', '=', mentor.id).where('mentee_id', '=', mentee.id).where('status', '<>', 'ended').executeTakeFirst();

let main: { id: number; name: string };
let spring: { id: number; name: string; cadence_days: number };

beforeEach(async () => {
  await db().deleteFrom('admin_program_choices').execute();
  await db().deleteFrom('pairs').execute();
  await db().deleteFrom('program_admins').execute();
  await db().deleteFrom('programs').where('is_default', '=', false).execute();
  main = await defaultProgram(db(), TEAM);
  spring = await newProgram('Spring cohort', [OLU.id]);
  t.fake.reset();
});

describe('an admin of two programs', () => {
  it('is asked which program, picks one, and the next command remembers it', async () => {
    const { ack } = await command(ADA, 'report');
    expect(ack.text).toContain('Which program?');
    expect(slackLimitViolations('ack', ack)).toEqual([]);
    const select = programSelectOf(ack)!;
    expect(select.options).toEqual(['Mentoring', 'Spring cohort']);
    expect(await remembered(ADA)).toBeUndefined();

    const answers = await pick(ADA, select.blockId, spring.id);
    expect(await remembered(ADA)).toBe(spring.id);
    const report = answers.find((a) => textOf(a).includes('Program report'));
    expect(report, JSON.stringify(answers)).toBeDefined();
    expect(report.replace_original).toBe(true);
    expect(programSelectOf(report)?.initial).toBe('Spring cohort');

    // Remembered: the next command goes straight to Spring cohort, with the select to switch.
    const again = await command(ADA, 'report');
    expect(again.ack.text).not.toContain('Which program?');
    expect(textOf(again.ack)).toContain('*Program:* Spring cohort');
    const match = await command(ADA, 'match');
    expect(programSelectOf(match.ack)?.initial).toBe('Spring cohort');

    // Switching on a reply is remembered too.
    await pick(ADA, programSelectOf(again.ack)!.blockId, main.id);
    expect(await remembered(ADA)).toBe(main.id);
  });

  it('names a program in the command instead, by name, with or without `in`', async () => {
    const named = await command(ADA, 'report spring COHORT');
    expect(textOf(named.ack)).toContain('*Program:* Spring cohort');
    const unknown = await command(ADA, 'report in Autumn');
    expect(unknown.ack.text).toContain('There\'s no program called "Autumn"');
  });

  it('pairs in the program picked, with its cadence; a reverse program pairs in reverse', async () => {
    await db().updateTable('programs').set({ cadence_days: 21 }).where('id', '=', spring.id).execute();
    const asked = await command(ADA, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(asked.ack.text).toContain('Which program?');
    expect(await livePair(PEOPLE.mentor, PEOPLE.mentee)).toBeUndefined();
    const answers = await pick(ADA, programSelectOf(asked.ack)!.blockId, spring.id);
    expect(answers.map(textOf).join('\n')).toContain('New pairing in *Spring cohort*');
    const pair = (await livePair(PEOPLE.mentor, PEOPLE.mentee))!;
    expect(pair.program_id).toBe(spring.id);
    expect(pair.cadence_days).toBe(21);

    // Remembered for the next one; `in <program>` still names another.
    await command(ADA, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee2)} in Mentoring`);
    expect((await livePair(PEOPLE.mentor, PEOPLE.mentee2))!.program_id).toBe(main.id);

    const buddies = await newProgram('Reverse circle', [], 'reverse');
    await command(ADA, `pair ${at(PEOPLE.mentee)} ${at(PEOPLE.mentee2)} in Reverse circle`);
    const reverse = (await livePair(PEOPLE.mentee, PEOPLE.mentee2))!;
    expect([reverse.program_id, reverse.kind]).toEqual([buddies.id, 'reverse']);
  });

  it('ends a pairing found in any program they run', async () => {
    await command(ADA, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} in Spring cohort`);
    const { ack } = await command(ADA, `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(ack.text).toContain('Concluded');
    expect(await livePair(PEOPLE.mentor, PEOPLE.mentee)).toBeUndefined();
  });

  it('opens the settings of the program picked, and saves them to that program only', async () => {
    const { followUps } = await command(ADA, 'settings');
    const asked = followUps.find((f) => textOf(f).includes('Which program?'));
    expect(asked, JSON.stringify(followUps)).toBeDefined();
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
    const view = await viewOpenedBy(t, () =>
      t.slack.blockAction({ user_id: ADA.id, team_id: TEAM, response_url: t.fake.responseUrl(), actions: [{ action_id: ADMIN_PROGRAM_ACTION, block_id: programSelectOf(asked)!.blockId, selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(spring.id) } }] } as any),
    );
    expect(textOf({ blocks: view.blocks })).toContain('Rules for *Spring cohort*');
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: spring.id });
    expect(programSelectOf(view)?.initial).toBe('Spring cohort');

    const res = await t.slack.viewSubmission({ user_id: ADA.id, team_id: TEAM, callback_id: view.callback_id, private_metadata: view.private_metadata, values: settingsViewValues({ cadence: '10' }) });
    expect(res.json.response_action, JSON.stringify(res.json)).toBe('update');
    const cadences = await db().selectFrom('programs').select(['id', 'cadence_days']).where('team_id', '=', TEAM).orderBy('id').execute();
    expect(cadences.find((p) => p.id === spring.id)!.cadence_days).toBe(10);
    expect(cadences.find((p) => p.id === main.id)!.cadence_days).not.toBe(10);
  });

  it('switches the settings modal to another program in place', async () => {
    await pick(ADA, 'admin_program:report', spring.id);
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'settings', user_id: ADA.id, response_url: t.fake.responseUrl() }));
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: spring.id });
    await t.slack.blockAction({ user_id: ADA.id, team_id: TEAM, view: { id: 'VSETTINGS', type: 'modal', callback_id: view.callback_id }, actions: [{ action_id: ADMIN_PROGRAM_ACTION, block_id: programSelectOf(view)!.blockId, selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(main.id) } }] } as any);
    await eventually(() => expect(t.fake.callsTo('views.update')).toHaveLength(1));
    const updated = t.fake.callsTo('views.update')[0]!.args;
    expect(updated.view_id).toBe('VSETTINGS');
    expect(JSON.parse(updated.view.private_metadata)).toEqual({ programId: main.id });
    expect(await remembered(ADA)).toBe(main.id);
  });
});

describe('export, celebrate and feedback follow the program too', () => {
  it('exports the remembered program, with the select to switch', async () => {
    await pick(ADA, 'admin_program:report', spring.id);
    const { ack } = await command(ADA, 'export');
    expect(ack.text).toContain('Preparing your export');
    expect(programSelectOf(ack)?.initial).toBe('Spring cohort');
    expect(programSelectOf(ack)?.blockId).toBe('admin_program:export');
  });

  it('opens the shout-out modal for the program named, and posts it under that program', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: `celebrate ${at(PEOPLE.mentee)} in Spring cohort`, user_id: ADA.id, response_url: t.fake.responseUrl() }));
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: spring.id });
  });

  it('lets a program’s admins handle only their own program’s feedback notes', async () => {
    await command(ADA, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} in Mentoring`);
    const pair = (await livePair(PEOPLE.mentor, PEOPLE.mentee))!;
    const note = await db()
      .insertInto('feedback_notes')
      .values({ team_id: TEAM, program_id: main.id, pair_id: pair.id, author_id: PEOPLE.mentee.id, body: 'A note', show_author: false, created_at: new Date('2026-11-18T13:00:00Z') } as any)
      .returning('id')
      .executeTakeFirstOrThrow();
    const res = await t.slack.blockAction({ user_id: OLU.id, team_id: TEAM, actions: [{ action_id: 'feedback_mark_handled', value: String(note.id) }] } as any);
    expect(res.status).toBe(200);
    await t.bot.idle();
    const row = await db().selectFrom('feedback_notes').select(['handled_by']).where('id', '=', note.id).executeTakeFirstOrThrow();
    expect(row.handled_by).toBeNull();
    expect(t.fake.callsTo('views.open').map((c) => textOf({ blocks: c.args.view.blocks })).join('\n')).toContain("You're not an admin of *Mentoring*");
  });
});

describe('an admin of one program (granted, not a workspace admin)', () => {
  it('gets only theirs, without a question or a switch', async () => {
    const { ack } = await command(OLU, 'report');
    expect(textOf(ack)).toContain('Program report');
    expect(programSelectOf(ack)).toBeUndefined();
    const admins = await command(OLU, 'admins');
    expect(admins.ack.text).toContain('*Program admins*');
    expect(admins.ack.text).toContain(`<@${OLU.id}>`);
  });

  it('is refused another program’s report, settings, pairs and admins, and nothing changes', async () => {
    const report = await command(OLU, 'report Mentoring');
    expect(report.ack.text).toContain("You're not an admin of *Mentoring*");

    const settings = await command(OLU, 'settings in Mentoring');
    expect(settings.followUps.map(textOf).join('\n')).toContain("You're not an admin of *Mentoring*");
    expect(t.fake.callsTo('views.open')).toHaveLength(0);

    const pairing = await command(OLU, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee2)} in Mentoring`);
    expect(pairing.ack.text).toContain("You're not an admin of *Mentoring*");
    expect(await livePair(PEOPLE.mentor, PEOPLE.mentee2)).toBeUndefined();

    await command(ADA, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)} in Mentoring`);
    const end = await command(OLU, `end ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect(end.ack.text).toContain("You're not an admin of *Mentoring*");
    expect((await livePair(PEOPLE.mentor, PEOPLE.mentee))?.status).toBe('active');

    const grant = await command(OLU, `admins add ${at(PEOPLE.mentee2)} Mentoring`);
    expect(grant.ack.text).toContain("You're not an admin of *Mentoring*");
    expect(await db().selectFrom('program_admins').select('user_id').where('program_id', '=', main.id).execute()).toEqual([]);

    // A picked select is checked the same way: a forged pick of another program is refused.
    const forged = await pick(OLU, 'admin_program:report', main.id);
    expect(forged.map(textOf).join('\n')).toContain("You're not an admin of *Mentoring*");
    expect(await remembered(OLU)).toBeUndefined();
  });

  it('pairs in their program, and `admins add` grants admin of it', async () => {
    await command(OLU, `pair ${at(PEOPLE.mentor)} ${at(PEOPLE.mentee)}`);
    expect((await livePair(PEOPLE.mentor, PEOPLE.mentee))!.program_id).toBe(spring.id);
    const grant = await command(OLU, `admins add ${at(PEOPLE.mentee2)}`);
    expect(grant.ack.text).toContain('is now a program admin');
    const grants = await db().selectFrom('program_admins').select(['program_id', 'user_id']).where('user_id', '=', PEOPLE.mentee2.id).execute();
    expect(grants).toEqual([{ program_id: spring.id, user_id: PEOPLE.mentee2.id }]);
  });
});

describe('the weekly digest per program', () => {
  it('goes to each program’s admins, named when there are several programs', async () => {
    await t.sweepAt('2026-11-23T09:30:00Z');
    const digests = await db().selectFrom('nudges').select(['program_id', 'recipient_id']).where('rule', '=', 'admin_digest').orderBy('program_id').orderBy('recipient_id').execute();
    expect(digests).toEqual(
      expect.arrayContaining([
        { program_id: main.id, recipient_id: ADA.id },
        { program_id: spring.id, recipient_id: ADA.id },
        { program_id: spring.id, recipient_id: OLU.id },
      ]),
    );
    expect(digests.filter((d) => d.program_id === main.id).map((d) => d.recipient_id)).not.toContain(OLU.id);
    // Olu is in Los Angeles: the digest waits for their morning.
    await t.sweepAt('2026-11-23T17:30:00Z');
    await t.bot.idle();
    await eventually(() => expect(directMessagesTo(t, OLU).length).toBeGreaterThan(0));
    const olus = directMessagesTo(t, OLU).map((c) => textOf(c.args)).join('\n');
    expect(olus).toContain('Your weekly mentoring digest: Spring cohort');
  });
});

describe('"Open report" on a program’s digest', () => {
  it('opens that program’s report for its admins, and refuses another program’s', async () => {
    const press = (person: Person, value: string) => t.slack.blockAction({ user_id: person.id, team_id: TEAM, actions: [{ action_id: 'open_report', value }] } as any);
    const view = await viewOpenedBy(t, () => press(OLU, String(spring.id)));
    expect(view.title.text).toBe('Program report');
    // Olu runs one program: no name. Ada runs both: the report says which.
    expect(textOf({ blocks: view.blocks })).not.toContain('*Program:*');
    const adas = await viewOpenedBy(t, () => press(ADA, String(spring.id)));
    expect(textOf({ blocks: adas.blocks })).toContain('*Program:* Spring cohort');
    const refused = await viewOpenedBy(t, () => press(OLU, String(main.id)));
    expect(textOf({ blocks: refused.blocks })).toContain("You're not an admin of *Mentoring*");
  });
});

describe('the admin Home', () => {
  it('shows the remembered program’s health with the program select, and a pick republishes it', async () => {
    await pick(ADA, 'admin_program:report', spring.id);
    t.fake.reset();
    await t.slack.blockAction({ user_id: ADA.id, team_id: TEAM, view: { id: 'VHOME', type: 'home' }, actions: [{ action_id: ADMIN_PROGRAM_ACTION, block_id: 'admin_program:home', selected_option: { text: { type: 'plain_text', text: 'x' }, value: String(main.id) } }] } as any);
    await t.bot.idle();
    expect(await remembered(ADA)).toBe(main.id);
    await eventually(() => expect(t.fake.callsTo('views.publish').filter((c) => c.args.user_id === ADA.id).length).toBeGreaterThan(0));
    const home = t.fake.callsTo('views.publish').filter((c) => c.args.user_id === ADA.id).at(-1)!.args.view;
    expect(programSelectOf(home)?.initial).toBe('Mentoring');
    expect(programSelectOf(home)?.options).toEqual(['Mentoring', 'Spring cohort']);
  });
});
