/**
 * The planning cache brings itself up to date from the windows changed since its version (migration 0008).
 * These tests compare it, after every kind of change and with writers running concurrently, with a full read.
 */
import { afnemerUpsert, deliveryStore, planWindowsInRange, sendWindowCancel, userUpsert, type Sql } from '@cd/db';
import type { NewSendWindow, PlanWindow } from '@cd/shared';
import { planningCache } from '@cd/server/planning-cache';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase, type TestContext, OIN_A, OIN_B } from './helpers/test-db.js';

let t: TestContext;
let userId: number;

beforeAll(async () => {
  t = await testDatabase();
  await afnemerUpsert(t.sql, { oin: OIN_A, name: 'Afnemer A' });
  await afnemerUpsert(t.sql, { oin: OIN_B, name: 'Afnemer B' });
  userId = (await userUpsert(t.sql, { email: 'cache@logius.example', name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: null })).id;
});
afterAll(() => t.close());

const H = 3_600_000;
const BASE = Date.UTC(2027, 2, 1, 8);

function window(afnemer: string, kenmerk: string, hour: number, volume: number): NewSendWindow {
  return {
    afnemer,
    kenmerk,
    omschrijving: '',
    berichttype: 'Bericht',
    start: new Date(BASE + hour * H),
    end: new Date(BASE + (hour + 2) * H),
    aantalBerichten: volume,
    status: 'concept',
    vroegsteStart: null,
    laatsteEind: null,
  };
}

function store(sql: Sql, afnemer: string, windows: NewSendWindow[]) {
  return sql.begin((tx) => deliveryStore(tx, { afnemerOin: afnemer, userId, fileName: null, contentType: 'text/csv', windows, at: t.clock.now }));
}

const sorted = (ws: Iterable<PlanWindow>) => [...ws].sort((a, b) => a.id - b.id);

/** What a full read of the database gives now. */
async function truth(sql: Sql) {
  return sorted(await planWindowsInRange(sql, 0, Date.UTC(9999, 0, 1)));
}

async function expectUpToDate(cache: ReturnType<typeof planningCache>) {
  const inputs = await cache.get(t.sql);
  const expected = await truth(t.sql);
  expect(sorted(inputs.windows)).toEqual(expected);
  expect(sorted(inputs.byId.values())).toEqual(expected);
  // The columns kept beside the list: entry k is window k (decision 012, fifth pass).
  const c = inputs.columns;
  expect(Array.from(c.id)).toEqual(inputs.windows.map((w) => w.id));
  expect(Array.from(c.start)).toEqual(inputs.windows.map((w) => w.start));
  expect(Array.from(c.end)).toEqual(inputs.windows.map((w) => w.end));
  expect(Array.from(c.volume)).toEqual(inputs.windows.map((w) => w.volume));
  expect(Array.from(c.status)).toEqual(inputs.windows.map((w) => (w.status === 'definitief' ? 1 : 0)));
  expect(Array.from(c.afnemerCode, (code) => c.afnemers[code])).toEqual(inputs.windows.map((w) => w.afnemer));
  return inputs;
}

async function clear(sql: Sql) {
  await sql`delete from send_window_revisions`;
  await sql`delete from send_windows`;
}

describe('planning cache', () => {
  it('follows new, changed, cancelled and deleted windows, reading only what changed', async () => {
    await clear(t.sql);
    const cache = planningCache();
    await store(t.sql, OIN_A, [window(OIN_A, 'a1', 0, 100), window(OIN_A, 'a2', 1, 200)]);
    const first = await expectUpToDate(cache);
    expect(first.windows).toHaveLength(2);

    // Changed volume, a new window, another Afnemer.
    await store(t.sql, OIN_A, [window(OIN_A, 'a1', 0, 150), window(OIN_A, 'a3', 5, 300)]);
    await store(t.sql, OIN_B, [window(OIN_B, 'b1', 0, 50)]);
    const second = await expectUpToDate(cache);
    expect(second.windows.map((w) => w.volume).sort((a, b) => a - b)).toEqual([50, 150, 200, 300]);
    // The inputs a reader already held did not change under it.
    expect(sorted(first.windows).map((w) => w.volume)).toEqual([100, 200]);

    // Only the windows changed since the cached version are numbered above it.
    const [changedSince] = await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows where changed_version > ${second.version}::bigint`;
    expect(changedSince!.n).toBe(0);

    // Cancelled: gone from the inputs.
    const a2 = second.windows.find((w) => w.kenmerk === 'a2')!;
    await t.sql.begin((tx) => sendWindowCancel(tx, a2.id, userId, t.clock.now));
    const third = await expectUpToDate(cache);
    expect(third.byId.has(a2.id)).toBe(false);

    // Delivered again after cancelling: back.
    await store(t.sql, OIN_A, [{ ...window(OIN_A, 'a2', 1, 200), status: 'definitief' }]);
    const fourth = await expectUpToDate(cache);
    expect(fourth.byId.get(a2.id)?.status).toBe('definitief');

    // Deleted rows cannot be read back: the cache reloads everything.
    const b1 = fourth.windows.find((w) => w.kenmerk === 'b1')!;
    await t.sql`delete from send_window_revisions where window_id = ${b1.id}`;
    await t.sql`delete from send_windows where id = ${b1.id}`;
    const fifth = await expectUpToDate(cache);
    expect(fifth.byId.has(b1.id)).toBe(false);
  });

  it('misses nothing when writers commit while it updates (a writer waits for the one before it)', async () => {
    await clear(t.sql);
    const cache = planningCache();
    await store(t.sql, OIN_A, [window(OIN_A, 'x0', 0, 10)]);
    await expectUpToDate(cache);

    /** A writer that changes a window of `oin` and then holds its transaction open until released. */
    function heldWriter(oin: string, kenmerk: string) {
      let release!: () => void;
      const mayCommit = new Promise<void>((r) => (release = r));
      let changed!: () => void;
      const hasChanged = new Promise<void>((r) => (changed = r));
      const done = t.sql.begin(async (tx) => {
        await deliveryStore(tx, { afnemerOin: oin, userId, fileName: null, contentType: 'text/csv', windows: [window(oin, kenmerk, 1, 11)], at: t.clock.now });
        changed();
        await mayCommit;
      });
      return { release, hasChanged, done };
    }
    // Writer A (Afnemer A) changes a window and stays open; writer B (Afnemer B) starts meanwhile and must wait.
    const a = heldWriter(OIN_A, 'x1');
    await a.hasChanged;
    const b = heldWriter(OIN_B, 'y1');
    // B is in the middle of its change, waiting for A's lock.
    for (let i = 0; ; i++) {
      const [waiting] = await t.sql<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock'`;
      if (waiting!.n > 0) break;
      if (i > 500) throw new Error('writer B never waited for writer A');
      await new Promise((r) => setTimeout(r, 10));
    }
    const during = await cache.get(t.sql);
    expect(during.windows.map((w) => w.kenmerk).sort()).toEqual(['x0']);
    // A commits; B gets on with it and stays open. The cache now holds A's version.
    a.release();
    await a.done;
    await b.hasChanged;
    const between = await expectUpToDate(cache);
    expect(between.windows.map((w) => w.kenmerk).sort()).toEqual(['x0', 'x1']);
    // B commits later: its window is numbered above the version the cache holds, so the next update finds it.
    b.release();
    await b.done;
    const after = await expectUpToDate(cache);
    expect(after.windows.map((w) => w.kenmerk).sort()).toEqual(['x0', 'x1', 'y1']);
  });

  it('equals a full read after any sequence of deliveries, cancellations and deletions', async () => {
    type Op =
      | { kind: 'deliver'; afnemer: 0 | 1; rows: { k: number; hour: number; volume: number; definitief: boolean }[] }
      | { kind: 'cancel'; pick: number }
      | { kind: 'delete'; pick: number }
      | { kind: 'read' };
    const op: fc.Arbitrary<Op> = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.record({
          kind: fc.constant('deliver' as const),
          afnemer: fc.constantFrom(0 as const, 1 as const),
          rows: fc.uniqueArray(
            fc.record({
              k: fc.integer({ min: 0, max: 7 }),
              hour: fc.integer({ min: 0, max: 48 }),
              volume: fc.integer({ min: 1, max: 1000 }),
              definitief: fc.boolean(),
            }),
            { minLength: 1, maxLength: 5, selector: (r) => r.k },
          ),
        }),
      },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('cancel' as const), pick: fc.nat() }) },
      { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), pick: fc.nat() }) },
      { weight: 2, arbitrary: fc.record({ kind: fc.constant('read' as const) }) },
    );
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 10 }), async (ops) => {
        await clear(t.sql);
        const cache = planningCache();
        await cache.get(t.sql);
        for (const o of ops) {
          if (o.kind === 'deliver') {
            const oin = [OIN_A, OIN_B][o.afnemer]!;
            await store(
              t.sql,
              oin,
              o.rows.map((r) => ({ ...window(oin, `k${r.k}`, r.hour, r.volume), status: r.definitief ? 'definitief' : 'concept' })),
            );
          } else if (o.kind === 'cancel' || o.kind === 'delete') {
            const ids = (await t.sql<{ id: number }[]>`select id::int from send_windows order by id`).map((r) => r.id);
            if (ids.length === 0) continue;
            const id = ids[o.pick % ids.length]!;
            if (o.kind === 'cancel') await t.sql.begin((tx) => sendWindowCancel(tx, id, userId, t.clock.now));
            else {
              await t.sql`delete from send_window_revisions where window_id = ${id}`;
              await t.sql`delete from send_windows where id = ${id}`;
            }
          } else {
            await expectUpToDate(cache);
          }
        }
        await expectUpToDate(cache);
      }),
      { numRuns: 25 },
    );
  });
});
