// A sweep reads what the programs of a workspace share once (the people who get nothing now and
// the due advice); each program must still decide exactly its own nudges, as it did reading them itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { ensureMemberRow } from '../../src/db/repositories/members-repository.ts';
import type { Program } from '../../src/db/schema.ts';
import { decideProgram, workspaceFacts } from '../../src/scheduler/decide.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const TEAM = 'TFACTS';
const NOW = new Date('2026-11-25T12:00:00Z');
let database: DatabaseHandle;
const programs: Program[] = [];

async function pairWithDueAdvice(program: Program, mentor: string, mentee: string): Promise<void> {
  const db = database.db;
  for (const person of [mentor, mentee]) await ensureMemberRow(db, TEAM, person);
  const pair = await db
    .insertInto('pairs')
    .values({ team_id: TEAM, program_id: program.id, mentor_id: mentor, mentee_id: mentee, cadence_days: 14, started_at: '2026-11-01T09:00:00Z', rhythm_anchor_on: '2026-11-20', review_on: '2027-06-01', created_by: 'UADMIN' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const session = await db.insertInto('sessions').values({ team_id: TEAM, pair_id: pair.id, held_on: '2026-11-20', minutes: 30, logged_by: mentee }).returning('id').executeTakeFirstOrThrow();
  await db.insertInto('advice_items').values({ team_id: TEAM, pair_id: pair.id, session_id: session.id, text: `advice to ${mentee}`, follow_up_on: '2026-11-24' }).execute();
}

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  programs.push(await db.insertInto('programs').values({ team_id: TEAM, name: 'Engineering', is_default: true }).returningAll().executeTakeFirstOrThrow());
  programs.push(await db.insertInto('programs').values({ team_id: TEAM, name: 'Design', cadence_days: 7 }).returningAll().executeTakeFirstOrThrow());
  await pairWithDueAdvice(programs[0]!, 'UMENTOR1', 'UMENTEE1');
  await pairWithDueAdvice(programs[1]!, 'UMENTOR2', 'UMENTEE2');
  await pairWithDueAdvice(programs[1]!, 'UMENTOR3', 'UMENTEE3');
  await db.updateTable('members').set({ muted_until: new Date('2026-12-01T00:00:00Z') }).where('team_id', '=', TEAM).where('user_id', '=', 'UMENTEE3').execute();
});

afterAll(async () => {
  await database?.close();
});

describe('deciding with the workspace read once', () => {
  it('gives each program only its own due advice, and a muted mentee nothing, as deciding alone does', async () => {
    const facts = await workspaceFacts(database.db, TEAM, NOW);
    const loops = async (program: Program, shared?: typeof facts) =>
      (await decideProgram(database.db, program, NOW, shared)).filter((d) => d.rule === 'close_loop').map((d) => [d.program_id, d.recipient_id]);
    expect(await loops(programs[0]!, facts)).toEqual([[programs[0]!.id, 'UMENTEE1']]);
    expect(await loops(programs[1]!, facts)).toEqual([[programs[1]!.id, 'UMENTEE2']]);
    expect(await loops(programs[0]!)).toEqual(await loops(programs[0]!, facts));
    expect(await loops(programs[1]!)).toEqual(await loops(programs[1]!, facts));
  });

  it('reads nothing of another workspace', async () => {
    const facts = await workspaceFacts(database.db, 'TOTHER', NOW);
    expect(facts.loopsByProgram.size).toBe(0);
    expect(facts.silenced.size).toBe(0);
  });
});
