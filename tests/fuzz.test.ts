import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv, xlsxFile } from './helpers/files.js';
import { actor, OIN_A, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let incident: Actor;
let stateQuery = '';

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  incident = await actor(t.sql, 'incident@logius.example', 'incident-manager');
  const tables = await t.sql<{ name: string }[]>`
    select table_name as name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' and table_name not in ('api_tokens', 'sessions')`;
  stateQuery = tables
    .map(({ name }) => `select '${name}' as name, count(*) || ':' || coalesce(sum(xmin::text::bigint), 0) as digest from "${name}"`)
    .join(' union all ');
});
afterAll(() => t.close());

const counts = async () =>
  (
    await t.sql`select (select count(*) from send_windows)::int as w, (select count(*) from deliveries)::int as d, (select count(*) from send_window_revisions)::int as r`
  )[0];

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
const header = fc.shuffledSubarray(
  ['kenmerk', 'omschrijving', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status', 'afnemer', 'vroegste_start', 'laatste_eind', 'onzin'],
  { minLength: 0 },
);

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
    const valid = await xlsxFile(
      ['kenmerk', 'berichttype', 'start', 'eind', 'aantal_berichten', 'status'],
      [['X', 'B', '01-02-2027 10:00', '01-02-2027 11:00', 5, 'concept']],
    );
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
      fc.asyncProperty(
        fc.constantFrom(...targets),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        async (target, body) => {
          for (const a of [who.capacity, who.plannerA]) {
            const res = await t.app.request(`/api/v1${target.path}`, {
              method: target.method,
              headers: { ...a.headers, 'Content-Type': 'application/json' },
              body,
            });
            await expectProblemOrSuccess(res);
          }
        },
      ),
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

// ---- Dates across everything JS can parse, in every date field, and random bodies on every route.

/** Every table's row count and creating transactions: any insert, update or delete shows. */
async function dbState(): Promise<Record<string, string>> {
  const rows = await t.sql.unsafe<{ name: string; digest: string }[]>(stateQuery);
  return Object.fromEntries(rows.map((r) => [r.name, r.digest]));
}

const MAX_MS = 8.64e15;
const iso = (ms: number) => new Date(ms).toISOString();
const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
/** Date-times from -271821 to 275760 (expanded years), the months around the test's today, 4-digit years 0000..9999 with any offset, and the very edges. */
const isoDate = fc.oneof(
  fc.integer({ min: -MAX_MS, max: MAX_MS }).map(iso),
  fc.integer({ min: Date.UTC(2026, 6, 1), max: Date.UTC(2027, 6, 1) }).map((ms) => iso(Math.floor(ms / 900_000) * 900_000)),
  fc
    .record({
      y: fc.integer({ min: 0, max: 9999 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 31 }),
      h: fc.integer({ min: 0, max: 23 }),
      off: fc.integer({ min: -14 * 60, max: 14 * 60 }),
    })
    .map(
      ({ y, mo, d, h, off }) =>
        `${pad(y, 4)}-${pad(mo)}-${pad(d)}T${pad(h)}:00:00${off < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(off) / 60))}:${pad(Math.abs(off) % 60)}`,
    ),
  fc.constantFrom(
    iso(MAX_MS),
    iso(-MAX_MS),
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59-14:00',
    '9999-12-31T23:00:00+01:00',
    '1970-01-01T00:00:00Z',
    '+275760-09-13T00:00:00.000Z',
    '-271821-04-20T00:00:00.000Z',
    '2027-02-01T10:00:00+01:00',
  ),
);
/** Dates as planners type them in CSV cells: dd-mm-jjjj uu:mm with any year (negative, 5 and 6 digits), and ISO. */
const csvDate = fc.oneof(
  fc
    .record({ y: fc.integer({ min: -300_000, max: 300_000 }), d: fc.integer({ min: 0, max: 32 }), mo: fc.integer({ min: 0, max: 13 }) })
    .map(({ y, d, mo }) => `${pad(d)}-${pad(mo)}-${y < 0 ? '-' : ''}${pad(y, 4)} 10:00`),
  isoDate,
  fc.constantFrom('01-09-2027 10:00', '31-12-9999 23:59', '01-01-1970 00:00', '01-01-0000 00:00', '13-09-275760 00:00'),
);

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  properties?: Record<string, Schema>;
  items?: Schema;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  minItems?: number;
  pattern?: string;
};

/** A body that passes the schema except for its dates, so they reach the handler (ids name the fixtures). */
function bodyOf(
  schema: Schema,
  doc: { components: { schemas: Record<string, Schema> } },
  ids: Record<string, number>,
  name = '',
  depth = 0,
): fc.Arbitrary<unknown> {
  if (schema.$ref) return bodyOf(doc.components.schemas[schema.$ref.split('/').pop()!]!, doc, ids, name, depth);
  const alternatives = schema.oneOf ?? schema.anyOf;
  if (alternatives) return fc.oneof(...alternatives.map((a) => bodyOf(a, doc, ids, name, depth)));
  if (schema.allOf) return bodyOf(schema.allOf[0]!, doc, ids, name, depth);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  switch (schema.type) {
    case 'string':
      if (schema.format === 'date-time' || schema.format === 'date') return isoDate;
      if (schema.pattern?.includes('\\d{20}') || /afnemer|oin/i.test(name)) return fc.constant(OIN_A);
      return fc.constant('tekst'.padEnd(schema.minLength ?? 1, 'x'));
    case 'integer':
    case 'number':
      return fc.constant(ids[name] ?? Math.min(Math.max(1, schema.minimum ?? 1), schema.maximum ?? 1));
    case 'boolean':
      return fc.boolean();
    case 'array':
      return depth > 4
        ? fc.constant([])
        : fc.array(bodyOf(schema.items ?? {}, doc, ids, name, depth + 1), {
            minLength: Math.max(1, schema.minItems ?? 1),
            maxLength: Math.max(1, schema.minItems ?? 1),
          });
    default:
      if (schema.properties && depth <= 4) {
        return fc.record(Object.fromEntries(Object.entries(schema.properties).map(([k, v]) => [k, bodyOf(v, doc, ids, k, depth + 1)])));
      }
      return fc.constant({});
  }
}

async function fixtures() {
  await t.sql`update capacity_profiles set rates_per_hour = array_fill(4000::float8, array[168])`;
  const csv = (a: Actor, row: string) =>
    t.app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });
  expect((await csv(who.plannerA, 'FX-A;x;Brief;01-03-2027 10:00;01-03-2027 11:00;3.000;definitief')).status).toBe(201);
  expect((await csv(who.plannerB, 'FX-B;x;Brief;01-03-2027 10:00;01-03-2027 11:00;2.000;concept')).status).toBe(201);
  const [conflict] = await t.sql`select id::int from conflicts where status = 'open' order by id limit 1`;
  const [win] = await t.sql`select id::int from send_windows where kenmerk = 'FX-A'`;
  const inc = await t.app.request('/api/v1/incidents', {
    method: 'POST',
    headers: { ...incident.headers, 'Content-Type': 'application/json' },
    body: JSON.stringify({ kind: 'mijnoverheid', title: 'Storing', description: 'x', channel: 'telefoon', priority: 'P3', afnemers: [OIN_A] }),
  });
  expect(inc.status).toBe(201);
  return { conflict: conflict!.id, window: win!.id, incident: (await inc.json()).id as number };
}

async function openApiOperations() {
  const doc = await (await t.app.request('/api/v1/openapi.json')).json();
  const ops: {
    method: string;
    path: string;
    op: { requestBody?: { content?: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] };
  }[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths as Record<string, Record<string, (typeof ops)[number]['op']>>)) {
    for (const [method, op] of Object.entries(byMethod)) ops.push({ method: method.toUpperCase(), path, op });
  }
  return { doc, ops };
}

/** The response; a live stream never ends by itself, so it is stopped once it has answered. */
async function answered(res: Response) {
  if (!res.headers.get('content-type')?.includes('text/event-stream')) return res;
  await res.body?.cancel();
  return new Response(null, { status: res.status, headers: res.headers });
}

describe('dates across the whole range JS can parse', () => {
  it('never answers 500 for any date in any date field of a JSON write, and stores nothing when it refuses', async () => {
    const fx = await fixtures();
    const { doc, ops } = await openApiOperations();
    const ids = { windowId: fx.window, id: fx.window };
    const pathOf = (path: string) =>
      path
        .replace(/^\/(conflicts)\/\{id\}/, `/$1/${fx.conflict}`)
        .replace(/^\/(incidents)\/\{id\}/, `/$1/${fx.incident}`)
        .replace(/\{[^}]+\}/g, '1');
    const targets = ops
      .filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method) && o.op.requestBody?.content?.['application/json'])
      .map((o) => ({ ...o, url: pathOf(o.path), body: bodyOf(o.op.requestBody!.content!['application/json']!.schema, doc, ids) }));
    expect(targets.length).toBeGreaterThan(20);
    const actors = [who.capacity, who.plannerA, incident, who.admin];
    const accepted = new Set<string>();
    for (const target of targets) {
      await fc.assert(
        fc.asyncProperty(target.body, fc.constantFrom(...actors), async (body, a) => {
          const before = await dbState();
          const res = await answered(
            await t.app.request(`/api/v1${target.url}`, {
              method: target.method,
              headers: { ...a.headers, 'Content-Type': 'application/json' },
              body: JSON.stringify(body),
            }),
          );
          expect(res.status, `${target.method} ${target.url} ${JSON.stringify(body)}: ${await res.clone().text()}`).toBeLessThan(500);
          await expectProblemOrSuccess(res);
          if (res.status < 300) accepted.add(`${target.method} ${target.path}`);
          if (res.status >= 400 && target.path !== '/sessions') expect(await dbState()).toEqual(before);
        }),
        { numRuns: 12 },
      );
    }
    // The bodies pass validation apart from their dates: several endpoints take some of them.
    expect(accepted.size, [...accepted].join(', ')).toBeGreaterThanOrEqual(6);
  }, 240_000);

  it('never answers 500 for any date in any date column of a CSV upload or its dry run, and stores nothing when it refuses', async () => {
    const header = 'kenmerk;berichttype;start;eind;aantal_berichten;status;vroegste_start;laatste_eind';
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(csvDate, csvDate, fc.option(csvDate), fc.option(csvDate)), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        async (rows, dry) => {
          const before = await dbState();
          const lines = rows.map(([s, e, vs, le], i) => `FZ-${i};Brief;${s};${e};100;concept;${vs ?? ''};${le ?? ''}`);
          const res = await t.app.request(`/api/v1/prognoses${dry ? '?dryRun=true' : ''}`, {
            method: 'POST',
            headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
            body: dutchCsv(lines, header),
          });
          await expectProblemOrSuccess(res);
          if (res.status >= 400 || dry) expect(await dbState()).toEqual(before);
        },
      ),
      { numRuns: 150 },
    );
  }, 120_000);

  it('never answers 500 for any date or text in the query of a read', async () => {
    const { ops } = await openApiOperations();
    const reads = ops.filter((o) => o.method === 'GET' && (o.op.parameters ?? []).some((p) => p.in === 'query'));
    expect(reads.length).toBeGreaterThan(10);
    const value = fc.oneof(isoDate, fc.string(), fc.integer().map(String), fc.constantFrom('-1', '1e309', 'NaN', '0', '99999999999999999999'));
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...reads),
        fc.array(value, { minLength: 6, maxLength: 9 }),
        fc.constantFrom(who.capacity, who.plannerA),
        async (read, values, a) => {
          const q = new URLSearchParams();
          (read.op.parameters ?? []).filter((p) => p.in === 'query').forEach((p, i) => q.set(p.name, values[i % values.length]!));
          const res = await answered(await t.app.request(`/api/v1${read.path.replace(/\{[^}]+\}/g, '1')}?${q}`, { headers: a.headers }));
          await expectProblemOrSuccess(res);
        },
      ),
      { numRuns: 250 },
    );
  }, 120_000);
});

describe('random bodies on every route', () => {
  it('answers every route, whatever the body and its type, with a success or a 4xx problem, never a 500', async () => {
    const { ops } = await openApiOperations();
    expect(ops.length).toBeGreaterThan(50);
    const types = [
      'application/json',
      'text/csv',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      'multipart/form-data; boundary=x',
      'text/plain',
      'application/x-www-form-urlencoded',
    ];
    const body = fc.oneof(
      fc.json(),
      fc.string(),
      fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b).toString('latin1')),
      fc.constant(''),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ops),
        fc.constantFrom(...types),
        body,
        fc.constantFrom(who.capacity, who.plannerA, who.admin),
        async (o, type, text, a) => {
          const before = await dbState();
          const res = await answered(
            await t.app.request(`/api/v1${o.path.replace(/\{[^}]+\}/g, '1')}`, {
              method: o.method,
              headers: { ...a.headers, 'Content-Type': type },
              body: o.method === 'GET' ? undefined : text,
            }),
          );
          await expectProblemOrSuccess(res);
          if (res.status >= 400 && o.path !== '/sessions') expect(await dbState()).toEqual(before);
        },
      ),
      { numRuns: 300 },
    );
  }, 120_000);
});
