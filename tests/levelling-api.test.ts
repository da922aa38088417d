// A levelled plan for a period (issue 18): the capacity manager's proposal is computed, compared in a dry run,
// stored and read back, and moves no window. Refused callers and periods outside the horizon store nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { capacityFlat } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const NOW = new Date('2027-01-11T09:00:00Z'); // Monday 10:00 in Amsterdam

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = NOW;
  await t.sql`truncate levelling_proposals, conflicts, send_window_revisions, send_windows, deliveries cascade`;
  // 4,000 an hour everywhere: 1,000 messages per 15-minute bucket.
  await capacityFlat(t, who.capacity);
});

const call = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, `/api/v1${path}`, a, body);
const json = async (method: string, path: string, a: Actor, body?: unknown, status = 200) => {
  const res = await call(method, path, a, body);
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
};

// Monday 1 February 2027, 10:00-11:00 local: A sends 4,000 (definitief) and B 2,000 (concept): 2,000 too many.
const HOUR = ['2027-02-01T10:00:00+01:00', '2027-02-01T11:00:00+01:00'] as const;
const DAY = { from: '2027-02-01T00:00:00+01:00', to: '2027-02-02T00:00:00+01:00' };

async function overloadedHour() {
  await json(
    'POST',
    '/prognoses',
    who.capacity,
    {
      windows: [
        { afnemer: OIN_A, kenmerk: 'A-1', berichttype: 'Brief', start: HOUR[0], eind: HOUR[1], aantalBerichten: 4000, status: 'definitief' },
        { afnemer: OIN_B, kenmerk: 'B-1', berichttype: 'Brief', start: HOUR[0], eind: HOUR[1], aantalBerichten: 2000, status: 'concept' },
      ],
    },
    201,
  );
  const rows = await windows();
  return { a: rows.find((w) => w.kenmerk === 'A-1')!.id, b: rows.find((w) => w.kenmerk === 'B-1')!.id };
}

const windows = () =>
  t.sql<{ id: number; kenmerk: string; startAt: Date; endAt: Date; xmin: string }[]>`
    select id::int, kenmerk, start_at, end_at, xmin::text from send_windows order by id`;
const stored = () => t.sql<{ id: number; createdBy: number; moves: { windowId: number }[] }[]>`select id::int, created_by::int, moves from levelling_proposals`;
const version = async () => (await t.sql<{ version: string }[]>`select version::text from planning_state`)[0]!.version;

describe('POST /levelling/proposals', () => {
  it('proposes the cheapest move (the concept window an hour earlier), stores it, and moves nothing', async () => {
    const ids = await overloadedHour();
    const before = await windows();
    const versionBefore = await version();
    const [conflictBefore] = await t.sql<{ id: number }[]>`select id::int from conflicts where status = 'open'`;
    expect(conflictBefore).toBeDefined();

    const p = await json('POST', '/levelling/proposals', who.capacity, DAY, 201);
    expect(p.moves).toEqual([
      expect.objectContaining({
        windowId: ids.b,
        afnemer: OIN_B,
        status: 'concept',
        volume: 2000,
        from: { start: '2027-02-01T09:00:00.000Z', end: '2027-02-01T10:00:00.000Z' },
        to: { start: '2027-02-01T08:00:00.000Z', end: '2027-02-01T09:00:00.000Z' },
        shiftMinutes: -60,
        cost: 2000,
      }),
    ]);
    expect(p.remaining).toEqual([]);
    expect(p.figures).toMatchObject({ overloadedBucketsBefore: 4, overloadedBucketsAfter: 0, messagesMoved: 2000 });
    expect(p.figures.excessFreed).toBeCloseTo(2000);
    expect(p.figures.lowerBound).toBeGreaterThanOrEqual(p.figures.excessFreed - 1e-6);
    expect(p.figures.lowerBound).toBeLessThanOrEqual(p.figures.messagesMoved + 1e-6);
    // The move cost the constrained search used: λ = 0 (the plain objective) already moves at most 1.5× the bound.
    expect(p.figures).toMatchObject({ moveCostHours: 0, maxMovedOverBound: 1.5 });
    // The dry run: the conflict of that hour would be solved, nothing created.
    expect(p.dryRun.solved).toHaveLength(1);
    expect(p.dryRun.solved[0]).toMatchObject({ start: '2027-02-01T09:00:00.000Z', end: '2027-02-01T10:00:00.000Z', excessMessages: 2000 });
    expect(p.dryRun.created).toEqual([]);

    // Stored, by the capacity manager, and read back the same.
    const rows = await stored();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ id: p.id, createdBy: who.capacity.user.id });
    expect(rows[0]!.moves.map((m) => m.windowId)).toEqual([ids.b]);
    expect(await json('GET', `/levelling/proposals/${p.id}`, who.capacity)).toEqual(p);

    // A proposal moves nothing: the windows are untouched (not even rewritten), the conflict stays open.
    expect(await windows()).toEqual(before);
    expect(await version()).toBe(versionBefore);
    expect(await t.sql`select id::int from conflicts where status = 'open'`).toEqual([{ id: conflictBefore!.id }]);
  });

  it('leaves overload that cannot be solved, with the reason: every window in it has started', async () => {
    await overloadedHour();
    t.clock.now = new Date('2027-02-01T09:30:00Z'); // 10:30 local, in the middle of the hour
    const p = await json('POST', '/levelling/proposals', who.capacity, DAY, 201);
    expect(p.moves).toEqual([]);
    expect(p.remaining).toEqual([
      expect.objectContaining({ start: '2027-02-01T09:00:00.000Z', end: '2027-02-01T10:00:00.000Z', reason: 'begonnen', excessMessages: 2000 }),
    ]);
    expect(p.remaining[0].reasonText).toMatch(/al begonnen/);
    expect(p.figures).toMatchObject({ overloadedBucketsBefore: 4, overloadedBucketsAfter: 4, messagesMoved: 0, lowerBound: 0 });
    expect(p.dryRun).toEqual({ dryRun: true, created: [], worsened: [], solved: [], eased: [] });
  });

  it('refuses other roles, periods outside the horizon, reversed or too long periods, and stores nothing', async () => {
    await overloadedHour();
    for (const a of [who.plannerA, who.plannerB, who.service, who.admin, who.klantraadA]) {
      const res = await call('POST', '/levelling/proposals', a, DAY);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    }
    const outside = await json('POST', '/levelling/proposals', who.capacity, { from: '2020-01-01T00:00:00Z', to: '2020-01-08T00:00:00Z' }, 400);
    expect(outside.detail).toMatch(/planningshorizon/);
    expect(outside.errors.map((e: { field: string }) => e.field)).toEqual(['from', 'to']);
    const reversed = await json('POST', '/levelling/proposals', who.capacity, { from: DAY.to, to: DAY.from }, 400);
    expect(JSON.stringify(reversed.errors)).toMatch(/na het begin/);
    const long = await json('POST', '/levelling/proposals', who.capacity, { from: '2027-02-01T00:00:00Z', to: '2028-02-03T00:00:00Z' }, 400);
    expect(JSON.stringify(long.errors)).toMatch(/hoogstens 366 dagen/);
    const bad = await json('POST', '/levelling/proposals', who.capacity, { from: 'gisteren', to: DAY.to }, 400);
    expect(bad.errors[0].field).toBe('from');
    expect(await stored()).toEqual([]);
    // Reading back: only the capacity manager, and an unknown id is a 404.
    const p = await json('POST', '/levelling/proposals', who.capacity, DAY, 201);
    expect((await call('GET', `/levelling/proposals/${p.id}`, who.plannerB)).status).toBe(403);
    const missing = await json('GET', `/levelling/proposals/${p.id + 1}`, who.capacity, undefined, 404);
    expect(missing.detail).toBe('Dit voorstel bestaat niet.');
  });
});
