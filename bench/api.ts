/**
 * End-to-end figures on a real PostgreSQL (embedded, or DATABASE_URL): a year of 50,000 windows in the
 * database, then a 1,000-window upload with its incremental recompute, and GET /load for a year at 1 hour.
 */
import { pathToFileURL } from 'node:url';
import {
  afnemersList,
  afnemerUpsert,
  apiTokenCreate,
  capacityProfileSet,
  createSql,
  deliveryStore,
  migrate,
  startEmbeddedPostgres,
  userUpsert,
} from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { loadView } from '../server/src/services/load-view.js';
import { planningCache } from '../server/src/services/planning-cache.js';
import { amsterdamOffsetAt, type NewSendWindow } from '../shared/src/index.js';
import { planningBenchData, randomSeeded } from './data.js';

export const UPLOAD_TARGET_MS = 500;
export const LOAD_TARGET_MS = 150;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

function localText(ms: number): string {
  const d = new Date(ms + amsterdamOffsetAt(ms) * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}-${p(d.getUTCMonth() + 1)}-${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}`;
}

export async function run(options: { print?: boolean } = {}) {
  const print = options.print ?? true;
  const log = (m: string) => print && console.log(m);
  let adminUrl = process.env.DATABASE_URL;
  const server = adminUrl ? null : await startEmbeddedPostgres({ dataDir: '.data/bench', port: 54349 });
  adminUrl ??= server!.url;
  const admin = createSql(adminUrl, { max: 1 });
  await admin.unsafe('drop database if exists cd_bench with (force)');
  await admin.unsafe('create database cd_bench');
  const u = new URL(adminUrl);
  u.pathname = '/cd_bench';
  const sql = createSql(u.toString());
  try {
    await migrate(sql);
    const data = planningBenchData({ windows: 50_000, year: 2027 });
    const now = new Date('2026-12-01T00:00:00Z');
    const fill = performance.now();
    const manager = await userUpsert(sql, { email: 'capaciteit@bench.example', name: '', role: 'capacity-manager', afnemerOin: null, passwordHash: null });
    const byAfnemer = new Map<string, NewSendWindow[]>();
    for (const w of data.windows) {
      const list = byAfnemer.get(w.afnemer) ?? [];
      list.push({ afnemer: w.afnemer, kenmerk: w.kenmerk, omschrijving: '', berichttype: 'Bericht', start: new Date(w.start), end: new Date(w.end), aantalBerichten: Math.max(1, Math.round(w.volume)), status: w.status === 'geannuleerd' ? 'concept' : w.status, vroegsteStart: null, laatsteEind: null });
      byAfnemer.set(w.afnemer, list);
    }
    await sql.begin(async (tx) => {
      for (const oin of data.afnemers) await afnemerUpsert(tx, { oin, name: `Afnemer ${oin.slice(-6)}` });
      for (const [oin, windows] of byAfnemer) await deliveryStore(tx, { afnemerOin: oin, userId: manager.id, fileName: null, contentType: 'text/csv', windows });
      await capacityProfileSet(tx, { ratesPerHour: [...data.profile], threshold: 1, warningLevel: 0.8, userId: manager.id });
    });
    const fillMs = performance.now() - fill;
    const full = performance.now();
    const fullResult = await sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench'));
    const fullMs = performance.now() - full;
    log(`Database: ${data.windows.length.toLocaleString('nl-NL')} vensters van ${data.afnemers.length} Afnemers geladen in ${(fillMs / 1000).toFixed(1)} s; volledige herberekening ${fullMs.toFixed(0)} ms (${fullResult.created.length} conflicten)`);

    const oin = data.afnemers[0]!;
    const planner = await userUpsert(sql, { email: 'planner@bench.example', name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
    const plannerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(plannerToken), planner.id);
    const managerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(managerToken), manager.id);
    const app = createApp({ sql, now: () => now, sessionHours: 1 });

    // A planner's delivery of 1,000 windows over a quarter: new kenmerken the first time, changed volumes after.
    const random = randomSeeded(99);
    const starts = Array.from({ length: 1000 }, () => Date.UTC(2027, 3, 1) + Math.floor(random() * 90) * 86_400_000 + (7 + Math.floor(random() * 10)) * 3_600_000);
    const uploadMs: number[] = [];
    for (let round = 0; round < 6; round++) {
      const rows = starts.map((s, i) => `BENCH-${i};;Bericht;${localText(s)};${localText(s + 3_600_000)};${1000 + round * 10 + (i % 7)};concept`);
      const body = '\uFEFFkenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\r\n' + rows.join('\r\n');
      const t = performance.now();
      const res = await app.request('/api/v1/prognoses', { method: 'POST', headers: { Authorization: `Bearer ${plannerToken}`, 'Content-Type': 'text/csv' }, body });
      const ms = performance.now() - t;
      if (res.status !== 201) throw new Error(`upload ${res.status}: ${await res.text()}`);
      if (round > 0) uploadMs.push(ms);
    }
    const upload = median(uploadMs);
    log(`Aanlevering van 1.000 vensters met herberekening, eind tot eind (mediaan van ${uploadMs.length}): ${upload.toFixed(0)} ms, doel <= ${UPLOAD_TARGET_MS} ms: ${upload <= UPLOAD_TARGET_MS ? 'PASS' : 'FAIL'}`);

    const q = new URLSearchParams({ from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00', bucket: '1h' });
    const loadMs: number[] = [];
    let points = 0;
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const res = await app.request(`/api/v1/load?${q}`, { headers: { Authorization: `Bearer ${managerToken}` } });
      const body = await res.json() as { starts: string[] };
      const ms = performance.now() - t;
      if (res.status !== 200) throw new Error(`load ${res.status}`);
      points = body.starts.length;
      if (i > 1) loadMs.push(ms);
    }
    const load = median(loadMs);
    // Where the time goes: the inputs (cold: reloaded from the database; warm: version check only), the computation, the JSON.
    const parts = { cold: [] as number[], warm: [] as number[], compute: [] as number[], json: [] as number[] };
    for (let i = 0; i < 5; i++) {
      const cache = planningCache();
      let t = performance.now();
      await cache.get(sql);
      parts.cold.push(performance.now() - t);
      t = performance.now();
      const { windows, maintenance, profile } = await cache.get(sql);
      parts.warm.push(performance.now() - t);
      const names = new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
      t = performance.now();
      const view = loadView({ from: Date.parse(q.get('from')!), to: Date.parse(q.get('to')!), bucket: '1h', windows, maintenance, profile, names, ownAfnemer: null });
      parts.compute.push(performance.now() - t);
      t = performance.now();
      JSON.stringify(view);
      parts.json.push(performance.now() - t);
    }
    log(`GET /load voor een jaar per uur (${points.toLocaleString('nl-NL')} punten, mediaan van ${loadMs.length}): ${load.toFixed(0)} ms, doel <= ${LOAD_TARGET_MS} ms: ${load <= LOAD_TARGET_MS ? 'PASS' : 'FAIL'}`);
    log(`  invoer uit de cache ${median(parts.warm).toFixed(0)} ms (na een wijziging opnieuw laden: ${median(parts.cold).toFixed(0)} ms), rekenen ${median(parts.compute).toFixed(0)} ms, JSON ${median(parts.json).toFixed(0)} ms`);
    return { fillMs, fullRecomputeMs: fullMs, uploadMs: upload, loadMs: load };
  } finally {
    await sql.end({ timeout: 1 });
    await admin.unsafe('drop database if exists cd_bench with (force)');
    await admin.end();
    await server?.stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  run().then(() => process.exit(0), (err) => { console.error(err); process.exit(1); });
}
