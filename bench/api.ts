/**
 * End-to-end figures on a real PostgreSQL (embedded, or DATABASE_URL): a year of 50,000 windows in the
 * database, then a 1,000-window upload with its incremental recompute, and GET /load for a year at 1 hour.
 */
import { API_TOKEN_DAYS, apiTokenExpiry } from '../shared/src/api-tokens.js';
import { pathToFileURL } from 'node:url';
import { afnemersList, apiTokenCreate, userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { loadView } from '../shared/src/planning/load-view.js';
import { planningCache } from '../server/src/services/planning-cache.js';
import { randomSeeded } from './data.js';
import { localText, yearDatabaseCreate } from './year-database.js';

export const UPLOAD_TARGET_MS = 500;
export const LOAD_TARGET_MS = 150;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function run(options: { print?: boolean } = {}) {
  const print = options.print ?? true;
  const log = (m: string) => print && console.log(m);
  const fill = performance.now();
  const db = await yearDatabaseCreate('cd_bench');
  const { sql, data, manager } = db;
  try {
    const now = new Date('2026-12-01T00:00:00Z');
    const fillMs = performance.now() - fill;
    const full = performance.now();
    const fullResult = await sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench'));
    const fullMs = performance.now() - full;
    log(
      `Database: ${data.windows.length.toLocaleString('nl-NL')} vensters van ${data.afnemers.length} Afnemers geladen in ${(fillMs / 1000).toFixed(1)} s; volledige herberekening ${fullMs.toFixed(0)} ms (${fullResult.created.length} conflicten)`,
    );

    const oin = data.afnemers[0]!;
    const planner = await userUpsert(sql, { email: 'planner@bench.example', name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
    const plannerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(plannerToken), planner.id, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'bench');
    const managerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(managerToken), manager.id, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'bench');
    const app = createApp({ sql, now: () => now, sessionHours: 1 });

    // A planner's delivery of 1,000 windows over a quarter: new kenmerken the first time, changed volumes after.
    const random = randomSeeded(99);
    const starts = Array.from(
      { length: 1000 },
      () => Date.UTC(2027, 3, 1) + Math.floor(random() * 90) * 86_400_000 + (7 + Math.floor(random() * 10)) * 3_600_000,
    );
    const uploadMs: number[] = [];
    let round = 0;
    const deliver = async () => {
      const rows = starts.map((s, i) => `BENCH-${i};;Bericht;${localText(s)};${localText(s + 3_600_000)};${1000 + round * 10 + (i % 7)};concept`);
      round++;
      const body = '\uFEFFkenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\r\n' + rows.join('\r\n');
      const t = performance.now();
      const res = await app.request('/api/v1/prognoses', {
        method: 'POST',
        headers: { Authorization: `Bearer ${plannerToken}`, 'Content-Type': 'text/csv' },
        body,
      });
      const ms = performance.now() - t;
      if (res.status !== 201) throw new Error(`upload ${res.status}: ${await res.text()}`);
      return ms;
    };
    for (let i = 0; i < 6; i++) {
      const ms = await deliver();
      if (i > 0) uploadMs.push(ms);
    }
    const upload = median(uploadMs);
    log(
      `Aanlevering van 1.000 vensters met herberekening, eind tot eind (mediaan van ${uploadMs.length}): ${upload.toFixed(0)} ms, doel <= ${UPLOAD_TARGET_MS} ms: ${upload <= UPLOAD_TARGET_MS ? 'PASS' : 'FAIL'}`,
    );

    const q = new URLSearchParams({ from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00', bucket: '1h' });
    const loadMs: number[] = [];
    let points = 0;
    for (let i = 0; i < 8; i++) {
      const t = performance.now();
      const res = await app.request(`/api/v1/load?${q}`, { headers: { Authorization: `Bearer ${managerToken}` } });
      const body = (await res.json()) as { starts: string[] };
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
      const { windows, maintenance, profile, schedule } = await cache.get(sql);
      parts.warm.push(performance.now() - t);
      const names = new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
      t = performance.now();
      const view = loadView({
        from: Date.parse(q.get('from')!),
        to: Date.parse(q.get('to')!),
        bucket: '1h',
        windows,
        maintenance,
        profile,
        schedule,
        names,
        ownAfnemer: null,
      });
      parts.compute.push(performance.now() - t);
      t = performance.now();
      JSON.stringify(view);
      parts.json.push(performance.now() - t);
    }
    // The first read after a change: the cache reads the 1,000 changed windows, the view is computed anew.
    const afterChange: number[] = [];
    const incremental = planningCache();
    await incremental.get(sql);
    const patchMs: number[] = [];
    for (let i = 0; i < 5; i++) {
      await deliver();
      let t = performance.now();
      await incremental.get(sql);
      patchMs.push(performance.now() - t);
      t = performance.now();
      const res = await app.request(`/api/v1/load?${q}`, { headers: { Authorization: `Bearer ${managerToken}` } });
      await res.text();
      afterChange.push(performance.now() - t);
    }
    log(
      `GET /load voor een jaar per uur (${points.toLocaleString('nl-NL')} punten, mediaan van ${loadMs.length}): ${load.toFixed(0)} ms, doel <= ${LOAD_TARGET_MS} ms: ${load <= LOAD_TARGET_MS ? 'PASS' : 'FAIL'}`,
    );
    log(
      `  eerste lezing na een aanlevering van 1.000 vensters: ${median(afterChange).toFixed(0)} ms (de cache leest alleen de gewijzigde vensters: ${median(patchMs).toFixed(0)} ms; alles opnieuw laden, bij de start: ${median(parts.cold).toFixed(0)} ms)`,
    );
    log(`  invoer uit de cache ${median(parts.warm).toFixed(0)} ms, rekenen ${median(parts.compute).toFixed(0)} ms, JSON ${median(parts.json).toFixed(0)} ms`);
    return { fillMs, fullRecomputeMs: fullMs, uploadMs: upload, loadMs: load };
  } finally {
    await db.close();
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
