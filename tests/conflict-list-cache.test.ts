// Issue 16: the conflict list's pages are kept as sent (lib/bytes-cache.ts), per scope and filter, while the
// conflicts, the windows, the Afnemer names and the cases on the page stay the same and no deadline of theirs passed.
// Each test fills the cache first and then changes one of these, and the next read must show the change; a planner
// never receives a page built for Logius or for another Afnemer.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conflictSeed } from './helpers/conflict-seed.js';
import { actor, apiRequest, OIN_A, OIN_B, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let conflictId: number;

type Item = {
  id: number;
  windows: { windowId: number | null; afnemer: string; kenmerk: string | null; aantalBerichten: number | null }[];
  procedure: { step: string; overdue: boolean; deadline: string | null; waitingOn: { text: string } | null };
};

async function listText(a: Actor, query = 'status=open'): Promise<string> {
  const res = await t.app.request(`/api/v1/conflicts?${query}`, { headers: a.headers });
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return res.text();
}

async function item(a: Actor): Promise<Item> {
  const body = JSON.parse(await listText(a)) as { items: Item[] };
  return body.items.find((i) => i.id === conflictId)!;
}

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  t.clock.now = new Date('2027-01-11T09:00:00Z');
  ({ conflictId } = await conflictSeed(t, who.capacity, {
    windows: [
      { by: who.plannerA, kenmerk: 'A-GEHEIM', aantalBerichten: 3000 },
      { by: who.plannerB, kenmerk: 'B-1', aantalBerichten: 3000 },
    ],
  }));
});
afterAll(() => t.close());

describe('GET /conflicts kept as sent', () => {
  it('sends the same bytes again while nothing changed', async () => {
    const first = await listText(who.capacity);
    expect(await listText(who.capacity)).toBe(first);
    expect(JSON.parse(first).items.map((i: Item) => i.id)).toEqual([conflictId]);
  });

  it('never gives a planner the page built for Logius or for another Afnemer, in any order of asking', async () => {
    const logius = await item(who.capacity); // filled first: the full page, every kenmerk named
    expect(logius.windows.map((w) => w.kenmerk).sort()).toEqual(['A-GEHEIM', 'B-1']);
    const b = await listText(who.plannerB);
    expect(b).not.toContain('A-GEHEIM');
    const bItem = (JSON.parse(b) as { items: Item[] }).items.find((i) => i.id === conflictId)!;
    expect(bItem.windows.find((w) => w.afnemer === OIN_A)).toMatchObject({ windowId: null, kenmerk: null });
    expect(bItem.windows.find((w) => w.afnemer === OIN_B)!.kenmerk).toBe('B-1');
    const a = await item(who.plannerA);
    expect(a.windows.find((w) => w.afnemer === OIN_A)!.kenmerk).toBe('A-GEHEIM');
    expect(a.windows.find((w) => w.afnemer === OIN_B)).toMatchObject({ windowId: null, kenmerk: null });
    // Asked again after A (and after Logius): still B's own page.
    expect(await listText(who.plannerB)).toBe(b);
    // Another Afnemer's filter is refused, not answered from the cache.
    const other = await t.app.request(`/api/v1/conflicts?status=open&afnemer=${OIN_A}`, { headers: who.plannerB.headers });
    expect(other.status).toBe(403);
  });

  it('shows an Afnemer renamed in the database at once', async () => {
    const before = await item(who.capacity);
    await t.sql`update afnemers set name = 'Hernoemd B' where oin = ${OIN_B}`;
    const after = await item(who.capacity);
    expect(after.procedure.waitingOn?.text ?? '').toContain('Hernoemd B');
    expect(after.procedure.waitingOn?.text).not.toBe(before.procedure.waitingOn?.text);
  });

  it('shows a step taken in the procedure at once, though the conflicts did not change', async () => {
    const before = await item(who.capacity);
    expect(before.procedure.step).toBe('planner-adjusts');
    const version = (await t.sql`select version::text from conflicts_state`)[0]!.version as string;
    const res = await apiRequest(t.app, 'POST', `/api/v1/conflicts/${conflictId}/actions`, who.plannerA, { type: 'contact-logius', message: 'Graag overleg' });
    expect(res.status).toBe(200);
    const stored = await t.sql`select step from conflict_cases where conflict_id = ${conflictId}`;
    expect((await t.sql`select version::text from conflicts_state`)[0]!.version).toBe(version);
    const after = await item(who.capacity);
    expect(after.procedure.step).toBe(stored[0]!.step);
    expect(after.procedure.step).not.toBe('planner-adjusts');
    expect(after.procedure.waitingOn?.text).not.toBe(before.procedure.waitingOn?.text);
  });

  it('shows a window changed in the database at once, with no recompute in between', async () => {
    const before = await item(who.capacity);
    const windowB = before.windows.find((w) => w.afnemer === OIN_B)!;
    expect(windowB.aantalBerichten).toBe(3000);
    await t.sql`update send_windows set aantal_berichten = 3100 where id = ${windowB.windowId}`;
    expect((await item(who.capacity)).windows.find((w) => w.afnemer === OIN_B)!.aantalBerichten).toBe(3100);
  });

  it('turns overdue when the deadline passes, and not before: a kept page holds only until the first deadline on it', async () => {
    const pending = await item(who.capacity);
    expect(pending.procedure.deadline).not.toBeNull();
    const deadline = Date.parse(pending.procedure.deadline!);
    t.clock.now = new Date(deadline - 60_000);
    expect((await item(who.capacity)).procedure.overdue).toBe(false);
    t.clock.now = new Date(deadline);
    expect((await item(who.capacity)).procedure.overdue).toBe(true);
    // A clock set back (a test's, or a corrected one) is not answered with the page of a later time.
    t.clock.now = new Date(deadline - 60_000);
    expect((await item(who.capacity)).procedure.overdue).toBe(false);
    t.clock.now = new Date('2027-01-11T09:00:00Z');
  });

  it('keeps each page and filter apart', async () => {
    const all = JSON.parse(await listText(who.capacity, 'pageSize=1&page=1')) as { items: Item[]; page: number; total: number };
    const second = JSON.parse(await listText(who.capacity, 'pageSize=1&page=2')) as { items: Item[]; page: number; total: number };
    expect(all.page).toBe(1);
    expect(second.page).toBe(2);
    expect(all.items).toHaveLength(1);
    expect(second.items).toHaveLength(Math.max(0, all.total - 1) > 0 ? 1 : 0);
    const resolved = JSON.parse(await listText(who.capacity, 'status=resolved')) as { items: Item[] };
    expect(resolved.items.map((i) => i.id)).not.toContain(conflictId);
  });
});

describe('kept answers gzipped for a caller that accepts gzip', () => {
  const ask = (path: string, a: Actor, acceptEncoding?: string) =>
    t.app.request(path, { headers: { ...a.headers, ...(acceptEncoding ? { 'Accept-Encoding': acceptEncoding } : {}) } });

  for (const path of ['/api/v1/conflicts?status=open', '/api/v1/load?from=2027-02-01T00:00:00%2B01:00&to=2027-02-02T00:00:00%2B01:00&bucket=15m']) {
    it(`sends ${path.split('?')[0]} gzipped to a browser, the same JSON, and plain to a caller that does not take gzip`, async () => {
      const plain = await ask(path, who.capacity);
      expect(plain.status).toBe(200);
      expect(plain.headers.get('content-encoding')).toBeNull();
      expect(plain.headers.get('vary')).toMatch(/accept-encoding/i);
      expect(plain.headers.get('cache-control')).toBe('no-store');
      const text = await plain.text();
      expect(text.length).toBeGreaterThan(1024);

      const zipped = await ask(path, who.capacity, 'gzip, deflate, br, zstd');
      expect(zipped.status).toBe(200);
      expect(zipped.headers.get('content-encoding')).toBe('gzip');
      expect(zipped.headers.get('content-type')).toMatch(/^application\/json/);
      expect(zipped.headers.get('vary')).toMatch(/accept-encoding/i);
      const bytes = new Uint8Array(await zipped.arrayBuffer());
      expect(bytes.byteLength).toBeLessThan(text.length);
      expect(gunzipSync(bytes).toString('utf8')).toBe(text);

      for (const refused of ['gzip;q=0', 'br', 'identity']) {
        const res = await ask(path, who.capacity, refused);
        expect(res.headers.get('content-encoding'), refused).toBeNull();
        expect(await res.text()).toBe(text);
      }
    });
  }

  it('gzips each planner their own answer, never another scope’s', async () => {
    const a = await ask('/api/v1/conflicts?status=open', who.plannerA, 'gzip');
    const b = await ask('/api/v1/conflicts?status=open', who.plannerB, 'gzip');
    const textA = gunzipSync(new Uint8Array(await a.arrayBuffer())).toString('utf8');
    const textB = gunzipSync(new Uint8Array(await b.arrayBuffer())).toString('utf8');
    expect(textA).toContain('A-GEHEIM');
    expect(textB).not.toContain('A-GEHEIM');
    expect(textB).toBe(await listText(who.plannerB));
  });
});

describe('GET /conflicts/{id} kept as sent', () => {
  type Detail = { procedure: { step: string; overdue: boolean; deadline: string | null; actions: string[]; events: { action: string }[] } };
  const detail = async (a: Actor): Promise<Detail> => {
    const res = await t.app.request(`/api/v1/conflicts/${conflictId}`, { headers: a.headers });
    expect(res.status).toBe(200);
    return (await res.json()) as Detail;
  };

  it('shows each user their own actions, a step taken and a new trail entry at once, and turns overdue at the deadline', async () => {
    t.clock.now = new Date('2027-01-11T09:00:00Z');
    const logius = await detail(who.capacity);
    const planner = await detail(who.plannerA);
    expect(await detail(who.capacity)).toEqual(logius);
    expect(planner.procedure.actions).not.toEqual(logius.procedure.actions);
    // Another user of the same role and Afnemer gets their own answer, the same actions.
    const second = await actor(t.sql, 'tweede@a.example', 'planner', OIN_A);
    expect((await detail(second)).procedure.actions).toEqual(planner.procedure.actions);

    // A role changed in SQL (as an administrator's change on another instance): the next request shows its actions.
    await t.sql`update users set role = 'capacity-manager', afnemer_oin = null where id = ${second.user.id}`;
    expect((await detail(second)).procedure.actions).toEqual(logius.procedure.actions);

    // A step by Logius: both see the new step and the trail entry at once.
    expect(logius.procedure.actions).toContain('open-assessment');
    {
      const res = await apiRequest(t.app, 'POST', `/api/v1/conflicts/${conflictId}/actions`, who.capacity, { type: 'open-assessment' });
      expect(res.status).toBe(200);
      const [stored] = await t.sql`select step from conflict_cases where conflict_id = ${conflictId}`;
      const after = await detail(who.plannerA);
      expect(after.procedure.step).toBe(stored!.step);
      expect(after.procedure.events.length).toBeGreaterThan(planner.procedure.events.length);
      expect(after.procedure.actions).not.toEqual(planner.procedure.actions);
    }
    // An event written in SQL alone (no case change): shown at once.
    const events = (await detail(who.capacity)).procedure.events.length;
    await t.sql`insert into conflict_events (conflict_id, at, actor_email, actor_role, actor_afnemer, action, from_step, to_step, payload)
      select conflict_id, at, actor_email, actor_role, actor_afnemer, action, from_step, to_step, payload from conflict_events
      where conflict_id = ${conflictId} order by id desc limit 1`;
    expect((await detail(who.capacity)).procedure.events.length).toBe(events + 1);

    const now = await detail(who.capacity);
    expect(now.procedure.deadline).not.toBeNull();
    const deadline = Date.parse(now.procedure.deadline!);
    t.clock.now = new Date(deadline - 1000);
    expect((await detail(who.capacity)).procedure.overdue).toBe(false);
    t.clock.now = new Date(deadline);
    expect((await detail(who.capacity)).procedure.overdue).toBe(true);
    t.clock.now = new Date('2027-01-11T09:00:00Z');
  });
});
