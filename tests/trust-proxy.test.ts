// Behind a TLS-terminating reverse proxy (deploy/nginx.conf): the CSRF check compares the browser's Origin with the
// host it asked the proxy for (X-Forwarded-Host, only with TRUST_PROXY), the live stream tells nginx not to buffer
// and sends heartbeats, and X-Served-By names the process that answered. The Secure cookie and the login limiter's
// key behind a proxy are tested in hostile-edge.test.ts; the whole topology in proxy-topology.test.ts.
import { createApp } from '@cd/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dutchCsv } from './helpers/files.js';
import { standardActors, type TestContext, testDatabase } from './helpers/test-db.js';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  t = await testDatabase();
  who = await standardActors(t.sql);
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.sql`truncate send_window_revisions, send_windows, deliveries cascade`;
});

const appFresh = (extra: Partial<Parameters<typeof createApp>[0]> = {}) => createApp({ sql: t.sql, now: () => t.clock.now, sessionHours: 12, ...extra });
const windows = async () => (await t.sql<{ n: number }[]>`select count(*)::int as n from send_windows`)[0]!.n;

async function cookieOf(app: ReturnType<typeof createApp>): Promise<string> {
  const res = await app.request('http://api-1:3000/api/v1/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: 'planner@a.example', password: 'geheim-wachtwoord' }),
  });
  expect(res.status).toBe(201);
  return /cd_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
}

/** A cookie upload as nginx passes it on: to the upstream's own address, with the browser's Origin and forwarded host. */
async function uploadViaProxy(app: ReturnType<typeof createApp>, cookie: string, headers: Record<string, string>) {
  return app.request('http://api-1:3000/api/v1/prognoses', {
    method: 'POST',
    headers: { Cookie: `cd_session=${cookie}`, 'Content-Type': 'text/csv', ...headers },
    body: dutchCsv(['P-1;x;Brief;01-02-2027 10:00;01-02-2027 11:00;100;concept']),
  });
}

describe('the CSRF Origin check behind a proxy', () => {
  it('without TRUST_PROXY ignores X-Forwarded-Host: the public Origin does not match the upstream host, nothing stored', async () => {
    const app = appFresh();
    const res = await uploadViaProxy(app, await cookieOf(app), { Origin: 'https://capaciteit.example', 'X-Forwarded-Host': 'capaciteit.example' });
    expect(res.status).toBe(403);
    expect((await res.json()).detail).toBe('Dit verzoek komt van een andere website en is geweigerd.');
    expect(await windows()).toBe(0);
  });

  it('with TRUST_PROXY compares the Origin with the forwarded host, and stores the upload', async () => {
    const app = appFresh({ trustProxy: true });
    const res = await uploadViaProxy(app, await cookieOf(app), { Origin: 'https://capaciteit.example', 'X-Forwarded-Host': 'capaciteit.example' });
    expect(res.status).toBe(201);
    expect(await windows()).toBe(1);
  });

  it('with TRUST_PROXY still refuses another site, also when that site wrote its own X-Forwarded-Host before the proxy’s', async () => {
    const app = appFresh({ trustProxy: true });
    const cookie = await cookieOf(app);
    const foreign = await uploadViaProxy(app, cookie, { Origin: 'https://kwaadwillend.example', 'X-Forwarded-Host': 'capaciteit.example' });
    expect(foreign.status).toBe(403);
    const planted = await uploadViaProxy(app, cookie, {
      Origin: 'https://kwaadwillend.example',
      'X-Forwarded-Host': 'kwaadwillend.example, capaciteit.example',
    });
    expect(planted.status).toBe(403);
    expect(await windows()).toBe(0);
  });

  it('with TRUST_PROXY and no X-Forwarded-Host falls back to the Host header', async () => {
    const app = appFresh({ trustProxy: true });
    const cookie = await cookieOf(app);
    expect((await uploadViaProxy(app, cookie, { Origin: 'https://capaciteit.example' })).status).toBe(403);
    expect((await uploadViaProxy(app, cookie, { Origin: 'http://api-1:3000' })).status).toBe(201);
    expect(await windows()).toBe(1);
  });
});

describe('GET /api/v1/events behind a proxy', () => {
  for (const trustProxy of [false, true]) {
    it(`${trustProxy ? 'with' : 'without'} TRUST_PROXY tells nginx not to buffer, forbids caching and sends heartbeat comments on a quiet stream`, async () => {
      const app = appFresh({ trustProxy, sseHeartbeatMs: 100 });
      const res = await app.request('/api/v1/events', { headers: { ...who.capacity.headers, 'X-Forwarded-Proto': 'https' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/event-stream');
      expect(res.headers.get('x-accel-buffering')).toBe('no');
      const cache = res.headers
        .get('cache-control')!
        .split(',')
        .map((d) => d.trim());
      expect(cache).toEqual(expect.arrayContaining(['no-cache', 'no-store']));
      const reader = res.body!.getReader();
      let text = '';
      const started = Date.now();
      try {
        while (!text.includes(': heartbeat\n\n') && Date.now() - started < 3000) {
          const chunk = await reader.read();
          if (chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
      } finally {
        await reader.cancel();
      }
      expect(text).toMatch(/^event: ready\ndata: \{\}\n\n/);
      expect(text).toContain(': heartbeat\n\n');
    });
  }
});

describe('X-Served-By', () => {
  it('names the process (INSTANCE_ID) on every answer, API or not, and is absent without it', async () => {
    const named = appFresh({ instanceId: 'api-2' });
    for (const path of ['/api/v1/sessions/current', '/api/v1/bestaat-niet', '/metrics']) {
      expect((await named.request(path, { headers: who.plannerA.headers })).headers.get('x-served-by'), path).toBe('api-2');
    }
    expect((await appFresh().request('/api/v1/sessions/current', { headers: who.plannerA.headers })).headers.get('x-served-by')).toBeNull();
  });
});
