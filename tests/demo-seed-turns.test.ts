// The demo data at the turn of a year: `pnpm start` on an empty database in December (UTC) stopped with
// "demo time 2027-13-12 16:0 is invalid" (the release night was put in month 13). Found by `pnpm test:clock` (jaareinde).
// And on the 1st between 00:00 and 01:00 (winter) or 02:00 (summer) Amsterdam time: the demo quarter began at the UTC
// month, so a month early.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Sql } from '@cd/db';
import { amsterdamParts, amsterdamToMs } from '@cd/shared/time';
import { testDatabase, type TestContext } from './helpers/test-db.js';
import { demoSeed } from '../server/src/demo-seed.js';

let t: TestContext;
beforeAll(async () => {
  t = await testDatabase();
}, 120_000);
afterAll(() => t.close());

describe('demoSeed in December', () => {
  it('loads at 31 December 23:55 in Amsterdam, with the release night on 12 January of the next year', async () => {
    expect(await demoSeed(t.sql, new Date('2027-12-31T23:55:00+01:00'))).not.toBeNull();
    const releases = await t.sql<{ startAt: Date; endAt: Date }[]>`
      select start_at, end_at from maintenance_windows where kind = 'release' and reason = 'Release MijnOverheid 2.4'`;
    expect(releases).toHaveLength(1);
    const at = amsterdamParts(releases[0]!.startAt.getTime());
    expect([at.year, at.month, at.day, at.hour, at.minute]).toEqual([2028, 1, 12, 16, 0]);
    expect(releases[0]!.endAt.getTime() - releases[0]!.startAt.getTime()).toBe(8 * 3_600_000);
    // The monthly maintenance on the first Tuesday evening of December, January and February.
    const maintenance = await t.sql<{ startAt: Date }[]>`
      select start_at from maintenance_windows where reason = 'Maandelijks onderhoud databaseplatform' order by start_at`;
    expect(maintenance.map((m) => amsterdamParts(m.startAt.getTime())).map((p) => `${p.year}-${p.month}-${p.day} ${p.hour}`)).toEqual([
      '2027-12-7 18',
      '2028-1-4 18',
      '2028-2-1 18',
    ]);
  });
});

/** The Amsterdam `yyyy-m-d hh` of each instant. */
const wallTexts = (instants: Date[]) =>
  instants.map((i) => amsterdamParts(i.getTime())).map((p) => `${p.year}-${p.month}-${p.day} ${String(p.hour).padStart(2, '0')}`);

/** The first revision of each demo prognose of one delivery file, as the seed stored it. */
async function demoStarts(sql: Sql, fileName: string): Promise<{ startAt: Date; peak: boolean }[]> {
  return sql<{ startAt: Date; peak: boolean }[]>`
    select r.start_at, r.omschrijving like '% - batch %' as peak
    from send_window_revisions r join deliveries d on d.id = r.delivery_id
    where d.file_name = ${fileName} and r.revision = 1 order by r.start_at`;
}

describe('demoSeed in the first hour(s) of a month in Amsterdam, while UTC is still in the month before', () => {
  const cases = [
    {
      what: 'summer time: 1 October 00:30 (22:30 UTC on 30 September)',
      now: '2027-10-01T00:30:00+02:00',
      month: [2027, 10],
      lastMonth: [2027, 12],
      maintenance: ['2027-10-5 18', '2027-11-2 18', '2027-12-7 18'],
      release: '2027-11-12 16',
    },
    {
      what: 'winter time: 1 December 00:30 (23:30 UTC on 30 November)',
      now: '2027-12-01T00:30:00+01:00',
      month: [2027, 12],
      lastMonth: [2028, 2],
      maintenance: ['2027-12-7 18', '2028-1-4 18', '2028-2-1 18'],
      release: '2028-1-12 16',
    },
  ];
  for (const c of cases) {
    it(`starts the demo quarter at the Amsterdam month in ${c.what}`, async () => {
      const db = await testDatabase();
      try {
        const now = new Date(c.now);
        expect(await demoSeed(db.sql, now)).not.toBeNull();
        const maintenance = await db.sql<{ startAt: Date }[]>`
          select start_at from maintenance_windows where reason = 'Maandelijks onderhoud databaseplatform' order by start_at`;
        expect(wallTexts(maintenance.map((m) => m.startAt))).toEqual(c.maintenance);
        const release = await db.sql<{ startAt: Date }[]>`select start_at from maintenance_windows where reason = 'Release MijnOverheid 2.4'`;
        expect(wallTexts(release.map((r) => r.startAt))).toEqual([c.release]);

        // The coming quarter starts on the 1st of this Amsterdam month and fills its third month; the year before
        // ends where it begins, so no day is in both and none is missing.
        const [year, month] = c.month as [number, number];
        const monthStart = amsterdamToMs(year, month, 1);
        const coming = await demoStarts(db.sql, 'demo-prognose.csv');
        expect(coming.length).toBeGreaterThan(0);
        expect(coming[0]!.startAt.getTime()).toBeGreaterThanOrEqual(monthStart);
        const [lastYear, lastMonth] = c.lastMonth as [number, number];
        // Beside the January–February peak of the Belastingdienst, which the seed adds whatever the quarter.
        const inLastMonth = coming.filter((s) => {
          const p = amsterdamParts(s.startAt.getTime());
          return !s.peak && p.year === lastYear && p.month === lastMonth;
        });
        expect(inLastMonth.length).toBeGreaterThan(0);
        const past = await demoStarts(db.sql, 'demo-prognose-vorig-jaar.csv');
        expect(past.length).toBeGreaterThan(0);
        expect(past.at(-1)!.startAt.getTime()).toBeLessThan(monthStart);
        // The last day of the month before is in the year before (not skipped between the two parts).
        expect(past.some((s) => s.startAt.getTime() >= amsterdamToMs(year, month, 0))).toBe(true);
      } finally {
        await db.close();
      }
    }, 120_000);
  }
});
