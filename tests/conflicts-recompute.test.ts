/**
 * The recompute's read side (issue 16): a recompute of everything reads the windows once and cuts its ranges from
 * them, and a conflict found again exactly as stored is not written (no new row version, no change of the conflict
 * list's version), while one whose figures moved is.
 */
import { afnemerUpsert, capacityProfileSet, createSql, deliveryStore, sendWindowCancel, userUpsert, type Sql, type Tx } from '@cd/db';
import { capacityProfileUniform, changedBucketRanges, conflictsDetect, type NewSendWindow } from '@cd/shared';
import { conflictsRecompute, windowSpansGrouped, type ChangedSpan } from '@cd/server/conflicts-recompute';
import fc from 'fast-check';
import { planningCache, type PlanningCache } from '@cd/server/planning-cache';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { OIN_A, OIN_B, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let userId: number;
const H = 3_600_000;
const MARCH = Date.UTC(2027, 2, 10, 9); // Wednesday 10:00 local
const OCTOBER = Date.UTC(2027, 9, 31, 0); // the autumn DST Sunday, 01:00 local (summer time until 03:00)
const now = new Date('2027-01-11T09:00:00Z');

function window(afnemer: string, kenmerk: string, start: number, hours: number, volume: number): NewSendWindow {
  return {
    afnemer,
    kenmerk,
    omschrijving: '',
    berichttype: 'Bericht',
    start: new Date(start),
    end: new Date(start + hours * H),
    aantalBerichten: volume,
    status: 'definitief',
    vroegsteStart: null,
    laatsteEind: null,
  };
}

async function deliver(sql: Sql, afnemer: string, windows: NewSendWindow[]) {
  await sql.begin((tx) => deliveryStore(tx, { afnemerOin: afnemer, userId, fileName: null, contentType: 'text/csv', windows, at: now }));
}

interface StoredRow {
  id: number;
  rowVersion: string;
  start: number;
  excess: number;
  windowIds: number[];
}
const stored = (sql: Sql) =>
  sql<StoredRow[]>`
    select id::int, xmin::text as row_version, (extract(epoch from start_at) * 1000)::float8 as start, excess_messages as excess,
      array_to_json(window_ids) as window_ids
    from conflicts where status = 'open' order by start_at`;
const listVersion = async (sql: Sql) => (await sql<{ v: string }[]>`select version::text as v from conflicts_state where id = 1`)[0]!.v;

beforeAll(async () => {
  t = await testDatabase();
  await afnemerUpsert(t.sql, { oin: OIN_A, name: 'Afnemer A' });
  await afnemerUpsert(t.sql, { oin: OIN_B, name: 'Afnemer B' });
  userId = (await userUpsert(t.sql, { email: 'recompute@logius.example', name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: null })).id;
  const [newest] = await t.sql<{ date: string }[]>`select max(effective_from)::text as date from capacity_profiles`;
  // 4,000 an hour: 1,000 a quarter, everywhere.
  await t.sql.begin((tx) =>
    capacityProfileSet(tx, { ratesPerHour: [...capacityProfileUniform(4000)], threshold: 1, warningLevel: 0.8, userId, effectiveFrom: newest!.date }),
  );
  // Two islands seven months apart, each overloaded by two Afnemers together; the October one spans the DST night.
  await deliver(t.sql, OIN_A, [window(OIN_A, 'A-MAART', MARCH, 2, 6000), window(OIN_A, 'A-OKT', OCTOBER, 4, 12_000)]);
  await deliver(t.sql, OIN_B, [window(OIN_B, 'B-MAART', MARCH + H, 2, 6000), window(OIN_B, 'B-OKT', OCTOBER + H, 3, 9000)]);
});
afterAll(() => t.close());

describe('conflictsRecompute of everything', () => {
  it('finds the conflicts of every island, as detection over each island does', async () => {
    const result = await t.sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'test'));
    expect(result.ranges).toHaveLength(2);
    const rows = await stored(t.sql);
    expect(result.created.sort((a, b) => a - b)).toEqual(rows.map((r) => r.id).sort((a, b) => a - b));
    const windows = await t.sql<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows`;
    const idOf = new Map(windows.map((w) => [w.kenmerk, w.id]));
    // March: 3,000 + 3,000 an hour against 4,000 in the shared hour 11:00-12:00 local.
    const expected = conflictsDetect({
      windows: [
        { id: idOf.get('A-MAART')!, afnemer: OIN_A, kenmerk: 'A-MAART', start: MARCH, end: MARCH + 2 * H, volume: 6000, status: 'definitief' },
        { id: idOf.get('B-MAART')!, afnemer: OIN_B, kenmerk: 'B-MAART', start: MARCH + H, end: MARCH + 3 * H, volume: 6000, status: 'definitief' },
      ],
      profile: capacityProfileUniform(4000),
      maintenance: [],
      fromBucket: MARCH / 900_000 - 96,
      toBucket: MARCH / 900_000 + 96,
    }).conflicts;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({ start: expected[0]!.start, excess: expected[0]!.excessMessages });
    expect(rows[0]!.windowIds.sort((a, b) => a - b)).toEqual([idOf.get('A-MAART')!, idOf.get('B-MAART')!].sort((a, b) => a - b));
    expect(rows[1]!.start).toBe(OCTOBER + H);
  });

  it('keeps every conflict without writing it when nothing changed', async () => {
    const before = await stored(t.sql);
    const version = await listVersion(t.sql);
    const result = await t.sql.begin((tx) => conflictsRecompute(tx, 'all', new Date('2027-01-12T09:00:00Z'), 'test'));
    expect(result.created).toEqual([]);
    expect(result.resolved).toEqual([]);
    expect(result.kept.sort((a, b) => a - b)).toEqual(before.map((r) => r.id).sort((a, b) => a - b));
    expect(await stored(t.sql)).toEqual(before);
    expect(await listVersion(t.sql)).toBe(version);
  });

  it('writes only the conflict whose figures moved, and the recompute of everything then agrees with it', async () => {
    const [march, october] = await stored(t.sql);
    const version = await listVersion(t.sql);
    await deliver(t.sql, OIN_B, [window(OIN_B, 'B-MAART', MARCH + H, 2, 7000)]);
    const result = await t.sql.begin((tx) => conflictsRecompute(tx, { from: MARCH, to: MARCH + 3 * H }, new Date('2027-01-13T09:00:00Z'), 'test'));
    expect(result.kept).toEqual([march!.id]);
    const [marchAfter, octoberAfter] = await stored(t.sql);
    expect(marchAfter!.id).toBe(march!.id);
    expect(marchAfter!.rowVersion).not.toBe(march!.rowVersion);
    expect(marchAfter!.excess).toBe(march!.excess + 500);
    expect(octoberAfter).toEqual(october);
    expect(await listVersion(t.sql)).not.toBe(version);

    const settled = await stored(t.sql);
    const again = await t.sql.begin((tx) => conflictsRecompute(tx, 'all', new Date('2027-01-14T09:00:00Z'), 'test'));
    expect(again.created).toEqual([]);
    expect(await stored(t.sql)).toEqual(settled);
  });
});

describe('conflictsRecompute of everything served from the planning cache', () => {
  const ROLLBACK = new Error('rollback');
  /** The open conflicts after `change` and a recompute of everything in one transaction, which is then rolled back. */
  async function conflictsAfter(change: (tx: Tx) => Promise<void>, planning?: PlanningCache, changed: ChangedSpan = 'all') {
    // Windows by kenmerk: a window inserted in a rolled-back transaction still used up its id.
    let seen: { start: number; excess: number; kenmerken: string[] }[] = [];
    await t.sql
      .begin(async (tx) => {
        await change(tx);
        await conflictsRecompute(tx, changed, new Date('2027-01-15T09:00:00Z'), 'test', {}, planning);
        const kenmerkOf = new Map((await tx<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows`).map((w) => [w.id, w.kenmerk]));
        seen = (await stored(tx as unknown as Sql)).map((c) => ({
          start: c.start,
          excess: c.excess,
          kenmerken: c.windowIds.map((id) => kenmerkOf.get(id)!).sort(),
        }));
        throw ROLLBACK;
      })
      .catch((err) => {
        if (err !== ROLLBACK) throw err;
      });
    return seen;
  }

  it("sees the transaction's own changes and later commits, as a full read does", async () => {
    const cache = planningCache();
    await cache.get(t.sql);
    // Committed after the cache was read: the transaction must see it through the windows changed since.
    await deliver(t.sql, OIN_A, [window(OIN_A, 'A-JUNI', Date.UTC(2027, 5, 9, 8), 2, 6000)]);
    const idOf = new Map((await t.sql<{ id: number; kenmerk: string }[]>`select id::int, kenmerk from send_windows`).map((w) => [w.kenmerk, w.id]));
    const change = async (tx: Tx) => {
      await deliveryStore(tx, {
        afnemerOin: OIN_B,
        userId,
        fileName: null,
        contentType: 'text/csv',
        windows: [window(OIN_B, 'B-OKT', OCTOBER + H, 3, 15_000), window(OIN_B, 'B-JUNI', Date.UTC(2027, 5, 9, 9), 1, 2000)],
        at: now,
      });
      await sendWindowCancel(tx, idOf.get('A-MAART')!, userId, now);
    };
    const viaCache = await conflictsAfter(change, cache);
    const viaRead = await conflictsAfter(change);
    expect(viaCache.map((c) => c.start)).toEqual([Date.UTC(2027, 5, 9, 9), OCTOBER + H]);
    expect(viaCache[0]!.kenmerken).toEqual(['A-JUNI', 'B-JUNI']);
    expect(viaCache).toEqual(viaRead);
  });

  it("sees a window another instance committed after this instance's cache was read (no stale cache)", async () => {
    const AUGUST = Date.UTC(2027, 7, 11, 8);
    await deliver(t.sql, OIN_A, [window(OIN_A, 'A-AUG', AUGUST, 2, 6000)]);
    // Instance A read its cache; instance B, with its own pool and cache, then stores the window that overloads.
    const cacheA = planningCache();
    await cacheA.get(t.sql);
    const other = createSql(t.url, { max: 2 });
    try {
      const cacheB = planningCache();
      await cacheB.get(other);
      await other.begin((tx) =>
        deliveryStore(tx, {
          afnemerOin: OIN_B,
          userId,
          fileName: null,
          contentType: 'text/csv',
          windows: [window(OIN_B, 'B-AUG', AUGUST + H, 2, 6000)],
          at: now,
        }),
      );
      expect((await cacheB.get(other)).windows.some((w) => w.kenmerk === 'B-AUG')).toBe(true);
    } finally {
      await other.end({ timeout: 1 });
    }
    // A's cache still holds the version before B's write; the recompute around August on A sees the write all the same.
    expect(cacheA.peek()!.windows.some((w) => w.kenmerk === 'B-AUG')).toBe(false);
    const span = { from: AUGUST, to: AUGUST + 3 * H };
    const viaCache = await conflictsAfter(async () => {}, cacheA, span);
    const viaRead = await conflictsAfter(async () => {}, undefined, span);
    const august = viaCache.filter((c) => c.start >= AUGUST && c.start < AUGUST + 3 * H);
    expect(august.map((c) => c.kenmerken)).toEqual([['A-AUG', 'B-AUG']]);
    expect(viaCache).toEqual(viaRead);
    // The recompute that found windows changed since the cache's version brought A's cache up to date in the background.
    await vi.waitFor(() => expect(cacheA.peek()!.windows.some((w) => w.kenmerk === 'B-AUG')).toBe(true));
    // And the recompute of everything from the same stale cache.
    expect(await conflictsAfter(async () => {}, cacheA)).toEqual(await conflictsAfter(async () => {}));
  });

  it('reads in the transaction when the cache is newer than its snapshot (repeatable read begun before the write)', async () => {
    const SEPTEMBER = Date.UTC(2027, 8, 8, 8);
    await deliver(t.sql, OIN_A, [window(OIN_A, 'A-SEP', SEPTEMBER, 2, 6000)]);
    const cache = planningCache();
    let created: number[] = [];
    await t.sql
      .begin('isolation level repeatable read', async (tx) => {
        await tx`select 1`; // the snapshot: before B-SEP
        await deliver(t.sql, OIN_B, [window(OIN_B, 'B-SEP', SEPTEMBER + H, 2, 6000)]);
        expect((await cache.get(t.sql)).windows.some((w) => w.kenmerk === 'B-SEP')).toBe(true);
        const result = await conflictsRecompute(tx, { from: SEPTEMBER, to: SEPTEMBER + 3 * H }, now, 'test', {}, cache);
        created = result.created;
        throw ROLLBACK;
      })
      .catch((err) => {
        if (err !== ROLLBACK) throw err;
      });
    // The transaction cannot see B-SEP, so A-SEP alone (3,000 an hour against 4,000) makes no conflict.
    expect(created).toEqual([]);
  });
});

describe('windowSpansGrouped', () => {
  it('gives the same ranges as one span per window, for any padding (brute force: every window on its own)', () => {
    const windowArb = fc
      .record({ start: fc.integer({ min: 0, max: 60 * 24 * 60 }), minutes: fc.integer({ min: 1, max: 5 * 24 * 60 }) })
      .map(({ start, minutes }) => ({ start: Date.UTC(2027, 9, 1) + start * 60_000, end: Date.UTC(2027, 9, 1) + (start + minutes) * 60_000 }));
    fc.assert(
      fc.property(
        fc.array(windowArb, { maxLength: 200 }),
        fc.integer({ min: 1, max: 3 * 24 * 60 }),
        fc.integer({ min: 0, max: 20 * 24 * 60 }),
        (windows, beforeMinutes, afterMinutes) => {
          const pad = { beforeMs: beforeMinutes * 60_000, afterMs: afterMinutes * 60_000 };
          const grouped = windowSpansGrouped(windows, pad.beforeMs);
          expect(grouped.length).toBeLessThanOrEqual(windows.length);
          expect(changedBucketRanges(grouped, pad)).toEqual(
            changedBucketRanges(
              windows.map((w) => ({ from: w.start, to: w.end })),
              pad,
            ),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
