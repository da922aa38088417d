// Hostile input at the edge of the API (issue 13): body limits before the body is read, 503 while the database
// is away, CSRF only skipped for a Bearer token that authenticated, no-store, authentication before validation,
// lockout without account enumeration, TRUST_PROXY, Dutch validation texts and plain dates in range parameters.
import { connect, createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createSql } from '@cd/db';
import { createApp } from '@cd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { apiRequest, OIN_A, standardActors, testDatabase, type TestContext } from './helpers/test-db.js';
import { errorIsDatabaseUnreachable } from '../server/src/lib/problem.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  await t.sql`update capacity_profiles set rates_per_hour = array_fill(4000::float8, array[168])`;
});
afterAll(() => t.close());

const PASSWORD = 'geheim-wachtwoord';
const MB = 1024 * 1024;

/** A fresh app on the test database: its own login limiter, so tests do not use up each other's attempts. */
function appFresh(extra: Partial<Parameters<typeof createApp>[0]> = {}) {
  return createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 12, ...extra });
}

function login(app: TestContext['app'], email: string, password: string, headers: Record<string, string> = {}) {
  return app.request('/api/v1/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
}

async function sessionCookie(app: TestContext['app'], email: string): Promise<string> {
  const res = await login(app, email, PASSWORD);
  expect(res.status).toBe(201);
  return /cd_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
}

const count = async (table: 'sessions' | 'send_windows' | 'maintenance_windows' | 'capacity_profiles') =>
  (await t.sql.unsafe(`select count(*)::int as n from ${table}`))[0]!.n as number;

// ---------- a real listener and raw sockets, so a body can be streamed and left unfinished ----------

async function listen(app: ReturnType<typeof createApp>): Promise<{ port: number; close(): Promise<void> }> {
  return new Promise((resolve) => {
    const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            (server as unknown as { closeAllConnections(): void }).closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
  /** Body bytes the client had written when the answer arrived. */
  sent: number;
}

/**
 * Writes `head`, then body pieces from `next` (until it returns null or an answer arrives), never ending the
 * body on its own. Resolves the answer, or null when none came within `waitMs`: a server that waits for the
 * whole body never answers.
 */
function rawExchange(port: number, head: string, next: (sent: number) => Buffer | null, waitMs = 4000): Promise<RawAnswer | null> {
  return new Promise((resolve) => {
    let received = '';
    let sent = 0;
    let answered = false;
    let sentAtAnswer = 0;
    const socket: Socket = connect(port, '127.0.0.1');
    const finish = (answer: RawAnswer | null) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => finish(null), waitMs);
    socket.on('error', () => {});
    socket.on('data', (d) => {
      if (!answered) sentAtAnswer = sent;
      answered = true;
      received += d.toString('utf8');
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const [statusLine, ...lines] = received.slice(0, end).split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      const body = received.slice(end + 4);
      if (headers['content-length'] && Buffer.byteLength(body) < Number(headers['content-length'])) return;
      finish({ status: Number(statusLine!.split(' ')[1]), headers, body, sent: sentAtAnswer });
    });
    socket.on('connect', () => {
      socket.write(head);
      const pump = () => {
        while (!answered) {
          const piece = next(sent);
          if (!piece) return;
          sent += piece.length;
          if (!socket.write(piece)) {
            socket.once('drain', pump);
            return;
          }
        }
      };
      pump();
    });
  });
}

describe('body limits', () => {
  let server: Awaited<ReturnType<typeof listen>>;
  beforeAll(async () => {
    server = await listen(appFresh());
  });
  afterAll(() => server.close());

  it('refuses a login body announced as 300 MB with 413 before reading it, and stores nothing', async () => {
    const before = await count('sessions');
    const piece = Buffer.from(`{"email":"planner@a.example","password":"${'x'.repeat(1000)}`);
    const answer = await rawExchange(
      server.port,
      'POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n' + `Content-Length: ${300 * MB}\r\n\r\n`,
      (sent) => (sent === 0 ? piece : null),
    );
    expect(answer, 'the server waited for the whole body').not.toBeNull();
    expect(answer!.status).toBe(413);
    expect(answer!.headers['content-type']).toBe('application/problem+json');
    expect(JSON.parse(answer!.body)).toMatchObject({ status: 413, title: 'Te groot', detail: expect.stringMatching(/groter dan 1 MB/) });
    expect(answer!.headers['cache-control']).toBe('no-store');
    expect(await count('sessions')).toBe(before);
  });

  it('refuses a chunked body without Content-Length as soon as it passes 1 MB, without waiting for its end', async () => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    const framed = Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]);
    const answer = await rawExchange(
      server.port,
      'POST /api/v1/sessions HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      // Never the closing 0-chunk: a server that reads to the end never answers.
      (sent) => (sent < 4 * MB ? framed : null),
    );
    expect(answer, 'the server waited for the end of the body').not.toBeNull();
    expect(answer!.status).toBe(413);
    expect(JSON.parse(answer!.body).detail).toMatch(/groter dan 1 MB/);
  });

  it('limits an authenticated JSON write on any other route to 1 MB, and changes nothing', async () => {
    const profiles = await count('capacity_profiles');
    const res = await apiRequest(t.app, 'PUT', '/api/v1/capacity-profile', who.capacity, { ratesPerHour: Array(168).fill(4000), padding: 'x'.repeat(MB + 10) });
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('capacity_profiles')).toBe(profiles);
  });

  it('keeps 20 MB for uploads: a 25 MB upload is refused unread, a 1.5 MB CSV goes through', async () => {
    const answer = await rawExchange(
      server.port,
      `POST /api/v1/prognoses HTTP/1.1\r\nHost: localhost\r\n${who.plannerA.headers.Authorization ? `Authorization: ${who.plannerA.headers.Authorization}\r\n` : ''}` +
        `Content-Type: text/csv\r\nContent-Length: ${25 * MB}\r\n\r\n`,
      (sent) => (sent === 0 ? Buffer.from('Kenmerk;') : null),
    );
    expect(answer).not.toBeNull();
    expect(answer!.status).toBe(413);
    expect(JSON.parse(answer!.body).detail).toMatch(/20 MB/);

    const rows = Array.from(
      { length: 22_000 },
      (_, i) =>
        `GROOT-${i};${'o'.repeat(20)};Brief;${String(1 + (i % 28)).padStart(2, '0')}-02-2027 10:00;${String(1 + (i % 28)).padStart(2, '0')}-02-2027 11:00;1;concept`,
    );
    const csv = dutchCsv(rows);
    expect(Buffer.byteLength(csv)).toBeGreaterThan(1.5 * MB);
    const res = await t.app.request('/api/v1/prognoses?dryRun=true', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: csv,
    });
    expect(res.status).toBe(200);
    expect((await res.json()).rowCount).toBe(22_000);
    expect(await count('send_windows')).toBe(0);
  });
});

// ---------- the database away ----------

/** A TCP relay to the test database that can be cut (as if PostgreSQL stopped) and restored on the same port. */
async function dbRelay(targetPort: number) {
  const sockets = new Set<Socket>();
  let server: Server | null = null;
  let port = 0;
  const start = () =>
    new Promise<void>((resolve) => {
      server = createServer((client) => {
        const upstream = connect(targetPort, '127.0.0.1');
        sockets.add(client).add(upstream);
        const end = () => {
          client.destroy();
          upstream.destroy();
          sockets.delete(client);
          sockets.delete(upstream);
        };
        client.on('error', end).on('close', end);
        upstream.on('error', end).on('close', end);
        client.pipe(upstream).pipe(client);
      });
      server.listen(port, '127.0.0.1', () => {
        port = (server!.address() as AddressInfo).port;
        resolve();
      });
    });
  await start();
  return {
    get port() {
      return port;
    },
    cut: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        sockets.clear();
        server!.close(() => resolve());
      }),
    restore: start,
  };
}

describe('database unreachable', () => {
  it('answers 503 problem+json with Retry-After when nothing listens on the database port', async () => {
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((r) => closed.close(r));
    const sql = createSql(`postgres://nobody@127.0.0.1:${port}/nergens`, { max: 1 });
    try {
      const app = createApp({ sql, now: () => t.clock.now, sessionHours: 12 });
      const res = await app.request('/api/v1/afnemers', { headers: who.plannerA.headers });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const body = await res.json();
      expect(body).toMatchObject({ status: 503, title: 'Niet beschikbaar' });
      expect(body.detail).toMatch(/^De database is niet bereikbaar/);
      const loginRes = await login(app, 'planner@a.example', PASSWORD);
      expect(loginRes.status).toBe(503);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('recognises a connection PostgreSQL itself terminates, and not an ordinary SQL error', async () => {
    const sql = createSql(t.url, { max: 1 });
    try {
      const missing = await sql`select * from bestaat_niet`.then(
        () => null,
        (e: unknown) => e,
      );
      expect((missing as { code?: string }).code).toBe('42P01');
      expect(errorIsDatabaseUnreachable(missing)).toBe(false);
      const terminated = await sql`select pg_terminate_backend(pg_backend_pid())`.then(
        () => null,
        (e: unknown) => e,
      );
      expect(['57P01', 'CONNECTION_CLOSED']).toContain((terminated as { code?: string }).code);
      expect(errorIsDatabaseUnreachable(terminated)).toBe(true);
    } finally {
      await sql.end({ timeout: 1 });
    }
  });

  it('answers 503 while the database connection is cut, and serves again once it is back', async () => {
    const relay = await dbRelay(Number(new URL(t.url).port));
    const url = new URL(t.url);
    url.port = String(relay.port);
    const sql = createSql(url.toString(), { max: 2 });
    try {
      const app = createApp({ sql, now: () => t.clock.now, sessionHours: 12 });
      const ok = await app.request('/api/v1/afnemers', { headers: who.plannerA.headers });
      expect(ok.status).toBe(200);
      await relay.cut();
      const down = await app.request('/api/v1/afnemers', { headers: who.plannerA.headers });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).not.toBeNull();
      expect((await down.json()).detail).toMatch(/De database is niet bereikbaar/);
      await relay.restore();
      const back = await app.request('/api/v1/afnemers', { headers: who.plannerA.headers });
      expect(back.status).toBe(200);
      expect((await back.json()).map((a: { oin: string }) => a.oin)).toContain(OIN_A);
    } finally {
      await sql.end({ timeout: 1 });
      await relay.cut().catch(() => {});
    }
  });
});

// ---------- CSRF ----------

describe('CSRF guard', () => {
  const csv = (kenmerk: string) => dutchCsv([`${kenmerk};x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept`]);

  it('still refuses a cross-site cookie write that carries a Basic Authorization header, and stores nothing', async () => {
    const app = appFresh();
    const cookie = await sessionCookie(app, 'planner@a.example');
    const res = await app.request('http://dashboard.example/api/v1/prognoses', {
      method: 'POST',
      headers: { Cookie: `cd_session=${cookie}`, Authorization: 'Basic Zm9vOmJhcg==', Origin: 'https://kwaadwillend.example', 'Content-Type': 'text/csv' },
      body: csv('CSRF-BASIC'),
    });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toMatch(/andere website/);
    expect((await t.sql`select count(*)::int as n from send_windows where kenmerk = 'CSRF-BASIC'`)[0]!.n).toBe(0);
  });

  it('does not fall back to the cookie when a Bearer token is bad: 401, nothing stored', async () => {
    const app = appFresh();
    const cookie = await sessionCookie(app, 'planner@a.example');
    const headers = {
      Cookie: `cd_session=${cookie}`,
      Authorization: 'Bearer cdt_ongeldig',
      Origin: 'https://kwaadwillend.example',
      'Content-Type': 'text/csv',
    };
    const res = await app.request('http://dashboard.example/api/v1/prognoses', { method: 'POST', headers, body: csv('CSRF-BEARER') });
    expect(res.status).toBe(401);
    expect((await t.sql`select count(*)::int as n from send_windows where kenmerk = 'CSRF-BEARER'`)[0]!.n).toBe(0);
    const me = await app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${cookie}`, Authorization: 'Bearer cdt_ongeldig' } });
    expect(me.status).toBe(401);
  });

  it('lets a valid Bearer token write from anywhere, also with a cookie beside it', async () => {
    const app = appFresh();
    const cookie = await sessionCookie(app, 'planner@b.example');
    const res = await app.request('http://dashboard.example/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, Cookie: `cd_session=${cookie}`, Origin: 'https://elders.example', 'Content-Type': 'text/csv' },
      body: csv('CSRF-TOKEN'),
    });
    expect(res.status).toBe(201);
    // The token decided who wrote: planner A, not the cookie's planner B.
    expect(await t.sql`select afnemer_oin from send_windows where kenmerk = 'CSRF-TOKEN'`).toEqual([{ afnemerOin: OIN_A }]);
  });
});

// ---------- headers and the order of checks ----------

describe('Cache-Control', () => {
  it('marks every /api answer no-store, errors included', async () => {
    const answers = [
      await t.app.request('/api/v1/afnemers', { headers: who.plannerA.headers }),
      await t.app.request('/api/v1/afnemers'),
      await t.app.request('/api/v1/bestaat-niet', { headers: who.plannerA.headers }),
      await t.app.request('/api/v1/load', { headers: who.plannerA.headers }),
      await t.app.request('/api/v1/openapi.json'),
      await t.app.request('/api/v1/prognoses/template.csv', { headers: who.plannerA.headers }),
    ];
    expect(answers.map((r) => r.status)).toEqual([200, 401, 404, 400, 200, 200]);
    for (const r of answers) expect(r.headers.get('cache-control'), `${r.url} ${r.status}`).toMatch(/(^|, *)no-store\b/);
  });
});

describe('authentication before validation', () => {
  it('answers 401 to anonymous callers whatever their parameters or body', async () => {
    const calls: [string, string, unknown?][] = [
      ['GET', '/api/v1/load'],
      ['GET', '/api/v1/load?from=gisteren'],
      ['GET', '/api/v1/reports/service'],
      ['GET', '/api/v1/reports/usage.xlsx'],
      ['GET', '/api/v1/conflicts?page=nul'],
      ['PUT', '/api/v1/capacity-profile', { ratesPerHour: 'veel' }],
      ['POST', '/api/v1/maintenance-windows', {}],
      ['GET', '/api/v1/prognoses/abc'],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.app.request(path, {
        method,
        headers: { 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      expect(`${method} ${path} ${res.status}`).toBe(`${method} ${path} 401`);
      expect((await res.json()).detail).toMatch(/Meld u aan/);
    }
    expect(await count('maintenance_windows')).toBe(0);
  });

  it('keeps the public operations public: login validates, logout, the OpenAPI document and a feed by its token', async () => {
    const bad = await t.app.request('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}' });
    expect(bad.status).toBe(400);
    expect((await t.app.request('/api/v1/sessions/current', { method: 'DELETE' })).status).toBe(204);
    expect((await t.app.request('/api/v1/openapi.json')).status).toBe(200);
    expect((await t.app.request('/api/v1/calendar-feeds/cdf_bestaatniet.ics')).status).toBe(404);
    expect((await t.app.request('/api/v1/calendar-feeds')).status).toBe(401);
  });

  it('validates once the caller is known: a signed-in planner without from/to gets 400', async () => {
    const res = await t.app.request('/api/v1/load', { headers: who.plannerA.headers });
    expect(res.status).toBe(400);
    expect((await res.json()).errors.map((e: { field: string }) => e.field).sort()).toEqual(['from', 'to']);
  });
});

// ---------- lockout ----------

describe('login lockout without enumeration', () => {
  it('answers a known and an unknown e-mail alike, also after five failures', async () => {
    const app = appFresh();
    const answers = async (email: string) => {
      const out = [];
      for (let i = 0; i < 7; i++) {
        const res = await login(app, email, 'fout-wachtwoord');
        out.push(`${res.status} ${(await res.json()).detail}`);
      }
      return out;
    };
    const known = await answers('klantraad@a.example');
    const unknown = await answers('niemand-hier@a.example');
    expect(known).toEqual(unknown);
    expect(new Set(known).size).toBe(1);
    // The known account is locked all the same, in the database.
    const [u] = await t.sql`select failed_logins, locked_until from users where email = 'klantraad@a.example'`;
    expect(u!.lockedUntil.getTime()).toBe(t.clock.now.getTime() + 15 * 60_000);
    // Only the right password tells that the account is locked; no session is made.
    const sessions = await count('sessions');
    const locked = await login(app, 'klantraad@a.example', PASSWORD);
    expect(locked.status).toBe(429);
    expect((await locked.json()).detail).toMatch(/tijdelijk geblokkeerd/);
    expect(await count('sessions')).toBe(sessions);
    // After the lock, the right password works again.
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 16 * 60_000);
    try {
      expect((await login(app, 'klantraad@a.example', PASSWORD)).status).toBe(201);
    } finally {
      t.clock.now = saved;
    }
  });
});

// ---------- proxies ----------

describe('TRUST_PROXY', () => {
  it('without it, X-Forwarded-For and X-Forwarded-Proto are ignored', async () => {
    const app = appFresh();
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(app, `niemand${i}@x.example`, 'fout', { 'X-Forwarded-For': `203.0.113.${i}` })).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const res = await login(appFresh(), 'planner@a.example', PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(res.status).toBe(201);
    expect(res.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });

  it('with it, limits logins per forwarded address and marks the cookie Secure behind https', async () => {
    const app = appFresh({ trustProxy: true });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(app, `niemand${i}@x.example`, 'fout', { 'X-Forwarded-For': '198.51.100.1, 203.0.113.9' })).status);
    expect(statuses[30]).toBe(429);
    // Another client behind the same proxy is a different key; the client-written left part is not trusted.
    expect((await login(app, 'niemand@x.example', 'fout', { 'X-Forwarded-For': '198.51.100.1, 203.0.113.10' })).status).toBe(401);
    expect((await login(app, 'niemand@x.example', 'fout', { 'X-Forwarded-For': '198.51.100.2, 203.0.113.9' })).status).toBe(429);
    const https = await login(appFresh({ trustProxy: true }), 'planner@a.example', PASSWORD, { 'X-Forwarded-Proto': 'https' });
    expect(https.status).toBe(201);
    expect(https.headers.get('set-cookie')).toMatch(/;\s*Secure/i);
    const http = await login(appFresh({ trustProxy: true }), 'planner@a.example', PASSWORD, { 'X-Forwarded-Proto': 'http' });
    expect(http.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);
  });
});

// ---------- Dutch ----------

const ENGLISH = /invalid|expected|received|required|malformed|too (small|big)/i;

describe('Dutch problem details', () => {
  it('turns malformed JSON into a Dutch 400', async () => {
    const res = await t.app.request('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email": ' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const body = await res.json();
    expect(body.detail).toBe('De aanvraag bevat geen geldige JSON.');
  });

  it('gives every validation message in Dutch, and stores nothing', async () => {
    const res = await apiRequest(t.app, 'POST', '/api/v1/maintenance-windows', who.capacity, { factor: 'half', kind: 'feest', extra: 1 });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['end', 'factor', 'kind', 'reason', 'start']);
    for (const e of body.errors) expect(e.message, e.field).not.toMatch(ENGLISH);
    expect(body.errors.find((e: { field: string }) => e.field === 'start').message).toBe('Dit veld ontbreekt.');
    expect(await count('maintenance_windows')).toBe(0);

    const query = await t.app.request('/api/v1/conflicts?page=nul&pageSize=5000', { headers: who.plannerA.headers });
    expect(query.status).toBe(400);
    for (const e of (await query.json()).errors) expect(e.message, e.field).not.toMatch(ENGLISH);
  });
});

// ---------- range parameters ----------

describe('range parameters accept a plain date as midnight in Amsterdam', () => {
  it('GET /load counts 23 hours on the day summer time begins and 25 on the day it ends', async () => {
    const spring = await t.app.request('/api/v1/load?from=2027-03-28&to=2027-03-29&bucket=1h', { headers: who.plannerA.headers });
    expect(spring.status).toBe(200);
    const s = await spring.json();
    expect([s.from, s.to, s.starts.length]).toEqual(['2027-03-27T23:00:00.000Z', '2027-03-28T22:00:00.000Z', 23]);
    const autumn = await (await t.app.request('/api/v1/load?from=2027-10-31&to=2027-11-01&bucket=1h', { headers: who.plannerA.headers })).json();
    expect([autumn.from, autumn.to, autumn.starts.length]).toEqual(['2027-10-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z', 25]);
    // A date-time with an offset still works, and means what it says.
    const exact = await (
      await t.app.request(
        `/api/v1/load?from=${encodeURIComponent('2027-03-28T00:00:00+01:00')}&to=${encodeURIComponent('2027-03-28T04:00:00+02:00')}&bucket=1h`,
        { headers: who.plannerA.headers },
      )
    ).json();
    expect(exact.starts.length).toBe(3);
  });

  it('filters windows by Amsterdam midnight, not UTC midnight (GET /prognoses)', async () => {
    // 00:15-00:45 on 28 March in Amsterdam is 23:15-23:45 UTC on the 27th.
    const post = await apiRequest(t.app, 'POST', '/api/v1/prognoses', who.plannerA, {
      windows: [
        { kenmerk: 'NACHT-28', berichttype: 'Brief', start: '2027-03-27T23:15:00Z', eind: '2027-03-27T23:45:00Z', aantalBerichten: 10, status: 'concept' },
        { kenmerk: 'AVOND-27', berichttype: 'Brief', start: '2027-03-27T21:00:00Z', eind: '2027-03-27T22:00:00Z', aantalBerichten: 10, status: 'concept' },
      ],
    });
    expect(post.status).toBe(201);
    const res = await t.app.request('/api/v1/prognoses?from=2027-03-28&to=2027-03-29', { headers: who.plannerA.headers });
    expect(res.status).toBe(200);
    expect((await res.json()).items.map((w: { kenmerk: string }) => w.kenmerk)).toEqual(['NACHT-28']);
  });

  it('is accepted by every range parameter', async () => {
    const paths = [
      '/api/v1/conflicts?from=2027-10-31&to=2027-11-01',
      '/api/v1/incidents?from=2027-10-31&to=2027-11-01',
      '/api/v1/maintenance-windows?from=2027-10-31&to=2027-11-01',
      '/api/v1/releases?from=2027-10-31&to=2027-11-01',
      '/api/v1/reports/service?from=2027-10-01&to=2027-11-01',
    ];
    for (const p of paths) {
      const res = await t.app.request(p, { headers: who.capacity.headers });
      expect(`${p} ${res.status}`).toBe(`${p} 200`);
    }
    const report = await (
      await t.app.request('/api/v1/reports/service?from=2027-10-01&to=2027-11-01', { headers: { ...who.capacity.headers, Accept: 'application/json' } })
    ).json();
    expect([report.from, report.to]).toEqual(['2027-09-30T22:00:00.000Z', '2027-10-31T23:00:00.000Z']);
  });

  it('refuses a date that does not exist, in Dutch', async () => {
    const res = await t.app.request('/api/v1/load?from=2027-02-30&to=2027-03-01', { headers: who.plannerA.headers });
    expect(res.status).toBe(400);
    const body = await res.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].field).toBe('from');
    expect(body.errors[0].message).not.toMatch(ENGLISH);
  });
});
