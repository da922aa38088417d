/**
 * `pnpm loadtest`: a year of data (about 600 Afnemers, 50,000 windows) in the embedded database (or
 * DATABASE_URL), the real server started as its own process, and 50 concurrent clients for 60 s
 * (LOADTEST_SECONDS) doing a realistic mix: dashboard reads, load queries, uploads and procedure actions.
 * Prints throughput and p50/p95/p99 per route, and fails when any request failed.
 *
 * Each client is a person at a dashboard or a planner's upload script, so it paces itself: at most one request per
 * second (LOADTEST_RATE, per client; 0 = as fast as the server answers, which measures saturation instead).
 * Fifty people each clicking once a second is far busier than the real Berichtenbox planning (600 Afnemers
 * delivering a few prognoses a month), and one 1,000-row upload every second is some hundred times the real rate.
 */
import { API_TOKEN_DAYS, apiTokenExpiry } from '../shared/src/api-tokens.js';
import { spawn } from 'node:child_process';
import { createWriteStream, readdirSync, readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { apiTokenCreate, createSql, userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { randomSeeded } from './data.js';
import { freePort, localText, yearDatabaseCreate } from './year-database.js';

const SECONDS = Number(process.env.LOADTEST_SECONDS ?? 60);
const RATE = Number(process.env.LOADTEST_RATE ?? 1);
const READ_TARGET_MS = 200;
const UPLOAD_TARGET_MS = 1000;

/** A process's CPU time (user + system) in ms, with its children that ended (cutime + cstime) apart, and its parent. */
function procStat(pid: number): { cpuMs: number; childrenMs: number; ppid: number } | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    const ms = (i: number) => (Number(fields[i]) * 1000) / 100;
    return { cpuMs: ms(11) + ms(12), childrenMs: ms(13) + ms(14), ppid: Number(fields[1]) };
  } catch {
    return null;
  }
}

/** The CPU time of PostgreSQL: the postmaster, its live processes, and (through its children's time) those that ended. */
function postgresCpuMs(postmaster: number): number {
  const own = procStat(postmaster);
  if (!own) return NaN;
  let ms = own.cpuMs + own.childrenMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = procStat(Number(entry));
    if (child?.ppid === postmaster) ms += child.cpuMs + child.childrenMs;
  }
  return ms;
}

/**
 * Each kind of request on an app in this process, without HTTP: the queries it sends to PostgreSQL (counted by its
 * own pool's postgres.js `debug` hook) for the first request (memos cold) and the second (warm), the size of the
 * answer, and the app's CPU time per request over some more of them, after the data are unchanged (memos warm) and
 * right after a change of the planning (the upload before each one). The writes among them are legal and of the same
 * kind as the load's own.
 */
async function requestsMeasure(url: string, groups: { name: string; kind: string; requests: autocannon.Request[] }[], postgresMs: () => number) {
  const counted = createSql(url, { max: 4 });
  let queries = 0;
  (counted.options as { debug?: unknown }).debug = () => {
    queries++;
  };
  const app = createApp({ sql: counted, now: () => new Date(), sessionHours: 12 });
  const send = async (g: (typeof groups)[number]) => {
    const r = g.requests[0]!;
    const req = (typeof r.setupRequest === 'function' ? r.setupRequest({ ...r }, {}) : r) as autocannon.Request;
    const res = await app.request(req.path!, { method: req.method, headers: req.headers as Record<string, string>, body: req.body as string | undefined });
    const bytes = (await res.arrayBuffer()).byteLength;
    if (!res.ok) throw new Error(`${g.name}: ${res.status}`);
    return bytes;
  };
  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const upload = groups.find((g) => g.kind === 'upload')!;
  console.log(
    '\nPer soort verzoek, in dit proces zonder HTTP (de code van deze checkout, ook met LOADTEST_SERVER_DIR): queries (eerste/tweede), grootte, CPU per verzoek (ongewijzigd / na een upload; PostgreSQL ongewijzigd, alle processen, de klok tikt per 10 ms)',
  );
  for (const g of groups) {
    const counts: number[] = [];
    let bytes = 0;
    for (let i = 0; i < 2; i++) {
      queries = 0;
      bytes = await send(g);
      counts.push(queries);
    }
    const n = g.kind === 'read' ? 200 : 4;
    let t0 = cpuMs();
    const p0 = postgresMs();
    for (let i = 0; i < n; i++) await send(g);
    const warm = (cpuMs() - t0) / n;
    const postgres = (postgresMs() - p0) / n;
    let changed = NaN;
    if (g.kind === 'read') {
      let sum = 0;
      for (let i = 0; i < 3; i++) {
        await send(upload);
        t0 = cpuMs();
        await send(g);
        sum += cpuMs() - t0;
      }
      changed = sum / 3;
    }
    console.log(
      `  ${g.name.padEnd(34)} ${counts.join('/').padStart(6)} queries ${String(Math.round(bytes / 1000)).padStart(6)} kB ${warm.toFixed(2).padStart(8)} ms${Number.isNaN(changed) ? '' : ` / ${changed.toFixed(1)} ms`}; PostgreSQL ${postgres.toFixed(2)} ms`,
    );
  }
  await counted.end({ timeout: 1 });
}

/** What Chromium sends on every fetch. */
const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

async function main() {
  console.log('Gegevens laden: een jaar, 50.000 verzendmomenten van 600 Afnemers ...');
  const db = await yearDatabaseCreate('cd_loadtest');
  const { sql, data, manager } = db;
  let server: ReturnType<typeof spawn> | null = null;
  try {
    const now = new Date();
    await sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'loadtest'));
    const token = async (userId: number) => {
      const t = secretToken('cdt');
      await apiTokenCreate(sql, tokenHash(t), userId, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'loadtest');
      return t;
    };
    const managerToken = await token(manager.id);
    // Uploaders: planners of Afnemers outside the busiest ones, each with their own 1,000-window delivery.
    const uploaders = await Promise.all(
      data.afnemers.slice(100, 104).map(async (oin, i) => {
        const p = await userUpsert(sql, { email: `planner${i}@load.example`, name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
        return { oin, token: await token(p.id) };
      }),
    );
    // Planners who watch their own Afnemer's load: the busiest ten Afnemers.
    let viewerRound = 0;
    const viewers = await Promise.all(
      data.afnemers.slice(0, 10).map(async (oin, i) => {
        const p = await userUpsert(sql, { email: `kijker${i}@load.example`, name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
        return { oin, token: await token(p.id) };
      }),
    );
    // Four conflicts in joint assessment, where planners keep revising their assessment: a legal write every time.
    const cases = await Promise.all(
      (
        await sql<{ id: number; afnemers: string[] }[]>`
        select id::int, afnemers from conflicts where status = 'open' order by excess_messages desc limit 4`
      ).map(async (c, i) => {
        const assessor = await userUpsert(sql, {
          email: `assessor${i}@load.example`,
          name: '',
          role: 'planner',
          afnemerOin: c.afnemers[0]!,
          passwordHash: null,
        });
        return { id: c.id, path: `/api/v1/conflicts/${c.id}`, assessorToken: await token(assessor.id) };
      }),
    );

    const port = await freePort();
    // LOADTEST_PROFILE=dir writes a CPU profile of the server there (open it in Chrome DevTools).
    const profile = process.env.LOADTEST_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.LOADTEST_PROFILE}`] : [];
    // LOADTEST_SERVER_DIR=dir starts the server of another checkout (say, the commit before a change) against the same
    // data and load, so that two builds can be compared side by side with this load generator.
    server = spawn(process.execPath, [...profile, '--import', 'tsx', 'server/src/index.ts'], {
      cwd: process.env.LOADTEST_SERVER_DIR ?? process.cwd(),
      env: { ...process.env, DATABASE_URL: db.url, PORT: String(port), DEMO: '0', LOG_LEVEL: process.env.LOADTEST_SERVER_LOG ? 'info' : 'error' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    // LOADTEST_SERVER_LOG=file keeps the server's request log (JSON lines), with the server's own timing of each request.
    if (process.env.LOADTEST_SERVER_LOG) server.stdout!.pipe(createWriteStream(process.env.LOADTEST_SERVER_LOG));
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on('data', (d: Buffer) => {
        if (String(d).includes('draait op')) resolve();
      });
      server!.on('exit', (code) => reject(new Error(`server stopte (${code})`)));
    });
    const base = `http://127.0.0.1:${port}`;
    const post = (path: string, t: string, body: unknown) =>
      fetch(`${base}${path}`, { method: 'POST', headers: { Authorization: `Bearer ${t}`, 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
    for (const c of cases) {
      for (const [t, body] of [
        [c.assessorToken, { type: 'contact-logius', message: 'Loadtest' }],
        [managerToken, { type: 'open-assessment' }],
      ] as const) {
        const res = await post(`${c.path}/actions`, t, body);
        if (!res.ok) throw new Error(`voorbereiding ${body.type}: ${res.status} ${await res.text()}`);
      }
    }
    const assessment = JSON.stringify({
      type: 'submit-assessment',
      aspects: Object.fromEntries(['administratief', 'financieel', 'juridisch', 'imago'].map((a) => [a, { urgency: 'middel', impact: 'laag' }])),
      motivation: 'Loadtest',
    });
    let detailRound = 0;
    let actionRound = 0;

    const random = randomSeeded(5);
    const uploadBody = (round: number) => {
      const rows = Array.from({ length: 1000 }, (_, i) => {
        const s = Date.UTC(2027, 5, 1) + ((i * 7919) % 60) * 86_400_000 + (8 + (i % 9)) * 3_600_000;
        return `LOAD-${i};;Bericht;${localText(s)};${localText(s + 3_600_000)};${500 + ((round + i) % 50)};concept`;
      });
      return 'kenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\n' + rows.join('\n');
    };
    const quarterFrom = encodeURIComponent('2027-04-01T00:00:00+02:00');
    const quarterTo = encodeURIComponent('2027-07-01T00:00:00+02:00');
    const yearFrom = encodeURIComponent('2027-01-01T00:00:00+01:00');
    const yearTo = encodeURIComponent('2028-01-01T00:00:00+01:00');
    const auth = { Authorization: `Bearer ${managerToken}` };
    let round = 0;
    const groups: { name: string; kind: 'read' | 'upload' | 'write'; connections: number; requests: autocannon.Request[] }[] = [
      {
        name: 'GET /conflicts?status=open',
        kind: 'read',
        connections: 12,
        requests: [{ method: 'GET', path: '/api/v1/conflicts?status=open&pageSize=50', headers: auth }],
      },
      {
        name: 'GET /conflicts/{id}',
        kind: 'read',
        connections: 6,
        requests: [{ method: 'GET', headers: auth, setupRequest: (r) => ({ ...r, path: cases[detailRound++ % cases.length]!.path }) }],
      },
      {
        name: 'GET /prognoses (pagina)',
        kind: 'read',
        connections: 8,
        requests: [
          { method: 'GET', headers: auth, setupRequest: (r) => ({ ...r, path: `/api/v1/prognoses?pageSize=100&page=${1 + Math.floor(random() * 400)}` }) },
        ],
      },
      // Planners, each of their own Afnemer: ten different views of the quarter, all asked again after every change.
      {
        name: 'GET /load kwartaal, 1h (planners)',
        kind: 'read',
        connections: 10,
        requests: [
          {
            method: 'GET',
            path: `/api/v1/load?from=${quarterFrom}&to=${quarterTo}&bucket=1h`,
            setupRequest: (r) => ({ ...r, headers: { Authorization: `Bearer ${viewers[viewerRound++ % viewers.length]!.token}` } }),
          },
        ],
      },
      {
        name: 'GET /load jaar, 1d',
        kind: 'read',
        connections: 8,
        requests: [{ method: 'GET', path: `/api/v1/load?from=${yearFrom}&to=${yearTo}&bucket=1d`, headers: auth }],
      },
      {
        name: 'POST /prognoses (1.000 regels)',
        kind: 'upload',
        connections: 2,
        requests: [
          {
            method: 'POST',
            path: '/api/v1/prognoses',
            setupRequest: (r) => {
              const up = uploaders[round % uploaders.length]!;
              round++;
              return { ...r, headers: { Authorization: `Bearer ${up.token}`, 'Content-Type': 'text/csv' }, body: uploadBody(round) };
            },
          },
        ],
      },
      {
        name: 'POST /conflicts/{id}/actions',
        kind: 'write',
        connections: 4,
        requests: [
          {
            method: 'POST',
            body: assessment,
            setupRequest: (r) => {
              const c = cases[actionRound++ % cases.length]!;
              return { ...r, path: `${c.path}/actions`, headers: { Authorization: `Bearer ${c.assessorToken}`, 'Content-Type': 'application/json' } };
            },
          },
        ],
      },
    ];
    // Every request says what a browser's says: it takes gzip (and more). A server that answers gzipped writes fewer
    // bytes, and so does the load generator read fewer; a server that does not is asked the same.
    for (const g of groups) {
      g.requests = g.requests.map((r) => {
        const setup = r.setupRequest;
        return {
          ...r,
          headers: { ...r.headers, 'Accept-Encoding': BROWSER_ACCEPT_ENCODING },
          ...(typeof setup === 'function'
            ? {
                setupRequest: (req: autocannon.Request, context: unknown) => {
                  const out = setup(req, context as never) as autocannon.Request;
                  return { ...out, headers: { ...out.headers, 'Accept-Encoding': BROWSER_ACCEPT_ENCODING } };
                },
              }
            : {}),
        };
      });
    }
    console.log(`Elk verzoek stuurt Accept-Encoding: ${BROWSER_ACCEPT_ENCODING}, zoals een browser.`);
    // A server that has been running a while: caches loaded and code compiled. The first request of each kind
    // after a start is timed here, and printed, but kept out of the figures.
    const warm: string[] = [];
    for (const g of groups.filter((x) => x.kind === 'read')) {
      const r = g.requests[0]!;
      const req = typeof r.setupRequest === 'function' ? r.setupRequest({ ...r }, {}) : r;
      const t0 = performance.now();
      const res = await fetch(`${base}${req.path}`, { headers: req.headers as Record<string, string> });
      await res.arrayBuffer();
      warm.push(`${g.name} ${Math.round(performance.now() - t0)} ms`);
    }
    console.log(`Eerste verzoeken na de start (koud): ${warm.join('; ')}`);
    const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
    const postmaster = procStat(backend!.pid)?.ppid ?? null;
    await requestsMeasure(db.url, groups, () => (postmaster === null ? NaN : postgresCpuMs(postmaster)));
    const total = groups.reduce((n, g) => n + g.connections, 0);
    console.log(
      `Belasting: ${total} gelijktijdige clients, ${RATE > 0 ? `elk hoogstens ${RATE} verzoek per seconde` : 'zonder pauze (verzadiging)'}, ${SECONDS} s, tegen ${base}`,
    );
    /**
     * One autocannon instance per client, so each paces itself on its own clock: client k of n starts k/n of a
     * second after the first. (One instance with many paced connections fires them all on the same tick, a burst
     * of 50 requests every second that no group of real users produces.)
     */
    const client = (g: (typeof groups)[number], startAfterMs: number) =>
      new Promise<{ times: number[]; codes: Map<number, number>; errors: number }>((resolve, reject) => {
        const times: number[] = [];
        const codes = new Map<number, number>();
        const pacing = RATE > 0 ? { connectionRate: RATE } : {};
        setTimeout(() => {
          const instance = autocannon({ url: base, connections: 1, duration: SECONDS, requests: g.requests, timeout: 30, ...pacing }, (err, result) => {
            if (err) reject(err);
            else resolve({ times, codes, errors: result.errors + result.timeouts });
          });
          instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
            times.push(ms);
            codes.set(status, (codes.get(status) ?? 0) + 1);
          });
        }, startAfterMs);
      });
    /**
     * CPU time per process (user + system, from /proc on Linux): CPU per request holds when other processes share the
     * machine and the wall-clock figures swing with them. Three parts: the server, PostgreSQL (the postmaster and all
     * its processes, the backends that ended included through its children's time) and this load generator.
     */
    const cpuNow = () => ({
      server: procStat(server!.pid!)?.cpuMs ?? NaN,
      postgres: postmaster === null ? NaN : postgresCpuMs(postmaster),
      generator: (() => {
        const u = process.cpuUsage();
        return (u.user + u.system) / 1000;
      })(),
    });
    const cpuBefore = cpuNow();
    let k = 0;
    const started = groups.map((g) => ({ g, clients: Array.from({ length: g.connections }, () => client(g, (1000 * k++) / total)) }));
    const results = await Promise.all(
      started.map(async ({ g, clients }) => {
        const done = await Promise.all(clients);
        const codes = new Map<number, number>();
        for (const d of done) for (const [code, n] of d.codes) codes.set(code, (codes.get(code) ?? 0) + n);
        return { g, times: done.flatMap((d) => d.times), codes, errors: done.reduce((n, d) => n + d.errors, 0), duration: SECONDS };
      }),
    );

    console.log('\nroute                              verzoeken   per s     p50     p95     p99   doel p95');
    let failed = 0;
    let allPass = true;
    for (const r of results) {
      const sorted = [...r.times].sort((a, b) => a - b);
      const bad = [...r.codes].filter(([c]) => c < 200 || c >= 300).reduce((n, [, k]) => n + k, 0) + r.errors;
      failed += bad;
      const target = r.g.kind === 'upload' ? UPLOAD_TARGET_MS : r.g.kind === 'read' ? READ_TARGET_MS : null;
      const p95 = percentile(sorted, 95);
      const pass = target === null ? '' : p95 <= target ? `<= ${target} PASS` : `<= ${target} FAIL`;
      if (target !== null && p95 > target) allPass = false;
      console.log(
        `${r.g.name.padEnd(34)} ${String(sorted.length).padStart(8)} ${(sorted.length / r.duration).toFixed(1).padStart(7)} ${percentile(sorted, 50).toFixed(0).padStart(7)} ${p95.toFixed(0).padStart(7)} ${percentile(sorted, 99).toFixed(0).padStart(7)}   ${pass}${
          bad
            ? `  (${bad} mislukt: ${[...r.codes]
                .filter(([c]) => c >= 300)
                .map(([c, k]) => `${k}×${c}`)
                .join(', ')})`
            : ''
        }`,
      );
    }
    const count = results.reduce((n, r) => n + r.times.length, 0);
    const cpuAfter = cpuNow();
    console.log('\nCPU per proces (user + system uit /proc, de klok: 100 tikken per seconde), over alle verzoeken:');
    for (const [key, label] of [
      ['server', 'server'],
      ['postgres', 'PostgreSQL (alle processen)'],
      ['generator', 'loadgenerator (dit proces)'],
    ] as const) {
      const ms = cpuAfter[key] - cpuBefore[key];
      console.log(`  ${label.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${(ms / count).toFixed(2).padStart(6)} ms per verzoek`);
    }
    const all = (['server', 'postgres', 'generator'] as const).reduce((n, key) => n + cpuAfter[key] - cpuBefore[key], 0);
    console.log(`  ${'samen'.padEnd(28)} ${(all / 1000).toFixed(1).padStart(6)} s  ${(all / count).toFixed(2).padStart(6)} ms per verzoek`);
    console.log(
      `\nTotaal ${count} verzoeken in ${SECONDS} s (${(count / SECONDS).toFixed(0)}/s); mislukt: ${failed}; doelen: ${allPass ? 'gehaald' : 'niet alle gehaald'}`,
    );
    if (failed > 0) process.exitCode = 1;
  } finally {
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server!.once('exit', r));
      server.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
    }
    await db.close();
  }
}

main().then(
  () => process.exit(process.exitCode ?? 0),
  (err) => {
    console.error(err);
    process.exit(1);
  },
);
