import { tokenHash } from '@cd/server/crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { actor, apiRequest, OIN_A, standardActors, testDatabase, type Actor, type TestContext } from './helpers/test-db.js';
import { DAY_MS } from '@cd/shared/time';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
let plannerA2: Actor;
const START = new Date('2027-01-11T09:00:00Z');

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
  plannerA2 = await actor(t.sql, 'planner2@a.example', 'planner', OIN_A);
});
afterAll(() => t.close());
beforeEach(async () => {
  t.clock.now = START;
  await t.sql`update users set locked_until = null, failed_logins = 0`;
  await t.sql`delete from api_tokens where label <> 'test'`;
});

const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const me = (token: string) => t.app.request('/api/v1/sessions/current', { headers: bearer(token) });

async function created(a: Actor, body: object = { label: 'Aanlevering vanuit SAP' }) {
  const res = await apiRequest(t.app, 'POST', '/api/v1/tokens', a, body);
  expect(res.status).toBe(201);
  return (await res.json()) as { id: number; token: string; label: string; createdAt: string; expiresAt: string; status: string };
}

async function stored(id: number) {
  const [row] = await t.sql<{ tokenHash: string; userId: number; label: string; expiresAt: Date; revokedAt: Date | null; revokedBy: number | null }[]>`
    select token_hash, user_id::int, label, expires_at, revoked_at, revoked_by::int from api_tokens where id = ${id}`;
  return row!;
}

describe('POST /api/v1/tokens', () => {
  it('creates a token for oneself, shows the secret once, stores only its hash, and it signs in until it expires', async () => {
    const body = await created(who.plannerA, { label: '  Aanlevering vanuit SAP ', days: 30 });
    expect(body).toMatchObject({
      label: 'Aanlevering vanuit SAP',
      status: 'actief',
      createdAt: START.toISOString(),
      expiresAt: new Date(START.getTime() + 30 * DAY_MS).toISOString(),
    });
    expect(body.token).toMatch(/^cdt_/);
    const row = await stored(body.id);
    expect(row).toMatchObject({ userId: who.plannerA.user.id, label: 'Aanlevering vanuit SAP', tokenHash: tokenHash(body.token), revokedAt: null });
    expect(row.tokenHash).not.toContain(body.token);
    expect(row.expiresAt.getTime()).toBe(START.getTime() + 30 * DAY_MS);

    expect((await (await me(body.token)).json()).email).toBe('planner@a.example');
    // Half-open: it works until the last millisecond, not at the expiry itself.
    t.clock.now = new Date(row.expiresAt.getTime() - 1);
    expect((await me(body.token)).status).toBe(200);
    t.clock.now = row.expiresAt;
    const expired = await me(body.token);
    expect(expired.status).toBe(401);
    expect(expired.headers.get('content-type')).toContain('application/problem+json');
    expect((await expired.json()).detail).toMatch(/geldig API-token/);
  });

  it('lives 365 days by default, and refuses a longer life, no label or a fraction of a day, in Dutch, storing nothing', async () => {
    const body = await created(who.capacity, { label: 'Monitoring' });
    expect(new Date(body.expiresAt).getTime() - START.getTime()).toBe(365 * DAY_MS);
    for (const [input, message] of [
      [{ label: 'Te lang', days: 366 }, /hoogstens 365 dagen/],
      [{ label: 'Nul', days: 0 }, /minstens 1 dag/],
      [{ label: 'Half', days: 1.5 }, /geheel getal/],
      [{ label: '   ' }, /omschrijving/],
      [{ label: 'x'.repeat(101) }, /hoogstens 100 tekens/],
    ] as const) {
      const res = await apiRequest(t.app, 'POST', '/api/v1/tokens', who.capacity, input);
      expect(res.status, JSON.stringify(input)).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(message);
    }
    expect((await t.sql`select count(*)::int as n from api_tokens where label <> 'test'`)[0]!.n).toBe(1);
  });
});

describe('GET /api/v1/tokens', () => {
  it('lists only one’s own tokens with their state, never the secret or its hash', async () => {
    const a = await created(who.plannerA, { label: 'Eerste' });
    const b = await created(who.plannerA, { label: 'Tweede', days: 1 });
    await created(plannerA2, { label: 'Van een collega' });
    await apiRequest(t.app, 'DELETE', `/api/v1/tokens/${a.id}`, who.plannerA);
    t.clock.now = new Date(START.getTime() + 2 * DAY_MS);
    const res = await apiRequest(t.app, 'GET', '/api/v1/tokens', who.plannerA);
    expect(res.status).toBe(200);
    const list = (await res.json()) as { id: number; label: string; status: string; revokedAt: string | null }[];
    expect(list.map((x) => [x.label, x.status])).toEqual([
      ['Tweede', 'verlopen'],
      ['Eerste', 'ingetrokken'],
      ['test', 'actief'],
    ]);
    expect(list[1]!.revokedAt).toBe(START.toISOString());
    const text = JSON.stringify(list);
    expect(text).not.toContain(a.token);
    expect(text).not.toContain(b.token);
    expect(text).not.toContain(tokenHash(a.token));
    expect(text).not.toMatch(/hash|token"/i);
  });

  it('shows the administrator another user’s tokens, and no one else', async () => {
    await created(plannerA2, { label: 'Van een collega' });
    const admin = await apiRequest(t.app, 'GET', `/api/v1/tokens?userId=${plannerA2.user.id}`, who.admin);
    expect((await admin.json()).map((x: { label: string }) => x.label)).toEqual(['Van een collega', 'test']);
    const planner = await apiRequest(t.app, 'GET', `/api/v1/tokens?userId=${plannerA2.user.id}`, who.plannerA);
    expect(planner.status).toBe(403);
    expect((await planner.json()).detail).toMatch(/Alleen de beheerder/);
    const own = await apiRequest(t.app, 'GET', `/api/v1/tokens?userId=${who.plannerA.user.id}`, who.plannerA);
    expect(own.status).toBe(200);
  });
});

describe('DELETE /api/v1/tokens/{id}', () => {
  it('revokes one’s own token: recorded with time and who, and the token stops working at once', async () => {
    const body = await created(who.plannerA);
    expect((await me(body.token)).status).toBe(200);
    t.clock.now = new Date(START.getTime() + 60_000);
    const res = await apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, who.plannerA);
    expect(res.status).toBe(204);
    expect(await stored(body.id)).toMatchObject({ revokedAt: t.clock.now, revokedBy: who.plannerA.user.id });
    const refused = await me(body.token);
    expect(refused.status).toBe(401);
    expect((await refused.json()).detail).toMatch(/geldig API-token/);
    // The user's other token is untouched.
    expect((await me(who.plannerA.token)).status).toBe(200);
  });

  it('does not reveal or touch another user’s token (404), but the administrator may revoke it', async () => {
    const body = await created(plannerA2);
    for (const a of [who.plannerA, who.capacity, who.klantraadA]) {
      const res = await apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, a);
      expect(res.status).toBe(404);
      expect((await res.json()).detail).toBe('Dit token bestaat niet of is niet van u.');
    }
    expect((await stored(body.id)).revokedAt).toBeNull();
    expect((await apiRequest(t.app, 'DELETE', '/api/v1/tokens/999999', who.admin)).status).toBe(404);
    expect((await apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, who.admin)).status).toBe(204);
    expect(await stored(body.id)).toMatchObject({ revokedAt: START, revokedBy: who.admin.user.id });
    expect((await me(body.token)).status).toBe(401);
  });

  it('keeps the first revocation when two arrive at once', async () => {
    const body = await created(who.plannerA);
    const [first, second] = await Promise.all([
      apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, who.plannerA),
      apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, who.admin),
    ]);
    expect([first.status, second.status]).toEqual([204, 204]);
    const row = await stored(body.id);
    expect(row.revokedAt).toEqual(START);
    expect([who.plannerA.user.id, who.admin.user.id]).toContain(row.revokedBy);
    // Revoking again later changes nothing.
    t.clock.now = new Date(START.getTime() + DAY_MS);
    expect((await apiRequest(t.app, 'DELETE', `/api/v1/tokens/${body.id}`, who.plannerA)).status).toBe(204);
    expect(await stored(body.id)).toEqual(row);
  });

  it('rejects an id that is not a number with 400', async () => {
    expect((await apiRequest(t.app, 'DELETE', '/api/v1/tokens/abc', who.plannerA)).status).toBe(400);
  });
});

describe('a locked account', () => {
  it('cannot use its tokens while locked after five failed logins, and can again once the lock ends', async () => {
    const login = (password: string) =>
      t.app.request('/api/v1/sessions', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ email: 'planner2@a.example', password }),
      });
    const body = await created(plannerA2);
    // The fifth failure locks the account (answered 429).
    for (let i = 0; i < 5; i++) expect([401, 429]).toContain((await login('fout')).status);
    const [user] = await t.sql<{ lockedUntil: Date }[]>`select locked_until from users where id = ${plannerA2.user.id}`;
    expect(user!.lockedUntil.getTime()).toBe(START.getTime() + 15 * 60_000);

    for (const token of [body.token, plannerA2.token]) {
      const res = await me(token);
      expect(res.status).toBe(401);
      expect((await res.json()).detail).toMatch(/geldig API-token/);
    }
    // Nothing was revoked: the lock is what refuses them.
    expect((await stored(body.id)).revokedAt).toBeNull();
    // Other users' tokens are unaffected.
    expect((await me(who.plannerA.token)).status).toBe(200);

    t.clock.now = user!.lockedUntil;
    expect((await me(body.token)).status).toBe(200);
  });
});
