import { describe, expect, it } from 'vitest';
import { eventually, lastHomeOf, pairUp, press, textOf, viewOpenedBy } from '../helpers/flows.ts';
import { PEOPLE, TEAM, useTestBot } from '../helpers/test-bot.ts';
import { ACTION } from '../../src/slack/ids.ts';

// Anyone in no pairing is offered "Join the program" (the join modal), never the admin command `/mentor pair`.
const t = useTestBot({ now: '2026-11-18T14:00:00Z' });
const db = () => t.bot.database.db;

const joinButtons = (payload: { blocks?: any[] } | undefined) =>
  (payload?.blocks ?? []).filter((b) => b.type === 'actions').flatMap((b) => b.elements).filter((e: any) => e.action_id === ACTION.openJoin);

const openHome = (person: { id: string }, ts = '1.0') =>
  t.slack.event({ event: { type: 'app_home_opened', user: person.id, channel: 'D1', tab: 'home', event_ts: ts } });

const mentorValues = (skills: string) => ({
  join_roles: { value: { type: 'checkboxes', selected_options: [{ value: 'mentor' }] } },
  join_manager: { value: { type: 'users_select', selected_user: null } },
  mentee_skills_other: { value: { type: 'plain_text_input', value: '' } },
  mentee_strengths: { value: { type: 'plain_text_input', value: '' } },
  mentee_gap: { value: { type: 'plain_text_input', value: '' } },
  mentor_skills_other: { value: { type: 'plain_text_input', value: skills } },
  mentor_capacity: { value: { type: 'number_input', value: '2' } },
  mentor_reverse: { value: { type: 'checkboxes', selected_options: [] } },
});

describe('Join the program', () => {
  it('Home of someone in no pairing offers the open programs once: their join buttons, not a second way in', async () => {
    await openHome(PEOPLE.outsider);
    await eventually(() => expect(lastHomeOf(t, PEOPLE.outsider)).toBeDefined());
    const home = lastHomeOf(t, PEOPLE.outsider)!.args.view;
    expect(textOf({ blocks: home.blocks })).toContain("You're not in a pairing yet: pick a program below");
    const buttons = home.blocks.flatMap((b: any) => (b.type === 'actions' ? b.elements : [])).map((e: any) => e.text.text);
    expect(buttons).toEqual(['Join as mentee', 'Join as mentor']);
  });


  it('Home of someone waiting for a match has the button; pressing it opens their own join modal, and saving it updates their answers', async () => {
    // Joined already (nothing left to join on Home): the button reopens their answers.
    await t.slack.viewSubmission({ user_id: PEOPLE.outsider.id, team_id: TEAM, callback_id: 'join_modal', values: mentorValues('Budgeting') });
    await openHome(PEOPLE.outsider);
    await eventually(() => expect(lastHomeOf(t, PEOPLE.outsider)).toBeDefined());
    const home = lastHomeOf(t, PEOPLE.outsider)!.args.view;
    expect(textOf({ blocks: home.blocks })).toContain("You're not in a pairing yet.");
    expect(textOf({ blocks: home.blocks })).not.toContain('/mentor pair');
    const [button] = joinButtons(home);
    expect(button).toMatchObject({ text: { text: 'Join the program' }, style: 'primary' });

    const view = await viewOpenedBy(t, () =>
      t.slack.blockAction({ user_id: PEOPLE.outsider.id, team_id: TEAM, view: { id: 'VHOME1', type: 'home' } as any, actions: [{ action_id: ACTION.openJoin, value: button.value, block_id: 'join_program' }] }),
    );
    expect(view.callback_id).toBe('join_modal');

    const saved = await t.slack.viewSubmission({ user_id: PEOPLE.outsider.id, team_id: TEAM, callback_id: 'join_modal', values: mentorValues('Hiring') });
    expect(saved.json.response_action).toBe('update');
    expect(await db().selectFrom('member_profiles').select(['user_id', 'role', 'skills']).execute()).toEqual([{ user_id: PEOPLE.outsider.id, role: 'mentor', skills: ['Hiring'] }]);
  });

  it('the modal is always the presser’s own profile, whatever the button carries', async () => {
    await t.slack.viewSubmission({ user_id: PEOPLE.mentee2.id, team_id: TEAM, callback_id: 'join_modal', values: mentorValues('SECRET-SKILL') });
    const view = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, ACTION.openJoin, PEOPLE.mentee2.id));
    expect(view.callback_id).toBe('join_modal');
    expect(JSON.stringify(view)).not.toContain('SECRET-SKILL');
    // Their own saved profile comes back prefilled.
    await t.slack.viewSubmission({ user_id: PEOPLE.outsider.id, team_id: TEAM, callback_id: 'join_modal', values: mentorValues('Kubernetes') });
    const again = await viewOpenedBy(t, () => press(t, PEOPLE.outsider, ACTION.openJoin, 'join'));
    expect(JSON.stringify(again)).toContain('Kubernetes');
    expect(JSON.stringify(again)).not.toContain('SECRET-SKILL');
  });

  it('`/mentor status` offers the button instead of the admin command; pressed in the reply, it opens the join modal', async () => {
    const reply = (await t.slack.command({ text: 'status', user_id: PEOPLE.outsider.id })).json;
    expect(reply.text).toBe("You're not in a pairing yet.");
    expect(textOf(reply)).not.toContain('/mentor pair');
    expect(textOf(reply)).toContain('/mentor feedback');
    expect(joinButtons(reply)).toHaveLength(1);
    const view = await viewOpenedBy(t, () =>
      t.slack.blockAction({
        user_id: PEOPLE.outsider.id,
        team_id: TEAM,
        container: { type: 'message', message_ts: '1.1', channel_id: 'C1', is_ephemeral: true },
        response_url: t.fake.responseUrl(),
        actions: [{ action_id: ACTION.openJoin, value: 'join', block_id: 'join_program' }],
      }),
    );
    expect(view.callback_id).toBe('join_modal');
  });

  it.each(['log', 'goal'])('`/mentor %s` without a pairing answers with the button, not the admin command', async (command) => {
    const res = await t.slack.command({ text: command, user_id: PEOPLE.outsider.id, response_url: t.fake.responseUrl() });
    expect(res.status).toBe(200);
    await eventually(() => expect(t.fake.callsTo('response_url')).toHaveLength(1));
    const reply = t.fake.callsTo('response_url')[0]!.args;
    expect(reply.text).toContain("You're not in a pairing yet");
    expect(reply.text).toContain('`/mentor join`');
    expect(textOf(reply)).not.toContain('/mentor pair');
    expect(joinButtons(reply)).toHaveLength(1);
    expect(t.fake.callsTo('views.open')).toHaveLength(0);
  });

  it('`/mentor pause` and `/mentor resume` without a pairing answer the same way', async () => {
    for (const command of ['pause', 'resume', 'pause 2w']) {
      const reply = (await t.slack.command({ text: command, user_id: PEOPLE.outsider.id })).json;
      expect(reply.text).toContain("You're not in a pairing yet");
      expect(textOf(reply)).not.toContain('/mentor pair');
      expect(joinButtons(reply)).toHaveLength(1);
    }
  });

  it('someone in a pairing sees no Join button on Home or in status', async () => {
    await pairUp(t);
    t.fake.reset();
    await openHome(PEOPLE.mentee, '2.0');
    await eventually(() => expect(lastHomeOf(t, PEOPLE.mentee)).toBeDefined());
    const home = lastHomeOf(t, PEOPLE.mentee)!.args.view;
    expect(joinButtons(home)).toHaveLength(0);
    expect(joinButtons((await t.slack.command({ text: 'status', user_id: PEOPLE.mentee.id })).json)).toHaveLength(0);
  });
});
