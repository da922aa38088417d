import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { standardActors, testDatabase, type TestContext } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());

function login(email: string, password: string, cookie?: string) {
  return t.app.request('/api/v1/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { Cookie: cookie } : {}) },
    body: JSON.stringify({ email, password }),
  });
}

describe('POST /api/v1/sessions', () => {
  it('signs in with a HttpOnly SameSite cookie and stores only the hash of the session token', async () => {
    const res = await login('Planner@A.example', 'geheim-wachtwoord');
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ email: 'planner@a.example', role: 'planner', afnemer: { name: 'Afnemer A' } });
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    // Max-Age (the session's length in seconds) counts on the browser's own clock, so a browser hours off the
    // server's clock keeps the cookie; Expires stays for old clients and matches the stored end.
    expect(cookie).toMatch(/Max-Age=43200(;|$)/);
    const [stored] = await t.sql<{ expiresAt: Date }[]>`select expires_at from sessions`;
    expect(stored!.expiresAt.toISOString()).toBe(new Date(t.clock.now.getTime() + 12 * 3_600_000).toISOString());
    expect(Date.parse(/Expires=([^;]+)/.exec(cookie)![1]!)).toBe(stored!.expiresAt.getTime());
    const token = /cd_session=([^;]+)/.exec(cookie)![1]!;
    const rows = await t.sql`select token_hash from sessions`;
    expect(rows).toHaveLength(1);
    expect(rows[0]!.tokenHash).not.toContain(token);
    const me = await t.app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${token}` } });
    expect((await me.json()).email).toBe('planner@a.example');
  });

  it('refuses a wrong password or unknown user with the same Dutch message', async () => {
    const a = await login('planner@a.example', 'fout');
    const b = await login('niemand@a.example', 'fout');
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect((await a.json()).detail).toBe((await b.json()).detail);
    expect(a.headers.get('set-cookie')).toBeNull();
  });

  it('rejects a malformed body with a 400 problem', async () => {
    const res = await t.app.request('/api/v1/sessions', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"email":"x"}' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });

  it('issues a new session on login instead of keeping a planted one, and signs out', async () => {
    const first = /cd_session=([^;]+)/.exec((await login('planner@a.example', 'geheim-wachtwoord')).headers.get('set-cookie')!)![1]!;
    const second = /cd_session=([^;]+)/.exec((await login('planner@a.example', 'geheim-wachtwoord', `cd_session=${first}`)).headers.get('set-cookie')!)![1]!;
    expect(second).not.toBe(first);
    expect((await t.app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${first}` } })).status).toBe(401);
    const out = await t.app.request('/api/v1/sessions/current', { method: 'DELETE', headers: { Cookie: `cd_session=${second}` } });
    expect(out.status).toBe(204);
    expect((await t.app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${second}` } })).status).toBe(401);
  });

  it('lets a session expire', async () => {
    const token = /cd_session=([^;]+)/.exec((await login('planner@a.example', 'geheim-wachtwoord')).headers.get('set-cookie')!)![1]!;
    const saved = t.clock.now;
    t.clock.now = new Date(saved.getTime() + 13 * 3600_000);
    const res = await t.app.request('/api/v1/sessions/current', { headers: { Cookie: `cd_session=${token}` } });
    t.clock.now = saved;
    expect(res.status).toBe(401);
  });
});

describe('every response', () => {
  it('carries the API-Version header, errors too, and unknown API paths are 404 problem+json, also when anonymous', async () => {
    const anonymous = await t.app.request('/api/v1/bestaat-niet');
    expect(anonymous.status).toBe(404);
    expect(anonymous.headers.get('content-type')).toContain('application/problem+json');
    expect(anonymous.headers.get('API-Version')).toBe('1.0.0');
    expect(anonymous.headers.get('cache-control')).toBe('no-store');
    // A path that exists still asks who you are first.
    expect((await t.app.request('/api/v1/prognoses')).status).toBe(401);
    const res = await t.app.request('/api/v1/bestaat-niet', { headers: who.plannerA.headers });
    expect(res.status).toBe(404);
    expect(res.headers.get('API-Version')).toBe('1.0.0');
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});
