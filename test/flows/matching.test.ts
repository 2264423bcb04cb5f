import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { saveProfiles } from '../../src/db/repositories/profiles-repository.ts';
import { defaultProgram } from '../../src/db/repositories/programs-repository.ts';
import { skillKey } from '../../src/domain/matching.ts';
import type { FakeUser } from '../helpers/fake-slack.ts';
import { blockOf, dmsTo, eventually, lastHomeOf, pairUp, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { errorsOf } from '../helpers/forms.ts';
import { slackLimitViolations } from '../helpers/slack-limits.ts';
import { at, PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';

type Person = { id: string; real_name: string };

const t = useTestBot();
const BOSS = { id: 'UBOSS0001', real_name: 'Bea Boss', team_id: TEAM, tz: 'Europe/London' };

beforeAll(() => {
  t.fake.addUser(BOSS);
});
beforeEach(async () => {
  await defaultProgram(db(), TEAM);
});

const db = () => t.bot.database.db;
const setProgramSkills = async (skills: string[]) => db().updateTable('programs').set({ skills }).where('team_id', '=', TEAM).execute();
const profiles = (userId?: string) => {
  let q = db().selectFrom('member_profiles').selectAll().orderBy('user_id').orderBy('role');
  if (userId) q = q.where('user_id', '=', userId);
  return q.execute();
};
const counts = async () => ({
  pairs: (await db().selectFrom('pairs').select('id').execute()).length,
  skips: (await db().selectFrom('match_skips').select('mentor_id').execute()).length,
  profiles: (await profiles()).length,
});

// ---------------------------------------------------------------- the join modal, as Slack sends it back

interface JoinValues {
  roles?: string[];
  manager?: string | null;
  /** undefined: the modal had no picker (the program has no skill list). */
  menteePick?: string[];
  menteeOther?: string;
  strengths?: string;
  gap?: string;
  mentorPick?: string[];
  mentorOther?: string;
  capacity?: string | null;
  reverse?: boolean;
}

function joinValues(v: JoinValues): Record<string, Record<string, any>> {
  const plain = (value: string | undefined | null) => ({ value: { type: 'plain_text_input', value: value ?? null } });
  return {
    join_roles: { value: { type: 'checkboxes', selected_options: (v.roles ?? []).map((value) => ({ value })) } },
    join_manager: { value: { type: 'users_select', selected_user: v.manager ?? null } },
    ...(v.menteePick ? { mentee_skill_pick: { value: { type: 'multi_static_select', selected_options: v.menteePick.map((value) => ({ value })) } } } : {}),
    mentee_skills_other: plain(v.menteeOther),
    mentee_strengths: plain(v.strengths),
    mentee_gap: plain(v.gap),
    ...(v.mentorPick ? { mentor_skill_pick: { value: { type: 'multi_static_select', selected_options: v.mentorPick.map((value) => ({ value })) } } } : {}),
    mentor_skills_other: plain(v.mentorOther),
    mentor_capacity: { value: { type: 'number_input', value: v.capacity === undefined ? '1' : v.capacity } },
    mentor_reverse: { value: { type: 'checkboxes', selected_options: v.reverse ? [{ value: 'yes' }] : [] } },
  };
}

const submitJoin = (person: Person, v: JoinValues) => t.slack.viewSubmission({ user_id: person.id, team_id: TEAM, callback_id: 'join_modal', values: joinValues(v) });
const openJoin = (person: Person) => viewOpenedBy(t, () => t.slack.command({ text: 'join', user_id: person.id }));

describe('/mentor join', () => {
  it('opens the profile modal with the program’s skills to pick from, and saves a mentee', async () => {
    await setProgramSkills(['SQL', 'Public speaking', 'Kubernetes']);
    const view = await openJoin(PEOPLE.mentee);
    expect(view.callback_id).toBe('join_modal');
    expect(blockOf(view, 'mentee_skill_pick').element.options.map((o: any) => o.value)).toEqual(['SQL', 'Public speaking', 'Kubernetes']);
    expect(blockOf(view, 'join_roles').element.initial_options).toBeUndefined();

    const res = await submitJoin(PEOPLE.mentee, {
      roles: ['mentee'],
      manager: BOSS.id,
      menteePick: ['SQL'],
      menteeOther: 'public  speaking\n- Giving feedback\n\nsql',
      strengths: 'Writing\nDebugging',
      gap: 'I can build features but freeze when presenting to stakeholders.',
    });
    expect(res.json).toMatchObject({ response_action: 'update', view: { title: { text: 'You’re in' } } });
    expect(textOf(res.json)).toContain('as a mentee');
    expect(await profiles()).toEqual([
      expect.objectContaining({
        user_id: PEOPLE.mentee.id,
        role: 'mentee',
        // Typed skills take the program's spelling and never repeat.
        skills: ['SQL', 'Public speaking', 'Giving feedback'],
        strengths: ['Writing', 'Debugging'],
        gap: 'I can build features but freeze when presenting to stakeholders.',
        capacity: 0,
        manager_id: BOSS.id,
      }),
    ]);
  });

  it('saves a mentor with capacity and reverse pairing; free text only when the program has no skill list', async () => {
    const view = await openJoin(PEOPLE.mentor);
    expect(blockOf(view, 'mentor_skill_pick')).toBeUndefined();
    expect(blockOf(view, 'mentor_capacity').element).toMatchObject({ type: 'number_input', is_decimal_allowed: false, min_value: '0', max_value: '20' });

    const res = await submitJoin(PEOPLE.mentor, { roles: ['mentor'], mentorOther: 'Kubernetes\nHiring', capacity: '3', reverse: true });
    expect(res.json.response_action).toBe('update');
    expect(textOf(res.json)).toContain('as a mentor');
    expect(await profiles()).toEqual([
      expect.objectContaining({ user_id: PEOPLE.mentor.id, role: 'mentor', skills: ['Kubernetes', 'Hiring'], capacity: 3, open_to_reverse: true, manager_id: null, gap: '' }),
    ]);
  });

  it('saves both roles at once, each with its own answers', async () => {
    const res = await submitJoin(PEOPLE.mentee2, { roles: ['mentee', 'mentor'], manager: BOSS.id, menteeOther: 'Negotiation', mentorOther: 'Python', capacity: '2' });
    expect(textOf(res.json)).toContain('as a mentee and a mentor');
    const rows = await profiles(PEOPLE.mentee2.id);
    expect(rows.map((r) => [r.role, r.skills, r.capacity, r.manager_id])).toEqual([
      ['mentee', ['Negotiation'], 0, BOSS.id],
      ['mentor', ['Python'], 2, BOSS.id],
    ]);
  });

  it('opens prefilled the second time, and an update replaces the answers and drops a role no longer picked', async () => {
    await setProgramSkills(['SQL', 'Public speaking']);
    await submitJoin(PEOPLE.mentee2, {
      roles: ['mentee', 'mentor'],
      manager: BOSS.id,
      menteePick: ['Public speaking'],
      menteeOther: 'Pottery',
      strengths: 'Writing',
      gap: 'Estimation',
      mentorPick: ['SQL'],
      mentorOther: '',
      capacity: '3',
      reverse: true,
    });

    const view = await openJoin(PEOPLE.mentee2);
    expect(blockOf(view, 'join_roles').element.initial_options.map((o: any) => o.value)).toEqual(['mentee', 'mentor']);
    expect(blockOf(view, 'join_manager').element.initial_user).toBe(BOSS.id);
    expect(blockOf(view, 'mentee_skill_pick').element.initial_options.map((o: any) => o.value)).toEqual(['Public speaking']);
    expect(blockOf(view, 'mentee_skills_other').element.initial_value).toBe('Pottery');
    expect(blockOf(view, 'mentee_strengths').element.initial_value).toBe('Writing');
    expect(blockOf(view, 'mentee_gap').element.initial_value).toBe('Estimation');
    expect(blockOf(view, 'mentor_skill_pick').element.initial_options.map((o: any) => o.value)).toEqual(['SQL']);
    expect(blockOf(view, 'mentor_capacity').element.initial_value).toBe('3');
    expect(blockOf(view, 'mentor_reverse').element.initial_options.map((o: any) => o.value)).toEqual(['yes']);

    const res = await submitJoin(PEOPLE.mentee2, { roles: ['mentor'], manager: null, menteePick: [], mentorPick: ['SQL', 'Public speaking'], capacity: '5' });
    expect(res.json.view.title.text).toBe('Profile updated');
    expect(await profiles(PEOPLE.mentee2.id)).toEqual([
      expect.objectContaining({ role: 'mentor', skills: ['SQL', 'Public speaking'], capacity: 5, open_to_reverse: false, manager_id: null }),
    ]);
  });

  const long = (n: number) => 'x'.repeat(n);
  it.each([
    ['no role', { menteeOther: 'SQL' }, 'join_roles', /at least one: mentee, mentor or both/],
    ['a mentee with no skills (picker shown)', { roles: ['mentee'], menteePick: [], gap: 'Something' }, 'mentee_skill_pick', /at least one skill you want to grow/],
    ['a mentor with no skills (no picker)', { roles: ['mentor'], capacity: '2' }, 'mentor_skills_other', /at least one skill you can help with/],
    ['capacity over 20', { roles: ['mentor'], mentorOther: 'SQL', capacity: '21' }, 'mentor_capacity', /whole number from 0 to 20/],
    ['a negative capacity', { roles: ['mentor'], mentorOther: 'SQL', capacity: '-1' }, 'mentor_capacity', /whole number from 0 to 20/],
    ['a fractional capacity', { roles: ['mentor'], mentorOther: 'SQL', capacity: '2.5' }, 'mentor_capacity', /whole number from 0 to 20/],
    ['no capacity', { roles: ['mentor'], mentorOther: 'SQL', capacity: null }, 'mentor_capacity', /how many mentees/],
    ['a gap over 500 characters', { roles: ['mentee'], menteeOther: 'SQL', gap: long(501) }, 'mentee_gap', /under 500 characters/],
    ['a skill over 100 characters', { roles: ['mentee'], menteeOther: `SQL\n${long(101)}` }, 'mentee_skills_other', /under 100 characters/],
    ['more than 30 skills', { roles: ['mentor'], mentorOther: Array.from({ length: 31 }, (_, n) => `Skill ${n}`).join('\n') }, 'mentor_skills_other', /Up to 30 skills \(you have 31\)/],
    ['more than 10 strengths', { roles: ['mentee'], menteeOther: 'SQL', strengths: Array.from({ length: 11 }, (_, n) => `S${n}`).join('\n') }, 'mentee_strengths', /Up to 10 lines/],
    ['oneself as manager', { roles: ['mentee'], menteeOther: 'SQL', manager: PEOPLE.outsider.id }, 'join_manager', /not yourself/],
  ] as Array<[string, JoinValues, string, RegExp]>)('answers %s with a field error and saves nothing', async (_name, values, field, message) => {
    const res = await submitJoin(PEOPLE.outsider, values);
    expect(Object.keys(errorsOf(res))).toContain(field);
    expect(errorsOf(res)[field]).toMatch(message);
    expect(await profiles()).toEqual([]);
  });

  it('ignores the answers of a role not picked', async () => {
    const res = await submitJoin(PEOPLE.outsider, { roles: ['mentee'], menteeOther: 'SQL', mentorOther: long(200), capacity: '99' });
    expect(res.json.response_action).toBe('update');
    expect((await profiles()).map((r) => r.role)).toEqual(['mentee']);
  });
});

// ---------------------------------------------------------------- /mentor match on a realistic fixture

const SKILLS = ['SQL', 'Python', 'Public speaking', 'Stakeholder management', 'Kubernetes', 'Design reviews', 'Hiring', 'Negotiation', 'Data modelling', 'Writing'];
const id = (prefix: string, n: number) => `${prefix}${String(n).padStart(2, '0')}`;
const MENTEES = Array.from({ length: 30 }, (_, k) => ({ id: id('UEE', k + 1), real_name: `Mentee ${k + 1}`, team_id: TEAM, tz: 'Europe/Paris' }));
const MENTORS = Array.from({ length: 12 }, (_, k) => ({ id: id('UOR', k + 1), real_name: `Mentor ${k + 1}`, team_id: TEAM, tz: 'America/Chicago' }));
const CAPACITY = [3, 3, 3, 2, 0, 3, 3, 2, 3, 3, 3, 3];
const NO_OVERLAP = new Set([10, 30]);
const RUST_ONLY = new Set([19]);
const ALREADY_PAIRED = 29;
const DEACTIVATED_MENTOR = 12;

interface FixtureProfile {
  skills: string[];
  gap: string;
  capacity: number;
}

/** Mentees want 1–2 skills (spelled loosely), some name one more in their gap; mentors offer 3. */
function menteeProfile(n: number): FixtureProfile {
  if (NO_OVERLAP.has(n)) return { skills: ['Underwater basket weaving'], gap: '', capacity: 0 };
  if (RUST_ONLY.has(n)) return { skills: ['Rust'], gap: '', capacity: 0 };
  const skills = [...new Set([SKILLS[n % 10]!, SKILLS[(n * 3) % 10]!])].map((s) => (n % 2 ? ` ${s.toLowerCase()} ` : s));
  const gap = n % 4 === 0 ? `I struggle with ${SKILLS[(n + 5) % 10]!.toLowerCase()} in big meetings.` : '';
  return { skills, gap, capacity: 0 };
}
function mentorProfile(n: number): FixtureProfile {
  const skills = [SKILLS[n % 10]!, SKILLS[(n + 3) % 10]!, SKILLS[(n + 6) % 10]!];
  return { skills: n === 5 ? [...skills, 'Rust'] : skills, gap: '', capacity: CAPACITY[n - 1]! };
}

/** 30 mentees and 12 mentors through the repository; live pairings through `/mentor pair`. */
async function loadFixture(): Promise<void> {
  t.fake.addUser({ ...MENTORS[DEACTIVATED_MENTOR - 1]!, deleted: true } as FakeUser);
  for (const user of [...MENTEES, ...MENTORS.filter((_, k) => k !== DEACTIVATED_MENTOR - 1)]) t.fake.addUser(user);
  const program = await defaultProgram(db(), TEAM);
  const at = new Date('2026-11-18T14:00:00Z');
  for (const [k, person] of MENTEES.entries()) {
    await t.bot.services.members.find(TEAM, person.id);
    const p = menteeProfile(k + 1);
    await saveProfiles(db(), { teamId: TEAM, programId: program.id, userId: person.id, managerId: null, mentee: { skills: p.skills, strengths: [], gap: p.gap }, mentor: null, at });
  }
  for (const [k, person] of MENTORS.entries()) {
    await t.bot.services.members.find(TEAM, person.id);
    const p = mentorProfile(k + 1);
    await saveProfiles(db(), { teamId: TEAM, programId: program.id, userId: person.id, managerId: null, mentee: null, mentor: { skills: p.skills, capacity: p.capacity, openToReverse: k % 2 === 0 }, at });
  }
  // Existing live pairings: they count against capacity, and a paired mentee is not suggested.
  await pairUp(t, MENTORS[0]!, PEOPLE.mentee);
  await pairUp(t, MENTORS[1]!, PEOPLE.mentee2);
  await db().updateTable('pairs').set({ status: 'paused' }).where('mentor_id', '=', MENTORS[1]!.id).execute();
  await pairUp(t, PEOPLE.mentor, MENTEES[ALREADY_PAIRED - 1]!);
  t.fake.reset();
}

interface Shown {
  mentorId: string;
  menteeId: string;
  score: number;
  covered: string[];
  gap: string[];
  blockId: string;
}

/** The suggestions a match reply shows: each section followed by its Pair / Skip row. */
function shownSuggestions(reply: { blocks?: any[] }): Shown[] {
  const blocks = reply.blocks ?? [];
  const out: Shown[] = [];
  blocks.forEach((block, i) => {
    if (block.type !== 'actions') return;
    const pair = block.elements.find((e: any) => e.action_id === 'match_pair');
    const [mentorId, menteeId] = String(pair.value).split(':');
    const text: string = blocks[i - 1].text.text;
    const list = (label: string) => (new RegExp(`^${label}: (.*)$`, 'm').exec(text)?.[1] ?? '').split(', ').filter(Boolean).map((s) => s.replace(/^\*|\*$/g, ''));
    out.push({ mentorId: mentorId!, menteeId: menteeId!, score: Number(/score (\d+)/.exec(text)?.[1]), covered: list('Covers their skills to grow'), gap: list('Named in their gap'), blockId: block.block_id });
  });
  return out;
}

const runMatch = async (person: Person = PEOPLE.admin) => {
  const res = await t.slack.command({ text: 'match', user_id: person.id, response_url: t.fake.responseUrl() });
  expect(res.status).toBe(200);
  expect(res.json.response_type).toBe('ephemeral');
  expect(slackLimitViolations('response_url', res.json)).toEqual([]);
  return res.json;
};
const liveAsMentor = async (mentorId: string) =>
  (await db().selectFrom('pairs').select('id').where('mentor_id', '=', mentorId).where('status', '<>', 'ended').execute()).length;
const pairKey = (s: { mentorId: string; menteeId: string }) => `${s.mentorId}→${s.menteeId}`;

function pressOn(person: Person, actionId: string, value: string, message?: { text: string; blocks: any[] }, blockId?: string) {
  return t.slack.blockAction({
    user_id: person.id,
    team_id: TEAM,
    channel_id: 'C1',
    response_url: t.fake.responseUrl(),
    container: { type: 'message', message_ts: '1700000000.000100', channel_id: 'C1', is_ephemeral: true },
    ...(message ? { message: { ts: '1700000000.000100', ...message } } : {}),
    actions: [{ action_id: actionId, value, ...(blockId ? { block_id: blockId } : {}) }],
  });
}

describe('/mentor match', () => {
  it('refuses a non-admin and writes nothing', async () => {
    await submitJoin(PEOPLE.mentee, { roles: ['mentee'], menteeOther: 'SQL' });
    await submitJoin(PEOPLE.mentor, { roles: ['mentor'], mentorOther: 'SQL', capacity: '2' });
    const before = await counts();
    t.fake.reset();
    const reply = await runMatch(PEOPLE.outsider);
    expect(reply.text).toMatch(/Only program admins/);
    expect(reply.blocks).toBeUndefined();
    await t.bot.idle();
    expect(await counts()).toEqual(before);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('says so when nobody is waiting for a mentor', async () => {
    expect((await runMatch()).text).toContain('No unpaired mentees with a profile');
  });

  it('on 30 mentees and 12 mentors: within capacity, explainable, ranked, deterministic, with the left-over mentees and why', async () => {
    await loadFixture();
    const reply = await runMatch();
    const again = await runMatch();
    expect(again).toEqual(reply);

    // The whole run (the reply shows the first part of it, within Slack's 50 blocks).
    const run = await t.bot.services.matching.suggest({ teamId: TEAM, userId: PEOPLE.admin.id }, { includePrevious: false });
    const shown = shownSuggestions(reply);
    expect(reply.blocks.length).toBeLessThanOrEqual(50);
    expect(run.suggestions.length).toBeGreaterThan(shown.length);
    expect(textOf(reply)).toContain(`Showing the first ${shown.length} of ${run.suggestions.length} suggestions`);
    expect(shown.map(pairKey)).toEqual(run.suggestions.slice(0, shown.length).map(pairKey));

    // Capacity: live pairings (active or paused) plus this run's suggestions never exceed it.
    for (const [k, mentor] of MENTORS.entries()) {
      const suggested = run.suggestions.filter((s) => s.mentorId === mentor.id).length;
      expect(suggested + (await liveAsMentor(mentor.id)), mentor.id).toBeLessThanOrEqual(CAPACITY[k]!);
    }
    expect(run.suggestions.some((s) => s.mentorId === MENTORS[0]!.id)).toBe(true);
    // Never the same person twice, never oneself, never a paired mentee or a deactivated mentor.
    const mentees = run.suggestions.map((s) => s.menteeId);
    expect(new Set(mentees).size).toBe(mentees.length);
    expect(run.suggestions.every((s) => s.mentorId !== s.menteeId)).toBe(true);
    expect(mentees).not.toContain(MENTEES[ALREADY_PAIRED - 1]!.id);
    expect(run.suggestions.map((s) => s.mentorId)).not.toContain(MENTORS[DEACTIVATED_MENTOR - 1]!.id);
    expect(JSON.stringify(reply)).not.toContain(MENTORS[DEACTIVATED_MENTOR - 1]!.id);

    // Explainable: what each shown suggestion lists really overlaps, and adds up to its score.
    for (const s of shown) {
      const mentee = menteeProfile(Number(s.menteeId.slice(3)));
      const mentor = mentorProfile(Number(s.mentorId.slice(3)));
      const offered = new Set(mentor.skills.map(skillKey));
      expect(s.covered.length + s.gap.length, pairKey(s)).toBe(s.score);
      expect(s.score).toBeGreaterThan(0);
      for (const skill of s.covered) {
        expect(offered.has(skillKey(skill)), `${pairKey(s)} covers ${skill}`).toBe(true);
        expect(mentee.skills.map(skillKey)).toContain(skillKey(skill));
      }
      for (const skill of s.gap) {
        expect(offered.has(skillKey(skill))).toBe(true);
        expect(mentee.gap.toLowerCase()).toContain(skill.toLowerCase());
      }
    }
    // Ranked: best score first.
    const scores = shown.map((s) => s.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    // The mentees left over, briefly, with the reason.
    const text = textOf(reply);
    for (const n of NO_OVERLAP) expect(text).toContain(`<@${id('UEE', n)}>: no skill overlap`);
    for (const n of RUST_ONLY) expect(text).toContain(`<@${id('UEE', n)}>: no capacity: the mentors who match are full (<@UOR05>)`);
  });

  it('never suggests an ended pair again unless asked with "Include previous pairs"', async () => {
    await loadFixture();
    const first = shownSuggestions(await runMatch());
    const top = first[0]!;
    const mentor = MENTORS.find((m) => m.id === top.mentorId)!;
    const mentee = MENTEES.find((m) => m.id === top.menteeId)!;
    await pairUp(t, mentor, mentee);
    expect((await t.slack.command({ text: `end ${at(mentor)} ${at(mentee)}`, user_id: PEOPLE.admin.id })).json.text).toContain('Concluded');
    await t.bot.idle();

    const reply = await runMatch();
    expect(shownSuggestions(reply).map(pairKey)).not.toContain(pairKey(top));
    expect(textOf(reply)).toContain('1 matching pair left out because the two were paired before');

    const res = await pressOn(PEOPLE.admin, 'match_include_previous', 'again', reply, 'match_again');
    expect(res.status).toBe(200);
    await t.bot.idle();
    const replaced = t.fake.callsTo('response_url').at(-1)!.args;
    expect(replaced.replace_original).toBe(true);
    expect(slackLimitViolations('response_url', replaced)).toEqual([]);
    const withPrevious = shownSuggestions(replaced);
    // Ending the pairing gave the mentor their place back: the run is the first one again, marked.
    expect(withPrevious.map(pairKey)).toEqual(first.map(pairKey));
    expect(replaced.blocks[1].text.text).toContain('these two were paired before');

    // A non-admin cannot re-run it.
    const before = t.fake.callsTo('response_url').length;
    await pressOn(PEOPLE.outsider, 'match_include_previous', 'again', reply, 'match_again');
    await t.bot.idle();
    expect(t.fake.callsTo('response_url')).toHaveLength(before);
    expect(textOf(t.fake.callsTo('views.open').at(-1)!.args)).toMatch(/Only program admins/);
  });

  it('records "Skip", shows it in place of the buttons, and never suggests that pair again', async () => {
    await loadFixture();
    const reply = await runMatch();
    const [first, second] = shownSuggestions(reply);

    // A non-admin's press writes nothing.
    await pressOn(PEOPLE.outsider, 'match_skip', `${second!.mentorId}:${second!.menteeId}`, reply, second!.blockId);
    await t.bot.idle();
    expect((await counts()).skips).toBe(0);

    await pressOn(PEOPLE.admin, 'match_skip', `${second!.mentorId}:${second!.menteeId}`, reply, second!.blockId);
    await t.bot.idle();
    expect(await db().selectFrom('match_skips').selectAll().execute()).toEqual([
      expect.objectContaining({ mentor_id: second!.mentorId, mentee_id: second!.menteeId, skipped_by: PEOPLE.admin.id }),
    ]);
    const updated = t.fake.callsTo('response_url').at(-1)!.args;
    expect(updated.replace_original).toBe(true);
    const row = updated.blocks.find((b: any) => b.block_id === second!.blockId);
    expect(row.type).toBe('context');
    expect(textOf({ blocks: [row] })).toContain(`Skipped by <@${PEOPLE.admin.id}>`);
    // Every other suggestion keeps its buttons.
    expect(updated.blocks.filter((b: any) => b.type === 'actions')).toHaveLength(shownSuggestions(reply).length - 1);
    expect(updated.blocks.find((b: any) => b.block_id === first!.blockId).type).toBe('actions');

    const next = await runMatch();
    expect(shownSuggestions(next).map(pairKey)).not.toContain(pairKey(second!));
    const all = await t.bot.services.matching.suggest({ teamId: TEAM, userId: PEOPLE.admin.id }, { includePrevious: true });
    expect(all.suggestions.map(pairKey)).not.toContain(pairKey(second!));

    // Without a copy of the message (Slack may leave it out for ephemeral replies), the outcome follows as a note.
    await pressOn(PEOPLE.admin, 'match_skip', `${first!.mentorId}:${first!.menteeId}`);
    await t.bot.idle();
    expect(t.fake.callsTo('response_url').at(-1)!.args).toMatchObject({ replace_original: false, text: expect.stringContaining('Skipped by') });
  });
});

describe('"Pair them"', () => {
  beforeEach(async () => {
    await setProgramSkills(['SQL', 'Public speaking', 'Kubernetes']);
    await submitJoin(PEOPLE.mentor, { roles: ['mentor'], mentorPick: ['SQL', 'Public speaking'], capacity: '1' });
    await submitJoin(PEOPLE.mentee, { roles: ['mentee'], menteePick: ['SQL', 'Public speaking'] });
    await submitJoin(PEOPLE.mentee2, { roles: ['mentee'], menteePick: ['SQL'], gap: 'I avoid public speaking' });
    t.fake.reset();
  });

  it('pairs them exactly like /mentor pair: kickoff DMs, Home refreshed, the buttons replaced; twice or by a non-admin creates nothing', async () => {
    const reply = await runMatch();
    const shown = shownSuggestions(reply);
    // Both score 2 (mentee2: SQL, and public speaking named in the gap); capacity 1 and the tie goes to the lower mentee id.
    expect(shown.map((s) => [s.mentorId, s.menteeId, s.covered, s.gap])).toEqual([[PEOPLE.mentor.id, PEOPLE.mentee.id, ['SQL', 'Public speaking'], []]]);
    expect(textOf(reply)).toContain(`<@${PEOPLE.mentee2.id}>: no capacity`);
    const value = `${PEOPLE.mentor.id}:${PEOPLE.mentee.id}`;

    await pressOn(PEOPLE.outsider, 'match_pair', value, reply, shown[0]!.blockId);
    await t.bot.idle();
    expect((await counts()).pairs).toBe(0);
    expect(textOf(t.fake.callsTo('views.open').at(-1)!.args)).toMatch(/Only program admins/);
    expect(t.fake.callsTo('response_url')).toHaveLength(0);

    await pressOn(PEOPLE.admin, 'match_pair', value, reply, shown[0]!.blockId);
    await t.bot.idle();
    const pairs = await db().selectFrom('pairs').selectAll().execute();
    expect(pairs).toEqual([expect.objectContaining({ mentor_id: PEOPLE.mentor.id, mentee_id: PEOPLE.mentee.id, kind: 'standard', status: 'active', cadence_days: 14, created_by: PEOPLE.admin.id })]);
    await eventually(() => {
      expect(dmsTo(t, PEOPLE.mentor)[0]?.args.text).toContain(`You've been paired to mentor <@${PEOPLE.mentee.id}>`);
      expect(dmsTo(t, PEOPLE.mentee)[0]?.args.text).toContain(`paired with <@${PEOPLE.mentor.id}> as your mentor`);
      expect(textOf(lastHomeOf(t, PEOPLE.mentee)?.args)).toContain(`<@${PEOPLE.mentor.id}> mentors you`);
    });
    const updated = t.fake.callsTo('response_url').at(-1)!.args;
    expect(updated.replace_original).toBe(true);
    expect(updated.blocks.filter((b: any) => b.type === 'actions')).toHaveLength(0);
    expect(textOf({ blocks: [updated.blocks.find((b: any) => b.block_id === shown[0]!.blockId)] })).toContain(`Paired by <@${PEOPLE.admin.id}>`);
    expect(textOf(updated)).toContain(`<@${PEOPLE.mentee2.id}>: no capacity`);

    // A second press (a double click, or a stale copy of the message) is refused and changes nothing.
    const dmsBefore = t.fake.callsTo('chat.postMessage').length;
    await pressOn(PEOPLE.admin, 'match_pair', value, reply, shown[0]!.blockId);
    await t.bot.idle();
    expect(await db().selectFrom('pairs').select('id').execute()).toHaveLength(1);
    expect(t.fake.callsTo('chat.postMessage')).toHaveLength(dmsBefore);
    expect(textOf(t.fake.callsTo('views.open').at(-1)!.args)).toContain('is no longer waiting for a mentor');

    // The mentor is now full: the other mentee is listed without a suggestion.
    const next = await runMatch();
    expect(shownSuggestions(next)).toEqual([]);
    expect(textOf(next)).toContain(`<@${PEOPLE.mentee2.id}>: no capacity: the mentors who match are full (<@${PEOPLE.mentor.id}>)`);
  });

  it('re-checks the pair on the server: a tampered value, or a mentor whose places filled meanwhile, pairs nobody', async () => {
    await pressOn(PEOPLE.admin, 'match_pair', 'not-a-suggestion');
    await t.bot.idle();
    expect(textOf(t.fake.callsTo('views.open').at(-1)!.args)).toContain('out of date');

    await pairUp(t, PEOPLE.mentor, PEOPLE.outsider);
    const before = await counts();
    await pressOn(PEOPLE.admin, 'match_pair', `${PEOPLE.mentor.id}:${PEOPLE.mentee.id}`);
    await t.bot.idle();
    expect(await counts()).toEqual(before);
    expect(textOf(t.fake.callsTo('views.open').at(-1)!.args)).toContain('has no places left');
  });

  it('leaves out people who share a manager when the program asks for it', async () => {
    await submitJoin(PEOPLE.mentor, { roles: ['mentor'], manager: BOSS.id, mentorPick: ['SQL', 'Public speaking'], capacity: '1' });
    await submitJoin(PEOPLE.mentee, { roles: ['mentee'], manager: BOSS.id, menteePick: ['SQL', 'Public speaking'] });
    expect(shownSuggestions(await runMatch()).map((s) => s.menteeId)).toEqual([PEOPLE.mentee.id]);
    await db().updateTable('programs').set({ avoid_same_manager: true }).where('team_id', '=', TEAM).execute();
    const reply = await runMatch();
    expect(shownSuggestions(reply).map((s) => s.menteeId)).toEqual([PEOPLE.mentee2.id]);
    expect(textOf(reply)).toContain(`<@${PEOPLE.mentee.id}>: the mentors who match are ruled out (same manager: <@${PEOPLE.mentor.id}>)`);
  });
});
