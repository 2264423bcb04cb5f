import { beforeEach, describe, expect, it } from 'vitest';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { answered, directMessagesTo, eventually, lastHomeOf, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { DashboardService } from '../../src/services/dashboard-service.ts';
import { MemberDirectory } from '../../src/services/member-directory.ts';
import { ProgramHealthService } from '../../src/services/program-health-service.ts';
import { countQueries } from '../helpers/query-count.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

// Enrolment: the join modal by role, open programs on Home, and the mentees waiting for a match.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;
type Person = { id: string; real_name: string };

const SUGGEST = 'enrolment_suggest_pairs';

function programValues(v: { name: string; kind?: string; endsOn?: string | null; enrolment?: string; admins?: string[] }) {
  return {
    program_name: { value: { type: 'plain_text_input', value: v.name } },
    program_description: { value: { type: 'plain_text_input', value: `About ${v.name}` } },
    program_kind: { value: { type: 'static_select', selected_option: { value: v.kind ?? 'standard' } } },
    program_starts_on: { value: { type: 'datepicker', selected_date: '2026-11-01' } },
    program_ends_on: { value: { type: 'datepicker', selected_date: v.endsOn === undefined ? '2027-05-31' : v.endsOn } },
    program_celebration_channel: { value: { type: 'conversations_select', selected_conversation: null } },
    program_admins: { value: { type: 'multi_users_select', selected_users: v.admins ?? [] } },
    program_enrolment: { value: { type: 'radio_buttons', selected_option: { value: v.enrolment ?? 'open' } } },
  };
}

async function newProgram(v: Parameters<typeof programValues>[0]): Promise<number> {
  const res = await t.slack.viewSubmission({ user_id: PEOPLE.admin.id, team_id: TEAM, callback_id: 'program_modal', private_metadata: '{}', values: programValues(v) });
  expect(res.json.response_action, JSON.stringify(res.json)).toBe('update');
  const row = await db().selectFrom('programs').select('id').where('team_id', '=', TEAM).where('name', '=', v.name).executeTakeFirstOrThrow();
  return row.id;
}

const menteeValues = (skills: string, gap = 'Budget talks') => ({
  join_manager: { value: { type: 'users_select', selected_user: null } },
  mentee_skills_other: { value: { type: 'plain_text_input', value: skills } },
  mentee_strengths: { value: { type: 'plain_text_input', value: '' } },
  mentee_gap: { value: { type: 'plain_text_input', value: gap } },
});
const mentorValues = (skills: string, capacity = '2', manager: string | null = null) => ({
  join_manager: { value: { type: 'users_select', selected_user: manager } },
  mentor_skills_other: { value: { type: 'plain_text_input', value: skills } },
  mentor_capacity: { value: { type: 'number_input', value: capacity } },
  mentor_reverse: { value: { type: 'checkboxes', selected_options: [] } },
});

function submitRole(person: Person, programId: number | string, role: 'mentee' | 'mentor', values: Record<string, Record<string, any>>) {
  return t.slack.viewSubmission({ user_id: person.id, team_id: TEAM, callback_id: 'join_modal', private_metadata: JSON.stringify({ programId, role }), values });
}

function pressJoin(person: Person, actionId: string, programId: number | string) {
  return t.slack.blockAction({ user_id: person.id, team_id: TEAM, view: { id: 'VHOME1', type: 'home' } as any, actions: [{ action_id: actionId, value: String(programId), block_id: `joinable_${programId}` }] });
}

const profiles = async (programId: number) =>
  (await db().selectFrom('member_profiles').select(['user_id', 'role', 'skills', 'capacity', 'manager_id']).where('program_id', '=', programId).orderBy('user_id').orderBy('role').execute());

const openHome = async (person: Person) => {
  const before = t.fake.callsTo('views.publish').filter((c) => c.args.user_id === person.id).length;
  await t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: `D${person.id}`, tab: 'home', event_ts: String(Date.now()) } });
  await eventually(() => expect(t.fake.callsTo('views.publish').filter((c) => c.args.user_id === person.id).length).toBeGreaterThan(before));
  return lastHomeOf(t, person)!.args.view;
};

const homeButtons = (view: any) => view.blocks.filter((b: any) => b.type === 'actions').flatMap((b: any) => b.elements).map((e: any) => [e.action_id, e.value, e.text.text]);
const noticeText = () => textOf(t.fake.callsTo('views.open').at(-1)?.args.view);

let main: number;
beforeEach(async () => {
  main = (await defaultProgram(db(), TEAM)).id;
});

describe('the join modal by role', () => {
  it('"Join as mentee" asks only the mentee questions, names the program, and says what happens next', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    const view = await viewOpenedBy(t, () => pressJoin(PEOPLE.outsider, 'program_join_mentee', spring));
    expect(slackLimitViolations('views.open', { view })).toEqual([]);
    expect(view.title.text).toBe('Join as mentee');
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: spring, role: 'mentee' });
    expect(textOf(view)).toContain('Joining *Spring cohort* as a mentee');
    const ids = view.blocks.map((b: any) => b.block_id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(['mentee_skills_other', 'mentee_gap', 'join_manager']));
    expect(ids).not.toContain('join_roles');
    expect(ids.filter((id: string) => id.startsWith('mentor_'))).toEqual([]);

    const res = await submitRole(PEOPLE.outsider, spring, 'mentee', menteeValues('Negotiation'));
    expect(res.json.response_action).toBe('update');
    expect(textOf(res.json.view)).toContain(
      "You're on *Spring cohort*'s list as a mentee. A program admin will pair you (usually within a week); you'll get a DM introducing your mentor.",
    );
    expect(await profiles(spring)).toEqual([{ user_id: PEOPLE.outsider.id, role: 'mentee', skills: ['Negotiation'], capacity: 0, manager_id: null }]);
    expect(await profiles(main)).toEqual([]);
  });

  it('"Join as mentor" asks skills offered and capacity, and keeps the person’s mentee answers', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    await submitRole(PEOPLE.outsider, spring, 'mentee', menteeValues('Negotiation'));
    const view = await viewOpenedBy(t, () => pressJoin(PEOPLE.outsider, 'program_join_mentor', spring));
    expect(view.title.text).toBe('Join as mentor');
    const ids = view.blocks.map((b: any) => b.block_id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(['mentor_skills_other', 'mentor_capacity', 'join_manager']));
    expect(ids.filter((id: string) => id.startsWith('mentee_') || id === 'join_roles')).toEqual([]);

    const res = await submitRole(PEOPLE.outsider, spring, 'mentor', mentorValues('Hiring', '3', PEOPLE.admin.id));
    expect(textOf(res.json.view)).toContain("You're on *Spring cohort*'s list as a mentor. When a program admin pairs you with a mentee, you'll get a DM introducing them.");
    expect(await profiles(spring)).toEqual([
      { user_id: PEOPLE.outsider.id, role: 'mentee', skills: ['Negotiation'], capacity: 0, manager_id: PEOPLE.admin.id },
      { user_id: PEOPLE.outsider.id, role: 'mentor', skills: ['Hiring'], capacity: 3, manager_id: PEOPLE.admin.id },
    ]);
  });

  it('a role modal refuses a missing answer of that role only', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    const res = await submitRole(PEOPLE.outsider, spring, 'mentor', mentorValues('', ''));
    expect(res.json.response_action).toBe('errors');
    expect(Object.keys(res.json.errors).sort()).toEqual(['mentor_capacity', 'mentor_skills_other']);
    expect(await profiles(spring)).toEqual([]);
  });

  it('joining twice updates the answers, says so, and keeps when the person joined', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    await submitRole(PEOPLE.outsider, spring, 'mentee', menteeValues('Negotiation'));
    t.clock.set('2026-11-20T10:00:00Z');
    const res = await submitRole(PEOPLE.outsider, spring, 'mentee', menteeValues('Public speaking'));
    expect(res.json.view.title.text).toBe('Profile updated');
    expect(textOf(res.json.view)).toContain("Your answers are updated: you're on *Spring cohort*'s list as a mentee.");
    expect((await profiles(spring)).map((p) => p.skills)).toEqual([['Public speaking']]);
    const row = await db().selectFrom('member_profiles').select(['joined_at', 'updated_at']).where('program_id', '=', spring).executeTakeFirstOrThrow();
    expect(row.joined_at.toISOString()).toBe('2026-11-18T14:00:00.000Z');
    expect(row.updated_at.toISOString()).toBe('2026-11-20T10:00:00.000Z');
  });

  it('`/mentor join` still asks both roles in one modal', async () => {
    const view = await viewOpenedBy(t, () => t.slack.command({ text: 'join', user_id: PEOPLE.outsider.id }));
    const ids = view.blocks.map((b: any) => b.block_id).filter(Boolean);
    expect(ids).toEqual(expect.arrayContaining(['join_roles', 'mentee_skills_other', 'mentor_capacity']));
    expect(view.title.text).toBe('Mentoring profile');
  });

  it('refuses an ended program, a closed one and a forged id, changing nothing', async () => {
    const ended = await newProgram({ name: 'Last year' });
    await db().updateTable('programs').set({ starts_on: '2025-01-01', ends_on: '2025-12-31' }).where('id', '=', ended).execute();
    await pressJoin(PEOPLE.outsider, 'program_join_mentee', ended);
    await eventually(() => expect(noticeText()).toContain('*Last year* has ended, so nobody new can join it.'));
    expect(textOf((await submitRole(PEOPLE.outsider, ended, 'mentee', menteeValues('Negotiation'))).json.view)).toContain('has ended');

    const closed = await newProgram({ name: 'Closed one', enrolment: 'closed' });
    expect(textOf((await submitRole(PEOPLE.outsider, closed, 'mentor', mentorValues('Hiring'))).json.view)).toContain("*Closed one* isn't taking new people right now.");
    expect(textOf((await submitRole(PEOPLE.outsider, 999_999, 'mentee', menteeValues('Negotiation'))).json.view)).toContain('That program no longer exists');
    const before = t.fake.callsTo('views.open').length;
    await pressJoin(PEOPLE.outsider, 'program_join_any', 'nope');
    await eventually(() => expect(t.fake.callsTo('views.open').length).toBeGreaterThan(before));
    expect(noticeText()).toContain('That program no longer exists');
    expect(await db().selectFrom('member_profiles').select('user_id').execute()).toEqual([]);
  });
});

describe('Home: programs you can join', () => {
  it('lists open programs the person is not in, with their join buttons; buddies get one Join', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    const buddies = await newProgram({ name: 'Buddies', kind: 'buddy', endsOn: null });
    await newProgram({ name: 'Closed one', enrolment: 'closed' });
    const old = await newProgram({ name: 'Old one' });
    await db().updateTable('programs').set({ archived_at: new Date('2026-11-10T00:00:00Z') }).where('id', '=', old).execute();
    const ended = await newProgram({ name: 'Last year' });
    await db().updateTable('programs').set({ starts_on: '2025-01-01', ends_on: '2025-12-31' }).where('id', '=', ended).execute();
    await pairUp(t, PEOPLE.mentor, PEOPLE.mentee, 'in Mentoring'); // the mentor and mentee are in the main program

    const home = await openHome(PEOPLE.mentee);
    expect(slackLimitViolations('views.publish', { view: home })).toEqual([]);
    const text = textOf({ blocks: home.blocks });
    expect(text).toContain('Programs you can join');
    expect(text).toContain('*Spring cohort*\nAbout Spring cohort\nMentoring: a more experienced colleague');
    expect(text).toContain('Pairs meet every 2 weeks');
    expect(text).toContain('Runs from Sun 1 Nov until Mon 31 May 2027.');
    for (const gone of ['Closed one', 'Old one', 'Last year']) expect(text).not.toContain(gone);
    expect(homeButtons(home).filter((row: string[]) => row[0]!.startsWith('program_join'))).toEqual([
      ['program_join_mentee', String(spring), 'Join as mentee'],
      ['program_join_mentor', String(spring), 'Join as mentor'],
      ['program_join_any', String(buddies), 'Join'],
    ]);

    // Buddies' Join opens the program's modal with both roles.
    const view = await viewOpenedBy(t, () => pressJoin(PEOPLE.mentee, 'program_join_any', buddies));
    expect(JSON.parse(view.private_metadata)).toEqual({ programId: buddies });
    expect(view.blocks.map((b: any) => b.block_id)).toContain('join_roles');
  });

  it('someone with no pairing sees the main program too; once they join, it leaves their Home', async () => {
    const spring = await newProgram({ name: 'Spring cohort' });
    const before = homeButtons(await openHome(PEOPLE.outsider)).filter(([id]: string[]) => id === 'program_join_mentee').map(([, value]: string[]) => value);
    expect(before).toEqual([String(main), String(spring)]);
    t.fake.reset();
    await submitRole(PEOPLE.outsider, spring, 'mentor', mentorValues('Hiring'));
    await t.bot.idle();
    // The confirmation refreshed their Home at once.
    const after = lastHomeOf(t, PEOPLE.outsider)!.args.view;
    expect(homeButtons(after).filter(([id]: string[]) => id === 'program_join_mentee').map(([, value]: string[]) => value)).toEqual([String(main)]);
  });

  it('shows no section to someone in every open program', async () => {
    await pairUp(t);
    const text = textOf({ blocks: (await openHome(PEOPLE.mentor)).blocks });
    expect(text).not.toContain('Programs you can join');
  });
});

describe('waiting for a match', () => {
  async function waitingInSpring(): Promise<number> {
    const spring = await newProgram({ name: 'Spring cohort', admins: [PEOPLE.mentor.id] });
    await submitRole(PEOPLE.outsider, spring, 'mentee', menteeValues('Negotiation'));
    t.clock.set('2026-11-25T10:00:00Z');
    await submitRole(PEOPLE.mentee2, spring, 'mentee', menteeValues('Hiring'));
    await submitRole(PEOPLE.mentee, spring, 'mentor', mentorValues('Hiring'));
    t.clock.set('2026-11-30T10:00:00Z');
    return spring;
  }

  /** Someone in no pairing joins the main program as a mentee: they wait for a match. */
  const outsiderJoinsAsMentee = () =>
    t.slack.viewSubmission({
      user_id: PEOPLE.outsider.id,
      team_id: TEAM,
      callback_id: 'join_modal',
      values: { join_roles: { value: { type: 'checkboxes', selected_options: [{ value: 'mentee' }] } }, ...menteeValues('Negotiation') },
    });

  it('the admin’s Home names the mentees with no pairing, longest waiting first, with Suggest pairs', async () => {
    await pairUp(t);
    await outsiderJoinsAsMentee();
    t.clock.set('2026-11-30T10:00:00Z');
    const home = await openHome(PEOPLE.admin);
    const text = textOf({ blocks: home.blocks });
    expect(text).toContain(`*Waiting for a match* in *Mentoring*: 1 mentee is waiting for a mentor.\n<@${PEOPLE.outsider.id}> (12 days)`);
    expect(homeButtons(home)).toContainEqual([SUGGEST, String(main), 'Suggest pairs']);
    // A member's Home has none of it.
    expect(textOf({ blocks: (await openHome(PEOPLE.mentee)).blocks })).not.toContain('Waiting for a match');
  });

  it('Suggest pairs on Home runs the match for the button’s program and DMs it; others are refused', async () => {
    // The button carries its program: Spring here, while the admin's Home shows the main program.
    const spring = await waitingInSpring();
    t.fake.reset();
    await t.slack.blockAction({ user_id: PEOPLE.admin.id, team_id: TEAM, view: { id: 'VHOME1', type: 'home' } as any, actions: [{ action_id: SUGGEST, value: String(spring), block_id: `waiting_match_${spring}` }] });
    await eventually(() => expect(directMessagesTo(t, PEOPLE.admin)).toHaveLength(1));
    const dm = textOf(directMessagesTo(t, PEOPLE.admin)[0]!.args);
    expect(dm).toContain(`<@${PEOPLE.mentee.id}>`);
    expect(dm).toContain(`<@${PEOPLE.mentee2.id}>`);

    // The mentor runs Spring (granted) but the outsider runs nothing: refused, nothing sent.
    t.fake.reset();
    await t.slack.blockAction({ user_id: PEOPLE.outsider.id, team_id: TEAM, view: { id: 'VHOME2', type: 'home' } as any, actions: [{ action_id: SUGGEST, value: String(spring) }] });
    await eventually(() => expect(noticeText()).toContain('Only program admins can do that'));
    await t.slack.blockAction({ user_id: PEOPLE.mentor.id, team_id: TEAM, view: { id: 'VHOME3', type: 'home' } as any, actions: [{ action_id: SUGGEST, value: String(main) }] });
    await eventually(() => expect(noticeText()).toContain("You're not an admin of *Mentoring*"));
    await t.slack.blockAction({ user_id: PEOPLE.admin.id, team_id: TEAM, view: { id: 'VHOME4', type: 'home' } as any, actions: [{ action_id: SUGGEST, value: 'forged' }] });
    await eventually(() => expect(noticeText()).toContain('That program no longer exists'));
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('the weekly digest counts them, and its Suggest pairs answers in the DM', async () => {
    await pairUp(t);
    await outsiderJoinsAsMentee();
    t.fake.reset();
    await t.sweepAt('2026-11-23T09:30:00Z'); // Monday 09:30 in London
    const [digest] = directMessagesTo(t, PEOPLE.admin);
    expect(textOf(digest!.args)).toContain('*Waiting for a match*: 1 mentee has no mentor yet.');
    const button = digest!.args.blocks.flatMap((b: any) => b.elements ?? []).find((e: any) => e.action_id === SUGGEST);
    expect(button.value).toBe(String(main));

    const responseUrl = t.fake.responseUrl();
    await t.slack.blockAction({ user_id: PEOPLE.admin.id, team_id: TEAM, actions: [{ action_id: SUGGEST, value: button.value, block_id: button.block_id }], channel_id: `D${PEOPLE.admin.id}`, message: { ts: '1.1', text: 'digest', blocks: digest!.args.blocks }, response_url: responseUrl });
    await eventually(() => expect(t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl)).toHaveLength(1));
    const reply = t.fake.callsTo('response_url').find((c) => c.args._url === responseUrl)!.args;
    expect(reply.replace_original).toBe(false);
    expect(textOf(reply)).toContain(`<@${PEOPLE.outsider.id}>`);
  });

  it('the digest says nothing of matching when nobody waits', async () => {
    await pairUp(t);
    t.fake.reset();
    await t.sweepAt('2026-11-23T09:30:00Z');
    const [digest] = directMessagesTo(t, PEOPLE.admin);
    expect(textOf(digest!.args)).not.toContain('Waiting for a match');
  });
});

describe('/mentor announce into a channel the bot cannot use', () => {
  for (const [error, words] of [
    ['is_archived', 'That channel is archived.'],
    ['channel_not_found', "I can't find that channel"],
    ['not_in_channel', 'add me to this one first'],
  ] as const) {
    it(`answers \`${error}\` privately and posts nothing`, async () => {
      t.fake.failNext('chat.postMessage', { error });
      const responseUrl = t.fake.responseUrl();
      await answered(t, t.slack.command({ text: 'announce <#CSOMEWHERE|somewhere>', user_id: PEOPLE.admin.id, response_url: responseUrl }));
      await t.bot.idle();
      const followUp = t.fake.callsTo('response_url').filter((c) => c.args._url === responseUrl).map((c) => c.args);
      expect(followUp.map((f) => textOf(f)).join('\n')).toContain(words);
      expect(followUp.map((f) => textOf(f)).join('\n')).toContain('Nothing was posted.');
      expect(followUp.map((f) => textOf(f)).join('\n').includes('Invite me there')).toBe(error !== 'is_archived');
      expect(t.fake.callsTo('chat.postMessage').filter((c) => c.args.channel === 'CSOMEWHERE' && !c.error)).toEqual([]);
      expect(followUp.every((f) => f.response_type !== 'in_channel')).toBe(true);
    });
  }
});

describe('what Home reads for enrolment', () => {
  // Profiles are cached in the members table after the first Home, so the directory reads one row.
  async function statementsFor(person: Person, withEnrolment: boolean): Promise<number> {
    await openHome(person);
    const count = countQueries(db());
    const directory = new MemberDirectory(count.db, t.clock, async () => undefined);
    const dashboard = new DashboardService({ db: count.db, clock: t.clock, directory }, new ProgramHealthService({ db: count.db }));
    await dashboard.forMember({ teamId: TEAM, userId: person.id }, { withInbox: true, withEnrolment });
    return count.statements.length;
  }

  it('one statement more, for a member (open programs) and for an admin (and who waits) alike', async () => {
    await pairUp(t);
    expect((await statementsFor(PEOPLE.mentee, true)) - (await statementsFor(PEOPLE.mentee, false))).toBe(1);
    expect((await statementsFor(PEOPLE.admin, true)) - (await statementsFor(PEOPLE.admin, false))).toBe(1);
  });
});
