// GET /metrics: protected by METRICS_TOKEN (or on its own METRICS_PORT), 404 when neither is set, and figures that
// follow what happened: request counts per route pattern, recomputes, open conflicts per step and the outbox as
// stored, live-stream clients and the database pool.
import { randomBytes } from 'node:crypto';
import { createSql } from '@cd/db';
import { createApp } from '@cd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsCreate, metricsServerStart } from '@cd/server/metrics';
import { dutchCsv } from './helpers/files.js';
import { type Actor, standardActors, type TestContext, testDatabase } from './helpers/test-db.js';
import { capacityFlat } from './helpers/conflict-seed.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const TOKEN = `metriek-${randomBytes(12).toString('hex')}`;
let app: TestContext['app'];

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  app = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 12, metricsToken: TOKEN });
});
afterAll(() => t.close());

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function samplesParse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const m = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!m) continue;
    const labels: Record<string, string> = {};
    for (const l of (m[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[l[1]!] = l[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return samples;
}

async function scrape(): Promise<Sample[]> {
  const res = await app.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } });
  expect(res.status).toBe(200);
  return samplesParse(await res.text());
}

/** The value of the one sample named `name` whose labels include `labels`; 0 when there is none. */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)}`).toBeLessThanOrEqual(1);
  return found[0]?.value ?? 0;
}

/** Requests of `route` with `status` counted so far, over all methods. */
const requestCount = (samples: Sample[], route: string, status: string) =>
  samples
    .filter((s) => s.name === 'cd_http_request_duration_seconds_count' && s.labels.route === route && s.labels.status === status)
    .reduce((sum, s) => sum + s.value, 0);

const upload = (a: Actor, row: string) =>
  app.request('/api/v1/prognoses', { method: 'POST', headers: { ...a.headers, 'Content-Type': 'text/csv' }, body: dutchCsv([row]) });

describe('GET /metrics', () => {
  it('refuses a scrape without the token, with a wrong one and with a user’s API token: 401 problem+json in Dutch', async () => {
    const wrong = `${TOKEN.slice(0, -1)}${TOKEN.endsWith('0') ? '1' : '0'}`;
    for (const headers of [
      {},
      { Authorization: `Bearer ${wrong}` },
      who.admin.headers,
      { Authorization: `Basic ${btoa(`x:${TOKEN}`)}` },
      { Authorization: 'Bearer' },
    ]) {
      const res = await app.request('/metrics', { headers });
      expect(res.status, JSON.stringify(headers)).toBe(401);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      const body = await res.json();
      expect(body).toMatchObject({ status: 401, title: 'Niet aangemeld' });
      expect(body.detail).toMatch(/METRICS_TOKEN/);
      expect(JSON.stringify(body)).not.toContain('cd_http_request');
    }
  });

  it('is 404 when METRICS_TOKEN is not set, also with a token, and is never part of the OpenAPI document', async () => {
    const plain = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 12 });
    for (const headers of [{}, { Authorization: `Bearer ${TOKEN}` }] as Record<string, string>[]) {
      const res = await plain.request('/metrics', { headers });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(await res.text()).not.toContain('cd_');
    }
    const doc = await (await app.request('/api/v1/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.includes('metrics'))).toEqual([]);
  });

  it('serves the Prometheus text format with every metric the operator needs, and no-store', async () => {
    const res = await app.request('/metrics', { headers: { Authorization: `bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    for (const [name, type] of [
      ['cd_http_request_duration_seconds', 'histogram'],
      ['cd_recompute_duration_seconds', 'histogram'],
      ['cd_db_pool_in_use', 'gauge'],
      ['cd_db_pool_max', 'gauge'],
      ['cd_sse_clients', 'gauge'],
      ['cd_outbox_backlog', 'gauge'],
      ['cd_conflicts_open', 'gauge'],
      ['cd_database_up', 'gauge'],
      ['cd_process_resident_memory_bytes', 'gauge'],
    ]) {
      expect(text, name).toContain(`# TYPE ${name} ${type}`);
    }
  });

  it('counts requests by route pattern, never by raw path, and unknown API paths as one label', async () => {
    const before = await scrape();
    for (const id of [990001, 990002, 990003]) {
      expect((await app.request(`/api/v1/conflicts/${id}`, { headers: who.capacity.headers })).status).toBe(404);
    }
    expect((await app.request('/api/v1/bestaat-niet-123', { headers: who.capacity.headers })).status).toBe(404);
    expect((await app.request('/api/v1/load', {})).status).toBe(401);
    const after = await scrape();
    expect(requestCount(after, '/api/v1/conflicts/:id', '404') - requestCount(before, '/api/v1/conflicts/:id', '404')).toBe(3);
    expect(requestCount(after, 'unmatched', '404') - requestCount(before, 'unmatched', '404')).toBe(1);
    // A request refused before its handler still counts under the route it asked for.
    expect(requestCount(after, '/api/v1/load', '401') - requestCount(before, '/api/v1/load', '401')).toBe(1);
    const routes = new Set(after.filter((s) => s.name === 'cd_http_request_duration_seconds_count').map((s) => s.labels.route));
    expect([...routes].filter((r) => /99000|bestaat-niet/.test(r ?? ''))).toEqual([]);
    // The scrape itself was timed too (under its own route) before this one ran.
    expect(requestCount(after, '/metrics', '200')).toBeGreaterThanOrEqual(1);
  });

  it('labels by the route that answered, also with the web app’s fallback registered after the API (as index.ts does)', async () => {
    const served = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 12, metricsToken: TOKEN });
    served.get('/*', (c) => c.text('web'));
    const scrapeServed = async () => samplesParse(await (await served.request('/metrics', { headers: { Authorization: `Bearer ${TOKEN}` } })).text());
    const before = await scrapeServed();
    expect((await served.request('/api/v1/sessions/current', { headers: who.plannerA.headers })).status).toBe(200);
    expect((await served.request('/api/v1/sessions/current')).status).toBe(401);
    expect((await served.request('/overzicht/conflicten')).status).toBe(200);
    const after = await scrapeServed();
    const delta = (route: string, status: string) => requestCount(after, route, status) - requestCount(before, route, status);
    expect(delta('/api/v1/sessions/current', '200')).toBe(1);
    expect(delta('/api/v1/sessions/current', '401')).toBe(1);
    expect(delta('/*', '200')).toBe(1);
  });

  it('times each recompute, and reports open conflicts per procedure step and the outbox backlog as stored', async () => {
    await t.sql`truncate conflicts, conflict_cases, conflict_events, notifications, outbox, send_window_revisions, send_windows, deliveries cascade`;
    await capacityFlat({ app }, who.capacity);
    const before = await scrape();
    expect((await upload(who.plannerA, 'A-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;3.000;definitief')).status).toBe(201);
    expect((await upload(who.plannerB, 'B-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;2.000;concept')).status).toBe(201);
    expect((await upload(who.plannerA, 'A-2;x;Brief;08-02-2027 10:00;08-02-2027 11:00;4.500;definitief')).status).toBe(201);
    const after = await scrape();
    expect(value(after, 'cd_recompute_duration_seconds_count') - value(before, 'cd_recompute_duration_seconds_count')).toBe(3);
    expect(requestCount(after, '/api/v1/prognoses', '201') - requestCount(before, '/api/v1/prognoses', '201')).toBe(3);

    const stored = async () => {
      const rows = await t.sql<{ step: string; n: number }[]>`
        select cc.step, count(*)::int as n from conflicts c join conflict_cases cc on cc.conflict_id = c.id where c.status = 'open' group by cc.step`;
      return Object.fromEntries(rows.map((r) => [r.step, r.n]));
    };
    const reported = (samples: Sample[]) =>
      Object.fromEntries(samples.filter((s) => s.name === 'cd_conflicts_open' && s.value > 0).map((s) => [s.labels.step, s.value]));
    expect(await stored()).toEqual({ 'planner-adjusts': 2 });
    expect(reported(after)).toEqual(await stored());
    // Every open step is reported, also with 0; 'resolved' is not a step of an open conflict.
    expect(after.filter((s) => s.name === 'cd_conflicts_open').map((s) => s.labels.step)).toEqual([
      'planner-adjusts',
      'logius-contacted',
      'joint-assessment',
      'planning-adjusted',
      'escalated',
      'logius-decides',
    ]);

    // The first (A and B on 1 February): planner A asks Logius for help, so it moves to step 2.
    const [{ id: first }] = (await t.sql`select id::int from conflicts where status = 'open' order by start_at limit 1`) as unknown as [{ id: number }];
    const moved = await app.request(`/api/v1/conflicts/${first}/actions`, {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'contact-logius', message: 'Wij kunnen niet schuiven.' }),
    });
    expect(moved.status).toBe(200);
    const later = await scrape();
    expect(await stored()).toEqual({ 'planner-adjusts': 1, 'logius-contacted': 1 });
    expect(reported(later)).toEqual(await stored());

    const backlog = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from outbox where sent_at is null`)[0]!.n;
    expect(await backlog()).toBeGreaterThan(0);
    expect(value(later, 'cd_outbox_backlog')).toBe(await backlog());
    await t.sql`update outbox set sent_at = now() where id = (select min(id) from outbox)`;
    expect(value(await scrape(), 'cd_outbox_backlog')).toBe(value(later, 'cd_outbox_backlog') - 1);
    expect(value(await scrape(), 'cd_outbox_backlog')).toBe(await backlog());
  });

  it('counts open live streams, and forgets one when its client goes', async () => {
    const before = value(await scrape(), 'cd_sse_clients');
    const stream = await app.request('/api/v1/events', { headers: who.plannerA.headers });
    expect(stream.status).toBe(200);
    const reader = stream.body!.getReader();
    const first = new TextDecoder().decode((await reader.read()).value);
    expect(first).toContain('event: ready');
    expect(value(await scrape(), 'cd_sse_clients')).toBe(before + 1);
    await reader.cancel();
    let now = before + 1;
    for (const deadline = Date.now() + 3000; now !== before && Date.now() < deadline; ) {
      await new Promise((r) => setTimeout(r, 50));
      now = value(await scrape(), 'cd_sse_clients');
    }
    expect(now).toBe(before);
  });

  it('reports the pool size and how many of its connections are busy, leaving out the scrape’s own', async () => {
    const idle = await scrape();
    expect(value(idle, 'cd_db_pool_max')).toBe(8);
    expect(value(idle, 'cd_db_pool_in_use')).toBe(0);
    expect(value(idle, 'cd_database_up')).toBe(1);
    const during = await t.sql.begin(async (tx) => {
      await tx`select 1`;
      return scrape();
    });
    expect(value(during, 'cd_db_pool_in_use')).toBe(1);
    expect(value(await scrape(), 'cd_db_pool_in_use')).toBe(0);
  });

  it('still answers when the database is unreachable, with cd_database_up 0', async () => {
    const dead = createSql('postgres://nobody@127.0.0.1:1/none', { max: 1 });
    try {
      const { body } = await metricsCreate(dead).scrape();
      expect(value(samplesParse(body), 'cd_database_up')).toBe(0);
      expect(body).toContain('# TYPE cd_http_request_duration_seconds histogram');
    } finally {
      await dead.end({ timeout: 0 });
    }
  });
});

describe('metricsServerStart (METRICS_PORT)', () => {
  it('serves only GET /metrics on its own port, without a token when none is set', async () => {
    const metrics = metricsCreate(t.sql);
    const server = await metricsServerStart(metrics, { port: 0, host: '127.0.0.1' });
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      expect(value(samplesParse(await res.text()), 'cd_database_up')).toBe(1);
      const other = await fetch(`http://127.0.0.1:${server.port}/api/v1/load`);
      expect(other.status).toBe(404);
      expect(other.headers.get('content-type')).toBe('application/problem+json');
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { method: 'POST' })).status).toBe(404);
    } finally {
      await server.close();
    }
  });

  it('asks for METRICS_TOKEN there too when it is set', async () => {
    const server = await metricsServerStart(metricsCreate(t.sql), { port: 0, host: '127.0.0.1', token: TOKEN });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`)).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { Authorization: 'Bearer fout-fout-fout-fout' } })).status).toBe(401);
      expect((await fetch(`http://127.0.0.1:${server.port}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } })).status).toBe(200);
    } finally {
      await server.close();
    }
  });
});
