/**
 * The load view cut from a shared base: a planner's own-against-the-rest view takes the rest as the total less its
 * own load. It must equal summing the other Afnemers' windows (loadOwnVsRest), and a base shared by many views
 * must give each the same answer as computing it alone.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BUCKET_MS } from './bucket.js';
import { loadOwnVsRest } from './load.js';
import { loadBase, loadView } from './load-view.js';
import { OINS, scenarioArb } from './planning.arbitraries.js';
import type { CapacityProfile } from './types.js';

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
