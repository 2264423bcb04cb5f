import { AccessError, UserError } from '../domain/errors.ts';
import { escapeMrkdwn } from '../domain/mrkdwn.ts';
import {
  administeredPrograms,
  defaultProgram,
  programByName,
  programOf,
  rememberProgramChoice,
  type AdministeredProgram,
} from '../db/repositories/programs-repository.ts';
import { isGrantedAdmin } from '../db/repositories/admins-repository.ts';
import type { Member, Pair, Program } from '../db/schema.ts';
import { ADMINS_ONLY, isAdminBy } from './access.ts';
import type { Actor, ServiceDeps } from './context.ts';

export type { AdministeredProgram };

/** How an admin command names its program: by id (a select or a button), by name (command text), or not at all. */
export interface ProgramPick {
  programId?: number | undefined;
  name?: string | undefined;
}

/** The program an admin command acts on, and the others this admin could switch to. */
export interface AdminProgram {
  program: Program;
  /** Every program (not archived) this admin runs, this one included; one entry when there is no choice. */
  choices: AdministeredProgram[];
}

/**
 * An admin of several programs named none and has not picked one before: the surface asks with a
 * select of `choices`, then remembers the pick.
 */
export class ProgramChoiceNeeded extends UserError {
  override name = 'ProgramChoiceNeeded';
  constructor(readonly choices: AdministeredProgram[]) {
    super(`You run ${choices.length} programs: which one? ${choices.map((c) => `*${escapeMrkdwn(c.name)}*`).join(', ')}.`);
  }
}

export const NOT_ADMIN_OF = (program: Pick<Program, 'name'>) =>
  `You're not an admin of *${escapeMrkdwn(program.name)}*: its own admins or a workspace admin can do that.`;

/** Every program (not archived) an admin runs, and whether they run them all as a workspace admin. */
export interface AdminPrograms {
  member: Member;
  everyProgram: boolean;
  choices: AdministeredProgram[];
}

/**
 * The programs this person runs, in one statement when the member is cached; a workspace admin in a
 * workspace that has never used the bot gets the main program, made now. Empty for non-admins.
 */
export async function adminPrograms(deps: Pick<ServiceDeps, 'db' | 'directory'>, actor: Actor, known: { member?: Member } = {}): Promise<AdminPrograms> {
  const member = known.member ?? (await deps.directory.get(actor.teamId, actor.userId));
  const everyProgram = isAdminBy(member, false);
  let choices = await administeredPrograms(deps.db, actor.teamId, actor.userId, everyProgram);
  if (everyProgram && choices.length === 0) {
    const main = await defaultProgram(deps.db, actor.teamId);
    if (!main.archived_at) choices = [{ ...main, remembered: false }];
  }
  return { member, everyProgram, choices };
}

/**
 * Which program an admin command acts on. Named (by id or name): that one, if this admin runs it.
 * Unnamed: the one they picked last, else the only one they run, else `ProgramChoiceNeeded`.
 * With one program in the workspace this is always the main program, as before programs existed.
 * One statement when the member is cached (two when it names a program they don't run); archived programs are never picked without a name.
 */
export async function adminProgram(deps: Pick<ServiceDeps, 'db' | 'directory'>, actor: Actor, pick: ProgramPick = {}, known: { member?: Member } = {}): Promise<AdminProgram> {
  const { everyProgram, choices } = await adminPrograms(deps, actor, known);
  if (pick.programId !== undefined || (pick.name !== undefined && pick.name.trim() !== '')) {
    // A program they run is already in hand: no statement more for it.
    const listed = pick.programId !== undefined ? choices.find((c) => c.id === pick.programId) : choices.find((c) => c.name.toLowerCase() === pick.name!.trim().toLowerCase());
    const named = listed ?? (pick.programId !== undefined
      ? Number.isSafeInteger(pick.programId) ? await programOf(deps.db, actor.teamId, pick.programId) : undefined
      : await programByName(deps.db, actor.teamId, pick.name!.trim()));
    if (!named) {
      if (choices.length === 0) throw new AccessError(ADMINS_ONLY);
      throw new UserError(pick.programId === undefined
        ? `There's no program called "${escapeMrkdwn(pick.name!.trim())}". \`/mentor program list\` shows the programs you run.`
        : 'That program no longer exists. `/mentor program list` shows the programs you run.');
    }
    const runs = everyProgram || choices.some((c) => c.id === named.id) || (named.archived_at !== null && (await isGrantedAdmin(deps.db, named.id, actor.userId)));
    if (!runs) throw new AccessError(choices.length === 0 ? ADMINS_ONLY : NOT_ADMIN_OF(named));
    const program = withoutPick(named);
    return { program, choices: choices.length > 0 ? choices : [{ ...program, remembered: false }] };
  }
  if (choices.length === 0) throw new AccessError(ADMINS_ONLY);
  const chosen = choices.find((c) => c.remembered) ?? (choices.length === 1 ? choices[0] : undefined);
  if (!chosen) throw new ProgramChoiceNeeded(choices);
  return { program: withoutPick(chosen), choices };
}

/** A listed program as the program row it is (without whether it was the admin's last pick). */
function withoutPick(listed: Program | AdministeredProgram): Program {
  if (!('remembered' in listed)) return listed;
  const { remembered: _remembered, ...program } = listed;
  return program;
}

/** Remembers an admin's pick from a program select, after checking they run it. */
export async function pickAdminProgram(deps: Pick<ServiceDeps, 'db' | 'directory' | 'clock'>, actor: Actor, programId: number): Promise<AdminProgram> {
  const scoped = await adminProgram(deps, actor, { programId });
  if (scoped.program.archived_at) throw new UserError(`*${escapeMrkdwn(scoped.program.name)}* is archived.`);
  await rememberProgramChoice(deps.db, actor.teamId, actor.userId, scoped.program.id, deps.clock.now());
  return { program: scoped.program, choices: scoped.choices.map((c) => ({ ...c, remembered: c.id === scoped.program.id })) };
}

/** The program a pairing belongs to: its settings (cadence, working hours, channel) are the ones that apply. */
export async function programOfPair(deps: Pick<ServiceDeps, 'db'>, pair: Pick<Pair, 'team_id' | 'program_id'>): Promise<Program> {
  const program = await programOf(deps.db, pair.team_id, pair.program_id);
  if (!program) throw new Error(`pairing's program ${pair.program_id} is missing`);
  return program;
}

