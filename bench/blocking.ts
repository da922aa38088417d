/**
 * How long other users wait while one pathological upload runs: small reads (GET /afnemers) in a loop during the
 * upload, their max and p95 latency, and the event-loop delay of the server. Figures, not assertions.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { afnemerUpsert, apiTokenCreate, createSql, migrate, startEmbeddedPostgres, userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { freePort } from './year-database.js';

const DAY = 86_400_000;
const OIN = '00000001000000000001';

const quantile = (xs: number[], q: number) => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

/** n windows of one hour spread evenly from the first to the last day of the default horizon (its extremes included), each under capacity. */
function horizonRows(n: number, now: number): string[] {
  const first = now - 364 * DAY;
  const last = now + 1824 * DAY;
  return Array.from({ length: n }, (_, i) => {
    const start = Math.floor((first + ((last - first) * i) / (n - 1)) / 900_000) * 900_000;
    return `H-${i};;Brief;${new Date(start).toISOString()};${new Date(start + 3_600_000).toISOString()};${50 + (i % 3000)};concept`;
  });
}

/** The same windows as a JSON upload body. */
function horizonJson(lines: string[]): string {
  const windows = lines.map((line) => {
    const [kenmerk, , berichttype, start, eind, aantal, status] = line.split(';');
    return { kenmerk, berichttype, start, eind, aantalBerichten: Number(aantal), status };
  });
  return JSON.stringify({ windows });
}

export async function run(options: { print?: boolean; rows?: number } = {}) {
  const print = options.print ?? true;
  const log = (m: string) => print && console.log(m);
  const name = 'cd_bench_blocking';
  let adminUrl = process.env.DATABASE_URL;
  const pg = adminUrl ? null : await startEmbeddedPostgres({ dataDir: `.data/${name}`, port: await freePort() });
  adminUrl ??= pg!.url;
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.unsafe(`create database ${name}`);
  const u = new URL(adminUrl);
  u.pathname = `/${name}`;
  const sql = createSql(u.toString());
  const figures: Record<string, { readMaxMs: number; readP95Ms: number; reads: number; loopMaxMs: number; status: number; uploadMs: number }> = {};
  try {
    await migrate(sql);
    await afnemerUpsert(sql, { oin: OIN, name: 'Bench' });
    await sql`update capacity_profiles set rates_per_hour = array_fill(4000::float8, array[168])`;
    const planner = await userUpsert(sql, { email: 'planner@blocking.example', name: '', role: 'planner', afnemerOin: OIN, passwordHash: null });
    const token = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(token), planner.id, new Date(Date.now() + 86_400_000), 'bench');
    const headers = { Authorization: `Bearer ${token}` };
    const app = createApp({ sql, now: () => new Date(), sessionHours: 1 });
    await (await app.request('/api/v1/afnemers', { headers })).text();

    const rows = options.rows ?? 100_000;
    const csv = (lines: string[]) => 'kenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\r\n' + lines.join('\r\n');
    const horizon = horizonRows(rows, Date.now());
    const scenarios: [string, string, string][] = [
      [`${rows.toLocaleString('nl-NL')} regels over de hele planningshorizon (een jaar terug tot vijf jaar vooruit)`, 'text/csv', csv(horizon)],
      [`dezelfde ${rows.toLocaleString('nl-NL')} vensters als JSON`, 'application/json', horizonJson(horizon)],
      [
        '2 regels: 01-09-2027 en 31-12-9999 (het geval uit de melding)',
        'text/csv',
        csv(['F-1;;Brief;01-09-2027 10:00;01-09-2027 11:00;100;concept', 'F-2;;Brief;31-12-9999 10:00;31-12-9999 11:00;100;concept']),
      ],
    ];
    for (const [label, contentType, body] of scenarios) {
      const loop = monitorEventLoopDelay({ resolution: 5 });
      const latencies: number[] = [];
      let done = false;
      loop.enable();
      const t0 = performance.now();
      const upload = Promise.resolve(app.request('/api/v1/prognoses', { method: 'POST', headers: { ...headers, 'Content-Type': contentType }, body }))
        .then(async (res: Response) => {
          await res.text();
          return res.status;
        })
        .finally(() => {
          done = true;
        });
      // Another user: one small read after another, for as long as the upload runs.
      while (!done) {
        const t = performance.now();
        const res = await app.request('/api/v1/afnemers', { headers });
        await res.text();
        if (!done) latencies.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 5));
      }
      const status = await upload;
      const uploadMs = performance.now() - t0;
      loop.disable();
      const f = {
        readMaxMs: Math.max(0, ...latencies),
        readP95Ms: quantile(latencies, 0.95),
        reads: latencies.length,
        loopMaxMs: loop.max / 1e6,
        status,
        uploadMs,
      };
      figures[label] = f;
      log(`${label}: antwoord ${status} na ${(uploadMs / 1000).toFixed(1)} s`);
      log(
        `  intussen ${f.reads} kleine lezingen (GET /afnemers): max ${f.readMaxMs.toFixed(0)} ms, p95 ${f.readP95Ms.toFixed(0)} ms; ` +
          `event-loop-vertraging max ${f.loopMaxMs.toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
      );
    }
    return figures;
  } finally {
    await sql.end({ timeout: 1 });
    await admin.unsafe(`drop database if exists ${name} with (force)`).catch(() => {});
    await admin.end({ timeout: 1 });
    await pg?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(
    () => process.exit(0),
    (err) => {
      console.error(err);
      process.exit(1);
    },
  );
}
