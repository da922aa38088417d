// A send window's updated_at (and its revision's changed_at) is when it was delivered or last changed: the advice
// moves the Afnemer that delivered last on a tie (adviceDraft), and the window's history shows it. Plan changes stamped
// it on the app's clock, uploads and cancels on PostgreSQL's now(): on an injected clock the two disagreed, so a
// window uploaded after a move could count as delivered before it. Every change now stamps the app's now.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { apiRequest, standardActors, testDatabase, type StandardActors, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: StandardActors;
beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

/** The app's clock at `minutes` past a fixed instant, far from the machine's (and so from PostgreSQL's now()). */
const at = (minutes: number) => new Date(Date.parse('2027-01-11T09:00:00Z') + minutes * 60_000);

const windowId = async (kenmerk: string) => (await t.sql<{ id: number }[]>`select id::int from send_windows where kenmerk = ${kenmerk}`)[0]!.id;

const upload = (rows: string[], a = who.plannerA) =>
  t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });

describe('the time stamps of a send window', () => {
  it('are the app clock of each upload, move, new delivery and cancel, in its history and in the database', async () => {
    t.clock.now = at(0);
    expect((await upload(['STAMP-1;x;Brief;03-02-2027 10:00;03-02-2027 11:00;100;concept'])).status).toBe(201);
    const id = await windowId('STAMP-1');

    t.clock.now = at(10);
    const moved = await apiRequest(t.app, 'PATCH', `/api/v1/prognoses/${id}`, who.plannerA, {
      start: '2027-02-03T12:00:00+01:00',
      eind: '2027-02-03T13:00:00+01:00',
    });
    expect(moved.status, await moved.clone().text()).toBe(200);

    t.clock.now = at(20);
    expect((await upload(['STAMP-1;x;Brief;03-02-2027 14:00;03-02-2027 15:00;100;concept'])).status).toBe(201);

    t.clock.now = at(30);
    expect((await apiRequest(t.app, 'DELETE', `/api/v1/prognoses/${id}`, who.plannerA)).status).toBe(200);

    const detail = await apiRequest(t.app, 'GET', `/api/v1/prognoses/${id}`, who.plannerA);
    expect(detail.status).toBe(200);
    const { revisions } = (await detail.json()) as { revisions: { revision: number; changedAt: string; status: string }[] };
    expect(revisions.map((r) => [r.revision, r.changedAt, r.status]).sort(([a], [b]) => Number(a) - Number(b))).toEqual([
      [1, at(0).toISOString(), 'concept'],
      [2, at(10).toISOString(), 'concept'],
      [3, at(20).toISOString(), 'concept'],
      [4, at(30).toISOString(), 'geannuleerd'],
    ]);
    const [stored] = await t.sql<{ updatedAt: Date }[]>`select updated_at from send_windows where id = ${id}`;
    expect(stored!.updatedAt.toISOString()).toBe(at(30).toISOString());
  });

  it('order two Afnemers by the app clock: the one that uploaded after the other is the later delivery', async () => {
    // A moves its window (a plan change) first; B uploads afterwards. The advice's "delivered last" is then B.
    t.clock.now = at(100);
    expect((await upload(['ORDER-A;x;Brief;04-02-2027 10:00;04-02-2027 11:00;100;concept'])).status).toBe(201);
    const id = await windowId('ORDER-A');
    t.clock.now = at(110);
    const moved = await apiRequest(t.app, 'PATCH', `/api/v1/prognoses/${id}`, who.plannerA, {
      start: '2027-02-04T12:00:00+01:00',
      eind: '2027-02-04T13:00:00+01:00',
    });
    expect(moved.status).toBe(200);
    t.clock.now = at(120);
    expect((await upload(['ORDER-B;x;Brief;04-02-2027 12:00;04-02-2027 13:00;100;concept'], who.plannerB)).status).toBe(201);
    const rows = await t.sql<{ kenmerk: string; updatedAt: Date }[]>`
      select kenmerk, updated_at from send_windows where kenmerk in ('ORDER-A', 'ORDER-B') order by updated_at, kenmerk`;
    expect(rows.map((r) => [r.kenmerk, r.updatedAt.toISOString()])).toEqual([
      ['ORDER-A', at(110).toISOString()],
      ['ORDER-B', at(120).toISOString()],
    ]);
  });
});
