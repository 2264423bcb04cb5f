// Which program an admin command acts on, without Slack: named, remembered, the only one, or asked.
import { beforeEach, describe, expect, it } from 'vitest';
import type { MemberProfile } from '../../src/db/repositories/members-repository.ts';
import { useTestServices } from '../helpers/test-services.ts';
import { AccessError, UserError } from '../../src/domain/errors.ts';
import type { ProgramInput } from '../../src/domain/programs.ts';
import { ProgramChoiceNeeded } from '../../src/services/program-scope.ts';

const TEAM = 'T1';
const owner = { teamId: TEAM, userId: 'UOWNER' };
const lead = { teamId: TEAM, userId: 'ULEAD' };
const member = { teamId: TEAM, userId: 'UMEMBER' };
const person = (realName: string, isWorkspaceAdmin = false): MemberProfile => ({ displayName: realName, realName, tz: 'UTC', isWorkspaceAdmin, isBot: false, deactivated: false });
const profiles: Record<string, MemberProfile> = { UOWNER: person('Ada', true), ULEAD: person('Lee'), UMEMBER: person('Mo') };
const input = (name: string, adminIds: string[] = []): ProgramInput => ({
  name, description: '', kind: 'standard', startsOn: null, endsOn: null, celebrationChannel: null, enrolmentOpen: true, adminIds,
});

const t = useTestServices(profiles);
beforeEach(async () => {
  await t.database.db.deleteFrom('admin_program_choices').execute();
  await t.database.db.deleteFrom('program_admins').execute();
  await t.database.db.deleteFrom('programs').execute();
});

describe('the program an admin command acts on', () => {
  it('is the main program while it is the only one, as before programs existed', async () => {
    const { program, choices } = await t.services.programs.forAdmin(owner);
    expect(program).toMatchObject({ is_default: true, name: 'Mentoring' });
    expect(choices).toHaveLength(1);
  });

  it('asks a workspace admin once there are two, then remembers the pick', async () => {
    await t.services.programs.forAdmin(owner);
    const spring = (await t.services.programs.create(owner, input('Spring cohort'))).program;
    const asked = await t.services.programs.forAdmin(owner).catch((e: unknown) => e);
    expect(asked).toBeInstanceOf(ProgramChoiceNeeded);
    expect((asked as ProgramChoiceNeeded).choices.map((c) => c.name)).toEqual(['Mentoring', 'Spring cohort']);
    await t.services.programs.pickForAdmin(owner, spring.id);
    expect((await t.services.programs.forAdmin(owner)).program.id).toBe(spring.id);
    // Naming another acts on it without changing what is remembered.
    expect((await t.services.programs.forAdmin(owner, { name: 'mentoring' })).program.is_default).toBe(true);
    expect((await t.services.programs.forAdmin(owner)).program.id).toBe(spring.id);
  });

  it('gives a program admin the only program they run, and refuses the others', async () => {
    await t.services.programs.forAdmin(owner);
    const spring = (await t.services.programs.create(owner, input('Spring cohort', [lead.userId]))).program;
    expect((await t.services.programs.forAdmin(lead)).program.id).toBe(spring.id);
    await expect(t.services.programs.forAdmin(lead, { name: 'Mentoring' })).rejects.toThrow(AccessError);
    await expect(t.services.programs.pickForAdmin(lead, spring.id - 1)).rejects.toThrow(AccessError);
    await expect(t.services.programs.forAdmin(member)).rejects.toThrow(AccessError);
    await expect(t.services.programs.forAdmin(owner, { name: 'Autumn' })).rejects.toThrow(UserError);
  });

  it('forgets a remembered program once it is archived', async () => {
    await t.services.programs.forAdmin(owner);
    const spring = (await t.services.programs.create(owner, input('Spring cohort'))).program;
    await t.services.programs.pickForAdmin(owner, spring.id);
    await t.services.programs.archive(owner, spring.id);
    expect((await t.services.programs.forAdmin(owner)).program.is_default).toBe(true);
    await expect(t.services.programs.pickForAdmin(owner, spring.id)).rejects.toThrow(UserError);
  });
});
