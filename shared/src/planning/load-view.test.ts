/**
 * The load view cut from a shared base: a planner's own-against-the-rest view takes the rest as the total less its
 * own load. It must equal summing the other Afnemers' windows (loadOwnVsRest), and a base shared by many views
 * must give each the same answer as computing it alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './bucket.js';
import { loadOwnVsRest, windowCounts } from './load.js';
import { loadBase, loadView } from './load-view.js';
import { OINS, scenarioArb } from './planning.arbitraries.js';
import type { CapacityProfile, PlanWindow } from './types.js';
import { amsterdamDayNumber, amsterdamDayStart } from '../time/local-time.js';

const profileRow = (ratesPerHour: CapacityProfile) => ({ ratesPerHour: [...ratesPerHour], threshold: 1, warningLevel: 0.8 });
const names = new Map<string, string>(OINS.map((oin, i) => [oin, `Afnemer ${i + 1}`]));

describe('loadView from a shared base', () => {
  it("gives a planner its own load and the rest exactly as summing the others' windows (to the cent)", () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWindows: 30 }),
        fc.constantFrom(...OINS),
        fc.constantFrom('15m' as const, '1h' as const, '1d' as const),
        (s, own, bucket) => {
          const from = s.fromBucket * BUCKET_MS;
          const to = s.toBucket * BUCKET_MS;
          const input = { from, to, bucket, windows: s.windows, maintenance: s.maintenance, profile: profileRow(s.profile), names, ownAfnemer: own };
          const view = loadView(input);
          // What the planner sees against the direct sums, at 15 minutes.
          const fine = loadView({ ...input, bucket: '15m' });
          const direct = loadOwnVsRest(s.windows, s.fromBucket, s.toBucket, own);
          const round = (xs: ArrayLike<number>) => Array.from(xs, (x) => Math.round(x * 100) / 100);
          const [ownSeries, restSeries] = fine.afnemers;
          expect(ownSeries!.load).toEqual(round(direct.own));
          restSeries!.load.forEach((x, i) => expect(Math.abs(x - direct.rest[i]!)).toBeLessThanOrEqual(0.01 + 1e-9 * direct.rest[i]!));
          // A base shared with other views (another Afnemer's, Logius') changes nothing.
          const base = loadBase(input);
          loadView({ ...input, ownAfnemer: OINS.find((o) => o !== own)! }, base);
          loadView({ ...input, ownAfnemer: null }, base);
          expect(loadView(input, base)).toEqual(view);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** Thirteen Afnemers, so that the ten largest and "Overige Afnemers" both occur. */
const MANY = Array.from({ length: 13 }, (_, i) => `0000000100000000${String(i).padStart(4, '0')}`);

/**
 * The brute force: per 15-minute bucket and Afnemer, each counting window's share of its volume, summed window by
 * window; combined per UTC hour or Amsterdam day by a key per bucket.
 */
function viewBrute(windows: readonly PlanWindow[], fromBucket: number, toBucket: number, bucket: '15m' | '1h' | '1d') {
  const n = toBucket - fromBucket;
  const byAfnemer = new Map<string, number[]>();
  const concept = new Array<number>(n).fill(0);
  for (const w of windows) {
    if (!windowCounts(w)) continue;
    const series = byAfnemer.get(w.afnemer) ?? new Array<number>(n).fill(0);
    byAfnemer.set(w.afnemer, series);
    for (let i = 0; i < n; i++) {
      const a = (fromBucket + i) * BUCKET_MS;
      const overlap = Math.min(w.end, a + BUCKET_MS) - Math.max(w.start, a);
      if (overlap <= 0) continue;
      series[i]! += (w.volume * overlap) / (w.end - w.start);
      if (w.status === 'concept') concept[i]! += (w.volume * overlap) / (w.end - w.start);
    }
  }
  const keyOf = (i: number) => {
    const ms = (fromBucket + i) * BUCKET_MS;
    return bucket === '15m' ? ms : bucket === '1h' ? Math.floor(ms / (4 * BUCKET_MS)) : amsterdamDayNumber(ms);
  };
  const startOf = (key: number) => new Date(bucket === '15m' ? key : bucket === '1h' ? key * 4 * BUCKET_MS : amsterdamDayStart(key)).toISOString();
  const starts = Array.from({ length: n }, (_, i) => keyOf(i))
    .filter((key, i, keys) => i === 0 || key !== keys[i - 1])
    .map(startOf);
  const combined = (xs: readonly number[]) => {
    const out: number[] = [];
    xs.forEach((x, i) => {
      if (i === 0 || keyOf(i) !== keyOf(i - 1)) out.push(0);
      out[out.length - 1]! += x;
    });
    return out;
  };
  const sum = (a: readonly number[], b: readonly number[]) => a.map((x, i) => x + b[i]!);
  const total = [...byAfnemer.values()].reduce(sum, new Array<number>(n).fill(0));
  return { byAfnemer, total, concept, combined, sum, n, starts };
}

const near = (got: readonly number[], want: readonly number[]) => {
  expect(got).toHaveLength(want.length);
  got.forEach((x, i) => expect(Math.abs(x - want[i]!)).toBeLessThanOrEqual(0.01 + 1e-9 * Math.abs(want[i]!)));
};

describe('loadView', () => {
  it('gives the load, its parts and every series as the brute force sums them, for Logius (ten largest and the rest) and a planner', () => {
    fc.assert(
      fc.property(
        scenarioArb({ maxWindows: 40, days: 3 }),
        fc.constantFrom('15m' as const, '1h' as const, '1d' as const),
        fc.constantFrom(null, ...MANY.slice(0, 4), '00000009999999999999'),
        (s, bucket, own) => {
          const windows = s.windows.map((w) => ({ ...w, afnemer: MANY[(w.id * 7) % MANY.length]! }));
          const from = s.fromBucket * BUCKET_MS;
          const to = s.toBucket * BUCKET_MS;
          const input = { from, to, bucket, windows, maintenance: s.maintenance, profile: profileRow(s.profile), names, ownAfnemer: own };
          const view = loadView(input);
          const brute = viewBrute(windows, s.fromBucket, s.toBucket, bucket);
          expect(view.starts).toEqual(brute.starts);
          near(view.load, brute.combined(brute.total));
          near(view.loadConcept, brute.combined(brute.concept));
          near(view.loadDefinitief, brute.combined(brute.total.map((x, i) => x - brute.concept[i]!)));
          const zeros = new Array<number>(brute.n).fill(0);
          if (own !== null) {
            expect(view.afnemers.map((a) => a.key)).toEqual([own, 'rest']);
            const mine = brute.byAfnemer.get(own) ?? zeros;
            near(view.afnemers[0]!.load, brute.combined(mine));
            near(view.afnemers[1]!.load, brute.combined(brute.total.map((x, i) => x - mine[i]!)));
            return;
          }
          // The ten largest over the range (ties in any order), each as its windows sum, then the others together.
          const totals = new Map(
            [...brute.byAfnemer].map(([oin, xs]) => [oin, xs.reduce((a, b) => a + b, 0)]).filter(([, t]) => (t as number) > 0) as [string, number][],
          );
          const keys = view.afnemers.map((a) => a.key);
          const top = keys.filter((k) => k !== 'overig');
          expect(top).toHaveLength(Math.min(10, totals.size));
          const lowestTop = Math.min(...top.map((k) => totals.get(k)!));
          for (const [oin, t] of totals) if (!top.includes(oin)) expect(t).toBeLessThanOrEqual(lowestTop * (1 + 1e-9));
          top.forEach((oin, i) => {
            near(view.afnemers[i]!.load, brute.combined(brute.byAfnemer.get(oin)!));
            expect(view.afnemers[i]!.name).toBe(names.get(oin) ?? oin);
          });
          expect(keys.includes('overig')).toBe(totals.size > 10);
          if (totals.size > 10) {
            const others = [...brute.byAfnemer].filter(([oin]) => !top.includes(oin)).reduce((acc, [, xs]) => brute.sum(acc, xs), zeros);
            near(view.afnemers.at(-1)!.load, brute.combined(others));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
