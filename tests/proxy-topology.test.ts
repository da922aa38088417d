// The production topology of deploy/compose.yaml without Docker: Debian's nginx, started unprivileged from the same
// deploy/nginx.conf (only the upstream's `server` lines and the `listen` line are rewritten), in front of two server
// processes on one PostgreSQL (the test database; on PostgreSQL 15 when DATABASE_URL points there in CI).
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SSE_HEARTBEAT_MS } from '../server/src/routes/events.js';
import { dutchCsv, dutchCsvDate } from './helpers/files.js';
import { standardActors, type TestContext, testDatabase } from './helpers/test-db.js';
import { freePort } from './helpers/free-port.js';

const ROOT = new URL('..', import.meta.url).pathname;
const NGINX = process.env.NGINX_PATH ?? '/usr/sbin/nginx';
const NGINX_CONF = join(ROOT, 'deploy', 'nginx.conf');
const METRICS_TOKEN = 'topologie-metriek-token-0123456789';
// The readiness probe: the database is reachable and the migrations are current.
const READY_PATH = '/ready';

let t: TestContext;
let who: Awaited<ReturnType<typeof standardActors>>;
const children: ChildProcess[] = [];
const replicas: { id: string; base: string }[] = [];
let proxy = '';
let prefix = '';

/**
 * How a replica is started: the built server (`pnpm build` → server/dist/index.js) when it exists, as in the image;
 * otherwise the sources through tsx. Either way on the machine's clock, as in production (a production server never
 * takes another clock): the dates this file uploads are counted from Date.now() (see day), not from TEST_NOW.
 */
function serverCommand(): string[] {
  const built = join(ROOT, 'server', 'dist', 'index.js');
  return existsSync(built) ? [built] : ['--import', 'tsx', join(ROOT, 'server', 'src', 'index.ts')];
}

/** The day `n` days after today on the machine's clock, the replicas' clock (a fixed date would leave the horizon one day). */
const day = (n: number) => dutchCsvDate(Date.now(), n);

/** Resolves once `url` answers 200; rejects when `child` exits first or a minute passes. */
async function answering(url: string, child: ChildProcess, what: string): Promise<void> {
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`${what} stopte (${code})`))));
  exited.catch(() => {});
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; ) {
    const ok = await Promise.race([
      fetch(url).then(
        (r) => r.ok,
        () => false,
      ),
      exited,
    ]);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} kwam niet op: ${url}`);
}

async function replicaStart(id: string): Promise<void> {
  const port = await freePort();
  const child = spawn(process.execPath, serverCommand(), {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: t.url,
      HOST: '127.0.0.1',
      PORT: String(port),
      DEMO: '0',
      LOG_LEVEL: 'silent',
      TRUST_PROXY: '1',
      INSTANCE_ID: id,
      METRICS_TOKEN,
      DB_POOL: '5',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.push(child);
  const base = `http://127.0.0.1:${port}`;
  await answering(`${base}/api/v1/openapi.json`, child, `server ${id}`);
  replicas.push({ id, base });
}

/** deploy/nginx.conf with the upstream pointing at the replicas and listening on `port`; fails if its shape changed. */
function nginxConfFor(port: number): string {
  const conf = readFileSync(NGINX_CONF, 'utf8');
  const servers = conf.match(/^\s*server\s+api-\d+:3000\b[^;]*;\s*$/gm) ?? [];
  const listens = conf.match(/^\s*listen\s+8080;\s*$/gm) ?? [];
  expect(servers, 'two upstream servers in deploy/nginx.conf').toHaveLength(2);
  expect(listens, 'one listen line in deploy/nginx.conf').toHaveLength(1);
  let i = 0;
  return conf
    .replace(/^(\s*)server\s+api-\d+:3000\b([^;]*);\s*$/gm, (_, indent: string, rest: string) => `${indent}server ${new URL(replicas[i++]!.base).host}${rest};`)
    .replace(/^(\s*)listen\s+8080;\s*$/m, (_, indent: string) => `${indent}listen 127.0.0.1:${port};`);
}

beforeAll(async () => {
  expect(existsSync(NGINX), `nginx ontbreekt op ${NGINX}: apt-get install -y --no-install-recommends nginx (zie .ci/run)`).toBe(true);
  t = await testDatabase();
  who = await standardActors(t.sql);
  await replicaStart('api-1');
  await replicaStart('api-2');
  const port = await freePort();
  prefix = mkdtempSync(join(tmpdir(), 'cd-nginx-'));
  // Run as root (CI), nginx's workers are `nobody`: they must reach the temp directories it makes in the prefix.
  chmodSync(prefix, 0o755);
  writeFileSync(join(prefix, 'nginx.conf'), nginxConfFor(port));
  const nginx = spawn(NGINX, ['-p', `${prefix}/`, '-c', join(prefix, 'nginx.conf'), '-e', 'stderr', '-g', 'daemon off;'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let nginxErr = '';
  nginx.stderr!.on('data', (d: Buffer) => {
    nginxErr += String(d);
  });
  children.push(nginx);
  proxy = `http://127.0.0.1:${port}`;
  await answering(`${proxy}/api/v1/openapi.json`, nginx, 'nginx').catch((e: Error) => {
    throw new Error(`${e.message}\n${nginxErr}`);
  });
}, 180_000);

afterAll(async () => {
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null) return resolve();
          const timer = setTimeout(() => {
            c.kill('SIGKILL');
            resolve();
          }, 10_000);
          c.once('exit', () => {
            clearTimeout(timer);
            resolve();
          });
          c.kill('SIGTERM');
        }),
    ),
  );
  if (prefix) rmSync(prefix, { recursive: true, force: true });
  await t?.close();
});

describe('nginx from deploy/nginx.conf in front of two server processes', () => {
  it('balances requests over both processes, which share one database', async () => {
    const served: string[] = [];
    for (let i = 0; i < 12; i++) {
      const res = await fetch(`${proxy}/api/v1/sessions/current`, { headers: who.plannerA.headers });
      expect(res.status).toBe(200);
      expect((await res.json()).email).toBe('planner@a.example');
      served.push(res.headers.get('x-served-by') ?? 'onbekend');
    }
    expect(served.filter((s) => s === 'api-1').length).toBeGreaterThanOrEqual(3);
    expect(served.filter((s) => s === 'api-2').length).toBeGreaterThanOrEqual(3);
    expect(served.filter((s) => s !== 'api-1' && s !== 'api-2')).toEqual([]);
  });

  it('streams a change made on the other process to a live stream through the proxy within 2 s', async () => {
    const controller = new AbortController();
    const stream = await fetch(`${proxy}/api/v1/events`, { headers: who.capacity.headers, signal: controller.signal });
    try {
      expect(stream.status).toBe(200);
      expect(stream.headers.get('content-type')).toContain('text/event-stream');
      const streamedBy = stream.headers.get('x-served-by');
      const other = replicas.find((r) => r.id !== streamedBy)!;
      expect(other, `stream served by ${streamedBy}`).toBeDefined();
      const reader = stream.body!.getReader();
      let text = '';
      // One read stays pending across calls, so a chunk that arrives after a timeout is not lost.
      let pending: ReturnType<typeof reader.read> | null = null;
      const until = async (done: () => boolean, ms: number) => {
        const deadline = Date.now() + ms;
        while (!done() && Date.now() < deadline) {
          pending ??= reader.read();
          const chunk = await Promise.race([pending, new Promise<null>((r) => setTimeout(() => r(null), deadline - Date.now()))]);
          if (!chunk) break;
          pending = null;
          if (chunk.done) break;
          text += new TextDecoder().decode(chunk.value);
        }
        return done();
      };
      const prognoseChanges = () => text.match(/event: change\ndata: \{"kind":"prognoses"\}/g)?.length ?? 0;
      // Unbuffered: the first event comes through at once, not when nginx's buffer fills.
      expect(await until(() => text.includes('event: ready'), 1000)).toBe(true);
      const upload = (kenmerk: string) =>
        fetch(`${other.base}/api/v1/prognoses`, {
          method: 'POST',
          headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
          body: dutchCsv([`${kenmerk};x;Brief;${day(30)} 10:00;${day(30)} 11:00;100;concept`]),
        });
      // A first upload warms the other process (its worker threads start on first use); the second is measured.
      expect((await upload('T-0')).status).toBe(201);
      expect(await until(() => prognoseChanges() >= 1, 5000)).toBe(true);
      await until(() => false, 300);
      const before = prognoseChanges();
      const up = await upload('T-1');
      // Counted from the answer (the change is committed by then), so a slow upload on a busy machine is not counted.
      const answered = performance.now();
      expect(up.status).toBe(201);
      expect(up.headers.get('x-served-by')).toBe(other.id);
      expect(await until(() => prognoseChanges() > before, 2000)).toBe(true);
      expect(performance.now() - answered).toBeLessThan(2000);
      expect((await t.sql`select count(*)::int as n from send_windows where kenmerk = 'T-1'`)[0]!.n).toBe(1);
    } finally {
      controller.abort();
    }
  });

  it('keeps a quiet live stream open longer than the heartbeat: nginx waits longer than the API between comments', () => {
    const events = /location = \/api\/v1\/events \{([^}]*)\}/.exec(readFileSync(NGINX_CONF, 'utf8'))?.[1] ?? '';
    expect(events).toMatch(/proxy_buffering off;/);
    const timeout = /proxy_read_timeout (\d+)s;/.exec(events)?.[1];
    expect(Number(timeout) * 1000).toBeGreaterThan(SSE_HEARTBEAT_MS);
  });

  it('answers the readiness probe through the proxy', async () => {
    const res = await fetch(`${proxy}${READY_PATH}`);
    expect(res.status).toBe(200);
    expect(['api-1', 'api-2']).toContain(res.headers.get('x-served-by'));
  });

  it('marks the session cookie Secure when the terminator says https (TRUST_PROXY=1), and not over plain http', async () => {
    const login = (headers: Record<string, string>) =>
      fetch(`${proxy}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify({ email: 'planner@a.example', password: 'geheim-wachtwoord' }),
      });
    const https = await login({ 'X-Forwarded-Proto': 'https' });
    expect(https.status).toBe(201);
    const cookie = https.headers.get('set-cookie')!;
    expect(cookie).toMatch(/;\s*Secure/i);
    expect(cookie).toMatch(/;\s*HttpOnly/i);
    const plain = await login({});
    expect(plain.status).toBe(201);
    expect(plain.headers.get('set-cookie')).not.toMatch(/;\s*Secure/i);

    // The session lives in the database: both processes know it.
    const session = /cd_session=([^;]+)/.exec(cookie)![1]!;
    const seenBy = new Set<string>();
    for (let i = 0; i < 6; i++) {
      const res = await fetch(`${proxy}/api/v1/sessions/current`, { headers: { Cookie: `cd_session=${session}` } });
      expect(res.status).toBe(200);
      seenBy.add(res.headers.get('x-served-by')!);
    }
    expect([...seenBy].sort()).toEqual(['api-1', 'api-2']);
  });

  it('lets a cookie write from the proxy’s own origin through, and refuses another site', async () => {
    const res = await fetch(`${proxy}/api/v1/sessions`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'planner@a.example', password: 'geheim-wachtwoord' }),
    });
    const session = /cd_session=([^;]+)/.exec(res.headers.get('set-cookie')!)![1]!;
    const write = (origin: string, kenmerk: string) =>
      fetch(`${proxy}/api/v1/prognoses`, {
        method: 'POST',
        headers: { Cookie: `cd_session=${session}`, Origin: origin, 'Content-Type': 'text/csv' },
        body: dutchCsv([`${kenmerk};x;Brief;${day(31)} 10:00;${day(31)} 11:00;100;concept`]),
      });
    expect((await write('https://kwaadwillend.example', 'C-1')).status).toBe(403);
    expect((await write(proxy, 'C-2')).status).toBe(201);
    const stored = await t.sql<{ kenmerk: string }[]>`select kenmerk from send_windows where kenmerk like 'C-%' order by kenmerk`;
    expect(stored.map((r) => r.kenmerk)).toEqual(['C-2']);
  });

  it('passes an upload larger than nginx keeps in memory on to the API (through its body temp file)', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => `G-${i};grote aanlevering;Brief;${day(32)} 10:00;${day(32)} 11:00;10;concept`);
    const body = dutchCsv(rows);
    expect(body.length).toBeGreaterThan(16 * 1024);
    const res = await fetch(`${proxy}/api/v1/prognoses`, { method: 'POST', headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' }, body });
    expect(res.status).toBe(201);
    expect((await t.sql`select count(*)::int as n from send_windows where kenmerk like 'G-%'`)[0]!.n).toBe(1000);
  });

  it('does not publish /metrics through the proxy; each replica serves it with METRICS_TOKEN', async () => {
    expect((await fetch(`${proxy}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } })).status).toBe(404);
    for (const r of replicas) {
      expect((await fetch(`${r.base}/metrics`)).status).toBe(401);
      const res = await fetch(`${r.base}/metrics`, { headers: { Authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(res.status).toBe(200);
      const text = await res.text();
      // Each process counts only what it served itself.
      expect(text).toMatch(/^cd_http_request_duration_seconds_count\{[^}]*route="\/api\/v1\/sessions\/current"[^}]*\} [1-9]/m);
      expect(text).toMatch(/^cd_database_up 1$/m);
    }
  });
  // Last: it uses up the login limit of this test's address on both replicas.
  it('keys the login limit by the address nginx saw, whatever X-Forwarded-For the client wrote itself', async () => {
    const statuses: number[] = [];
    // Each replica allows 30 attempts per address in 5 minutes: by the 61st, one of them has had 31.
    for (let i = 0; i < 61 && !statuses.includes(429); i++) {
      const res = await fetch(`${proxy}/api/v1/sessions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Forwarded-For': `198.51.100.${i}` },
        body: JSON.stringify({ email: `niemand${i}@x.example`, password: 'fout' }),
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses.at(-1)).toBe(429);
  });
});
