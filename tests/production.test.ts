// The built server (server/dist, built by the globalSetup tests/helpers/server-build.ts) run as production runs
// it: `node server/dist/index.js`, no tsx, stdout a pipe. Probes, unknown API paths, its logs and a graceful
// SIGTERM, on its own PostgreSQL, because this file stops and starts it.
// On the machine's clock, not the tests' (TEST_NOW): this is the production artifact, and a production server never
// takes another clock (server/src/index.ts passes the real one; tests/e2e/clock.test.ts checks it never reads
// TEST_NOW). So the dates this file sends are counted from Date.now(), as that server counts its planning horizon.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { createSql, migrate, startEmbeddedPostgres, type EmbeddedServer, type Sql } from '@cd/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv, dutchCsvDate } from './helpers/files.js';
import { SERVER_DIST } from './helpers/server-build.js';
import { standardActors } from './helpers/test-db.js';
import { freePort } from './helpers/free-port.js';

const DATA_DIR = `.data/test/production-${process.pid}`;
let pg: EmbeddedServer;
let pgPort: number;
let sql: Sql;
let server: ChildProcess;
let port: number;
let base: string;
let stdout = '';
let stderr = '';
let exited: Promise<{ code: number | null; signal: string | null }>;
let who: Awaited<ReturnType<typeof standardActors>>;

async function waitUntil(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

beforeAll(async () => {
  pgPort = await freePort();
  pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
  sql = createSql(pg.url, { max: 4 });
  await migrate(sql);
  who = await standardActors(sql);
  port = await freePort();
  expect(existsSync(join(SERVER_DIST, 'index.js')), 'server/dist/index.js is built').toBe(true);
  // Plain node on the bundle: no --import tsx, no loader of any kind. TEST_NOW far from today: the built server must
  // ignore it (the upload below, dated from Date.now(), would be outside the horizon of a server that read it).
  server = spawn(process.execPath, [join(SERVER_DIST, 'index.js')], {
    env: { ...process.env, NODE_OPTIONS: '', DATABASE_URL: pg.url, PORT: String(port), DEMO: '0', LOG_LEVEL: 'info', TEST_NOW: '2099-06-01T12:00:00+02:00' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout!.on('data', (d: Buffer) => {
    stdout += String(d);
  });
  server.stderr!.on('data', (d: Buffer) => {
    stderr += String(d);
  });
  exited = new Promise((resolve) => server.once('exit', (code, signal) => resolve({ code, signal })));
  const up = await Promise.race([waitUntil(async () => stdout.includes('draait op'), 60_000), exited.then(() => false)]);
  expect(up, `the built server did not start: ${stdout}\n${stderr}`).toBe(true);
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  if (server.exitCode === null && server.signalCode === null) {
    server.kill('SIGKILL');
    await exited;
  }
  await sql.end({ timeout: 1 });
  await pg.stop();
  await rm(DATA_DIR, { recursive: true, force: true });
});

describe('the built server', () => {
  it("parses an upload in its own bundled CPU worker and stores it, on the machine's clock whatever TEST_NOW says", async () => {
    const res = await fetch(`${base}/api/v1/prognoses`, {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv([
        `BUILT-1;x;Brief;${dutchCsvDate(Date.now(), 30)} 10:00;${dutchCsvDate(Date.now(), 30)} 11:00;1.250;concept`,
        `BUILT-2;x;Brief;${dutchCsvDate(Date.now(), 31)} 10:00;${dutchCsvDate(Date.now(), 31)} 12:00;500;definitief`,
      ]),
    });
    expect(res.status, await res.clone().text()).toBe(201);
    const rows = await sql<{ kenmerk: string; n: number }[]>`
      select kenmerk, aantal_berichten::int as n from send_windows where kenmerk like 'BUILT-%' order by kenmerk`;
    expect(rows.map((r) => [r.kenmerk, r.n])).toEqual([
      ['BUILT-1', 1250],
      ['BUILT-2', 500],
    ]);
  });

  it('answers GET /health with JSON, without asking the database', async () => {
    const res = await fetch(`${base}/health`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers GET /ready 200 while the database answers and every migration is applied', async () => {
    const res = await fetch(`${base}/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('answers an unknown /api path with 404 problem+json, signed in or not; a known path still wants a sign-in', async () => {
    for (const headers of [{}, who.plannerA.headers]) {
      for (const [method, path] of [
        ['GET', '/api/v1/does-not-exist'],
        ['POST', '/api/v1/conflicts/1/nothing-here'],
        ['GET', '/api/v2/prognoses'],
        ['GET', '/api/'],
      ] as const) {
        const res = await fetch(`${base}${path}`, { method, headers });
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        const body = await res.json();
        expect(body).toMatchObject({ status: 404, title: 'Niet gevonden' });
        expect(body.detail).toContain(path);
      }
    }
    const known = await fetch(`${base}/api/v1/conflicts/1`);
    expect(known.status).toBe(401);
  });

  it('answers GET /ready 503 problem+json while a migration is missing, and 200 once it is there again', async () => {
    const [last] = await sql<{ name: string; at: Date }[]>`select name, applied_at as at from schema_migrations order by name desc limit 1`;
    await sql`delete from schema_migrations where name = ${last!.name}`;
    try {
      const res = await fetch(`${base}/ready`);
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('retry-after')).toMatch(/^\d+$/);
      const body = await res.json();
      expect(body).toMatchObject({ status: 503, title: 'Niet beschikbaar' });
      expect(body.detail).toBe(`De database mist 1 migratie: ${last!.name}.`);
      // Liveness is not readiness: the process itself is fine.
      expect((await fetch(`${base}/health`)).status).toBe(200);
    } finally {
      await sql`insert into schema_migrations (name, applied_at) values (${last!.name}, ${last!.at})`;
    }
    expect((await fetch(`${base}/ready`)).status).toBe(200);
  });

  it('answers GET /ready 503 while the database is stopped, keeps /health at 200, and is ready again once it is back', async () => {
    await sql.end({ timeout: 1 });
    await pg.stop();
    try {
      const started = Date.now();
      const res = await fetch(`${base}/ready`);
      expect(res.status).toBe(503);
      expect(Date.now() - started, 'a probe answers within its own timeout').toBeLessThan(5000);
      const body = await res.json();
      expect(body).toMatchObject({ status: 503, detail: 'De database is niet bereikbaar.' });
      expect(JSON.stringify(body), 'no host or port of the database to an anonymous caller').not.toContain(String(pgPort));
      const health = await fetch(`${base}/health`);
      expect(health.status).toBe(200);
    } finally {
      pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
      sql = createSql(pg.url, { max: 4 });
    }
    expect(await waitUntil(async () => (await fetch(`${base}/ready`)).status === 200, 30_000), 'ready again after the database is back').toBe(true);
  }, 60_000);

  it('writes only JSON lines to stdout (a pipe): start lines, request lines and warnings alike', () => {
    const lines = stdout.split('\n').filter((l) => l !== '');
    expect(lines.length).toBeGreaterThan(3);
    const parsed = lines.map((l) => {
      try {
        return JSON.parse(l) as { level: number; msg: string; path?: string };
      } catch {
        throw new Error(`not a JSON line: ${l}`);
      }
    });
    for (const p of parsed) expect(typeof p.level).toBe('number');
    expect(parsed.some((p) => p.msg.includes('draait op'))).toBe(true);
    expect(parsed.some((p) => p.msg === 'request' && p.path === '/api/v1/prognoses')).toBe(true);
    expect(parsed.some((p) => p.msg === 'ready: database unreachable')).toBe(true);
    expect(stderr).toBe('');
  });

  it('on SIGTERM refuses new connections, ends live streams with a reconnect event, finishes a request under way, cuts one still running after 10 s and exits 0', async () => {
    // A live stream, open and past its first event.
    const events = await fetch(`${base}/api/v1/events`, { headers: who.capacity.headers });
    expect(events.status).toBe(200);
    const reader = events.body!.getReader();
    let streamed = '';
    const decoder = new TextDecoder();
    const streamEnded = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return true;
        streamed += decoder.decode(value, { stream: true });
      }
    })();
    expect(await waitUntil(async () => streamed.includes('event: ready'), 5000)).toBe(true);

    // A request under way: a sign-in whose body is only half sent when the signal comes.
    const body = JSON.stringify({ email: 'planner@a.example', password: 'geheim-wachtwoord' });
    const half = Math.floor(body.length / 2);
    const slow = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/sessions',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    });
    const answer = new Promise<{ status: number; cookie: string; text: string }>((resolve, reject) => {
      slow.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => {
          text += String(d);
        });
        res.on('end', () => resolve({ status: res.statusCode!, cookie: String(res.headers['set-cookie'] ?? ''), text }));
      });
      slow.on('error', reject);
    });
    slow.write(body.slice(0, half));
    // And one that never finishes: after the grace period its connection is cut.
    const stuck = request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/sessions',
      agent: false,
      headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) },
    });
    const stuckEnd = new Promise<{ how: string; at: number }>((resolve) => {
      stuck.on('response', (res) => resolve({ how: `answered ${res.statusCode}`, at: Date.now() }));
      stuck.on('error', (e: NodeJS.ErrnoException) => resolve({ how: e.code ?? 'error', at: Date.now() }));
    });
    stuck.write(body.slice(0, half));
    await new Promise((r) => setTimeout(r, 300));
    const sessionsBefore = Number((await sql<{ n: string }[]>`select count(*) as n from sessions`)[0]!.n);

    const signalled = Date.now();
    server.kill('SIGTERM');
    expect(await waitUntil(async () => stdout.includes('Afsluiten'), 5000), stdout).toBe(true);

    // The live stream is told to reconnect (soon, elsewhere) and ends.
    expect(await Promise.race([streamEnded, new Promise((r) => setTimeout(() => r(false), 5000))]), streamed).toBe(true);
    expect(streamed).toMatch(/event: reconnect\ndata: \{\}\nretry: \d+\n/);

    // No new connection is accepted.
    const refused = await new Promise<string>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve('connected');
      });
      socket.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? 'error'));
    });
    expect(refused).toBe('ECONNREFUSED');

    // The server is still waiting for the request under way, which completes and is stored.
    await new Promise((r) => setTimeout(r, 1000));
    expect(server.exitCode, 'still running while a request is under way').toBeNull();
    slow.end(body.slice(half));
    const done = await answer;
    expect(done.status, done.text).toBe(201);
    expect(done.cookie).toContain('cd_session=');
    expect(Number((await sql<{ n: string }[]>`select count(*) as n from sessions`)[0]!.n)).toBe(sessionsBefore + 1);

    // The stuck request keeps the server up to the 10 s grace period, then its connection is cut and the server exits 0.
    const cut = await stuckEnd;
    expect(cut.how).toBe('ECONNRESET');
    expect(cut.at - signalled).toBeGreaterThanOrEqual(9_500);
    expect(cut.at - signalled).toBeLessThan(14_000);
    const exit = await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 15_000))]);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('liepen er nog verzoeken');
    expect(stdout).toContain('Afgesloten.');
    for (const line of stdout.split('\n').filter((l) => l !== '')) expect(() => JSON.parse(line), line).not.toThrow();
  }, 60_000);
});
