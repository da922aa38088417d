/**
 * A cold GET /load right after an upload of prognoses, on a year of 50,000 windows with a year of actuals (every hour
 * of 2027 that a window touches, per Afnemer): the capacity manager's year per hour and a planner's quarter, end to end
 * through the app (wall clock and this process's CPU time), after 1,000-row uploads and after one 100,000-row upload,
 * then the parts of the year view one by one. Figures beside their target, never an assertion.
 * Run: `pnpm exec tsx bench/load-cold.ts` (also part of `pnpm bench`). `LOADCOLD_PROFILE=<file>` writes a CPU
 * profile of the cold requests after the 1,000-row uploads.
 */
import { writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { actualsCopyFresh, actualsInRange, actualsStamp, afnemersList, apiTokenCreate, userUpsert } from '../db/src/index.js';
import { createApp } from '../server/src/app.js';
import { secretToken, tokenHash } from '../server/src/lib/crypto.js';
import { conflictsRecompute } from '../server/src/services/conflicts-recompute.js';
import { planningCache } from '../server/src/services/planning-cache.js';
import { API_TOKEN_DAYS, apiTokenExpiry } from '../shared/src/api-tokens.js';
import * as loadActualsModule from '../shared/src/accuracy/load-actuals.js';
import { loadBase, loadView } from '../shared/src/planning/load-view.js';
import { randomSeeded } from './data.js';
import { localText, yearDatabaseCreate } from './year-database.js';

/** A cold GET /load of a year per hour after a 1,000-row upload: the target of issue 16's follow-up. */
export const LOAD_COLD_TARGET_MS = 200;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const HEADER = '\uFEFFkenmerk;omschrijving;berichttype;start;eind;aantal_berichten;status\r\n';

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const list = (xs: readonly number[]) => xs.map((x) => x.toFixed(0)).join(' ');

export async function run(options: { print?: boolean; rounds?: number } = {}) {
  const log = (m: string) => (options.print ?? true) && console.log(m);
  const rounds = options.rounds ?? 7;
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

    const token = async (userId: number) => {
      const t = secretToken('cdt');
      await apiTokenCreate(sql, tokenHash(t), userId, apiTokenExpiry(now, API_TOKEN_DAYS.default), 'bench');
      return t;
    };
    const oin = data.afnemers[0]!;
    const planner = await userUpsert(sql, { email: 'planner@cold.example', name: '', role: 'planner', afnemerOin: oin, passwordHash: null });
    const bulk = await userUpsert(sql, { email: 'bulk@cold.example', name: '', role: 'planner', afnemerOin: data.afnemers[1]!, passwordHash: null });
    const plannerToken = await token(planner.id);
    const bulkToken = await token(bulk.id);
    const managerToken = await token(manager.id);
    const app = createApp({ sql, now: () => now, sessionHours: 1 });

    const random = randomSeeded(99);
    const starts = Array.from({ length: 1000 }, () => Date.UTC(2027, 3, 1) + Math.floor(random() * 90) * DAY + (7 + Math.floor(random() * 10)) * HOUR);
    let round = 0;
    const deliver = async (bearer: string, lines: string[]) => {
      const res = await app.request('/api/v1/prognoses', {
        method: 'POST',
        headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'text/csv' },
        body: HEADER + lines.join('\r\n'),
      });
      if (res.status !== 201) throw new Error(`upload ${res.status}: ${(await res.text()).slice(0, 500)}`);
    };
    // A planner's 1,000 windows over a quarter, the volumes changed every time.
    const deliverSmall = () => {
      round++;
      return deliver(
        plannerToken,
        starts.map((s, i) => `BENCH-${i};;Bericht;${localText(s)};${localText(s + HOUR)};${1000 + round * 10 + (i % 7)};concept`),
      );
    };
    const year = new URLSearchParams({ from: '2027-01-01T00:00:00+01:00', to: '2028-01-01T00:00:00+01:00', bucket: '1h' });
    const quarter = new URLSearchParams({ from: '2027-04-01T00:00:00+02:00', to: '2027-07-01T00:00:00+02:00', bucket: '1h' });
    const get = async (q: URLSearchParams, bearer: string) => {
      const c = cpuMs();
      const t = performance.now();
      const res = await app.request(`/api/v1/load?${q}`, { headers: { Authorization: `Bearer ${bearer}` } });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`load ${res.status}`);
      return { ms: performance.now() - t, cpu: cpuMs() - c };
    };
    log(
      `Een jaar van ${data.windows.length.toLocaleString('nl-NL')} vensters met ${rows.length.toLocaleString('nl-NL')} uren werkelijke aantallen; GET /load direct na een aanlevering (koud: nieuwe planningsversie)`,
    );
    await deliverSmall();
    await get(year, managerToken);
    await get(quarter, plannerToken);

    const profileFile = process.env.LOADCOLD_PROFILE;
    const session = profileFile ? new (await import('node:inspector')).Session() : null;
    const post = (method: string, params?: object) => new Promise<unknown>((ok, fail) => session!.post(method, params ?? {}, (e, r) => (e ? fail(e) : ok(r))));
    if (session) {
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 200 });
    }
    const cold = { year: [] as number[], yearCpu: [] as number[], quarter: [] as number[], quarterCpu: [] as number[], warm: [] as number[] };
    for (let i = 0; i < rounds; i++) {
      await deliverSmall();
      if (session && i === 0) await post('Profiler.start');
      const y = await get(year, managerToken);
      const q = await get(quarter, plannerToken);
      cold.year.push(y.ms);
      cold.yearCpu.push(y.cpu);
      cold.quarter.push(q.ms);
      cold.quarterCpu.push(q.cpu);
      cold.warm.push((await get(year, managerToken)).ms);
    }
    if (session) {
      const { profile } = (await post('Profiler.stop')) as { profile: unknown };
      writeFileSync(profileFile!, JSON.stringify(profile));
    }
    const yearMs = median(cold.year);
    log(
      `  na 1.000 regels, jaar per uur (Logius): ${yearMs.toFixed(0)} ms (CPU ${median(cold.yearCpu).toFixed(0)} ms; ${list(cold.year)}), doel <= ${LOAD_COLD_TARGET_MS} ms: ${yearMs <= LOAD_COLD_TARGET_MS ? 'PASS' : 'FAIL'}`,
    );
    log(
      `  na 1.000 regels, kwartaal per uur (planner, daarna): ${median(cold.quarter).toFixed(0)} ms (CPU ${median(cold.quarterCpu).toFixed(0)} ms; ${list(cold.quarter)})`,
    );
    log(`  daarna warm, jaar: ${median(cold.warm).toFixed(1)} ms`);

    // One 100,000-row delivery of another planner over the whole year, then the same two views.
    const bulkLines = Array.from({ length: 100_000 }, (_, i) => {
      const s = Date.UTC(2027, 0, 4) + (i % 360) * DAY + (6 + (Math.floor(i / 360) % 12)) * HOUR + (i % 4) * 900_000;
      return `BULK-${i};;Bericht;${localText(s)};${localText(s + HOUR)};${50 + (i % 50)};definitief`;
    });
    let t = performance.now();
    await deliver(bulkToken, bulkLines);
    const bulkUploadMs = performance.now() - t;
    const bulkYear = await get(year, managerToken);
    const bulkQuarter = await get(quarter, plannerToken);
    log(
      `  na 100.000 regels (aanlevering zelf ${(bulkUploadMs / 1000).toFixed(1)} s), jaar per uur: ${bulkYear.ms.toFixed(0)} ms (CPU ${bulkYear.cpu.toFixed(0)} ms), kwartaal (planner): ${bulkQuarter.ms.toFixed(0)} ms (CPU ${bulkQuarter.cpu.toFixed(0)} ms)`,
    );

    // The parts of the year view, one by one as the route does them, after a 1,000-row upload and after 100,000 rows.
    const phases: Record<string, number[]> = {};
    const time = async <T>(name: string, f: () => T | Promise<T>) => {
      const start = performance.now();
      const v = await f();
      (phases[name] ??= []).push(performance.now() - start);
      return v;
    };
    const cache = planningCache();
    await cache.get(sql);
    const names = new Map((await afnemersList(sql)).map((a) => [a.oin, a.name]));
    const from = Date.parse(year.get('from')!);
    const to = Date.parse(year.get('to')!);
    const { loadActualsOf, loadActualsPrepare } = loadActualsModule as Partial<typeof loadActualsModule>;
    const parts = async (label: string) => {
      const inputs = await time(`planningcache bijwerken ${label}`, () => cache.get(sql));
      const base = await time('loadBase jaar', () => loadBase({ from, to, ...inputs }));
      const view = await time('loadView jaar (Logius)', () => loadView({ from, to, bucket: '1h', ...inputs, names, ownAfnemer: null }, base));
      await time('JSON van het jaar', () => JSON.stringify(view));
      await time('loadView jaar (planner)', () => loadView({ from, to, bucket: '1h', ...inputs, names, ownAfnemer: oin }, base));
      await time('actualsStamp', () => actualsStamp(sql, to));
      if (loadActualsOf && loadActualsPrepare) {
        const actuals = await time('actualsInRange jaar (na nieuwe werkelijke aantallen)', () => actualsInRange(sql, from, to, null));
        const prepared = await time('loadActualsPrepare jaar (idem)', () => loadActualsPrepare({ from, to, actuals, known: to, ownAfnemer: null }));
        await time('loadActualsOf jaar (na elke planwijziging)', () => loadActualsOf(prepared, base, '1h'));
      }
    };
    for (let i = 0; i < 5; i++) {
      await deliverSmall();
      await parts('(1.000 gewijzigde vensters)');
    }
    t = performance.now();
    await deliver(
      bulkToken,
      bulkLines.map((line) => line.replace(/;(\d+);definitief$/, (_, n) => `;${Number(n) + 1};definitief`)),
    );
    log(`  (tweede aanlevering van 100.000 regels, gewijzigde aantallen: ${((performance.now() - t) / 1000).toFixed(1)} s)`);
    await parts('(100.000 gewijzigde vensters)');
    log('  delen, elk apart zoals de route ze doet (mediaan van 5 na 1.000 regels; het bijwerken ook na 100.000):');
    for (const [name, xs] of Object.entries(phases)) log(`    ${name.padEnd(52)} ${median(xs).toFixed(1).padStart(7)} ms [${list(xs)}]`);
    return {
      coldYearMs: yearMs,
      coldYearCpuMs: median(cold.yearCpu),
      coldQuarterMs: median(cold.quarter),
      bulkYearMs: bulkYear.ms,
      bulkQuarterMs: bulkQuarter.ms,
      targetMs: LOAD_COLD_TARGET_MS,
    };
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
