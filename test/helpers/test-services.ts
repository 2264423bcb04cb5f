// The services without Slack, for test/services: a fresh test database per file, a fixed clock and
// a profile source answering from a table.
import { afterAll, beforeAll } from 'vitest';
import type { DatabaseHandle } from '../../src/db/database.ts';
import type { MemberProfile } from '../../src/db/repositories/members-repository.ts';
import { fixedClock } from '../../src/domain/clock.ts';
import { createServices, type Services } from '../../src/services/index.ts';
import { MemberDirectory } from '../../src/services/member-directory.ts';
import { createTestDatabase } from './test-database.ts';

export interface TestServices {
  readonly database: DatabaseHandle;
  readonly services: Services;
  readonly clock: ReturnType<typeof fixedClock>;
}

/** Opens the database before the file's tests and closes it after; read `database` and `services` inside tests. */
export function useTestServices(profiles: Record<string, MemberProfile>, now = '2026-11-18T14:00:00Z'): TestServices {
  const clock = fixedClock(now);
  let database: DatabaseHandle | undefined;
  let services: Services | undefined;
  beforeAll(async () => {
    database = await createTestDatabase();
    services = createServices(database.db, clock, new MemberDirectory(database.db, clock, async (_team, userId) => profiles[userId]));
  });
  afterAll(async () => database?.close());
  return {
    get database() {
      return database!;
    },
    get services() {
      return services!;
    },
    clock,
  };
}
