import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv, xlsxFile } from './helpers/files.js';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

const counts = async () =>
  (await t.sql`select (select count(*) from send_windows)::int as w, (select count(*) from deliveries)::int as d, (select count(*) from send_window_revisions)::int as r`)[0];

async function expectProblemOrSuccess(res: Response) {
  expect(res.status, await res.clone().text()).toBeLessThan(500);
  if (res.status >= 400) {
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = await res.json();
    expect(typeof body.title).toBe('string');
    expect(typeof body.detail).toBe('string');
  }
}

const cell = fc.oneof(
  fc.string(),
  fc.constantFrom('', '01-02-2027 10:00', '28-03-2027 02:30', '1.250.000', '=HYPERLINK("x")', 'concept', 'definitief', '"', ';', '\r\n', '\uFEFF'),
  fc.integer().map(String),
);
const header = fc.shuffledSubarray(['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status', 'afnemer', 'vroegste_start', 'laatste_eind', 'onzin'], { minLength: 0 });

describe('hostile prognosis files', () => {
  it('answers every random CSV with 201 or a 4xx problem, and never stores part of a rejected file', async () => {
    await fc.assert(
      fc.asyncProperty(header, fc.array(fc.array(cell, { maxLength: 12 }), { maxLength: 8 }), fc.constantFrom(';', ','), async (cols, rows, sep) => {
        const before = await counts();
        const text = [cols.join(sep), ...rows.map((r) => r.join(sep))].join('\r\n');
        const res = await t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' }, body: text });
        await expectProblemOrSuccess(res);
        if (res.status !== 201) expect(await counts()).toEqual(before);
      }),
      { numRuns: 60 },
    );
  });

  it('answers random bytes sent as XLSX with a 4xx problem and stores nothing', async () => {
    const valid = await xlsxFile(['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'], [['X', 'B', '01-02-2027 10:00', '01-02-2027 11:00', 5, 'concept']]);
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), fc.nat(valid.length - 1), fc.boolean(), async (noise, at, corrupt) => {
        const before = await counts();
        const body = corrupt ? Uint8Array.from(valid.map((b, i) => (i >= at && i < at + noise.length ? noise[i - at]! : b))) : noise;
        const res = await t.app.request('/api/v1/prognoses', {
          method: 'POST',
          headers: { ...who.plannerA.headers, 'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
          body,
        });
        await expectProblemOrSuccess(res);
        if (res.status !== 201) expect(await counts()).toEqual(before);
      }),
      { numRuns: 40 },
    );
  });
});

describe('hostile JSON', () => {
  it('answers random bodies on every JSON write endpoint with a 4xx problem, never a 500', async () => {
    const doc = await (await t.app.request('/api/v1/openapi.json')).json();
    const targets: { method: string; path: string }[] = [];
    for (const [path, ops] of Object.entries(doc.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, unknown> } }>>)) {
      for (const [method, op] of Object.entries(ops)) {
        if (['post', 'put', 'patch'].includes(method) && op.requestBody?.content?.['application/json']) {
          targets.push({ method: method.toUpperCase(), path: path.replace(/\{[^}]+\}/g, '1') });
        }
      }
    }
    expect(targets.length).toBeGreaterThan(5);
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...targets), fc.oneof(fc.json(), fc.string(), fc.jsonValue().map((v) => JSON.stringify(v))), async (target, body) => {
        for (const a of [who.capacity, who.plannerA]) {
          const res = await t.app.request(`/api/v1${target.path}`, { method: target.method, headers: { ...a.headers, 'Content-Type': 'application/json' }, body });
          await expectProblemOrSuccess(res);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('injection in text fields', () => {
  it('stores SQL and script text as plain data and returns it unchanged', async () => {
    const evil = `'); drop table send_windows; -- <script>alert(1)</script>`;
    const res = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv([`INJ-1;"${evil.replace(/"/g, '""')}";=1+1;01-02-2027 10:00;01-02-2027 11:00;100;concept`]),
    });
    expect(res.status).toBe(201);
    const [row] = await t.sql`select id::int, omschrijving, berichttype from send_windows where kenmerk = 'INJ-1'`;
    expect(row).toMatchObject({ omschrijving: evil, berichttype: '=1+1' });
    const json = await (await t.app.request(`/api/v1/prognoses/${row!.id}`, { headers: who.plannerA.headers })).json();
    expect(json.omschrijving).toBe(evil);
  });
});
