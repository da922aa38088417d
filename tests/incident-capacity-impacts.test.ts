import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { actor, OIN_A, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { CONFLICT_SEED_TABLES, capacityFlat, seedReset } from './helpers/conflict-seed.js';

// An incident's capacity drop is a plan change like any maintenance window: preview first (dryRun), then store with
// a place in the maintenance trail and the incident's own trail, undoable for 15 minutes through the incident.

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
  // The Monday before the last Sunday of October 2027 (31 October: 03:00 CEST becomes 02:00 CET).
  t.clock.now = new Date('2027-10-25T09:00:00Z');
  await seedReset(t, [...CONFLICT_SEED_TABLES, 'incidents', 'incident_events', 'escalations', 'reference_counters', 'maintenance_changes']);
  await capacityFlat(t, who.capacity);
});

const send = (method: string, path: string, a: Actor, body?: unknown) =>
  t.app.request(path, { method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
const count = async (table: string) => (await t.sql<{ n: number }[]>`select count(*)::int as n from ${t.sql(table)}`)[0]!.n;
const upload = (a: Actor, row: string) =>
  t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
async function report(afnemers = [OIN_A]) {
  const res = await send('POST', '/api/v1/incidents', incident, {
    kind: 'mijnoverheid',
    title: 'Berichtenbox traag',
    description: 'Opslag overbelast',
    channel: 'telefoon',
    priority: 'P2',
    afnemers,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; number: string };
}
/** Capacity per hour from 30 October 22:00 UTC (00:00 CEST) to 31 October 07:00 UTC: nine real hours over the DST end. */
async function capacityOverDstEnd(): Promise<number[]> {
  const res = await t.app.request('/api/v1/load?from=2027-10-30T22:00:00Z&to=2027-10-31T07:00:00Z&bucket=1h', { headers: who.capacity.headers });
  expect(res.status).toBe(200);
  return (await res.json()).capacity;
}
const state = async () => ({
  windows: await t.sql`select start_at, end_at, factor, kind, incident_id::int from maintenance_windows order by id`,
  conflicts: await t.sql`select status from conflicts order by id`,
  changes: await count('maintenance_changes'),
  events: (await t.sql`select action from incident_events order by id`).map((e) => e.action),
});

// From 00:00 CEST to 05:00 CET on the last Sunday of October: six real hours, the repeated hour included.
const IMPACT = { start: '2027-10-31T00:00:00+02:00', end: '2027-10-31T05:00:00+01:00', factor: 0.1, reason: 'Opslag herstelt' };

describe('incident capacity impact as a plan change', () => {
  it('previews, stores, and undoes a drop over the end of summer time, restoring conflicts and capacity', async () => {
    // 01:00 CEST to 04:00 CET: four real hours of 500 messages, fine at 4000/h, too much at 400/h.
    expect((await upload(who.plannerA, 'A-1;x;Brief;31-10-2027 01:00;31-10-2027 04:00;2.000;definitief')).status).toBe(201);
    const { id, number } = await report();
    const full = await capacityOverDstEnd();
    expect(full).toEqual(Array(9).fill(4000));
    const before = await state();
    expect(before).toEqual({ windows: [], conflicts: [], changes: 0, events: ['reported'] });

    // Dry run: the effect, nothing stored.
    const preview = await send('POST', `/api/v1/incidents/${id}/capacity-impacts?dryRun=true`, incident, IMPACT);
    expect(preview.status).toBe(200);
    const p = await preview.json();
    expect(p).toMatchObject({ dryRun: true, worsened: [], solved: [] });
    expect(p.created).toHaveLength(1);
    expect(p.created[0].afnemers).toEqual([OIN_A]);
    expect(await state()).toEqual(before);
    expect(await capacityOverDstEnd()).toEqual(full);

    // Confirmed: stored, in both trails, the conflict is there and capacity is lowered for exactly six real hours.
    const res = await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body.change).toMatchObject({ action: 'create', maintenanceId: body.impact.id, before: null, undoneAt: null });
    expect(body.effect).toEqual({ created: 1, afnemers: 1, solved: 0 });
    expect(Date.parse(body.change.undoableUntil) - t.clock.now.getTime()).toBe(15 * 60_000);
    const after = await state();
    expect(after.windows).toEqual([
      { startAt: new Date('2027-10-30T22:00:00Z'), endAt: new Date('2027-10-31T04:00:00Z'), factor: 0.1, kind: 'incident', incidentId: id },
    ]);
    expect(after.conflicts).toEqual([{ status: 'open' }]);
    expect(after.changes).toBe(1);
    expect(after.events).toEqual(['reported', 'capacity-lowered']);
    expect(await capacityOverDstEnd()).toEqual([400, 400, 400, 400, 400, 400, 4000, 4000, 4000]);

    // The undo's own preview stores nothing either.
    const undoPath = `/api/v1/incidents/${id}/capacity-impacts/changes/${body.change.id}/undo`;
    const undoPreview = await send('POST', `${undoPath}?dryRun=true`, incident);
    expect(undoPreview.status).toBe(200);
    expect((await undoPreview.json()).solved).toHaveLength(1);
    expect(await state()).toEqual(after);

    // The maintenance calendar's undo does not take an incident's change: it goes through the incident.
    const viaCalendar = await send('POST', `/api/v1/maintenance-changes/${body.change.id}/undo`, who.capacity);
    expect(viaCalendar.status).toBe(409);
    expect(await state()).toEqual(after);

    t.clock.now = new Date(t.clock.now.getTime() + 14 * 60_000);
    const undone = await send('POST', undoPath, incident);
    expect(undone.status).toBe(200);
    expect((await undone.json()).effect).toMatchObject({ solved: 1 });
    const restored = await state();
    expect(restored.windows).toEqual([]);
    expect(restored.conflicts).toEqual([{ status: 'resolved' }]);
    expect(restored.events).toEqual(['reported', 'capacity-lowered', 'capacity-lowering-undone']);
    const [trail] = await t.sql`select undone_at, u.email from maintenance_changes c join users u on u.id = c.undone_by`;
    expect(trail).toEqual({ undoneAt: t.clock.now, email: 'incident@logius.example' });
    expect(await capacityOverDstEnd()).toEqual(full);
    const detail = await (await t.app.request(`/api/v1/incidents/${id}`, { headers: incident.headers })).json();
    expect(detail.capacityImpacts).toEqual([]);

    // Once undone it stays undone.
    expect((await send('POST', undoPath, incident)).status).toBe(409);
    expect(number).toMatch(/^INC-2027-/);
  });

  it('previews and lifts a drop, and the lifting is undone: window, conflict and capacity come back', async () => {
    expect((await upload(who.plannerA, 'A-1;x;Brief;31-10-2027 01:00;31-10-2027 04:00;2.000;definitief')).status).toBe(201);
    const { id } = await report();
    const created = await (await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT)).json();
    const lowered = await state();
    const impactPath = `/api/v1/incidents/${id}/capacity-impacts/${created.impact.id}`;

    const preview = await send('DELETE', `${impactPath}?dryRun=true`, incident);
    expect(preview.status).toBe(200);
    expect((await preview.json()).solved).toHaveLength(1);
    expect(await state()).toEqual(lowered);

    const lifted = await send('DELETE', impactPath, incident);
    expect(lifted.status).toBe(200);
    const { change } = await lifted.json();
    expect(change).toMatchObject({ action: 'delete', maintenanceId: created.impact.id, after: null });
    expect((await state()).windows).toEqual([]);
    expect((await state()).conflicts).toEqual([{ status: 'resolved' }]);
    expect(await capacityOverDstEnd()).toEqual(Array(9).fill(4000));

    const undone = await send('POST', `/api/v1/incidents/${id}/capacity-impacts/changes/${change.id}/undo`, incident);
    expect(undone.status).toBe(200);
    const back = await state();
    // The window returns under its own id, still the incident's.
    expect(back.windows).toEqual(lowered.windows);
    expect(await t.sql`select id::int from maintenance_windows`).toEqual([{ id: created.impact.id }]);
    expect(back.conflicts.map((c) => c.status)).toContain('open');
    expect(back.events).toEqual(['reported', 'capacity-lowered', 'capacity-restored', 'capacity-restoring-undone']);
    expect(await capacityOverDstEnd()).toEqual([400, 400, 400, 400, 400, 400, 4000, 4000, 4000]);
  });

  it('refuses a role without the capability, another incident, a closed undo term and bad input, storing nothing', async () => {
    const { id } = await report();
    const other = await report();
    const created = await (await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT)).json();
    const after = await state();

    // Wrong role: a planner (of the affected Afnemer) may press none of these.
    for (const [method, path, body] of [
      ['POST', `/api/v1/incidents/${id}/capacity-impacts?dryRun=true`, IMPACT],
      ['POST', `/api/v1/incidents/${id}/capacity-impacts`, IMPACT],
      ['DELETE', `/api/v1/incidents/${id}/capacity-impacts/${created.impact.id}?dryRun=true`, undefined],
      ['DELETE', `/api/v1/incidents/${id}/capacity-impacts/${created.impact.id}`, undefined],
      ['POST', `/api/v1/incidents/${id}/capacity-impacts/changes/${created.change.id}/undo`, undefined],
    ] as const) {
      const res = await send(method, path, who.plannerA, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.headers.get('Content-Type')).toContain('application/problem+json');
    }
    // Another incident, or one that does not exist, does not know this impact or its change.
    for (const incidentId of [other.id, 999_999]) {
      expect((await send('DELETE', `/api/v1/incidents/${incidentId}/capacity-impacts/${created.impact.id}?dryRun=true`, incident)).status).toBe(404);
      expect((await send('DELETE', `/api/v1/incidents/${incidentId}/capacity-impacts/${created.impact.id}`, incident)).status).toBe(404);
      expect((await send('POST', `/api/v1/incidents/${incidentId}/capacity-impacts/changes/${created.change.id}/undo?dryRun=true`, incident)).status).toBe(404);
      expect((await send('POST', `/api/v1/incidents/${incidentId}/capacity-impacts/changes/${created.change.id}/undo`, incident)).status).toBe(404);
    }
    expect((await send('POST', `/api/v1/incidents/999999/capacity-impacts?dryRun=true`, incident, IMPACT)).status).toBe(404);
    // Bounded before the work: a factor out of range or a period beyond the horizon is refused, also in a dry run.
    const bad = await send('POST', `/api/v1/incidents/${id}/capacity-impacts?dryRun=true`, incident, { ...IMPACT, factor: 1.5 });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: { field: string }) => e.field)).toEqual(['factor']);
    const far = await send('POST', `/api/v1/incidents/${id}/capacity-impacts?dryRun=true`, incident, {
      ...IMPACT,
      start: '2099-01-01T00:00:00Z',
      end: '2099-01-02T00:00:00Z',
    });
    expect(far.status).toBe(400);
    expect(await state()).toEqual(after);

    // The term is half-open, as for every plan change: a dry run a millisecond before its end still answers, at
    // the end it is too late.
    const made = t.clock.now.getTime();
    t.clock.now = new Date(made + 15 * 60_000 - 1);
    expect((await send('POST', `/api/v1/incidents/${id}/capacity-impacts/changes/${created.change.id}/undo?dryRun=true`, incident)).status).toBe(200);
    t.clock.now = new Date(made + 15 * 60_000);
    expect((await send('POST', `/api/v1/incidents/${id}/capacity-impacts/changes/${created.change.id}/undo?dryRun=true`, incident)).status).toBe(409);
    // After 15 minutes the change is no longer undoable.
    t.clock.now = new Date(made + 15 * 60_000 + 1000);
    const late = await send('POST', `/api/v1/incidents/${id}/capacity-impacts/changes/${created.change.id}/undo`, incident);
    expect(late.status).toBe(409);
    expect((await late.json()).title ?? '').not.toBe('');
    expect(await state()).toEqual(after);
  });

  it('lets only its maker or the capacity manager undo a change: another incident manager and the service manager get a Dutch 403', async () => {
    const { id } = await report();
    const lowered = await (await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT)).json();
    const after = await state();
    const path = `/api/v1/incidents/${id}/capacity-impacts/changes/${lowered.change.id}/undo`;
    const colleague = await actor(t.sql, 'incident2@logius.example', 'incident-manager');
    // The incident lists the drop with the change that made it, its maker and its term: the web shows the undo by it.
    const detail = await (await send('GET', `/api/v1/incidents/${id}`, colleague)).json();
    expect(detail.capacityImpacts.map((m: { lastChange: unknown }) => m.lastChange)).toEqual([
      { id: lowered.change.id, changedById: incident.user.id, undoableUntil: new Date(t.clock.now.getTime() + 15 * 60_000).toISOString() },
    ]);
    // Both hold incident.capacity-impact, so they may lower and lift; not undo what someone else did.
    for (const a of [colleague, who.service]) {
      for (const p of [`${path}?dryRun=true`, path]) {
        const res = await send('POST', p, a);
        expect(res.status, `${a.user.email} ${p}`).toBe(403);
        expect(res.headers.get('Content-Type')).toContain('application/problem+json');
        expect((await res.json()).detail).toBe('Alleen wie de wijziging deed, of de capaciteitsmanager, kan haar ongedaan maken.');
      }
    }
    expect(await state()).toEqual(after);
    expect((await t.sql`select undone_at, undone_by from maintenance_changes`)[0]).toEqual({ undoneAt: null, undoneBy: null });

    // The capacity manager may: the drop is gone, the trail names who undid it.
    const undone = await send('POST', path, who.capacity);
    expect(undone.status).toBe(200);
    expect((await undone.json()).change).toMatchObject({ undoneBy: 'capaciteit@logius.example', changedBy: 'incident@logius.example' });
    expect((await state()).windows).toEqual([]);
    expect((await state()).events).toEqual(['reported', 'capacity-lowered', 'capacity-lowering-undone']);

    // A lifting by the colleague is the colleague's own to undo, not the first incident manager's.
    const again = await (await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT)).json();
    const lifted = await (await send('DELETE', `/api/v1/incidents/${id}/capacity-impacts/${again.impact.id}`, colleague)).json();
    const liftPath = `/api/v1/incidents/${id}/capacity-impacts/changes/${lifted.change.id}/undo`;
    expect((await send('POST', liftPath, incident)).status).toBe(403);
    expect((await state()).windows).toEqual([]);
    expect((await send('POST', liftPath, colleague)).status).toBe(200);
    expect((await state()).windows).toHaveLength(1);
    // The drop is back, and the change that lifted it is undone: nothing to undo any more.
    const back = await (await send('GET', `/api/v1/incidents/${id}`, incident)).json();
    expect(back.capacityImpacts.map((m: { lastChange: unknown }) => m.lastChange)).toEqual([null]);
  });

  it('lets only one of two concurrent undos of the same change through', async () => {
    const { id } = await report();
    const created = await (await send('POST', `/api/v1/incidents/${id}/capacity-impacts`, incident, IMPACT)).json();
    const path = `/api/v1/incidents/${id}/capacity-impacts/changes/${created.change.id}/undo`;
    const statuses = (await Promise.all([send('POST', path, incident), send('POST', path, who.capacity)])).map((r) => r.status).sort();
    expect(statuses).toEqual([200, 409]);
    expect((await state()).windows).toEqual([]);
    expect((await state()).events.filter((e) => e === 'capacity-lowering-undone')).toHaveLength(1);
  });
});
