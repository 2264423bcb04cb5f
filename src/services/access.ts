import { AccessError } from '../domain/errors.ts';
import { findPair } from '../db/repositories/pairs-repository.ts';
import { isGrantedAdmin, isGrantedAdminOfAny } from '../db/repositories/admins-repository.ts';
import type { Member, Pair, Program } from '../db/schema.ts';
import type { Actor, ServiceDeps } from './context.ts';

/** Pair membership needs only the database; admin checks also read the actor's profile. */
type PairAccess = Pick<ServiceDeps, 'db'>;
type AdminAccess = Pick<ServiceDeps, 'db' | 'directory'>;

export const NOT_IN_PAIR = "You're not part of that pairing, so you can't see or change it.";
export const ADMINS_ONLY = 'Only program admins can do that. Workspace admins and owners are program admins; an admin can add more with `/mentor admins add @person`.';

export function roleIn(pair: Pair, userId: string): 'mentor' | 'mentee' | undefined {
  if (pair.mentor_id === userId) return 'mentor';
  if (pair.mentee_id === userId) return 'mentee';
  return undefined;
}

export function partnerOf(pair: Pair, userId: string): string {
  return pair.mentor_id === userId ? pair.mentee_id : pair.mentor_id;
}

/** The pair, if the actor is one of its two members; the same answer whether or not it exists. */
export async function requirePairMember(deps: PairAccess, actor: Actor, pairId: number): Promise<Pair> {
  const pair = Number.isSafeInteger(pairId) ? await findPair(deps.db, actor.teamId, pairId) : undefined;
  if (!pair || !roleIn(pair, actor.userId)) throw new AccessError(NOT_IN_PAIR);
  return pair;
}

/** Workspace admins and owners (from users.info) plus people granted in the program. */
/** Program admins: the workspace's active admins and owners, and anyone granted admin of the program. */
export function isAdminBy(member: Member, grantedAdmin: boolean): boolean {
  return (member.is_workspace_admin && !member.deactivated) || grantedAdmin;
}

/** Admin of `known.program`, or without one, of some program (which one a command acts on is `adminProgram`'s answer). */
export async function isProgramAdmin(deps: AdminAccess, actor: Actor, known: { member?: Member; program?: Program } = {}): Promise<boolean> {
  const member = known.member ?? (await deps.directory.get(actor.teamId, actor.userId));
  if (isAdminBy(member, false)) return true;
  if (known.program) return isGrantedAdmin(deps.db, known.program.id, actor.userId);
  return isGrantedAdminOfAny(deps.db, actor.teamId, actor.userId);
}

export async function requireProgramAdmin(deps: AdminAccess, actor: Actor, known: { member?: Member; program?: Program } = {}): Promise<void> {
  if (!(await isProgramAdmin(deps, actor, known))) throw new AccessError(ADMINS_ONLY);
}
