import { spawn, type ChildProcess } from 'node:child_process';
import { rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { createSql, migrate, startEmbeddedPostgres, type EmbeddedServer, type Sql } from '@cd/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { e2eNowMs } from './helpers/e2e-clock.js';
import { dutchCsv, dutchCsvDate } from './helpers/files.js';
import { REPO_ROOT, serverOnTestClock } from './helpers/server-on-test-clock.js';
import { standardActors } from './helpers/test-db.js';
import { freePort } from './helpers/free-port.js';

// Its own PostgreSQL, because this file stops and starts it; the other test files keep theirs.
const DATA_DIR = `.data/test/faults-${process.pid}`;
let pg: EmbeddedServer;
let pgPort: number;
let sql: Sql;
let server: ChildProcess;
let base: string;
let serverErrors = '';
let who: Awaited<ReturnType<typeof standardActors>>;

beforeAll(async () => {
  pgPort = await freePort();
  pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
  sql = createSql(pg.url, { max: 4 });
  await migrate(sql);
  who = await standardActors(sql);
  await sql`update capacity_profiles set rates_per_hour = array_fill(4000::float8, array[168])`;
  const port = await freePort();
  // On the tests' clock (the horizon of the wide upload below is counted from it), from the sources.
  const { args, env } = serverOnTestClock({ DATABASE_URL: pg.url, PORT: String(port), DEMO: '0', LOG_LEVEL: 'silent' });
  server = spawn(process.execPath, args, { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stderr!.on('data', (d: Buffer) => {
    serverErrors += String(d);
  });
  await new Promise<void>((resolve, reject) => {
    server.stdout!.on('data', (d: Buffer) => {
      if (String(d).includes('draait op')) resolve();
    });
    server.on('exit', (code) => reject(new Error(`server stopte (${code})`)));
  });
  base = `http://127.0.0.1:${port}`;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => {
    server.once('exit', r);
    server.kill('SIGTERM');
    setTimeout(r, 5000);
  });
  await sql.end({ timeout: 1 });
  await pg.stop();
  await rm(DATA_DIR, { recursive: true, force: true });
});

/** A month after today on the tests' clock (the server's clock too). */
const ROW_DAY = dutchCsvDate(e2eNowMs(), 30);
const rows = (prefix: string, n: number) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${prefix}-${i};x;Brief;${ROW_DAY} ${String(8 + (i % 10)).padStart(2, '0')}:00;${ROW_DAY} ${String(9 + (i % 10)).padStart(2, '0')}:00;${100 + i};concept`,
  );

/** Every stored delivery has exactly its windows' revisions: nothing half-stored. */
async function expectNoHalfDeliveries() {
  const bad = await sql`
    select d.id from deliveries d
    where d.created + d.updated <> (select count(*) from send_window_revisions r where r.delivery_id = d.id)
       or d.row_count <> d.created + d.updated + d.unchanged`;
  expect(bad).toEqual([]);
}

describe('faults', () => {
  it('stores nothing when a client disconnects halfway through an upload', async () => {
    const before = (await sql`select count(*)::int as n from deliveries`)[0]!.n;
    const body = Buffer.from(dutchCsv(rows('HALF', 2000)));
    await new Promise<void>((resolve) => {
      const socket = connect(Number(new URL(base).port), '127.0.0.1', () => {
        socket.write(
          `POST /api/v1/prognoses HTTP/1.1\r\nHost: localhost\r\nAuthorization: ${who.plannerA.headers.Authorization}\r\n` +
            `Content-Type: text/csv\r\nContent-Length: ${body.length}\r\n\r\n`,
        );
        socket.write(body.subarray(0, body.length >> 1));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 500));
    expect((await sql`select count(*)::int as n from deliveries`)[0]!.n).toBe(before);
    expect((await sql`select count(*)::int as n from send_windows where kenmerk like 'HALF-%'`)[0]!.n).toBe(0);
    const ok = await fetch(`${base}/api/v1/afnemers`, { headers: who.plannerA.headers });
    expect(ok.status).toBe(200);
  });

  it('keeps serving other users while an upload over the whole planning horizon is parsed, stored and recomputed', async () => {
    const DAY = 86_400_000;
    // The whole horizon of the server's clock, which is the tests' (a day's margin at each end).
    const first = e2eNowMs() - 364 * DAY;
    const last = e2eNowMs() + 1824 * DAY;
    const n = 20_000;
    const lines = Array.from({ length: n }, (_, i) => {
      const start = Math.floor((first + ((last - first) * i) / (n - 1)) / 900_000) * 900_000;
      return `WIDE-${i};x;Brief;${new Date(start).toISOString()};${new Date(start + 3_600_000).toISOString()};${100 + (i % 3000)};concept`;
    });
    let inFlight = true;
    const upload = fetch(`${base}/api/v1/prognoses`, {
      method: 'POST',
      headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(lines),
    })
      .then(async (res) => ({ status: res.status, text: await res.text() }))
      .finally(() => {
        inFlight = false;
      });
    // The two rows from the issue (01-09-2027 and 31-12-9999) once froze the server: now refused while the other runs.
    const far = await fetch(`${base}/api/v1/prognoses`, {
      method: 'POST',
      headers: { ...who.plannerB.headers, 'Content-Type': 'text/csv' },
      body: dutchCsv(['FAR-1;x;Brief;01-09-2027 10:00;01-09-2027 11:00;100;concept', 'FAR-2;x;Brief;31-12-9999 10:00;31-12-9999 11:00;100;concept']),
    });
    const farAnsweredInFlight = inFlight;
    expect(far.status).toBe(400);
    expect((await far.json()).errors[0].message).toContain('ligt buiten de planningshorizon');
    // A second client reads meanwhile; what counts is reads that began and ended while the upload was in flight.
    const during: number[] = [];
    while (inFlight) {
      const res = await fetch(`${base}/api/v1/afnemers`, { headers: who.plannerB.headers });
      await res.text();
      if (inFlight) during.push(res.status);
      await new Promise((r) => setTimeout(r, 10));
    }
    const { status, text } = await upload;
    expect(status, text).toBe(201);
    expect((await sql`select count(*)::int as n from send_windows where kenmerk like 'WIDE-%'`)[0]!.n).toBe(n);
    expect(farAnsweredInFlight).toBe(true);
    expect((await sql`select count(*)::int as n from send_windows where kenmerk like 'FAR-%'`)[0]!.n).toBe(0);
    expect(during.length).toBeGreaterThanOrEqual(5);
    expect(during.every((s) => s === 200)).toBe(true);
  }, 240_000);

  it('recovers by itself when the database restarts in the middle of traffic, with no half-stored delivery', async () => {
    let running = true;
    const statuses: number[] = [];
    const traffic = (async () => {
      for (let i = 0; running; i++) {
        try {
          const res = await fetch(`${base}/api/v1/prognoses`, {
            method: 'POST',
            headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
            body: dutchCsv(rows(`R${i}`, 200)),
          });
          statuses.push(res.status);
          await res.arrayBuffer();
        } catch {
          statuses.push(0);
        }
      }
    })();
    await new Promise((r) => setTimeout(r, 800));
    await pg.stop();
    await new Promise((r) => setTimeout(r, 500));
    pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
    // Back within a minute without any help (usually within a second or two).
    let healthy = false;
    for (let i = 0; i < 120 && !healthy; i++) {
      const res = await fetch(`${base}/api/v1/prognoses?pageSize=1`, { headers: who.plannerA.headers }).catch(() => null);
      healthy = res?.status === 200;
      if (!healthy) await new Promise((r) => setTimeout(r, 500));
    }
    // Uploads succeed again too.
    const mark = statuses.length;
    for (let i = 0; i < 100 && !statuses.slice(mark).includes(201); i++) await new Promise((r) => setTimeout(r, 200));
    running = false;
    await traffic;
    expect(healthy, `server stderr: ${serverErrors.slice(-2000)}`).toBe(true);
    expect(server.exitCode).toBeNull();
    expect(statuses.slice(mark), `statuses: ${statuses.join(',')}`).toContain(201);
    expect(
      statuses.filter((s) => !(s === 201 || s >= 500 || s === 0)),
      `statuses: ${statuses.join(',')}`,
    ).toEqual([]);
    await expectNoHalfDeliveries();
    const stored = (await sql`select count(*)::int as n from deliveries`)[0]!.n;
    expect(stored).toBeGreaterThanOrEqual(statuses.filter((s) => s === 201).length);
  }, 150_000);
});

describe('live stream across a database restart', () => {
  it('tells an open stream to resync as soon as the database is back, and then carries new changes again', async () => {
    const res = await fetch(`${base}/api/v1/events`, { headers: who.capacity.headers });
    expect(res.status).toBe(200);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const seen: { event: string; data: string; at: number }[] = [];
    const reading = (async () => {
      let buffer = '';
      for (;;) {
        const chunk = await reader.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let idx;
        while ((idx = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, idx);
          buffer = buffer.slice(idx + 2);
          const event = /^event: (.*)$/m.exec(block)?.[1];
          if (event) seen.push({ event, data: /^data: (.*)$/m.exec(block)?.[1] ?? '', at: Date.now() });
        }
      }
    })();
    const waitFor = async (match: (e: { event: string; data: string }) => boolean, ms: number) => {
      for (const end = Date.now() + ms; Date.now() < end && !seen.some(match); ) await new Promise((r) => setTimeout(r, 50));
      return seen.find(match);
    };
    try {
      expect(await waitFor((e) => e.event === 'ready', 5000)).toBeDefined();
      // Down long enough for the client's reconnect attempts to back off.
      await pg.stop();
      await new Promise((r) => setTimeout(r, 3000));
      pg = await startEmbeddedPostgres({ dataDir: DATA_DIR, port: pgPort });
      const back = Date.now();
      // The stream is told by itself, before anyone sends a request: the server's LISTEN connection retries on its own
      // (createSql's backoff keeps the tries at most half a second apart, so it comes within about that; under load the
      // figure varies with the machine, so it is printed, not bounded).
      const resync = await waitFor((e) => e.event === 'resync', 30_000);
      expect(resync, `events: ${JSON.stringify(seen)}; server stderr: ${serverErrors.slice(-1000)}`).toBeDefined();
      console.log(`resync ${resync!.at - back} ms after the database was back`);

      // A pooled connection that died with the server may still answer the first request: then the server says 503
      // with Retry-After (nothing stored), and a client tries again, as this one does.
      const upload = () =>
        fetch(`${base}/api/v1/prognoses`, {
          method: 'POST',
          headers: { ...who.plannerA.headers, 'Content-Type': 'text/csv' },
          body: dutchCsv(rows('AFTER-RESTART', 1)),
        });
      let up = await upload();
      for (let i = 0; i < 5 && up.status === 503; i++) {
        expect(up.headers.get('retry-after')).toBeTruthy();
        await new Promise((r) => setTimeout(r, 500));
        up = await upload();
      }
      expect(up.status).toBe(201);
      const change = await waitFor((e) => e.event === 'change' && JSON.parse(e.data).kind === 'prognoses', 5000);
      expect(change, `events: ${JSON.stringify(seen)}`).toBeDefined();
      expect(seen.indexOf(change!)).toBeGreaterThan(seen.indexOf(resync!));
    } finally {
      await reader.cancel().catch(() => {});
      await reading;
    }
  }, 90_000);
});
