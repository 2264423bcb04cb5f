import type { Kysely } from 'kysely';
import type { Clock } from '../domain/clock.ts';
import type { Database } from '../db/schema.ts';
import type { MemberDirectory } from './member-directory.ts';

/** Who is acting: every service call names the workspace and the person. */
export interface Actor {
  teamId: string;
  userId: string;
}

/** What the composition root hands every service: the database, the clock and the profile cache. */
export interface ServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  directory: MemberDirectory;
}
