import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { CONFLICT_SEED_TABLES, conflictSeed } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerA2: Actor;
let klantraadB: Actor;
let idA: number;
let idB: number;

const T0 = new Date('2027-01-11T10:00:00Z');
const MIN = 60_000;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  plannerA2 = await actor(t.sql, 'tweede-planner@a.example', 'planner', OIN_A);
  klantraadB = await actor(t.sql, 'klantraad@b.example', 'klantraad-manager', OIN_B);
});
afterAll(() => t.close());

/** A (3,000) and B (2,000) send in the same hour, Monday 1 February 2027 10:00-11:00, at 4,000 an hour: a conflict. */
beforeEach(async () => {
  t.clock.now = T0;
  const { windowIds } = await conflictSeed(t, who.capacity, {
    reset: [...CONFLICT_SEED_TABLES, 'plan_changes'],
    windows: [
      { by: who.plannerA, kenmerk: 'A-1', berichttype: 'Aanslag', aantalBerichten: 3000, format: 'json' },
      {
        by: who.plannerB,
        kenmerk: 'B-1',
        aantalBerichten: 2000,
        status: 'concept',
        format: 'json',
        extra: { vroegsteStart: '2027-02-01T08:00:00+01:00', laatsteEind: '2027-02-01T18:00:00+01:00' },
      },
    ],
  });
  [idA, idB] = [windowIds['A-1']!, windowIds['B-1']!];
});

async function ok(res: Response | Promise<Response>) {
  const r = await res;
  if (r.status >= 300) throw new Error(`${r.status}: ${await r.text()}`);
  return r;
}
const patch = (a: Actor, id: number, body: unknown, dryRun = false) =>
  apiRequest(t.app, 'PATCH', `/api/v1/prognoses/${id}${dryRun ? '?dryRun=true' : ''}`, a, body);
const undo = (a: Actor, planChangeId: number) => apiRequest(t.app, 'POST', `/api/v1/plan-changes/${planChangeId}/undo`, a);
const LATER = { start: '2027-02-01T12:00:00+01:00', eind: '2027-02-01T13:00:00+01:00' };

/** Everything a plan change could touch, to compare before and after a request that must store nothing. */
async function snapshot() {
  return {
    windows: await t.sql`select id, start_at, end_at, aantal_berichten, status, revision, updated_by, updated_at from send_windows order by id`,
    revisions: await t.sql`select window_id, revision, source, plan_change_id from send_window_revisions order by window_id, revision`,
    planChanges: await t.sql`select * from plan_changes order by id`,
    conflicts: await t.sql`select id, status, start_at, end_at, afnemers, resolved_reason from conflicts order by id`,
    events: await t.sql`select id from conflict_events order by id`,
    cases: await t.sql`select conflict_id, step, state from conflict_cases order by conflict_id`,
    notifications: await t.sql`select id from notifications order by id`,
    outbox: await t.sql`select id from outbox order by id`,
  };
}
const openConflicts = () => t.sql<{ id: number; afnemers: string[] }[]>`select id::int, afnemers from conflicts where status = 'open' order by id`;

describe('PATCH /api/v1/prognoses/{id}?dryRun=true', () => {
  it('shows the window before and after and the conflict it would solve, and stores nothing', async () => {
    const before = await snapshot();
    const res = await patch(who.plannerB, idB, LATER, true);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ dryRun: true, rowCount: 1, created: [], worsened: [] });
    expect(body.solved).toHaveLength(1);
    // B's planner learns the conflict it would solve, but A only as a count (decision 006).
    expect(body.solved[0]).toMatchObject({ afnemers: [OIN_B], otherAfnemers: 1, start: '2027-02-01T09:00:00.000Z' });
    expect(body.windows).toEqual([
      {
        windowId: idB,
        kenmerk: 'B-1',
        afnemer: OIN_B,
        before: { start: '2027-02-01T09:00:00.000Z', eind: '2027-02-01T10:00:00.000Z', aantalBerichten: 2000, status: 'concept' },
        after: { start: '2027-02-01T11:00:00.000Z', eind: '2027-02-01T12:00:00.000Z', aantalBerichten: 2000, status: 'concept' },
      },
    ]);
    expect(await snapshot()).toEqual(before);
  });

  it('reports a conflict the change would create, and the volume it would add', async () => {
    // B moves an hour earlier and grows to 5,000: alone above 4,000 an hour; the shared conflict goes.
    const res = await patch(who.plannerB, idB, { start: '2027-02-01T09:00:00+01:00', eind: '2027-02-01T10:00:00+01:00', aantalBerichten: 5000 }, true);
    const body = await res.json();
    expect(body.created).toHaveLength(1);
    expect(body.created[0]).toMatchObject({ afnemers: [OIN_B], excessMessages: 1000 });
    expect(body.solved).toHaveLength(1);
    expect(body.windows[0].after.aantalBerichten).toBe(5000);
    expect(await t.sql`select count(*)::int as n from plan_changes`).toEqual([{ n: 0 }]);
  });
});

describe('PATCH /api/v1/prognoses/{id}', () => {
  it('moves a window as a plan change: a revision with source and plan change, the conflict solved, the case file told', async () => {
    const [conflict] = await openConflicts();
    const res = await patch(who.plannerB, idB, LATER);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ id: idB, start: '2027-02-01T11:00:00.000Z', eind: '2027-02-01T12:00:00.000Z', revision: 2 });
    expect(body.planChange.undoUntil).toBe(new Date(T0.getTime() + 15 * MIN).toISOString());
    const [pc] = await t.sql`select id::int, user_id::int, source, undo_of, undone_at, created_at from plan_changes`;
    expect(pc).toMatchObject({ id: body.planChange.id, userId: who.plannerB.user.id, source: 'handmatig', undoOf: null, undoneAt: null });
    expect(pc!.createdAt.toISOString()).toBe(T0.toISOString());
    const revs =
      await t.sql`select revision, source, plan_change_id::int, start_at, changed_by::int from send_window_revisions where window_id = ${idB} order by revision`;
    expect(revs.map((r) => [r.revision, r.source, r.planChangeId, r.changedBy])).toEqual([
      [1, null, null, who.plannerB.user.id],
      [2, 'handmatig', pc!.id, who.plannerB.user.id],
    ]);
    expect(await openConflicts()).toEqual([]);
    const [c] = await t.sql`select status, resolved_reason from conflicts where id = ${conflict!.id}`;
    expect(c).toEqual({ status: 'resolved', resolvedReason: 'Venster verplaatst door planner@b.example' });
    const trail = await t.sql`select action, actor_email, payload from conflict_events where conflict_id = ${conflict!.id} order by id`;
    expect(trail.map((e) => e.action)).toEqual(['detected', 'plan-change', 'resolve']);
    expect(trail[1]!.payload).toMatchObject({ planChangeId: pc!.id, source: 'handmatig', windows: [{ afnemer: OIN_B }] });
    // Another Afnemer reads the trail: it names B's window by Afnemer, time and volume, never by kenmerk.
    expect(JSON.stringify(trail[1]!.payload)).not.toContain('B-1');
  });

  it('edits volume and status alone, keeping the time', async () => {
    const res = await patch(who.plannerB, idB, { aantalBerichten: 1000, status: 'definitief' });
    expect(res.status).toBe(200);
    const [w] = await t.sql`select start_at, aantal_berichten::int, status, revision from send_windows where id = ${idB}`;
    expect(w).toMatchObject({ aantalBerichten: 1000, status: 'definitief', revision: 2 });
    expect(w!.startAt.toISOString()).toBe('2027-02-01T09:00:00.000Z');
    expect(await openConflicts()).toEqual([]); // 3,000 + 1,000 fits 4,000
  });

  it('lets the capacity manager edit on behalf of the Afnemer', async () => {
    const res = await patch(who.capacity, idB, LATER);
    expect(res.status).toBe(200);
    const [r] = await t.sql`select changed_by::int, source from send_window_revisions where window_id = ${idB} and revision = 2`;
    expect(r).toEqual({ changedBy: who.capacity.user.id, source: 'handmatig' });
  });

  it('refuses a planner of another Afnemer, and other roles, and changes nothing', async () => {
    const before = await snapshot();
    for (const a of [who.plannerA, klantraadB, who.service, who.admin]) {
      const res = await patch(a, idB, LATER);
      expect(res.status).toBe(403);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      expect((await res.json()).detail).toMatch(/eigen Afnemer|rol/);
    }
    expect((await patch(who.plannerA, idB, LATER, true)).status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a cancelled window with 409, and changes nothing', async () => {
    await ok(apiRequest(t.app, 'DELETE', `/api/v1/prognoses/${idB}`, who.plannerB));
    const before = await snapshot();
    for (const dryRun of [false, true]) {
      const res = await patch(who.plannerB, idB, LATER, dryRun);
      expect(res.status).toBe(409);
      expect((await res.json()).detail).toBe('Verzendmoment B-1 is geannuleerd; een geannuleerd verzendmoment wijzigt u niet. Lever het opnieuw aan.');
    }
    expect(await snapshot()).toEqual(before);
  });

  it('refuses bad input with Dutch messages per field, and changes nothing', async () => {
    const before = await snapshot();
    const cases: [unknown, string, RegExp][] = [
      [{}, '(body)', /minstens één/],
      [{ start: '2027-02-01T12:00:00+01:00', eind: '2027-02-01T11:00:00+01:00' }, 'eind', /na de start/],
      [{ start: '2027-02-01T12:00:00' }, 'start', /ISO 8601 met tijdzone/],
      [{ aantalBerichten: 0 }, 'aantalBerichten', /groter dan 0/],
      [{ status: 'geannuleerd' }, 'status', /annuleren gaat met DELETE/],
      [{ eind: '2027-02-01T09:00:00+01:00' }, 'eind', /na de start/],
      // B's own bounds: not before 08:00, not after 18:00.
      [{ start: '2027-02-01T07:00:00+01:00', eind: '2027-02-01T08:00:00+01:00' }, 'start', /vroegste start \(01-02-2027 08:00\)/],
      [{ start: '2027-02-01T17:30:00+01:00', eind: '2027-02-01T18:30:00+01:00' }, 'eind', /laatste eind \(01-02-2027 18:00\)/],
    ];
    for (const [body, field, message] of cases) {
      const res = await patch(who.plannerB, idB, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      const problem = await res.json();
      const found = problem.errors.find((e: { field: string }) => e.field === field);
      expect(found, JSON.stringify(problem)).toBeDefined();
      expect(found.message).toMatch(message);
    }
    expect((await patch(who.plannerB, 999_999, LATER)).status).toBe(404);
    expect(await snapshot()).toEqual(before);
  });
});

describe('POST /api/v1/plan-changes/{id}/undo', () => {
  async function moved(a: Actor = who.plannerB): Promise<number> {
    return (await (await ok(patch(a, idB, LATER))).json()).planChange.id;
  }

  it('restores the previous revision as a new plan change, brings the conflict back, and records it in the trails', async () => {
    const [first] = await openConflicts();
    const pcId = await moved();
    t.clock.now = new Date(T0.getTime() + 14 * MIN);
    const res = await undo(who.plannerB, pcId);
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ undoOf: pcId, planChange: { undoUntil: new Date(t.clock.now.getTime() + 15 * MIN).toISOString() } });
    expect(body.windows).toEqual([expect.objectContaining({ windowId: idB, after: expect.objectContaining({ start: '2027-02-01T09:00:00.000Z' }) })]);
    const [w] = await t.sql`select start_at, end_at, revision from send_windows where id = ${idB}`;
    expect([w!.startAt.toISOString(), w!.endAt.toISOString(), w!.revision]).toEqual(['2027-02-01T09:00:00.000Z', '2027-02-01T10:00:00.000Z', 3]);
    const revs = await t.sql`select revision, source, plan_change_id::int from send_window_revisions where window_id = ${idB} order by revision`;
    expect(revs.map((r) => [r.revision, r.source, r.planChangeId])).toEqual([
      [1, null, null],
      [2, 'handmatig', pcId],
      [3, 'ongedaan gemaakt', body.planChange.id],
    ]);
    const pcs = await t.sql`select id::int, source, undo_of::int, undone_at from plan_changes order by id`;
    expect(pcs.map((p) => [p.id, p.source, p.undoOf, p.undoneAt?.toISOString() ?? null])).toEqual([
      [pcId, 'handmatig', null, t.clock.now.toISOString()],
      [body.planChange.id, 'ongedaan gemaakt', pcId, null],
    ]);
    // The recompute finds the overload again: a conflict of A and B (a new one: a resolved conflict stays resolved).
    const open = await openConflicts();
    expect(open.map((c) => c.afnemers)).toEqual([[OIN_A, OIN_B].sort()]);
    const reasonOld = await t.sql`select status from conflicts where id = ${first!.id}`;
    expect(reasonOld[0]!.status).toBe('resolved');
    const oldTrail = await t.sql`select action, payload from conflict_events where conflict_id = ${first!.id} order by id`;
    expect(oldTrail.map((e) => e.action)).toEqual(['detected', 'plan-change', 'resolve', 'plan-change']);
    expect(oldTrail[3]!.payload).toMatchObject({ source: 'ongedaan gemaakt', undoOf: pcId });
    const newTrail = await t.sql`select action, payload from conflict_events where conflict_id = ${open[0]!.id} order by id`;
    expect(newTrail.map((e) => e.action)).toEqual(['detected', 'plan-change']);
    // Users see it too: the case file of the new conflict shows the undo.
    const detail = await (await t.app.request(`/api/v1/conflicts/${open[0]!.id}`, { headers: who.plannerA.headers })).json();
    expect(detail.procedure.events.map((e: { action: string }) => e.action)).toEqual(['detected', 'plan-change']);
  });

  it("lets the capacity manager undo a planner's change, and nobody else", async () => {
    const pcId = await moved();
    const before = await snapshot();
    for (const a of [plannerA2, who.plannerA, klantraadB, who.service, who.admin]) {
      const res = await undo(a, pcId);
      expect(res.status).toBe(403);
      expect((await res.json()).detail).toBe('Alleen wie de wijziging deed, of de capaciteitsmanager, kan haar ongedaan maken.');
    }
    expect(await snapshot()).toEqual(before);
    expect((await undo(who.capacity, pcId)).status).toBe(201);
    const [r] = await t.sql`select changed_by::int, source from send_window_revisions where window_id = ${idB} and revision = 3`;
    expect(r).toEqual({ changedBy: who.capacity.user.id, source: 'ongedaan gemaakt' });
  });

  it('refuses after 15 minutes, and changes nothing', async () => {
    const pcId = await moved();
    t.clock.now = new Date(T0.getTime() + 15 * MIN);
    const before = await snapshot();
    const res = await undo(who.plannerB, pcId);
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toMatch(/ouder dan 15 minuten/);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses when a window changed since, by a later edit or a delivery', async () => {
    const pcId = await moved();
    await ok(patch(who.plannerB, idB, { aantalBerichten: 1500 }));
    const before = await snapshot();
    const res = await undo(who.plannerB, pcId);
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe('Verzendmoment B-1 is sinds deze wijziging opnieuw gewijzigd; ongedaan maken zou die wijziging overschrijven.');
    expect(await snapshot()).toEqual(before);

    const second = (await (await ok(patch(who.capacity, idB, { start: '2027-02-01T13:00:00+01:00', eind: '2027-02-01T14:00:00+01:00' }))).json()).planChange.id;
    await ok(
      apiRequest(t.app, 'POST', '/api/v1/prognoses', who.plannerB, {
        windows: [
          {
            kenmerk: 'B-1',
            berichttype: 'Brief',
            start: '2027-02-01T14:00:00+01:00',
            eind: '2027-02-01T15:00:00+01:00',
            aantalBerichten: 2000,
            status: 'concept',
          },
        ],
      }),
    );
    expect((await undo(who.capacity, second)).status).toBe(409);
  });

  it('refuses a second undo of the same change', async () => {
    const pcId = await moved();
    expect((await undo(who.plannerB, pcId)).status).toBe(201);
    const res = await undo(who.plannerB, pcId);
    expect(res.status).toBe(409);
    expect((await res.json()).detail).toBe('Deze wijziging is al ongedaan gemaakt.');
    expect(await t.sql`select count(*)::int as n from send_window_revisions where window_id = ${idB}`).toEqual([{ n: 3 }]);
  });

  it('lets exactly one of two concurrent undos win', async () => {
    const pcId = await moved();
    const results = await Promise.all([undo(who.plannerB, pcId), undo(who.capacity, pcId)]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await t.sql`select count(*)::int as n from plan_changes where undo_of = ${pcId}`).toEqual([{ n: 1 }]);
    expect(await t.sql`select revision from send_windows where id = ${idB}`).toEqual([{ revision: 3 }]);
  });

  it('answers 404 for an unknown plan change', async () => {
    const res = await undo(who.capacity, 987_654);
    expect(res.status).toBe(404);
    expect((await res.json()).detail).toBe('Deze planwijziging bestaat niet.');
  });
});

describe('moves in the procedure', () => {
  it('records a move by suggestion as a plan change with source suggestie, which can be undone', async () => {
    const [conflict] = await openConflicts();
    const sugg = await (await t.app.request(`/api/v1/conflicts/${conflict!.id}/suggestions`, { headers: who.plannerB.headers })).json();
    const later = sugg.windows[0].later;
    const res = await apiRequest(t.app, 'POST', `/api/v1/conflicts/${conflict!.id}/actions`, who.plannerB, {
      type: 'move-window',
      windowId: idB,
      start: later.start,
      end: later.end,
      source: 'suggestie',
    });
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe('resolved');
    expect(body.planChange.undoUntil).toBe(new Date(T0.getTime() + 15 * MIN).toISOString());
    const [r] = await t.sql`select source, plan_change_id::int from send_window_revisions where window_id = ${idB} and revision = 2`;
    expect(r).toEqual({ source: 'suggestie', planChangeId: body.planChange.id });
    expect((await undo(who.plannerB, body.planChange.id)).status).toBe(201);
    expect((await openConflicts()).length).toBe(1);
  });

  it('previews a move action with ?dryRun=true: the gate decides as for real, and nothing is stored', async () => {
    const [conflict] = await openConflicts();
    const path = `/api/v1/conflicts/${conflict!.id}/actions?dryRun=true`;
    const body = { type: 'move-window', windowId: idB, start: '2027-02-01T11:00:00Z', end: '2027-02-01T12:00:00Z', source: 'suggestie' };
    const before = await snapshot();
    const res = await apiRequest(t.app, 'POST', path, who.plannerB, body);
    expect(res.status).toBe(200);
    const result = await res.json();
    expect(result.outcome).toMatchObject({ dryRun: true, conflictSolved: true });
    const preview = result.outcome.effect;
    expect(preview).toMatchObject({ dryRun: true, created: [], worsened: [] });
    expect(preview.solved).toHaveLength(1);
    expect(preview.windows[0]).toMatchObject({ windowId: idB, after: { start: '2027-02-01T11:00:00.000Z' } });
    expect(result.planChange).toBeNull();
    // In step 1 Logius may not move (409), another Afnemer's planner may not move B's window (403), and a step
    // that moves nothing is checked by its gate and has no effect to show.
    expect((await apiRequest(t.app, 'POST', path, who.capacity, body)).status).toBe(409);
    expect((await apiRequest(t.app, 'POST', path, who.plannerA, body)).status).toBe(403);
    const other = await apiRequest(t.app, 'POST', path, who.plannerA, { type: 'contact-logius', message: 'Wij kunnen niet schuiven.' });
    expect(other.status).toBe(200);
    expect((await other.json()).outcome).toMatchObject({ dryRun: true, effect: null });
    expect(await snapshot()).toEqual(before);
  });

  it('answers other procedure actions without a plan change', async () => {
    const [conflict] = await openConflicts();
    const res = await apiRequest(t.app, 'POST', `/api/v1/conflicts/${conflict!.id}/actions`, who.plannerA, {
      type: 'contact-logius',
      message: 'Wij kunnen niet schuiven.',
    });
    expect((await res.json()).planChange).toBeNull();
    expect(await t.sql`select count(*)::int as n from plan_changes`).toEqual([{ n: 0 }]);
  });
});

describe('GET /api/v1/conflicts/{id}/suggestions', () => {
  it('ranks the suggestions of all windows by messages × hours moved and marks the best one once', async () => {
    const [conflict] = await openConflicts();
    const body = await (await t.app.request(`/api/v1/conflicts/${conflict!.id}/suggestions`, { headers: who.capacity.headers })).json();
    // B (2,000) is cheaper to move than A (3,000): half of B an hour away costs 1,000 messages × hours.
    expect(body.windows.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(['B-1', 'A-1']);
    expect(body.best).toEqual({ windowId: idB, kind: 'split' });
    const flat = body.windows.flatMap((w: { windowId: number; ranked: { kind: string; cost: number; best: boolean }[] }) =>
      w.ranked.map((r) => ({ ...r, windowId: w.windowId })),
    );
    expect(flat.filter((r: { best: boolean }) => r.best)).toEqual([expect.objectContaining({ windowId: idB, kind: 'split', cost: 1000 })]);
    expect(Math.min(...flat.map((r: { cost: number }) => r.cost))).toBe(1000);
    for (const w of body.windows) expect(w.ranked.length).toBeLessThanOrEqual(3);
    // A planner sees only its own windows, and the best among them.
    const own = await (await t.app.request(`/api/v1/conflicts/${conflict!.id}/suggestions`, { headers: who.plannerA.headers })).json();
    expect(own.windows.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(['A-1']);
    expect(own.best.windowId).toBe(idA);
  });
});
