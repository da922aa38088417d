import { prognoseCsvParse } from '@cd/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { prognoseXlsxParse } from '../server/src/lib/prognose-xlsx.js';
import { dutchCsv } from './helpers/files.js';
import { OIN_A, OIN_B, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let idA: number;
let idB: number;

const get = (path: string, headers: Record<string, string>) => t.app.request(path, { headers });

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  const rowsA = Array.from(
    { length: 25 },
    (_, i) =>
      `A-${String(i).padStart(2, '0')};x;Brief;${String(i + 1).padStart(2, '0')}-03-2027 09:00;${String(i + 1).padStart(2, '0')}-03-2027 10:00;${(i + 1) * 100};${i % 2 ? 'concept' : 'definitief'}`,
  );
  const post = (h: Record<string, string>, rows: string[]) =>
    t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...h, 'Content-Type': 'text/csv' }, body: dutchCsv(rows) });
  expect((await post(who.plannerA.headers, rowsA)).status).toBe(201);
  expect((await post(who.plannerB.headers, ['B-1;x;Brief;05-03-2027 09:00;05-03-2027 10:00;100;concept'])).status).toBe(201);
  [{ id: idA }] = (await t.sql`select id::int from send_windows where kenmerk = 'A-00'`) as unknown as [{ id: number }];
  [{ id: idB }] = (await t.sql`select id::int from send_windows where kenmerk = 'B-1'`) as unknown as [{ id: number }];
});
afterAll(() => t.close());

describe('GET /api/v1/prognoses', () => {
  it('shows a planner only their own Afnemer, paginated', async () => {
    const res = await get('/api/v1/prognoses?pageSize=10&page=2', who.plannerA.headers);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ page: 2, pageSize: 10, total: 25 });
    expect(body.items.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(Array.from({ length: 10 }, (_, i) => `A-${10 + i}`));
    expect(body.items.every((w: { afnemer: string }) => w.afnemer === OIN_A)).toBe(true);
  });

  it('forbids a planner to ask for another Afnemer', async () => {
    expect((await get(`/api/v1/prognoses?afnemer=${OIN_A}`, who.plannerB.headers)).status).toBe(403);
  });

  it('lets Logius see every Afnemer and filter by Afnemer, status and time', async () => {
    const all = await (await get('/api/v1/prognoses?pageSize=1000', who.capacity.headers)).json();
    expect(all.total).toBe(26);
    const b = await (await get(`/api/v1/prognoses?afnemer=${OIN_B}`, who.capacity.headers)).json();
    expect(b.items.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(['B-1']);
    const concept = await (await get(`/api/v1/prognoses?afnemer=${OIN_A}&status=concept`, who.capacity.headers)).json();
    expect(concept.total).toBe(12);
    const from = encodeURIComponent('2027-03-03T08:30:00+01:00');
    const to = encodeURIComponent('2027-03-05T09:30:00+01:00');
    const range = await (await get(`/api/v1/prognoses?afnemer=${OIN_A}&from=${from}&to=${to}`, who.capacity.headers)).json();
    expect(range.items.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(['A-02', 'A-03', 'A-04']);
  });

  it('counts again after every change of the windows (the count is kept per planning version), per Afnemer', async () => {
    const total = async (h: Record<string, string>, query = '') =>
      ((await (await get(`/api/v1/prognoses?pageSize=1${query}`, h)).json()) as { total: number }).total;
    const before = { all: await total(who.capacity.headers), a: await total(who.plannerA.headers), b: await total(who.plannerB.headers) };
    expect(before).toEqual({ all: 26, a: 25, b: 1 });
    // Written in SQL, as another instance or a migration would: only the planning version tells.
    await t.sql`insert into send_windows (afnemer_oin, kenmerk, omschrijving, berichttype, start_at, end_at, aantal_berichten, status, revision)
      values (${OIN_B}, 'B-2', 'x', 'Brief', '2027-03-06T08:00:00Z', '2027-03-06T09:00:00Z', 100, 'concept', 1)`;
    expect(await total(who.capacity.headers)).toBe(27);
    expect(await total(who.plannerB.headers)).toBe(2);
    expect(await total(who.plannerA.headers)).toBe(25);
    expect(await total(who.capacity.headers, '&status=geannuleerd')).toBe(0);
    await t.sql`update send_windows set status = 'geannuleerd' where kenmerk = 'B-2'`;
    expect(await total(who.capacity.headers, '&status=geannuleerd')).toBe(1);
    expect(await total(who.plannerB.headers, '&status=concept')).toBe(1);
    await t.sql`delete from send_windows where kenmerk = 'B-2'`;
    expect(await total(who.capacity.headers)).toBe(26);
    expect(await total(who.plannerB.headers)).toBe(1);
  });

  it('pages in the order of the windows as they are now: a window moved in the database moves on the pages at once', async () => {
    const kenmerken = async (page: number) =>
      ((await (await get(`/api/v1/prognoses?pageSize=10&page=${page}`, who.plannerA.headers)).json()) as { items: { kenmerk: string }[] }).items.map(
        (w) => w.kenmerk,
      );
    expect(await kenmerken(1)).toEqual(Array.from({ length: 10 }, (_, i) => `A-${String(i).padStart(2, '0')}`));
    expect((await kenmerken(3)).at(-1)).toBe('A-24');
    const [{ startAt, endAt }] = (await t.sql`select start_at, end_at from send_windows where kenmerk = 'A-24'`) as unknown as [{ startAt: Date; endAt: Date }];
    // A-24 moves to before A-00, and back.
    await t.sql`update send_windows set start_at = '2027-02-28T08:00:00Z', end_at = '2027-02-28T09:00:00Z' where kenmerk = 'A-24'`;
    expect(await kenmerken(1)).toEqual(['A-24', ...Array.from({ length: 9 }, (_, i) => `A-0${i}`)]);
    expect(await kenmerken(3)).toEqual(Array.from({ length: 5 }, (_, i) => `A-${19 + i}`));
    await t.sql`update send_windows set start_at = ${startAt}, end_at = ${endAt} where kenmerk = 'A-24'`;
    expect((await kenmerken(3)).at(-1)).toBe('A-24');
    expect(await kenmerken(4)).toEqual([]);
  });

  it('rejects bad query parameters with a 400 problem', async () => {
    const res = await get('/api/v1/prognoses?pageSize=5000&status=weg', who.capacity.headers);
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['pageSize', 'status']);
  });
});

describe('GET /api/v1/prognoses/{id}', () => {
  it('shows the window and its history to its own planner', async () => {
    const body = await (await get(`/api/v1/prognoses/${idA}`, who.plannerA.headers)).json();
    expect(body).toMatchObject({ id: idA, kenmerk: 'A-00', afnemer: OIN_A, start: '2027-03-01T08:00:00.000Z', revision: 1 });
    expect(body.revisions).toHaveLength(1);
    expect(body.revisions[0].changedBy).toBe('planner@a.example');
  });

  it('answers 403 to a planner of another Afnemer and 404 for an unknown id', async () => {
    const res = await get(`/api/v1/prognoses/${idA}`, who.plannerB.headers);
    expect(res.status).toBe(403);
    expect(JSON.stringify(await res.json())).not.toContain('A-00');
    expect((await get('/api/v1/prognoses/999999', who.capacity.headers)).status).toBe(404);
    expect((await get('/api/v1/prognoses/abc', who.capacity.headers)).status).toBe(400);
  });
});

describe('DELETE /api/v1/prognoses/{id}', () => {
  it('forbids a planner of another Afnemer to cancel, and nothing changes', async () => {
    const res = await t.app.request(`/api/v1/prognoses/${idA}`, { method: 'DELETE', headers: who.plannerB.headers });
    expect(res.status).toBe(403);
    const [w] = await t.sql`select status, revision from send_windows where id = ${idA}`;
    expect(w).toEqual({ status: 'definitief', revision: 1 });
  });

  it('cancels as a new revision and keeps the history', async () => {
    const res = await t.app.request(`/api/v1/prognoses/${idA}`, { method: 'DELETE', headers: who.plannerA.headers });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'geannuleerd', revision: 2 });
    const revs = await t.sql`select revision, status from send_window_revisions where window_id = ${idA} order by revision`;
    expect(revs).toEqual([
      { revision: 1, status: 'definitief' },
      { revision: 2, status: 'geannuleerd' },
    ]);
    const again = await t.app.request(`/api/v1/prognoses/${idA}`, { method: 'DELETE', headers: who.plannerA.headers });
    expect((await again.json()).revision).toBe(2);
  });

  it('lets the capacity manager cancel for any Afnemer', async () => {
    const res = await t.app.request(`/api/v1/prognoses/${idB}`, { method: 'DELETE', headers: who.capacity.headers });
    expect(res.status).toBe(200);
    const [w] = await t.sql`select status from send_windows where id = ${idB}`;
    expect(w!.status).toBe('geannuleerd');
  });
});

describe('templates', () => {
  it('serves a CSV template whose example row is valid', async () => {
    const res = await get('/api/v1/prognoses/template.csv', who.plannerA.headers);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const result = prognoseCsvParse(await res.text());
    expect(result.ok).toBe(true);
  });

  it('serves an XLSX template whose example row is valid', async () => {
    const res = await get('/api/v1/prognoses/template.xlsx', who.plannerA.headers);
    expect(res.status).toBe(200);
    const result = await prognoseXlsxParse(Buffer.from(await res.arrayBuffer()));
    expect(result.ok).toBe(true);
  });

  it('requires sign-in', async () => {
    expect((await get('/api/v1/prognoses/template.csv', {})).status).toBe(401);
  });
});

describe('GET /api/v1/deliveries', () => {
  it('shows planners their own deliveries and Logius all of them', async () => {
    const own = await (await get('/api/v1/deliveries', who.plannerB.headers)).json();
    expect(own.map((d: { afnemer: string }) => d.afnemer)).toEqual([OIN_B]);
    const all = await (await get('/api/v1/deliveries', who.capacity.headers)).json();
    expect(all).toHaveLength(2);
  });
});
