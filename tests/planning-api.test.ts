import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { afnemerUpsert } from '@cd/db';
import { createApp } from '@cd/server';
import { dutchCsv } from './helpers/files.js';
import { actor, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { AMSTERDAM_TIME_ZONE } from '@cd/shared/time';
import { capacityFlat, seedReset } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerC: Actor;
const OIN_C = '00000001000000000003';

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  await t.sql`insert into afnemers (oin, name) values (${OIN_C}, 'Afnemer C')`;
  plannerC = await actor(t.sql, 'planner@c.example', 'planner', OIN_C);
});
afterAll(() => t.close());
beforeEach(async () => {
  await seedReset(t, ['conflicts', 'maintenance_windows', 'send_window_revisions', 'send_windows', 'deliveries']);
  // 4,000 an hour everywhere: 1,000 messages per 15-minute bucket, easy to reason about.
  await capacityFlat(t, who.capacity);
});

function put(path: string, a: Actor, body: unknown, method = 'PUT') {
  return t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}
const get = (path: string, a: Actor) => t.app.request(path, { headers: a.headers });
function upload(a: Actor, rows: string[], query = '') {
  return t.app.request(`/api/v1/prognoses${query}`, { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });
}
const openConflicts = () =>
  t.sql<{ id: number; startAt: Date; endAt: Date; afnemers: string[]; excessMessages: number; peakUtilization: number }[]>`
    select id::int, start_at, end_at, afnemers, excess_messages, peak_utilization from conflicts where status = 'open' order by id`;

// Monday 1 February 2027, winter time: 10:00 local = 09:00Z.
const A_ROW = 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;3.000;definitief';
const B_ROW = 'B-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;2.000;concept';

describe('a conflict from two uploads', () => {
  it('is detected in the same transaction, with exact excess, peak and backlog', async () => {
    expect((await upload(who.plannerA, [A_ROW])).status).toBe(201);
    expect(await openConflicts()).toHaveLength(0);
    expect((await upload(who.plannerB, [B_ROW])).status).toBe(201);
    const [c] = await openConflicts();
    expect(c).toMatchObject({ afnemers: [OIN_A, OIN_B], excessMessages: 1000, peakUtilization: 1.25 });
    expect(c!.startAt.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    expect(c!.endAt.toISOString()).toBe('2027-02-01T10:00:00.000Z');

    const body = await (await get(`/api/v1/conflicts/${c!.id}`, who.capacity)).json();
    expect(body).toMatchObject({ status: 'open', peakBacklog: 1000, drainedAt: '2027-02-01T10:15:00.000Z', delayMinutes: 15 });
    expect(body.windows.map((w: { kenmerk: string; load: number }) => [w.kenmerk, w.load])).toEqual([
      ['A-1', 3000],
      ['B-1', 2000],
    ]);
  });

  it('shows a planner the other Afnemer only by organisation, time and volume, and hides it from the uninvolved', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const [c] = await openConflicts();
    const seenByA = await (await get(`/api/v1/conflicts/${c!.id}`, who.plannerA)).json();
    const other = seenByA.windows.find((w: { afnemer: string }) => w.afnemer === OIN_B);
    expect(other).toMatchObject({ kenmerk: null, windowId: null, aantalBerichten: 2000, start: '2027-02-01T09:00:00.000Z' });
    expect((await get(`/api/v1/conflicts/${c!.id}`, plannerC)).status).toBe(403);
    expect((await (await get('/api/v1/conflicts', plannerC)).json()).total).toBe(0);
    expect((await get(`/api/v1/conflicts?afnemer=${OIN_A}`, plannerC)).status).toBe(403);
    expect((await (await get('/api/v1/conflicts?status=open', who.plannerA)).json()).total).toBe(1);
  });

  it('keeps its id while it persists, and is resolved with a reason, never deleted, when the overload goes', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const [before] = await openConflicts();
    await upload(who.plannerB, [B_ROW.replace('2.000', '2.400')]);
    const [after] = await openConflicts();
    expect(after!.id).toBe(before!.id);
    expect(after!.excessMessages).toBe(1400);

    const [w] = await t.sql`select id::int from send_windows where kenmerk = 'B-1'`;
    expect((await t.app.request(`/api/v1/prognoses/${w!.id}`, { method: 'DELETE', headers: who.plannerB.headers })).status).toBe(200);
    expect(await openConflicts()).toHaveLength(0);
    const [resolved] = await t.sql`select id::int, status, resolved_reason, resolved_at from conflicts`;
    expect(resolved).toMatchObject({ id: before!.id, status: 'resolved', resolvedReason: 'Verzendmoment B-1 geannuleerd' });
    expect(resolved!.resolvedAt).toBeInstanceOf(Date);
  });

  it('never leaves duplicate conflicts when uploads race', async () => {
    const rows = (p: string, n: number) => Array.from({ length: n }, (_, i) => `${p}-${i};x;Brief;01-02-2027 10:00;01-02-2027 11:00;1.000;concept`);
    const results = await Promise.all([upload(who.plannerA, rows('A', 3)), upload(who.plannerB, rows('B', 3)), upload(plannerC, rows('C', 3))]);
    expect(results.map((r) => r.status)).toEqual([201, 201, 201]);
    const open = await openConflicts();
    expect(open).toHaveLength(1);
    expect(open[0]!.afnemers).toEqual([OIN_A, OIN_B, OIN_C].sort());
    expect(open[0]!.excessMessages).toBeCloseTo(4 * (2250 - 1000));
  });
});

describe('POST /api/v1/prognoses?dryRun=true', () => {
  it('reports the conflict a delivery would create and stores nothing', async () => {
    await upload(who.plannerA, [A_ROW]);
    const res = await upload(who.plannerB, [B_ROW], '?dryRun=true');
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ dryRun: true, rowCount: 1, solved: [], worsened: [] });
    // B is told of A only as a count (decision 006).
    expect(body.created).toEqual([expect.objectContaining({ afnemers: [OIN_B], otherAfnemers: 1, excessMessages: 1000, start: '2027-02-01T09:00:00.000Z' })]);
    expect((await t.sql`select * from send_windows where afnemer_oin = ${OIN_B}`).length).toBe(0);
    expect((await t.sql`select * from deliveries where afnemer_oin = ${OIN_B}`).length).toBe(0);
    expect(await openConflicts()).toHaveLength(0);
  });

  it('reports a conflict a delivery would solve or worsen', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const moved = await (await upload(who.plannerB, ['B-1;x;Brief;01-02-2027 14:00;01-02-2027 15:00;2.000;concept'], '?dryRun=true')).json();
    expect(moved.solved).toHaveLength(1);
    const bigger = await (await upload(who.plannerB, [B_ROW.replace('2.000', '3.000')], '?dryRun=true')).json();
    expect(bigger.worsened).toHaveLength(1);
    expect(bigger.worsened[0].after.excessMessages).toBe(2000);
    expect(await openConflicts()).toHaveLength(1);
  });

  it('still rejects bad rows with the row errors', async () => {
    const res = await upload(who.plannerB, ['B-1;x;Brief;01-02-2027 10:00;01-02-2027 09:00;2.000;concept'], '?dryRun=true');
    expect(res.status).toBe(400);
  });
});

describe('GET /api/v1/conflicts/{id}/suggestions', () => {
  it('offers the nearest earlier and later slot, and moving there resolves the conflict', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const [c] = await openConflicts();
    const res = await get(`/api/v1/conflicts/${c!.id}/suggestions`, who.plannerB);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.windows).toHaveLength(1); // planner B gets suggestions for B's own window only
    const s = body.windows[0];
    expect(s).toMatchObject({ afnemer: OIN_B, kenmerk: 'B-1' });
    expect(s.earlier).toMatchObject({ start: '2027-02-01T08:00:00.000Z', end: '2027-02-01T09:00:00.000Z', shiftMinutes: -60 });
    expect(s.later).toMatchObject({ start: '2027-02-01T10:00:00.000Z', shiftMinutes: 60 });

    const later = new Date(s.later.start);
    const local = (d: Date) =>
      d
        .toLocaleString('nl-NL', { timeZone: AMSTERDAM_TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' })
        .replace(/\//g, '-')
        .replace(',', '');
    const movedRow = `B-1;x;Brief;${local(later)};${local(new Date(s.later.end))};2.000;concept`;
    expect((await upload(who.plannerB, [movedRow])).status).toBe(201);
    expect(await openConflicts()).toHaveLength(0);
    const [after] = await t.sql`select id::int, status from conflicts`;
    expect(after).toEqual({ id: c!.id, status: 'resolved' });
  });

  it('answers 409 for a resolved conflict and 403 for an uninvolved planner', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const [c] = await openConflicts();
    expect((await get(`/api/v1/conflicts/${c!.id}/suggestions`, plannerC)).status).toBe(403);
    await t.sql`update conflicts set status = 'resolved', resolved_at = now(), resolved_reason = 'test'`;
    expect((await get(`/api/v1/conflicts/${c!.id}/suggestions`, who.capacity)).status).toBe(409);
  });
});

describe('/api/v1/capacity-profile', () => {
  it('lets only the capacity manager change it, keeps every version, and recomputes conflicts', async () => {
    await upload(who.plannerA, [A_ROW]);
    expect(await openConflicts()).toHaveLength(0);
    expect((await put('/api/v1/capacity-profile', who.plannerA, { ratesPerHour: Array(168).fill(1) })).status).toBe(403);
    expect((await put('/api/v1/capacity-profile', who.admin, { ratesPerHour: Array(168).fill(1) })).status).toBe(403);
    const bad = await put('/api/v1/capacity-profile', who.capacity, { ratesPerHour: [1, 2, 3] });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors[0].message).toMatch(/168/);
    const ok = await put('/api/v1/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(2000) });
    expect((await ok.json()).ratesPerHour[0]).toBe(2000);
    expect(await openConflicts()).toHaveLength(1);
    const history = await (await get('/api/v1/capacity-profile/history', who.plannerA)).json();
    expect(history.map((p: { ratesPerHour: number[] }) => p.ratesPerHour[0])).toEqual([2000, 4000, expect.any(Number)]);
    expect(history[0].setBy).toBe('capaciteit@logius.example');
  });

  it('rejects a warning level above the threshold', async () => {
    const res = await put('/api/v1/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(1), threshold: 0.9, warningLevel: 0.95 });
    expect(res.status).toBe(400);
    expect((await t.sql`select count(*)::int as n from capacity_profiles`)[0]!.n).toBe(2);
  });
});

describe('/api/v1/maintenance-windows', () => {
  const body = { start: '2027-02-01T10:30:00+01:00', end: '2027-02-01T12:00:00+01:00', factor: 0, reason: 'Onderhoud', kind: 'onderhoud' };

  it('creates, updates and deletes, recomputing conflicts each time', async () => {
    await upload(who.plannerA, [A_ROW]);
    const created = await put('/api/v1/maintenance-windows', who.capacity, body, 'POST');
    expect(created.status).toBe(201);
    const m = await created.json();
    expect(m).toMatchObject({ factor: 0, kind: 'onderhoud', start: '2027-02-01T09:30:00.000Z', createdBy: 'capaciteit@logius.example' });
    const [c] = await openConflicts();
    expect(c!.peakUtilization).toBeNull();
    expect(c!.startAt.toISOString()).toBe('2027-02-01T09:30:00.000Z');

    const updated = await put(`/api/v1/maintenance-windows/${m.id}`, who.capacity, { ...body, factor: 1 });
    expect(updated.status).toBe(200);
    expect(await openConflicts()).toHaveLength(0);
    await put(`/api/v1/maintenance-windows/${m.id}`, who.capacity, body);
    expect(await openConflicts()).toHaveLength(1);
    expect((await t.app.request(`/api/v1/maintenance-windows/${m.id}`, { method: 'DELETE', headers: who.capacity.headers })).status).toBe(200);
    expect(await openConflicts()).toHaveLength(0);
    expect((await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n).toBe(0);
    expect((await t.sql`select status from conflicts`).map((r) => r.status)).toEqual(['resolved', 'resolved']);
  });

  it('refuses other roles and bad input, and changes nothing', async () => {
    expect((await put('/api/v1/maintenance-windows', who.plannerA, body, 'POST')).status).toBe(403);
    expect((await put('/api/v1/maintenance-windows', who.service, body, 'POST')).status).toBe(403);
    const bad = await put('/api/v1/maintenance-windows', who.capacity, { ...body, factor: 2, end: '2027-02-01T09:00:00+01:00', kind: 'feest' }, 'POST');
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['factor', 'kind']);
    const noOffset = await put('/api/v1/maintenance-windows', who.capacity, { ...body, start: '2027-02-01T10:30:00' }, 'POST');
    expect(noOffset.status).toBe(400);
    expect((await put('/api/v1/maintenance-windows/9999', who.capacity, body)).status).toBe(404);
    expect((await t.sql`select count(*)::int as n from maintenance_windows`)[0]!.n).toBe(0);
  });
});

describe('GET /api/v1/load', () => {
  it('gives capacity, load, utilisation, state and backlog per hour', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const q = new URLSearchParams({ from: '2027-02-01T09:00:00+01:00', to: '2027-02-01T13:00:00+01:00', bucket: '1h' });
    const body = await (await get(`/api/v1/load?${q}`, who.capacity)).json();
    expect(body.starts).toEqual(['2027-02-01T08:00:00.000Z', '2027-02-01T09:00:00.000Z', '2027-02-01T10:00:00.000Z', '2027-02-01T11:00:00.000Z']);
    expect(body.capacity).toEqual([4000, 4000, 4000, 4000]);
    expect(body.load).toEqual([0, 5000, 0, 0]);
    expect(body.loadConcept).toEqual([0, 2000, 0, 0]);
    expect(body.loadDefinitief).toEqual([0, 3000, 0, 0]);
    expect(body.utilization).toEqual([0, 1.25, 0, 0]);
    expect(body.state).toEqual(['ok', 'overload', 'ok', 'ok']);
    expect(body.backlog).toEqual([0, 1000, 0, 0]);
    expect(body.afnemers.map((s: { key: string; load: number[] }) => [s.key, s.load[1]])).toEqual([
      [OIN_A, 3000],
      [OIN_B, 2000],
    ]);
  });

  it('shows a planner their own Afnemer against the rest', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const q = new URLSearchParams({ from: '2027-02-01T10:00:00+01:00', to: '2027-02-01T11:00:00+01:00', bucket: '15m' });
    const body = await (await get(`/api/v1/load?${q}`, who.plannerB)).json();
    expect(body.afnemers).toEqual([
      { key: OIN_B, name: 'Afnemer B', load: [500, 500, 500, 500] },
      { key: 'rest', name: 'Overige Afnemers', load: [750, 750, 750, 750] },
    ]);
  });

  it('shows a renamed Afnemer by its new name at once, without waiting for a planning change', async () => {
    await upload(who.plannerA, [A_ROW]);
    await upload(who.plannerB, [B_ROW]);
    const q = new URLSearchParams({ from: '2027-02-01T10:00:00+01:00', to: '2027-02-01T11:00:00+01:00', bucket: '15m' });
    const before = await (await get(`/api/v1/load?${q}`, who.plannerB)).json();
    expect(before.afnemers[0].name).toBe('Afnemer B');
    await afnemerUpsert(t.sql, { oin: OIN_B, name: 'Gemeente Bergen' });
    const after = await (await get(`/api/v1/load?${q}`, who.plannerB)).json();
    expect(after.afnemers[0]).toEqual({ key: OIN_B, name: 'Gemeente Bergen', load: [500, 500, 500, 500] });
    await afnemerUpsert(t.sql, { oin: OIN_B, name: 'Afnemer B' });
  });

  it('sums local days, with 23 hours on the day summer time begins', async () => {
    const q = new URLSearchParams({ from: '2027-03-27T00:00:00+01:00', to: '2027-03-29T00:00:00+02:00', bucket: '1d' });
    const body = await (await get(`/api/v1/load?${q}`, who.capacity)).json();
    expect(body.starts).toEqual(['2027-03-26T23:00:00.000Z', '2027-03-27T23:00:00.000Z']);
    expect(body.capacity).toEqual([24 * 4000, 23 * 4000]);
  });

  it('rejects a reversed range and too many points', async () => {
    const rev = new URLSearchParams({ from: '2027-02-02T00:00:00Z', to: '2027-02-01T00:00:00Z' });
    expect((await get(`/api/v1/load?${rev}`, who.capacity)).status).toBe(400);
    const long = new URLSearchParams({ from: '2027-01-01T00:00:00Z', to: '2028-01-01T00:00:00Z', bucket: '15m' });
    const res = await get(`/api/v1/load?${long}`, who.capacity);
    expect(res.status).toBe(400);
    expect((await res.json()).detail).toMatch(/grotere bucket/);
    expect((await t.app.request(`/api/v1/load?${long}`)).status).toBe(401);
  });
});

describe('the planning cache', () => {
  it('lets a second server instance see a change made through the first', async () => {
    const other = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 1 });
    const q = new URLSearchParams({ from: '2027-02-01T10:00:00+01:00', to: '2027-02-01T11:00:00+01:00', bucket: '1h' });
    const read = async () => (await (await other.request(`/api/v1/load?${q}`, { headers: who.capacity.headers })).json()).load[0];
    expect(await read()).toBe(0);
    await upload(who.plannerA, [A_ROW]);
    expect(await read()).toBe(3000);
    await put('/api/v1/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(1000) });
    const body = await (await other.request(`/api/v1/load?${q}`, { headers: who.capacity.headers })).json();
    expect(body.capacity[0]).toBe(1000);
  });
});
