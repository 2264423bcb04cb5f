// The query-counting helper itself: if it missed statements, a query budget would prove nothing.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/db/database.ts';
import { countQueries } from './helpers/query-count.ts';
import { createTestDatabase } from './helpers/test-database.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => database?.close());

describe('countQueries', () => {
  it('records every statement, built or raw, transactions’ begin and commit included', async () => {
    const count = countQueries(database.db);
    await count.db.selectFrom('programs').selectAll().execute();
    await sql`select 1`.execute(count.db);
    await count.db
      .transaction()
      .setIsolationLevel('repeatable read')
      .execute(async (trx) => {
        await trx.selectFrom('pairs').select('id').execute();
      });
    expect(count.statements).toHaveLength(5);
    expect(count.statements[0]).toMatch(/^select \* from "programs"/);
    expect(count.statements.slice(2)).toEqual(['start transaction isolation level repeatable read', expect.stringMatching(/^select "id" from "pairs"/), 'commit']);
    count.reset();
    expect(count.statements).toEqual([]);
  });

  it('sees nothing the original handle runs, and reads the same data', async () => {
    const count = countQueries(database.db);
    await database.db.insertInto('programs').values({ team_id: 'TCOUNT', name: 'Counted' }).execute();
    const rows = await count.db.selectFrom('programs').select('team_id').where('team_id', '=', 'TCOUNT').execute();
    expect(rows).toEqual([{ team_id: 'TCOUNT' }]);
    expect(count.statements).toHaveLength(1);
  });
});
