import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { deliveryStore, planWindowsInRange, maintenanceInRange, capacityProfileHistory, type Sql } from '@cd/db';
import { BUCKET_MS, conflictsDetect, planningRange, type NewSendWindow } from '@cd/shared';
import { createApp } from '@cd/server';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { dutchCsv } from './helpers/files.js';
import { actor, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { conflictSeed } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incident: Actor;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  incident = await actor(t.sql, 'incident@logius.example', 'incident-manager');
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = new Date('2027-01-11T09:00:00Z'); // the default horizon is then 11-01-2026 t/m 11-01-2032
  await t.sql`truncate notifications, outbox, conflicts, conflict_cases, conflict_events, maintenance_windows, releases,
    send_window_revisions, send_windows, deliveries, incidents, incident_events cascade`;
  await t.sql`delete from capacity_profiles where id > 1`;
  await t.sql`update capacity_profiles set rates_per_hour = array_fill(4000::float8, array[168])`;
});

const HORIZON_TEXT = 'ligt buiten de planningshorizon (11-01-2026 t/m 11-01-2032)';
const send = (method: string, path: string, a: Actor, body?: unknown) =>
  t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const csv = (a: Actor, rows: string[], query = '', app = t.app) =>
  app.request(`/api/v1/prognoses${query}`, { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });
const counts = async () =>
  (
    await t.sql<{ w: number; d: number; c: number; n: number; m: number }[]>`
    select (select count(*) from send_windows)::int as w, (select count(*) from deliveries)::int as d,
      (select count(*) from conflicts)::int as c, (select count(*) from notifications)::int as n,
      (select count(*) from maintenance_windows)::int as m`
  )[0]!;
const NOTHING = { w: 0, d: 0, c: 0, n: 0, m: 0 };

describe('the planning horizon on prognoses', () => {
  it('refuses a 2-row upload reaching to 31-12-9999 at once, naming the row and field, and stores nothing (also as a dry run)', async () => {
    const rows = ['N-1;x;Brief;01-09-2027 10:00;01-09-2027 11:00;100;concept', 'N-2;x;Brief;31-12-9999 10:00;31-12-9999 11:00;100;concept'];
    for (const query of ['', '?dryRun=true']) {
      const res = await csv(who.plannerA, rows, query);
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      const body = await res.json();
      expect(body.errors).toEqual([
        { row: 3, field: 'start', message: `De start (31-12-9999 10:00) ${HORIZON_TEXT}.` },
        { row: 3, field: 'eind', message: `Het eind (31-12-9999 11:00) ${HORIZON_TEXT}.` },
      ]);
      expect(await counts()).toEqual(NOTHING);
    }
  });

  it('refuses a JSON window in year 9999 with a 400 instead of a 500, for the dry run and the real upload alike', async () => {
    const windows = [
      { kenmerk: 'J-1', berichttype: 'Brief', start: '9999-12-31T10:00:00+01:00', eind: '9999-12-31T11:00:00+01:00', aantalBerichten: 5, status: 'concept' },
    ];
    for (const query of ['', '?dryRun=true']) {
      const res = await send('POST', `/api/v1/prognoses${query}`, who.plannerA, { windows });
      expect(res.status).toBe(400);
      const body = await res.json();
      expect(body.errors.map((e: { row: number; field: string }) => [e.row, e.field])).toEqual([
        [1, 'start'],
        [1, 'eind'],
      ]);
      expect(body.errors[0].message).toContain(HORIZON_TEXT);
    }
    expect(await counts()).toEqual(NOTHING);
  });

  it('refuses a window on 01-01-1970: no window, no conflict in 1970, no notification', async () => {
    const rows = ['O-1;x;Brief;01-01-1970 10:00;01-01-1970 11:00;900.000;definitief'];
    const res = await csv(who.plannerA, rows);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0]).toEqual({ row: 2, field: 'start', message: `De start (01-01-1970 10:00) ${HORIZON_TEXT}.` });
    expect(await counts()).toEqual(NOTHING);
  });

  it('checks vroegste_start and laatste_eind too', async () => {
    const header = 'kenmerk;berichttype;start;eind;aantal_berichten;status;vroegste_start;laatste_eind';
    const res = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(['V-1;Brief;01-09-2027 10:00;01-09-2027 11:00;100;concept;01-09-1999 10:00;01-09-2099 11:00'], header),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field)).toEqual(['vroegste_start', 'laatste_eind']);
    expect(await counts()).toEqual(NOTHING);
  });

  it('accepts both edges and refuses a minute beyond each, the dry run agreeing with the real upload every time', async () => {
    const cases: [string, number][] = [
      ['E-1;x;Brief;11-01-2026 00:00;11-01-2026 01:00;10;concept', 201],
      ['E-2;x;Brief;10-01-2026 23:59;11-01-2026 01:00;10;concept', 400],
      ['E-3;x;Brief;11-01-2032 23:00;12-01-2032 00:00;10;concept', 201],
      ['E-4;x;Brief;11-01-2032 23:00;12-01-2032 00:01;10;concept', 400],
    ];
    for (const [row, status] of cases) {
      const dry = await csv(who.plannerA, [row], '?dryRun=true');
      expect([row, dry.status]).toEqual([row, status === 201 ? 200 : 400]);
      const real = await csv(who.plannerA, [row]);
      expect([row, real.status]).toEqual([row, status]);
    }
    expect((await t.sql`select kenmerk from send_windows order by kenmerk`).map((r) => r.kenmerk)).toEqual(['E-1', 'E-3']);
  });

  it('moves with the clock and follows the configured setting (PLANNING_HORIZON)', async () => {
    const app = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 1, horizon: { daysBack: 0, daysAhead: 30 } });
    const row = 'C-1;x;Brief;01-03-2027 10:00;01-03-2027 11:00;10;concept';
    const res = await csv(who.plannerA, [row], '', app);
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toContain('ligt buiten de planningshorizon (11-01-2027 t/m 10-02-2027)');
    t.clock.now = new Date('2027-02-15T09:00:00Z');
    expect((await csv(who.plannerA, [row], '', app)).status).toBe(201);
  });
});

describe('the planning horizon on capacity windows and moves', () => {
  const far = { start: '9999-12-31T00:00:00Z', end: '9999-12-31T06:00:00Z' };

  it('refuses a maintenance window outside it with a Dutch 400, on create and on change', async () => {
    const res = await send('POST', '/api/v1/maintenance-windows', who.capacity, { ...far, factor: 0.5, reason: 'Onderhoud', kind: 'onderhoud' });
    expect(res.status).toBe(400);
    expect((await res.json()).errors).toEqual([
      { field: 'start', message: `Het begin (31-12-9999 01:00) ${HORIZON_TEXT}.` },
      { field: 'end', message: `Het einde (31-12-9999 07:00) ${HORIZON_TEXT}.` },
    ]);
    expect(await counts()).toEqual(NOTHING);
    const ok = await send('POST', '/api/v1/maintenance-windows', who.capacity, {
      start: '2027-02-01T00:00:00Z',
      end: '2027-02-01T06:00:00Z',
      factor: 0.5,
      reason: 'Onderhoud',
      kind: 'onderhoud',
    });
    expect(ok.status).toBe(201);
    const { id } = await ok.json();
    const moved = await send('PUT', `/api/v1/maintenance-windows/${id}`, who.capacity, {
      start: '1970-01-01T00:00:00Z',
      end: '1970-01-01T06:00:00Z',
      factor: 0.5,
      reason: 'Onderhoud',
      kind: 'onderhoud',
    });
    expect(moved.status).toBe(400);
    const [row] = await t.sql`select start_at from maintenance_windows where id = ${id}`;
    expect(row!.startAt.toISOString()).toBe('2027-02-01T00:00:00.000Z');
  });

  it('refuses a release and an incident capacity window outside it', async () => {
    const release = await send('POST', '/api/v1/releases', who.capacity, { name: 'R', ...far, factor: 0.5 });
    expect([release.status, (await release.json()).errors?.[0]?.message]).toEqual([400, `Het begin (31-12-9999 01:00) ${HORIZON_TEXT}.`]);
    expect((await t.sql`select count(*)::int as n from releases`)[0]!.n).toBe(0);

    const inc = await send('POST', '/api/v1/incidents', incident, {
      kind: 'mijnoverheid',
      title: 'Storing',
      description: 'x',
      channel: 'telefoon',
      priority: 'P3',
      afnemers: [OIN_A],
    });
    expect(inc.status).toBe(201);
    const { id } = await inc.json();
    const impact = await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, {
      start: '1970-01-01T00:00:00Z',
      end: '1970-01-01T06:00:00Z',
      factor: 0.5,
    });
    expect(impact.status).toBe(400);
    expect((await impact.json()).detail).toContain('planningshorizon');
    expect(await counts()).toEqual(NOTHING);
  });

  it('refuses to move a window of a conflict outside it, and leaves window and conflict as they were', async () => {
    const { conflictId, windowIds } = await conflictSeed(t, who.capacity, {
      windows: [
        { by: who.plannerA, kenmerk: 'A-1', aantalBerichten: 3000 },
        { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 2000, status: 'concept' },
      ],
    });
    const res = await send('POST', `/api/v1/conflicts/${conflictId}/actions`, who.plannerA, { type: 'move-window', windowId: windowIds['A-1'], ...far });
    expect(res.status).toBe(400);
    expect((await res.json()).errors[0].message).toContain(HORIZON_TEXT);
    const [after] = await t.sql`select start_at, revision from send_windows where id = ${windowIds['A-1']!}`;
    expect([after!.startAt.toISOString(), after!.revision]).toEqual(['2027-02-01T09:00:00.000Z', 1]);
    expect((await t.sql`select status from conflicts where id = ${conflictId}`)[0]!.status).toBe('open');
  });
});

// ---- The recompute covers the changed windows only, and agrees with detecting over everything.

let seq = 0;
function win(kenmerk: string, start: number, hours: number, volume: number): NewSendWindow {
  return {
    afnemer: null,
    kenmerk,
    omschrijving: '',
    berichttype: 'Brief',
    start: new Date(start),
    end: new Date(start + hours * 3_600_000),
    aantalBerichten: volume,
    status: 'concept',
    vroegsteStart: null,
    laatsteEind: null,
  };
}
async function deliver(sql: Sql, afnemerOin: string, windows: NewSendWindow[]) {
  return sql.begin(async (tx) => {
    const { affected } = await deliveryStore(tx, {
      afnemerOin,
      userId: who.plannerA.user.id,
      fileName: null,
      contentType: 'text/csv',
      windows,
      at: t.clock.now,
    });
    return affected ? conflictsRecompute(tx, affected, t.clock.now, `test ${seq++}`) : null;
  });
}

/** The open conflicts as stored, and as detecting over the whole planning range at once gives them. */
async function storedAndFull() {
  const stored = await t.sql<{ start: number; end: number; windowIds: number[]; excess: number; backlog: number; drained: number | null }[]>`
    select (extract(epoch from start_at) * 1000)::float8 as start, (extract(epoch from end_at) * 1000)::float8 as end,
      window_ids, excess_messages::float8 as excess, peak_backlog::float8 as backlog,
      (extract(epoch from drained_at) * 1000)::float8 as drained
    from conflicts where status = 'open' order by start_at`;
  const windows = await planWindowsInRange(t.sql, Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1));
  const maintenance = await maintenanceInRange(t.sql, Date.UTC(2000, 0, 1), Date.UTC(2100, 0, 1));
  // These tests set one profile: the one set last holds everywhere.
  const [profile] = await capacityProfileHistory(t.sql, 1);
  const range = planningRange(windows, maintenance);
  const full = range
    ? conflictsDetect({ windows, maintenance, profile: profile!.ratesPerHour, threshold: profile!.threshold, warningLevel: profile!.warningLevel, ...range })
        .conflicts
    : [];
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    stored: stored.map((c) => ({
      start: c.start,
      end: c.end,
      windowIds: c.windowIds.map(Number).sort((a, b) => a - b),
      excess: round(c.excess),
      backlog: round(c.backlog),
      drained: c.drained,
    })),
    full: full.map((c) => ({
      start: c.start,
      end: c.end,
      windowIds: c.windows.ids().sort((a, b) => a - b),
      excess: round(c.excessMessages),
      backlog: round(c.peakBacklog),
      drained: c.drainedAt,
    })),
  };
}

describe('the recompute after a delivery', () => {
  it('covers two far-apart windows each on its own, never the years between them', async () => {
    const a = Date.UTC(2027, 8, 1, 8);
    const b = Date.UTC(2031, 11, 1, 8);
    const result = await deliver(t.sql, OIN_A, [win('FAR-1', a, 1, 5000), win('FAR-2', b, 1, 5000)]);
    expect(result!.ranges).toHaveLength(2);
    const [first, second] = result!.ranges;
    expect(first!.from).toBeLessThanOrEqual(a);
    expect(first!.to).toBeGreaterThanOrEqual(a + 3_600_000);
    expect(first!.to - first!.from).toBeLessThan(30 * 86_400_000);
    expect(second!.from).toBeLessThanOrEqual(b);
    expect(second!.to - second!.from).toBeLessThan(30 * 86_400_000);
    // Some 1,500 buckets around each window, against 150,000 for the hull of the two.
    expect(result!.buckets).toBeLessThan(2 * 30 * 96);
    expect((b - a) / BUCKET_MS).toBeGreaterThan(140_000);
    const { stored, full } = await storedAndFull();
    expect(stored).toHaveLength(2);
    expect(stored).toEqual(full);
  });

  it('recomputes after a profile change only where windows are, not the years between them', async () => {
    const a = Date.UTC(2027, 2, 1, 8);
    await deliver(t.sql, OIN_A, [win('P-1', a, 2, 6000), win('P-2', a + 10 * 86_400_000, 2, 6000), win('P-3', Date.UTC(2030, 5, 1, 8), 2, 6000)]);
    const result = await t.sql.begin((tx) => conflictsRecompute(tx, 'all', t.clock.now, 'profiel'));
    expect(result.ranges).toHaveLength(2);
    expect(result.buckets).toBeLessThan(3 * 30 * 96);
    const { stored, full } = await storedAndFull();
    expect(stored).toEqual(full);
  });

  it('leaves the same open conflicts as detecting everything at once, after any sequence of deliveries', async () => {
    const base = Date.UTC(2027, 3, 5, 6);
    const clusters = [0, 3, 40, 400, 1500].map((d) => base + d * 86_400_000);
    const windowArb = fc.record({
      k: fc.integer({ min: 0, max: 11 }),
      cluster: fc.integer({ min: 0, max: clusters.length - 1 }),
      quarter: fc.integer({ min: 0, max: 96 * 3 }),
      hours: fc.integer({ min: 1, max: 30 }),
      volume: fc.integer({ min: 100, max: 30_000 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(OIN_A, OIN_B), fc.array(windowArb, { minLength: 1, maxLength: 5 })), { minLength: 1, maxLength: 5 }),
        async (steps) => {
          await t.sql`truncate conflicts, conflict_cases, conflict_events, notifications, outbox, send_window_revisions, send_windows, deliveries cascade`;
          for (const [oin, ws] of steps) {
            const byKenmerk = new Map(ws.map((w) => [`R-${w.k}`, win(`R-${w.k}`, clusters[w.cluster]! + w.quarter * BUCKET_MS, w.hours / 4, w.volume)]));
            await deliver(t.sql, oin, [...byKenmerk.values()]);
            const { stored, full } = await storedAndFull();
            expect(stored).toEqual(full);
          }
        },
      ),
      { numRuns: 25 },
    );
  }, 120_000);
});
