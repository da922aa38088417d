/**
 * A cold GET /load after an upload, with a year of actuals (every hour of 2027 a window of the year touches): the year
 * view per hour of the capacity manager and a planner's quarter, timed end to end and per phase.
 */
import { pathToFileURL } from 'node:url';
import { actualsCopyFresh, actualsInRange, actualsStamp, afnemersList, apiTokenCreate, userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { planningCache } from '../server/src/services/planning-cache.js';
import { API_TOKEN_DAYS, apiTokenExpiry } from '../shared/src/api-tokens.js';
import { loadActualsOf, loadActualsPrepare } from '../shared/src/accuracy/load-actuals.js';
import { loadBase, loadView } from '../shared/src/planning/load-view.js';
import { randomSeeded } from './data.js';
import { localText, yearDatabaseCreate } from './year-database.js';

const HOUR = 3_600_000;
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};

export async function run(options: { print?: boolean; rounds?: number } = {}) {
  const log = (m: string) => (options.print ?? true) && console.log(m);
  const db = await yearDatabaseCreate('cd_loadcold');
  const { sql, data, manager } = db;
  try {
    const now = new Date('2028-01-01T00:00:00Z');
    // A year of actuals: each window's volume spread over the hours it touches, per Afnemer and hour.
    const counts = new Map<string, number>();
    for (const w of data.windows) {
      if (w.status === 'geannuleerd') continue;
      for (let h = Math.floor(w.start / HOUR) * HOUR; h < w.end; h += HOUR) {
        const share = (Math.min(w.end, h + HOUR) - Math.max(w.start, h)) / (w.end - w.start);
        const key = `${w.afnemer}|${h}`;
        counts.set(key, (counts.get(key) ?? 0) + Math.max(1, Math.round(w.volume * share)));
      }
    }
    const rows = [...counts].map(([k, count]) => {
      const [afnemer, hour] = k.split('|') as [string, string];
      return { afnemer, hour: Number(hour), count };
    });
    await sql.begin((tx) => actualsCopyFresh(tx, rows, manager.id, now));
    await sql`vacuum analyze actuals`;
    await sql.begin((tx) => conflictsRecompute(tx, 'all', now, 'bench'));
    log(`${data.windows.length} vensters, ${rows.length} uren werkelijke aantallen`);

    const oin = data.afnemers[0]!;
    const planner = await userUpsert(sql, { email: 'planner@cold.example', name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
    const plannerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(plannerToken), planner.id, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'bench');
    const managerToken = secretToken('cdt');
    await apiTokenCreate(sql, tokenHash(managerToken), manager.id, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'bench');
    const app = createApp({ sql, now: () => now, sessionHours: 1 });
    const random = randomSeeded(99);
    const starts = Array.from({ length: 1000 }, () => Date.UTC(2027, 3, 1) + Math.floor(random() * 90) * 86_400_000 + (7 + Math.floor(random() * 10)) * HOUR);
    let round = 0;
    const deliver = async () => {
      const lines = starts.map((s, i) => `BENCH-${i};;Bericht;${localText(s)};${localText(s + HOUR)};${1000 + round * 10 + (i % 7)};concept`);
      round++;
      const body = '\uFEFFkenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\r\n' + lines.join('\r\n');
      const res = await app.request('/api/v1/prognoses', {
        method: 'POST',
        headers: { Authorization: `Bearer ${plannerToken}`, 'Content-Type': 'text/csv' },
        body,
      });
      if (res.status !== 201) throw new Error(`upload ${res.status}: ${await res.text()}`);
    };
    const year = new URLSearchParams({ from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00', bucket: '1h' });
    const quarter = new URLSearchParams({ from: '2027-04-01T00:00:00+02:00', to: '2027-07-01T00:00:00+02:00', bucket: '1h' });
    const get = async (q: URLSearchParams, token: string) => {
      const t = performance.now();
      const res = await app.request(`/api/v1/load?${q}`, { headers: { Authorization: `Bearer ${token}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`load ${res.status}`);
      return performance.now() - t;
    };
    await deliver();
    await get(year, managerToken);
    await get(quarter, plannerToken);
    const cold = { year: [] as number[], quarter: [] as number[], warm: [] as number[] };
    const profileFile = process.env.LOADCOLD_PROFILE;
    const session = profileFile ? new (await import('node:inspector')).Session() : null;
    const post = (method: string, params?: object) => new Promise<unknown>((ok, fail) => session!.post(method, params ?? {}, (e, r) => (e ? fail(e) : ok(r))));
    if (session) {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
    }
    for (let i = 0; i < (options.rounds ?? 5); i++) {
      await deliver();
      if (session && i === 0) await post('Profiler.start');
      cold.year.push(await get(year, managerToken));
      cold.quarter.push(await get(quarter, plannerToken));
      cold.warm.push(await get(year, managerToken));
    }
    if (session) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      (await import('node:fs')).writeFileSync(profileFile!, JSON.stringify(profile));
    }
    log(
      `koud na upload: jaar per uur ${median(cold.year).toFixed(0)} ms [${cold.year.map((x) => x.toFixed(0)).join(' ')}], kwartaal planner ${median(cold.quarter).toFixed(0)} ms [${cold.quarter.map((x) => x.toFixed(0)).join(' ')}], warm ${median(cold.warm).toFixed(1)} ms`,
    );

    // Phases, outside the app, each as the route does it.
    const phases: Record<string, number[]> = {};
    const time = async <T>(name: string, f: () => T | Promise<T>) => {
      const t = performance.now();
      const v = await f();
      (phases[name] ??= []).push(performance.now() - t);
      return v;
    };
    const cache = planningCache();
    await cache.get(sql);
    const names = new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
    const from = Date.parse(year.get('from')!);
    const to = Date.parse(year.get('to')!);
    for (let i = 0; i < (options.rounds ?? 5); i++) {
      await deliver();
      const inputs = await time('cache.get (gewijzigde vensters)', () => cache.get(sql));
      const base = await time('loadBase jaar', () => loadBase({ from, to, ...inputs }));
      const view = await time('loadView jaar 1h (Logius)', () => loadView({ from, to, bucket: '1h', ...inputs, names, ownAfnemer: null }, base));
      await time('JSON jaar', () => JSON.stringify(view));
      await time('loadView jaar 1h (planner)', () => loadView({ from, to, bucket: '1h', ...inputs, names, ownAfnemer: oin }, base));
      await time('actualsStamp', () => actualsStamp(sql, to));
      const actuals = await time('actualsInRange jaar', () => actualsInRange(sql, from, to, null));
      const prepared = await time('loadActualsPrepare jaar', () => loadActualsPrepare({ from, to, actuals, known: to, ownAfnemer: null }));
      await time('loadActualsOf jaar', () => loadActualsOf(prepared, base, '1h'));
    }
    for (const [name, xs] of Object.entries(phases))
      log(`  ${name.padEnd(34)} ${median(xs).toFixed(1).padStart(7)} ms [${xs.map((x) => x.toFixed(0)).join(' ')}]`);
    return cold;
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
