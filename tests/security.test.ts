import { Writable } from 'node:stream';
import { createApp } from '@cd/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loggerCreate } from '../server/src/lib/logger.js';
import { dutchCsv } from './helpers/files.js';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

function login(app: TestContext['app'], email: string, password: string) {
  return app.request('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }) });
}

describe('login lockout', () => {
  it('locks an account for 15 minutes after five failures, also against the right password, then lets it in', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(t.app, 'planner@b.example', 'fout')).status);
    // A wrong password is always 401, locked or not (no account enumeration, see hostile-edge.test.ts).
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const [u] = await t.sql`select failed_logins, locked_until from users where email = 'planner@b.example'`;
    expect(u!.lockedUntil.getTime()).toBe(t.clock.now.getTime() + 15 * 60_000);
    const locked = await login(t.app, 'planner@b.example', 'geheim-wachtwoord');
    expect(locked.status).toBe(429);
    // The client learns when to try again: the lock's 15 minutes, in seconds.
    expect(locked.headers.get('retry-after')).toBe(String(15 * 60));
    expect((await locked.json()).detail).toMatch(/tijdelijk geblokkeerd/);
    expect((await t.sql`select count(*)::int as n from sessions`)[0]!.n).toBe(0);

    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 16 * 60_000);
    expect((await login(t.app, 'planner@b.example', 'geheim-wachtwoord')).status).toBe(201);
    t.clock.now = saved;
    const [after] = await t.sql`select failed_logins, locked_until from users where email = 'planner@b.example'`;
    expect(after).toEqual({ failedLogins: 0, lockedUntil: null });
  });

  it('slows down many attempts from one address across accounts', async () => {
    const app = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 1 });
    const statuses = [];
    for (let i = 0; i < 31; i++) statuses.push((await login(app, `niemand${i}@x.example`, 'fout')).status);
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    const again = await login(app, 'niemand@x.example', 'fout');
    expect(again.status).toBe(429);
    const retryAfter = Number(again.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect((await again.json()).detail).toContain(`over ${retryAfter} seconden`);
  });
});

describe('CSRF', () => {
  async function session(): Promise<string> {
    const res = await login(t.app, 'planner@a.example', 'geheim-wachtwoord');
    return /cd_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
  }

  it('refuses a cookie-authenticated write from another site, and stores nothing', async () => {
    const cookie = await session();
    const res = await t.app.request('http://dashboard.example/api/v1/prognoses', {
      method: 'POST',
      headers: { Cookie: `cd_session=${cookie}`, Origin: 'https://kwaadwillend.example', 'Content-Type': 'text/csv' },
      body: dutchCsv(['X-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept']),
    });
    expect(res.status).toBe(403);
    expect((await t.sql`select count(*)::int as n from send_windows`)[0]!.n).toBe(0);
    const fetchSite = await t.app.request('http://dashboard.example/api/v1/sessions/current', {
      method: 'DELETE',
      headers: { Cookie: `cd_session=${cookie}`, 'Sec-Fetch-Site': 'cross-site' },
    });
    expect(fetchSite.status).toBe(403);
    expect((await t.app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${cookie}` } })).status).toBe(200);
  });

  it('lets the same site write with the cookie, and Bearer clients without an Origin', async () => {
    const cookie = await session();
    const res = await t.app.request('http://dashboard.example/api/v1/prognoses', {
      method: 'POST',
      headers: { Cookie: `cd_session=${cookie}`, Origin: 'http://dashboard.example', 'Content-Type': 'text/csv' },
      body: dutchCsv(['X-2;x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept']),
    });
    expect(res.status).toBe(201);
    const bearer = await t.app.request('/api/v1/prognoses', {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv', Origin: 'https://elders.example' },
      body: dutchCsv(['X-3;x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept']),
    });
    expect(bearer.status).toBe(201);
  });
});

describe('headers and logs', () => {
  it('sends a CSP with frame-ancestors none, nosniff and a request id', async () => {
    const res = await t.app.request('/api/v1/sessions/current', { headers: { 'X-Request-Id': 'test-request-12345' } });
    expect(res.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-request-id')).toBe('test-request-12345');
    const fresh = await t.app.request('/api/v1/sessions/current', { headers: { 'X-Request-Id': 'kort' } });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('logs structured JSON per request with its id, and never a password, token or cookie', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(...String(chunk).trim().split('\n'));
        done();
      },
    });
    const app = createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 1, logger: loggerCreate('debug', sink) });
    const loginRes = await login(app, 'planner@a.example', 'geheim-wachtwoord');
    const cookie = /cd_session=([^;]+)/.exec(loginRes.headers.get('set-cookie')!)![1]!;
    await app.request('/api/v1/prognoses', { headers: who.plannerA.headers });
    await app.request('/api/v1/prognoses', { headers: { Cookie: `cd_session=${cookie}` } });
    await login(app, 'planner@a.example', 'verkeerd-geheim');
    await app.request('/api/v1/calendar-feeds/cdf_geheimefeedtoken1234567890.ics');
    await new Promise((r) => setTimeout(r, 50));
    const text = lines.join('\n');
    const records = lines.map((l) => JSON.parse(l));
    expect(records.filter((r) => r.msg === 'request')).toHaveLength(5);
    expect(records.every((r) => typeof r.reqId === 'string' && r.reqId.length > 0)).toBe(true);
    for (const secret of ['geheim-wachtwoord', 'verkeerd-geheim', who.plannerA.token, cookie, 'geheimefeedtoken']) expect(text).not.toContain(secret);
  });
});
