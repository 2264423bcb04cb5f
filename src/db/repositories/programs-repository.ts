import type { Kysely } from 'kysely';
import type { Database, Program } from '../schema.ts';

/** The workspace's default program, created on first use with the defaults from the schema. */
export async function defaultProgram(db: Kysely<Database>, teamId: string): Promise<Program> {
  const existing = await db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('is_default', '=', true).executeTakeFirst();
  if (existing) return existing;
  await db
    .insertInto('programs')
    .values({ team_id: teamId, name: 'Mentoring', is_default: true })
    .onConflict((oc) => oc.column('team_id').where('is_default', '=', true).doNothing())
    .execute();
  return db.selectFrom('programs').selectAll().where('team_id', '=', teamId).where('is_default', '=', true).executeTakeFirstOrThrow();
}
