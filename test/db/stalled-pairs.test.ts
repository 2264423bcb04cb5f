// The scheduler's stall scan is SQL (so an index serves it) and admin surfaces read program
// health: both must find exactly the pairings the domain's one definition calls stalled.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDaysTo } from '../../src/domain/calendar.ts';
import { isStalled, stalledPairings } from '../../src/domain/pair-health.ts';
import type { DatabaseHandle } from '../../src/db/database.ts';
import { ensureMemberRow } from '../../src/db/repositories/members-repository.ts';
import { stalledPairs } from '../../src/db/repositories/scheduler-repository.ts';
import type { Program } from '../../src/db/schema.ts';
import { ProgramHealthService } from '../../src/services/program-health-service.ts';
import { createTestDatabase } from '../helpers/test-database.ts';

const TODAY = '2026-11-18';
const NOW = new Date(`${TODAY}T12:00:00Z`);
const GRACE = 3;
let database: DatabaseHandle;
let program: Program;
const expected = new Map<number, boolean>();
/** Every pairing as the domain's `stalledPairings` reads it: the reference for program health's list. */
const domainPairs: Parameters<typeof stalledPairings>[0][number][] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const db = database.db;
  program = await db.insertInto('programs').values({ team_id: 'TSTALL', name: 'Stalls', grace_days: GRACE }).returningAll().executeTakeFirstOrThrow();
  let n = 0;
  for (const cadence of [1, 7, 14, 30]) {
    // Anchors from two days short of cadence + grace to two days past it.
    for (let offset = -2; offset <= 2; offset += 1) {
      n += 1;
      const anchorOn = addDaysTo(TODAY, -(cadence + GRACE + offset));
      for (const person of [`UMENTOR${n}`, `UMENTEE${n}`, 'UADMIN']) await ensureMemberRow(db, 'TSTALL', person);
      const pair = await db
        .insertInto('pairs')
        .values({ team_id: 'TSTALL', program_id: program.id, mentor_id: `UMENTOR${n}`, mentee_id: `UMENTEE${n}`, cadence_days: cadence, started_at: `${anchorOn}T09:00:00Z`, rhythm_anchor_on: anchorOn, review_on: '2027-06-01', created_by: 'UADMIN' })
        .returning('id')
        .executeTakeFirstOrThrow();
      expected.set(pair.id, isStalled({ anchorOn, cadenceDays: cadence, graceDays: GRACE }, TODAY));
      domainPairs.push({ pairId: pair.id, mentorId: `UMENTOR${n}`, menteeId: `UMENTEE${n}`, startedOn: anchorOn, lastSessionOn: null, cadenceDays: cadence });
    }
  }
  // Pairings long past their rhythm with a session booked from two days short of grace end to two
  // days past it (a booking holds the stall off until it passed plus grace days), and one whose
  // booking was answered "not this time" (no hold).
  for (const bookedBack of [GRACE - 2, GRACE - 1, GRACE, GRACE + 1, GRACE + 2, -5]) {
    for (const status of bookedBack === -5 ? (['booked', 'missed'] as const) : (['booked'] as const)) {
      n += 1;
      const anchorOn = addDaysTo(TODAY, -40);
      const bookedOn = addDaysTo(TODAY, -bookedBack);
      for (const person of [`UMENTOR${n}`, `UMENTEE${n}`]) await ensureMemberRow(db, 'TSTALL', person);
      const pair = await db
        .insertInto('pairs')
        .values({ team_id: 'TSTALL', program_id: program.id, mentor_id: `UMENTOR${n}`, mentee_id: `UMENTEE${n}`, cadence_days: 14, started_at: `${anchorOn}T09:00:00Z`, rhythm_anchor_on: anchorOn, review_on: '2027-06-01', created_by: 'UADMIN' })
        .returning('id')
        .executeTakeFirstOrThrow();
      // 23:30 UTC: the booking's UTC day is what counts, whatever the hour.
      await db
        .insertInto('bookings')
        .values({ team_id: 'TSTALL', pair_id: pair.id, starts_at: `${bookedOn}T23:30:00Z`, minutes: 60, booked_by: `UMENTEE${n}`, status, ...(status === 'missed' ? { answered_by: `UMENTEE${n}`, answered_at: NOW } : {}) })
        .execute();
      expected.set(pair.id, isStalled({ anchorOn, cadenceDays: 14, graceDays: GRACE, bookedOn: status === 'booked' ? bookedOn : null }, TODAY));
      domainPairs.push({ pairId: pair.id, mentorId: `UMENTOR${n}`, menteeId: `UMENTEE${n}`, startedOn: anchorOn, lastSessionOn: null, cadenceDays: 14, bookedOn: status === 'booked' ? bookedOn : null });
    }
  }
  // Pairings that met: the rhythm counts from the last session (logging one moves the anchor, as
  // sessions-repository does; program health reads the last session's day).
  for (const lastBack of [14 + GRACE - 1, 14 + GRACE, 14 + GRACE + 1, 50]) {
    n += 1;
    const startedOn = addDaysTo(TODAY, -90);
    for (const person of [`UMENTOR${n}`, `UMENTEE${n}`]) await ensureMemberRow(db, 'TSTALL', person);
    const pair = await db
      .insertInto('pairs')
      .values({ team_id: 'TSTALL', program_id: program.id, mentor_id: `UMENTOR${n}`, mentee_id: `UMENTEE${n}`, cadence_days: 14, started_at: `${startedOn}T09:00:00Z`, rhythm_anchor_on: startedOn, review_on: '2027-06-01', created_by: 'UADMIN' })
      .returning('id')
      .executeTakeFirstOrThrow();
    const lastOn = addDaysTo(TODAY, -lastBack);
    for (const heldOn of [addDaysTo(lastOn, -20), lastOn]) {
      await db.insertInto('sessions').values({ team_id: 'TSTALL', pair_id: pair.id, held_on: heldOn, minutes: 30, logged_by: `UMENTEE${n}` }).execute();
    }
    await db.updateTable('pairs').set({ rhythm_anchor_on: lastOn, last_session_on: lastOn }).where('id', '=', pair.id).execute();
    expected.set(pair.id, isStalled({ anchorOn: lastOn, cadenceDays: 14, graceDays: GRACE }, TODAY));
    domainPairs.push({ pairId: pair.id, mentorId: `UMENTOR${n}`, menteeId: `UMENTEE${n}`, startedOn, lastSessionOn: lastOn, cadenceDays: 14 });
  }
});
afterAll(async () => database?.close());

describe('a stalled pairing, as the database finds it', () => {
  it('is exactly at grace end or later, never a day before, and not while a booked session is held', () => {
    // 12 of the 20 rhythm cases; of the booked: 2 passed by more than grace, and the "not this time" one.
    expect([...expected.values()].filter(Boolean)).toHaveLength(15 + 3);
    expect([...expected.values()].filter((s) => !s)).toHaveLength(12 + 1);
  });

  it('the scheduler’s stall scan finds exactly the pairings the domain calls stalled', async () => {
    const found = await stalledPairs(database.db, program, TODAY, NOW);
    expect(found.map((p) => p.pair_id).sort((a, b) => a - b)).toEqual([...expected].filter(([, s]) => s).map(([id]) => id));
  });

  it('program health counts and lists exactly those pairings, in the domain’s order with its days since they met', async () => {
    const health = await new ProgramHealthService({ db: database.db }).read(program, TODAY, NOW);
    expect(health.stalledCount).toBe([...expected.values()].filter(Boolean).length);
    expect(health.stalled).toEqual(stalledPairings(domainPairs, GRACE, TODAY));
  });

  it('program health lists the first 30 stalled pairings, the longest quiet first, and counts them all', async () => {
    const { STALLED_LISTED } = await import('../../src/services/program-health-service.ts');
    const others = await database.db.insertInto('programs').values({ team_id: 'TSTALL', name: 'Many stalls', grace_days: GRACE }).returningAll().executeTakeFirstOrThrow();
    const many = Array.from({ length: STALLED_LISTED + 5 }, (_, i) => ({ pairId: 0, mentorId: `UMANYR${i}`, menteeId: `UMANYE${i}`, startedOn: addDaysTo(TODAY, -(30 + (i % 7))), lastSessionOn: null, cadenceDays: 7 }));
    for (const p of many) {
      for (const person of [p.mentorId, p.menteeId]) await ensureMemberRow(database.db, 'TSTALL', person);
      const pair = await database.db
        .insertInto('pairs')
        .values({ team_id: 'TSTALL', program_id: others.id, mentor_id: p.mentorId, mentee_id: p.menteeId, cadence_days: 7, started_at: `${p.startedOn}T09:00:00Z`, rhythm_anchor_on: p.startedOn, review_on: '2027-06-01', created_by: 'UADMIN' })
        .returning('id')
        .executeTakeFirstOrThrow();
      p.pairId = pair.id;
    }
    const health = await new ProgramHealthService({ db: database.db }).read(others, TODAY, NOW);
    expect(health.stalledCount).toBe(STALLED_LISTED + 5);
    expect(health.stalled).toEqual(stalledPairings(many, GRACE, TODAY).slice(0, STALLED_LISTED));
    expect((await stalledPairs(database.db, others, TODAY, NOW)).length).toBe(STALLED_LISTED + 5);
  });
});
