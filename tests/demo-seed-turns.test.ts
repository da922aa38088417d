// The demo data at the turn of a year: `pnpm start` on an empty database in December (UTC) stopped with
// "demo time 2027-13-12 16:0 is invalid" (the release night was put in month 13). Found by `pnpm test:clock` (jaareinde).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { amsterdamParts } from '@cd/shared/time';
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
