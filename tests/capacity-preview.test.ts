// Capacity changes show their effect first (dryRun=true stores nothing), hold from an effective date (local
// midnight, also across DST), can be undone (an earlier profile restored, a maintenance change undone within
// 15 minutes) and land in the trail.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const NOW = new Date('2027-01-11T09:00:00Z'); // Monday 10:00 in Amsterdam
/** Twelve Afnemers besides A and B, for a conflict that involves many. */
const MANY = Array.from({ length: 12 }, (_, i) => `000000020000000000${String(i + 10)}`);

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  for (const oin of MANY) await t.sql`insert into afnemers (oin, name) values (${oin}, ${`Afnemer ${oin.slice(-2)}`})`;
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = NOW;
  await t.sql`truncate conflicts, maintenance_changes, maintenance_windows, send_window_revisions, send_windows, deliveries cascade`;
  await t.sql`delete from capacity_profiles where id > 1`;
  // 4,000 an hour everywhere: 1,000 messages per 15-minute bucket.
  expect((await call('PUT', '/capacity-profile', who.capacity, flat(4000))).status).toBe(200);
  await t.sql`truncate conflicts cascade`;
});

const call = (method: string, path: string, a: Actor, body?: unknown) => apiRequest(t.app, method, `/api/v1${path}`, a, body);
const json = async (method: string, path: string, a: Actor, body?: unknown, status = 200) => {
  const res = await call(method, path, a, body);
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
};
const flat = (perHour: number, extra: object = {}) => ({ ratesPerHour: Array(168).fill(perHour), ...extra });

/** Logius delivers one window for an Afnemer. */
async function windowFor(afnemer: string, kenmerk: string, start: string, end: string, aantalBerichten: number) {
  await json(
    'POST',
    '/prognoses',
    who.capacity,
    { windows: [{ afnemer, kenmerk, berichttype: 'Brief', start, eind: end, aantalBerichten, status: 'definitief' }] },
    201,
  );
}

const openConflicts = () =>
  t.sql<{ id: number; startAt: Date; afnemers: string[]; excessMessages: number }[]>`
    select id::int, start_at, afnemers, excess_messages from conflicts where status = 'open' order by start_at`;

/** A fingerprint of the tables a capacity change writes: any insert, update or delete shows. */
async function capacityTables() {
  return t.sql`
    select (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from capacity_profiles) as profiles,
      (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from maintenance_windows) as maintenance,
      (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from maintenance_changes) as trail,
      (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from conflicts) as conflicts,
      (select count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) from conflict_cases) as cases,
      (select version from planning_state) as version`;
}

// Monday 1 February 2027, 10:00-11:00 local (09:00Z): 3,500 messages, under 4,000 an hour, over 3,000.
const FEB = ['2027-02-01T10:00:00+01:00', '2027-02-01T11:00:00+01:00'] as const;
// Monday 1 March 2027, the same hour.
const MAR = ['2027-03-01T10:00:00+01:00', '2027-03-01T11:00:00+01:00'] as const;

async function twoAfnemersAt(span: readonly [string, string], tag: string) {
  await windowFor(OIN_A, `A-${tag}`, span[0], span[1], 3000);
  await windowFor(OIN_B, `B-${tag}`, span[0], span[1], 500);
}

describe('PUT /api/v1/capacity-profile?dryRun=true', () => {
  it('reports the conflict a lower profile would create, with its Afnemers, and stores nothing', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const before = await capacityTables();
    const body = await json('PUT', '/capacity-profile?dryRun=true', who.capacity, flat(3000));
    expect(body).toMatchObject({ dryRun: true, worsened: [], solved: [] });
    expect(body.created).toEqual([expect.objectContaining({ start: '2027-02-01T09:00:00.000Z', afnemers: [OIN_A, OIN_B], excessMessages: 500 })]);
    expect(await capacityTables()).toEqual(before);
    expect(await openConflicts()).toEqual([]);
    expect((await json('GET', '/capacity-profile', who.capacity)).ratesPerHour[0]).toBe(4000);
  });

  it('reports what a higher profile solves and a still lower one worsens', async () => {
    await twoAfnemersAt(FEB, 'feb');
    await json('PUT', '/capacity-profile', who.capacity, flat(3000));
    const [open] = await openConflicts();
    expect(open).toMatchObject({ excessMessages: 500 });
    const before = await capacityTables();
    const higher = await json('PUT', '/capacity-profile?dryRun=true', who.capacity, flat(5000));
    expect(higher.solved).toHaveLength(1);
    expect(higher.created).toEqual([]);
    const lower = await json('PUT', '/capacity-profile?dryRun=true', who.capacity, flat(2000));
    expect(lower.worsened).toEqual([
      expect.objectContaining({ before: expect.objectContaining({ excessMessages: 500 }), after: expect.objectContaining({ excessMessages: 1500 }) }),
    ]);
    expect(await capacityTables()).toEqual(before);
  });

  it('tells, after saving, how many conflicts the change made and at how many Afnemers', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const saved = await json('PUT', '/capacity-profile', who.capacity, flat(3000));
    expect(saved.effect).toEqual({ created: 1, afnemers: 2, solved: 0 });
    expect(saved).toMatchObject({ effectiveFrom: '2027-01-11', until: null, setBy: 'capaciteit@logius.example' });
    expect(typeof saved.replaced).toBe('number');
    expect(await openConflicts()).toHaveLength(1);
  });

  it('refuses a date in the past, bad dates and other roles, and stores nothing', async () => {
    const before = await capacityTables();
    const past = await call('PUT', '/capacity-profile?dryRun=true', who.capacity, flat(1, { effectiveFrom: '2027-01-10' }));
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({
      detail: 'Een capaciteitsprofiel kan niet met terugwerkende kracht ingaan.',
      errors: [{ field: 'effectiveFrom' }],
    });
    expect((await call('PUT', '/capacity-profile', who.capacity, flat(1, { effectiveFrom: '2027-01-10' }))).status).toBe(400);
    const bad = await call('PUT', '/capacity-profile', who.capacity, flat(1, { effectiveFrom: '11-02-2027' }));
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors).toEqual([expect.objectContaining({ field: 'effectiveFrom', message: 'Geef de ingangsdatum als jjjj-mm-dd.' })]);
    expect((await call('PUT', '/capacity-profile?dryRun=true', who.plannerA, flat(1))).status).toBe(403);
    expect((await call('PUT', '/capacity-profile?dryRun=true', who.service, flat(1))).status).toBe(403);
    expect(await capacityTables()).toEqual(before);
  });
});

describe('a profile with effectiveFrom', () => {
  it('detects a conflict only in the buckets where the later profile is in force', async () => {
    await twoAfnemersAt(FEB, 'feb');
    await twoAfnemersAt(MAR, 'mar');
    const preview = await json('PUT', '/capacity-profile?dryRun=true', who.capacity, flat(3000, { effectiveFrom: '2027-02-15' }));
    expect(preview.created.map((c: { start: string }) => c.start)).toEqual(['2027-03-01T09:00:00.000Z']);
    const saved = await json('PUT', '/capacity-profile', who.capacity, flat(3000, { effectiveFrom: '2027-02-15' }));
    expect(saved.effect).toEqual({ created: 1, afnemers: 2, solved: 0 });
    const open = await openConflicts();
    expect(open.map((c) => c.startAt.toISOString())).toEqual(['2027-03-01T09:00:00.000Z']);
    expect(open[0]!.afnemers).toEqual([OIN_A, OIN_B]);
  });

  it('shows the profile in force now, the upcoming one, and in the history which held from when until when', async () => {
    const first = await json('GET', '/capacity-profile', who.capacity);
    const later = await json('PUT', '/capacity-profile', who.capacity, flat(3000, { effectiveFrom: '2027-02-15' }));
    const now = await json('GET', '/capacity-profile', who.plannerA);
    expect(now).toMatchObject({ id: first.id, ratesPerHour: expect.arrayContaining([4000]), effectiveFrom: '2027-01-11', until: '2027-02-15' });
    expect(now.upcoming).toEqual([expect.objectContaining({ id: later.id, effectiveFrom: '2027-02-15', until: null })]);

    // Set again for the same date: the later one replaces it there, and held for no day.
    const again = await json('PUT', '/capacity-profile', who.capacity, flat(3500, { effectiveFrom: '2027-02-15' }));
    const history = await json('GET', '/capacity-profile/history', who.plannerA);
    const byId = new Map(history.map((p: { id: number }) => [p.id, p]));
    expect(byId.get(again.id)).toMatchObject({ effectiveFrom: '2027-02-15', until: null });
    expect(byId.get(later.id)).toMatchObject({ effectiveFrom: '2027-02-15', until: '2027-02-15' });
    expect(byId.get(first.id)).toMatchObject({ until: '2027-02-15' });
    expect(history[0].id).toBe(again.id);

    // Once the clock passes local midnight of the date, that profile is the one in force.
    t.clock.now = new Date('2027-02-14T22:59:00Z');
    expect((await json('GET', '/capacity-profile', who.capacity)).id).toBe(first.id);
    t.clock.now = new Date('2027-02-14T23:00:00Z');
    const then = await json('GET', '/capacity-profile', who.capacity);
    expect(then).toMatchObject({ id: again.id, upcoming: [] });
  });

  it('switches at local midnight across the spring DST night, in the load view and in detection', async () => {
    // Sunday 28 March 2027 begins at 23:00Z (CET); Monday 29 March at 22:00Z (CEST).
    await json('PUT', '/capacity-profile', who.capacity, flat(3000, { effectiveFrom: '2027-03-29' }));
    const load = await json(
      'GET',
      `/load?from=${encodeURIComponent('2027-03-28T20:00:00Z')}&to=${encodeURIComponent('2027-03-29T00:00:00Z')}&bucket=1h`,
      who.capacity,
    );
    expect(load.starts).toEqual(['2027-03-28T20:00:00.000Z', '2027-03-28T21:00:00.000Z', '2027-03-28T22:00:00.000Z', '2027-03-28T23:00:00.000Z']);
    expect(load.capacity).toEqual([4000, 4000, 3000, 3000]);

    // 3,500 an hour from Sunday 22:00 to Monday 02:00 local: only the hours from Monday 00:00 CEST overload.
    await windowFor(OIN_A, 'A-dst', '2027-03-28T22:00:00+02:00', '2027-03-29T02:00:00+02:00', 14_000);
    const open = await openConflicts();
    expect(open.map((c) => c.startAt.toISOString())).toEqual(['2027-03-28T22:00:00.000Z']);
    expect(open[0]!.excessMessages).toBe(1000);
  });

  it('reads a date as local midnight in winter as well', async () => {
    await json('PUT', '/capacity-profile', who.capacity, flat(3000, { effectiveFrom: '2027-02-15' }));
    const load = await json(
      'GET',
      `/load?from=${encodeURIComponent('2027-02-14T22:00:00Z')}&to=${encodeURIComponent('2027-02-15T00:00:00Z')}&bucket=1h`,
      who.plannerB,
    );
    expect(load.capacity).toEqual([4000, 3000]);
  });
});

describe('POST /api/v1/capacity-profile/history/{id}/restore (Terugzetten)', () => {
  it('previews, then restores an earlier profile as a new version that names its source, solving what it caused', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const original = await json('GET', '/capacity-profile', who.capacity);
    const saved = await json('PUT', '/capacity-profile', who.capacity, flat(3000));
    expect(saved.replaced).toBe(original.id);
    const [open] = await openConflicts();

    const before = await capacityTables();
    const preview = await json('POST', `/capacity-profile/history/${saved.replaced}/restore?dryRun=true`, who.capacity, {});
    expect(preview).toMatchObject({ dryRun: true, created: [], worsened: [] });
    expect(preview.solved).toHaveLength(1);
    expect(await capacityTables()).toEqual(before);

    const restored = await json('POST', `/capacity-profile/history/${saved.replaced}/restore`, who.capacity, { effectiveFrom: saved.effectiveFrom });
    expect(restored).toMatchObject({ restoredFrom: original.id, effectiveFrom: '2027-01-11', effect: { created: 0, afnemers: 0, solved: 1 } });
    expect(restored.ratesPerHour).toEqual(original.ratesPerHour);
    expect(await openConflicts()).toEqual([]);
    const [resolved] = await t.sql`select status, resolved_reason from conflicts where id = ${open!.id}`;
    expect(resolved).toMatchObject({ status: 'resolved', resolvedReason: `Capaciteitsprofiel ${original.id} teruggezet` });
    expect((await json('GET', '/capacity-profile', who.plannerA)).id).toBe(restored.id);
  });

  it('answers 404 for an unknown profile, 400 for a past date and 403 for other roles, storing nothing', async () => {
    const before = await capacityTables();
    expect((await call('POST', '/capacity-profile/history/99999/restore', who.capacity, {})).status).toBe(404);
    expect((await call('POST', '/capacity-profile/history/1/restore', who.capacity, { effectiveFrom: '2026-12-31' })).status).toBe(400);
    expect((await call('POST', '/capacity-profile/history/1/restore', who.plannerA, {})).status).toBe(403);
    expect(await capacityTables()).toEqual(before);
  });
});

describe('maintenance windows with dryRun=true', () => {
  const slot = { start: '2027-02-01T10:00:00+01:00', end: '2027-02-01T11:00:00+01:00' };
  const body = { ...slot, factor: 0.5, reason: 'Database-onderhoud', kind: 'onderhoud' };

  async function crowd() {
    // Fourteen Afnemers share the hour: 3,500 messages, fine at 4,000, too much at half capacity.
    await twoAfnemersAt(FEB, 'feb');
    for (const oin of MANY) await windowFor(oin, `M-${oin}`, slot.start, slot.end, 10);
  }

  it('shows that a new window would create a conflict with fourteen Afnemers, stores nothing, then says so when saved', async () => {
    await crowd();
    const before = await capacityTables();
    const preview = await json('POST', '/maintenance-windows?dryRun=true', who.capacity, body);
    expect(preview.created).toHaveLength(1);
    expect(preview.created[0].afnemers).toHaveLength(14);
    expect(await capacityTables()).toEqual(before);

    const saved = await json('POST', '/maintenance-windows', who.capacity, body, 201);
    expect(saved).toMatchObject({ factor: 0.5, effect: { created: 1, afnemers: 14, solved: 0 } });
    expect(saved.change).toMatchObject({ action: 'create', maintenanceId: saved.id, before: null, changedBy: 'capaciteit@logius.example', undoneAt: null });
    expect(saved.change.undoableUntil).toBe('2027-01-11T09:15:00.000Z');
    expect(saved.change.after).toMatchObject({ start: '2027-02-01T09:00:00.000Z', factor: 0.5 });
    const [trail] = await t.sql`select action, maintenance_id::int from maintenance_changes`;
    expect(trail).toEqual({ action: 'create', maintenanceId: saved.id });
  });

  it('shows what an edit would worsen and a delete would solve, storing nothing', async () => {
    await crowd();
    const saved = await json('POST', '/maintenance-windows', who.capacity, body, 201);
    const before = await capacityTables();
    const worse = await json('PUT', `/maintenance-windows/${saved.id}?dryRun=true`, who.capacity, { ...body, factor: 0.25 });
    expect(worse.worsened).toHaveLength(1);
    const removed = await json('DELETE', `/maintenance-windows/${saved.id}?dryRun=true`, who.capacity);
    expect(removed.solved).toHaveLength(1);
    expect(await capacityTables()).toEqual(before);
    expect((await call('DELETE', '/maintenance-windows/99999?dryRun=true', who.capacity)).status).toBe(404);
    expect((await call('POST', '/maintenance-windows?dryRun=true', who.plannerA, body)).status).toBe(403);
    expect(await capacityTables()).toEqual(before);
  });
});

describe('POST /api/v1/maintenance-changes/{id}/undo', () => {
  const body = { start: '2027-02-01T10:00:00+01:00', end: '2027-02-01T11:00:00+01:00', factor: 0.5, reason: 'Database-onderhoud', kind: 'onderhoud' };
  const windows = () => t.sql<{ id: number; factor: number; reason: string }[]>`select id::int, factor, reason from maintenance_windows order by id`;

  it('undoes a create: previewed first, then the window is gone, its conflict resolved and the trail says who undid it', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const saved = await json('POST', '/maintenance-windows', who.capacity, body, 201);
    expect(await openConflicts()).toHaveLength(1);
    const before = await capacityTables();
    const preview = await json('POST', `/maintenance-changes/${saved.change.id}/undo?dryRun=true`, who.capacity);
    expect(preview.solved).toHaveLength(1);
    expect(await capacityTables()).toEqual(before);

    t.clock.now = new Date(NOW.getTime() + 14 * 60_000);
    const undone = await json('POST', `/maintenance-changes/${saved.change.id}/undo`, who.capacity);
    expect(undone).toMatchObject({
      effect: { created: 0, afnemers: 0, solved: 1 },
      change: { undoneBy: 'capaciteit@logius.example', undoneAt: '2027-01-11T09:14:00.000Z' },
    });
    expect(await windows()).toEqual([]);
    expect(await openConflicts()).toEqual([]);
    const [resolved] = await t.sql`select resolved_reason from conflicts`;
    expect(resolved!.resolvedReason).toBe('Onderhoudswijziging ongedaan gemaakt');
    const trail = await json('GET', '/maintenance-changes', who.plannerA);
    expect(trail[0]).toMatchObject({ id: saved.change.id, undoneAt: '2027-01-11T09:14:00.000Z' });

    const again = await call('POST', `/maintenance-changes/${saved.change.id}/undo`, who.capacity);
    expect(again.status).toBe(409);
    expect((await again.json()).detail).toBe('Deze wijziging is al ongedaan gemaakt.');
  });

  it('undoes an edit back to the window as it was, and a delete under the same id', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const saved = await json('POST', '/maintenance-windows', who.capacity, { ...body, factor: 1 }, 201);
    const edited = await json('PUT', `/maintenance-windows/${saved.id}`, who.capacity, { ...body, reason: 'Uitgelopen' });
    expect(edited.effect).toMatchObject({ created: 1 });
    await json('POST', `/maintenance-changes/${edited.change.id}/undo`, who.capacity);
    expect(await windows()).toEqual([{ id: saved.id, factor: 1, reason: 'Database-onderhoud' }]);
    expect(await openConflicts()).toEqual([]);

    const removed = await json('DELETE', `/maintenance-windows/${saved.id}`, who.capacity);
    expect(removed.change).toMatchObject({ action: 'delete', after: null });
    expect(await windows()).toEqual([]);
    await json('POST', `/maintenance-changes/${removed.change.id}/undo`, who.capacity);
    expect(await windows()).toEqual([{ id: saved.id, factor: 1, reason: 'Database-onderhoud' }]);
    expect((await json('GET', `/maintenance-windows/${saved.id}`, who.plannerA)).createdBy).toBe('capaciteit@logius.example');
  });

  it('refuses after 15 minutes, an earlier change while a later one stands, and other roles, changing nothing', async () => {
    const saved = await json('POST', '/maintenance-windows', who.capacity, body, 201);
    const edited = await json('PUT', `/maintenance-windows/${saved.id}`, who.capacity, { ...body, factor: 0.2 });
    const before = await capacityTables();
    const older = await call('POST', `/maintenance-changes/${saved.change.id}/undo`, who.capacity);
    expect(older.status).toBe(409);
    expect((await older.json()).detail).toBe('Dit onderhoudsvenster is daarna nog gewijzigd; maak eerst die latere wijziging ongedaan.');
    expect((await call('POST', `/maintenance-changes/${edited.change.id}/undo`, who.plannerA)).status).toBe(403);
    expect((await call('POST', `/maintenance-changes/${edited.change.id}/undo`, who.admin)).status).toBe(403);
    t.clock.now = new Date(NOW.getTime() + 15 * 60_000 + 1);
    const late = await call('POST', `/maintenance-changes/${edited.change.id}/undo?dryRun=true`, who.capacity);
    expect(late.status).toBe(409);
    expect((await late.json()).detail).toMatch(/^Een wijziging kan tot 15 minuten daarna ongedaan worden gemaakt/);
    expect((await call('POST', `/maintenance-changes/${edited.change.id}/undo`, who.capacity)).status).toBe(409);
    expect((await call('POST', '/maintenance-changes/99999/undo', who.capacity)).status).toBe(404);
    expect(await capacityTables()).toEqual(before);
    expect((await windows())[0]!.factor).toBe(0.2);
  });

  it('undoes once when two undo the same change at the same moment', async () => {
    await twoAfnemersAt(FEB, 'feb');
    const saved = await json('POST', '/maintenance-windows', who.capacity, body, 201);
    const results = await Promise.all([1, 2, 3].map(() => call('POST', `/maintenance-changes/${saved.change.id}/undo`, who.capacity)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    expect(await windows()).toEqual([]);
    expect((await t.sql`select count(*)::int as n from conflicts where status = 'resolved'`)[0]!.n).toBe(1);
  });
});
