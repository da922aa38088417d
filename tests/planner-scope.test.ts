// What an Afnemer's users learn about other Afnemers (docs/decisions/006-planner-scope.md): a dry run and the live
// stream show their own Afnemer and the conflicts it is in; others only as a count, or as "the load moved".
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { HOUR_MS } from '@cd/shared/time';
import { capacityFlat } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let klantraadB: Actor;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  klantraadB = await actor(t.sql, 'klantraad@b.example', 'klantraad-manager', OIN_B);
  await capacityFlat(t, who.capacity);
});
afterAll(() => t.close());

let days = 0;
/** A fresh hour on a day of its own, so what one case plans never meets another's. */
function slot() {
  const start = new Date(Date.UTC(2027, 4, 3, 10) + days++ * 86_400_000);
  return { start: start.toISOString(), eind: new Date(start.getTime() + HOUR_MS).toISOString() };
}
const windowIn = (s: { start: string; eind: string }, kenmerk: string, aantalBerichten: number, afnemer?: string) => ({
  kenmerk,
  berichttype: 'Brief',
  ...s,
  aantalBerichten,
  status: 'definitief',
  ...(afnemer ? { afnemer } : {}),
});

async function upload(a: Actor, windows: object[], dryRun = false) {
  const res = await apiRequest(t.app, 'POST', `/api/v1/prognoses${dryRun ? '?dryRun=true' : ''}`, a, { windows });
  expect(res.status, await res.clone().text()).toBe(dryRun ? 200 : 201);
  return res.json();
}

async function openConflictAt(s: { start: string; eind: string }) {
  const [c] = await t.sql<{ id: number; afnemers: string[] }[]>`
    select id::int, afnemers from conflicts where status = 'open' and start_at < ${s.eind} and end_at > ${s.start}`;
  return c!;
}

const countWindows = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows`)[0]!.n;

describe('POST /api/v1/prognoses?dryRun=true', () => {
  it('shows a planner its own Afnemer in a conflict it would cause, and the others in the slot only as a count', async () => {
    const s = slot();
    await upload(who.plannerA, [windowIn(s, 'A-DRY-1', 3000)]);
    const stored = await countWindows();

    const body = await upload(who.plannerB, [windowIn(s, 'B-DRY-1', 2000)], true);
    expect(body.created).toHaveLength(1);
    expect(body.created[0]).toMatchObject({ afnemers: [OIN_B], otherAfnemers: 1, excessMessages: 1000 });
    expect(JSON.stringify(body)).not.toContain(OIN_A);
    expect(await countWindows(), 'a dry run stores nothing').toBe(stored);

    // Logius, trying the same on B's behalf, sees who is in the slot.
    const logius = await upload(who.capacity, [windowIn(s, 'B-DRY-1', 2000, OIN_B)], true);
    expect(logius.created[0]).toMatchObject({ afnemers: [OIN_A, OIN_B].sort(), otherAfnemers: 0 });
  });

  it('does not name the Afnemer whose conflict a planner would worsen, before or after', async () => {
    const s = slot();
    await upload(who.plannerA, [windowIn(s, 'A-DRY-2', 10_000)]);
    expect((await openConflictAt(s)).afnemers).toEqual([OIN_A]);

    const body = await upload(who.plannerB, [windowIn(s, 'B-DRY-2', 500)], true);
    expect(body.created).toEqual([]);
    expect(body.worsened).toHaveLength(1);
    expect(body.worsened[0].before).toMatchObject({ afnemers: [], otherAfnemers: 1 });
    expect(body.worsened[0].after).toMatchObject({ afnemers: [OIN_B], otherAfnemers: 1 });
    expect(JSON.stringify(body)).not.toContain(OIN_A);
  });

  it('names no one to a planner whose window would ease a conflict of others', async () => {
    const s = slot();
    await upload(who.plannerA, [windowIn(s, 'A-DRY-3', 10_000)]);
    await upload(who.plannerB, [windowIn(s, 'B-DRY-3', 500)]);
    expect((await openConflictAt(s)).afnemers.sort()).toEqual([OIN_A, OIN_B].sort());

    const body = await upload(who.plannerB, [windowIn(slot(), 'B-DRY-3', 500)], true);
    expect(body.eased).toHaveLength(1);
    expect(body.eased[0].before).toMatchObject({ afnemers: [OIN_B], otherAfnemers: 1 });
    expect(body.eased[0].after).toMatchObject({ afnemers: [], otherAfnemers: 1 });
    expect(JSON.stringify(body)).not.toContain(OIN_A);
  });
});

interface Seen {
  event: string;
  data: string;
}

/** An open live stream whose messages are collected as they come. */
async function stream(a: Actor) {
  const res = await t.app.request('/api/v1/events', { headers: a.headers });
  expect(res.status).toBe(200);
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const seen: Seen[] = [];
  let buffer = '';
  let closed = false;
  const pump = (async () => {
    for (;;) {
      const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
      if (chunk.done) return;
      buffer += decoder.decode(chunk.value, { stream: true });
      let idx;
      while ((idx = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, idx);
        buffer = buffer.slice(idx + 2);
        const event = /^event: (.*)$/m.exec(block)?.[1];
        if (event) seen.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '' });
      }
    }
  })();
  const until = async (match: (s: Seen) => boolean, what: string) => {
    for (let i = 0; i < 100 && !seen.some(match); i++) await new Promise((r) => setTimeout(r, 50));
    expect(seen.some(match), `${what}; seen: ${JSON.stringify(seen)}`).toBe(true);
  };
  await until((s) => s.event === 'ready', 'ready');
  return {
    seen,
    until,
    changes: () => seen.filter((s) => s.event === 'change').map((s) => JSON.parse(s.data) as { kind: string; conflictId?: number }),
    close: async () => {
      if (closed) return;
      closed = true;
      await reader.cancel();
      await pump;
    },
  };
}

const isMaintenance = (s: Seen) => s.event === 'change' && JSON.parse(s.data).kind === 'maintenance';

describe('GET /api/v1/events', () => {
  it('tells B’s users nothing of a conflict of A alone, its steps or its notifications; only that the load moved', async () => {
    const [planner, manager, logius] = await Promise.all([stream(who.plannerB), stream(klantraadB), stream(who.capacity)]);
    try {
      const s = slot();
      await upload(who.plannerA, [windowIn(s, 'A-LIVE-1', 10_000)]);
      const conflict = await openConflictAt(s);
      const act = await apiRequest(t.app, 'POST', `/api/v1/conflicts/${conflict.id}/actions`, who.plannerA, {
        type: 'contact-logius',
        message: 'Wij kunnen niet schuiven.',
      });
      expect(act.status).toBe(200);
      expect(
        (await t.sql`select 1 from notifications n join users u on u.id = n.user_id where n.conflict_id = ${conflict.id} and u.afnemer_oin = ${OIN_A}`).length,
      ).toBeGreaterThan(0);
      // Maintenance concerns everyone and comes after all of the above: once it is there, the rest would have been too.
      // (In a month without windows, so that no conflict of B moves.)
      const maintenance = { start: '2026-06-01T10:00:00Z', end: '2026-06-01T11:00:00Z', factor: 0.5, reason: 'Gepland onderhoud', kind: 'onderhoud' };
      expect((await apiRequest(t.app, 'POST', '/api/v1/maintenance-windows', who.capacity, maintenance)).status).toBe(201);
      await Promise.all([planner.until(isMaintenance, 'planner B hears of maintenance'), manager.until(isMaintenance, 'klantraad B hears of maintenance')]);
      await logius.until(isMaintenance, 'Logius hears of maintenance');

      for (const [name, view] of [
        ['planner B', planner],
        ['klantraad-manager B', manager],
      ] as const) {
        expect(
          view.changes().filter((c) => c.kind !== 'load' && c.kind !== 'maintenance'),
          `${name} hears only load and maintenance`,
        ).toEqual([]);
        expect(view.seen.map((x) => x.data).join('\n'), name).not.toMatch(/conflictId|afnemers|users|0000000100/);
      }
      expect(planner.changes()).toContainEqual({ kind: 'load' });
      expect(logius.changes()).toContainEqual({ kind: 'procedure', conflictId: conflict.id });
      expect(logius.changes().map((c) => c.kind)).toEqual(expect.arrayContaining(['prognoses', 'conflicts', 'notifications']));
      expect(logius.seen.map((x) => x.data).join('\n'), 'whom a change concerns stays on the server').not.toMatch(/afnemers|users/);
    } finally {
      await Promise.all([planner.close(), manager.close(), logius.close()]);
    }
  });

  it('tells B’s users of a conflict they share with A, with its id and steps, and of their own windows', async () => {
    const s = slot();
    await upload(who.plannerA, [windowIn(s, 'A-LIVE-2', 3000)]);
    const [planner, manager] = await Promise.all([stream(who.plannerB), stream(klantraadB)]);
    try {
      await upload(who.plannerB, [windowIn(s, 'B-LIVE-2', 2000)]);
      const conflict = await openConflictAt(s);
      expect(conflict.afnemers.sort()).toEqual([OIN_A, OIN_B].sort());
      const isStep = (x: Seen) => x.event === 'change' && JSON.parse(x.data).conflictId === conflict.id;
      await planner.until(isStep, 'planner B hears of the shared conflict');
      await manager.until(isStep, 'klantraad B hears of the shared conflict');
      expect(planner.changes().map((c) => c.kind)).toEqual(expect.arrayContaining(['prognoses', 'conflicts', 'procedure', 'notifications']));
      // The notification was planner B's, not the manager's.
      expect(manager.changes().map((c) => c.kind)).not.toContain('notifications');
    } finally {
      await Promise.all([planner.close(), manager.close()]);
    }
  });
});
