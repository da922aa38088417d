// The seed many tests start from (tests/helpers/conflict-seed.ts): what it stores must be what the tests it replaced
// uploaded themselves, as CSV or as JSON, in winter and in summer time, and it must refuse to hand out a conflict
// that is not there.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONFLICT_SEED_TABLES, capacityFlat, conflictSeed, seedReset, seedWindows } from './helpers/conflict-seed.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type StandardActors, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: StandardActors;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(() => seedReset(t, CONFLICT_SEED_TABLES));

const stored = () =>
  t.sql<
    { kenmerk: string; afnemerOin: string; omschrijving: string; berichttype: string; start: string; end: string; aantalBerichten: number; status: string }[]
  >`
    select kenmerk, afnemer_oin, omschrijving, berichttype, to_char(start_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as start,
      to_char(end_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI') as end, aantal_berichten::int, status
    from send_windows order by kenmerk`;
const profiles = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from capacity_profiles`)[0]!.n;

describe('conflictSeed', () => {
  it('sets the profile, stores one window per planner in the winter hour and returns the one open conflict of both', async () => {
    const seed = await conflictSeed(t, who.capacity, {
      windows: [
        { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
        { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 2000, status: 'concept', at: new Date('2027-01-11T10:00:00Z') },
      ],
    });
    expect(t.clock.now.toISOString()).toBe('2027-01-11T10:00:00.000Z');
    expect(await stored()).toEqual([
      {
        kenmerk: 'A-1',
        afnemerOin: OIN_A,
        omschrijving: 'x',
        berichttype: 'Brief',
        start: '2027-02-01T09:00',
        end: '2027-02-01T10:00',
        aantalBerichten: 3000,
        status: 'definitief',
      },
      {
        kenmerk: 'B-1',
        afnemerOin: OIN_B,
        omschrijving: 'x',
        berichttype: 'Brief',
        start: '2027-02-01T09:00',
        end: '2027-02-01T10:00',
        aantalBerichten: 2000,
        status: 'concept',
      },
    ]);
    const [profile] = await t.sql<{ rate: number }[]>`select rates_per_hour[1] as rate from capacity_profiles order by id desc limit 1`;
    expect(profile!.rate).toBe(4000);
    const open = await t.sql<{ id: number; afnemers: string[]; excessMessages: number }[]>`
      select id::int, afnemers, excess_messages from conflicts where status = 'open'`;
    expect(open).toEqual([{ id: seed.conflictId, afnemers: [OIN_A, OIN_B], excessMessages: 1000 }]);
    const windows = await t.sql<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows`;
    expect(seed.windowIds).toEqual(Object.fromEntries(windows.map((w) => [w.kenmerk, w.id])));
  });

  it('stores the same window from JSON as from CSV, also in summer time, and a Logius upload for the Afnemer named', async () => {
    await capacityFlat(t, who.capacity, 100_000);
    const summer = { day: '05-07-2027', from: '09:30', to: '11:00' };
    await seedWindows(t, {
      ...summer,
      windows: [{ by: who.plannerA, kenmerk: 'CSV', omschrijving: 'Aanslag', berichttype: 'Aanslag', aantalBerichten: 12_345 }],
    });
    await seedWindows(t, { ...summer, windows: [{ by: who.plannerA, kenmerk: 'JSON', berichttype: 'Aanslag', aantalBerichten: 12_345, format: 'json' }] });
    await seedWindows(t, { ...summer, windows: [{ by: who.capacity, afnemer: OIN_B, kenmerk: 'LOGIUS', aantalBerichten: 500, status: 'concept' }] });
    const [csv, json, logius] = await stored();
    // 09:30 CEST is 07:30 UTC.
    expect(csv).toMatchObject({ afnemerOin: OIN_A, omschrijving: 'Aanslag', start: '2027-07-05T07:30', end: '2027-07-05T09:00', aantalBerichten: 12_345 });
    expect({ ...json, kenmerk: 'CSV', omschrijving: 'Aanslag' }).toEqual(csv);
    expect(logius).toMatchObject({ afnemerOin: OIN_B, start: '2027-07-05T07:30', status: 'concept', aantalBerichten: 500 });
  });

  it('refuses when the windows make no conflict, and leaves the profile and the windows it stored', async () => {
    const before = await profiles();
    await expect(
      conflictSeed(t, who.capacity, {
        windows: [
          { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 2000 },
          { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 1500 },
        ],
      }),
    ).rejects.toThrow(/gaven geen open conflict/);
    expect(await profiles()).toBe(before + 1);
    expect((await stored()).map((w) => w.kenmerk)).toEqual(['A-1', 'B-1']);
  });

  it('fails the test when the API refuses an upload, naming the reason', async () => {
    await expect(seedWindows(t, { windows: [{ by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 0 }] })).rejects.toThrow(/201/);
    expect(await stored()).toEqual([]);
  });
});

describe('seedReset', () => {
  it('empties the tables named and keeps only the migration’s capacity profile', async () => {
    await conflictSeed(t, who.capacity, {
      windows: [
        { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
        { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 3000 },
      ],
    });
    await seedReset(t, CONFLICT_SEED_TABLES);
    for (const table of CONFLICT_SEED_TABLES) {
      expect((await t.sql<{ n: number }[]>`select count(*)::int as n from ${t.sql(table)}`)[0]!.n, table).toBe(0);
    }
    expect(await t.sql`select id::int from capacity_profiles`).toEqual([{ id: 1 }]);
  });
});
