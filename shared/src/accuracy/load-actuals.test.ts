import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadBase, loadView } from '../planning/load-view.js';
import { HOUR_MS } from '../time/units.js';
import { scenarioArb, OIN_A, OIN_B } from './accuracy.arb.js';
import { accuracyScoresBrute } from './accuracy.brute.js';
import { loadActuals, loadActualsOf, loadActualsPrepare } from './load-actuals.js';

const PROFILE = { ratesPerHour: Array<number>(168).fill(10_000), threshold: 1, warningLevel: 0.8 };

describe('loadActuals', () => {
  it('sums per bucket what the brute force counts hour by hour, aligned with the load view, for every bucket size', () => {
    fc.assert(
      fc.property(
        scenarioArb(6),
        fc.constantFrom('15m' as const, '1h' as const, '1d' as const),
        fc.constantFrom(null, OIN_A, OIN_B),
        fc.integer({ min: 0, max: 7 * 24 }),
        (s, bucket, own, knownHours) => {
          const [from, to] = [s.base, s.base + 7 * 24 * HOUR_MS];
          const known = from + knownHours * HOUR_MS;
          const view = loadView({ from, to, bucket, windows: s.windows, maintenance: [], profile: PROFILE, names: new Map(), ownAfnemer: own });
          const got = loadActuals({ from, to, bucket, windows: s.windows, actuals: s.actuals, known, ownAfnemer: own });
          expect(got.actual).toHaveLength(view.starts.length);
          expect(got.actualUnannounced).toHaveLength(view.starts.length);
          view.starts.forEach((iso, i) => {
            const start = Date.parse(iso);
            const end = view.starts[i + 1] ? Date.parse(view.starts[i + 1]!) : to;
            if (end > known) {
              expect(got.actual[i]).toBeNull();
              expect(got.actualUnannounced[i]).toBeNull();
              return;
            }
            // The brute force over the bucket's whole hours, with a quarter-hour bucket taking a quarter of its hour.
            const hourFrom = Math.floor(start / HOUR_MS) * HOUR_MS;
            const rows = accuracyScoresBrute(s.windows, s.actuals, 'week', hourFrom, Math.max(hourFrom + HOUR_MS, end)).filter(
              (r) => own === null || r.afnemer === own,
            );
            const share = (end - start) / Math.max(HOUR_MS, end - start);
            const actual = rows.reduce((n, r) => n + r.actual, 0) * share;
            const unannounced = rows.reduce((n, r) => n + r.unannounced, 0) * share;
            expect(got.actual[i]).toBeCloseTo(actual, 1);
            expect(got.actualUnannounced[i]).toBeCloseTo(unannounced, 1);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('marks an hour without any window of its Afnemer as unannounced, even when another Afnemer announced it', () => {
    const from = Date.UTC(2027, 0, 10, 23);
    const windows = [
      { id: 1, afnemer: OIN_B, kenmerk: 'B-1', start: from + 9 * HOUR_MS, end: from + 10 * HOUR_MS, volume: 100, status: 'definitief' as const },
    ];
    const actuals = [
      { afnemer: OIN_A, hour: from + 9 * HOUR_MS, count: 300 },
      { afnemer: OIN_B, hour: from + 9 * HOUR_MS, count: 100 },
    ];
    const all = loadActuals({ from, to: from + 24 * HOUR_MS, bucket: '1h', windows, actuals, known: from + 12 * HOUR_MS, ownAfnemer: null });
    expect(all.actual.slice(8, 13)).toEqual([0, 400, 0, 0, null]);
    expect(all.actualUnannounced.slice(8, 13)).toEqual([0, 300, 0, 0, null]);
    const b = loadActuals({ from, to: from + 24 * HOUR_MS, bucket: '1d', windows, actuals, known: from + 24 * HOUR_MS, ownAfnemer: OIN_B });
    expect(b).toEqual({ actual: [100], actualUnannounced: [0] });
  });

  it("gives the same from the load view's base (the windows of the week before too) and from prepared actuals kept for another plan", () => {
    fc.assert(
      fc.property(
        scenarioArb(6),
        scenarioArb(6),
        fc.constantFrom('15m' as const, '1h' as const, '1d' as const),
        fc.constantFrom(null, OIN_A, OIN_B),
        fc.integer({ min: 0, max: 7 * 24 }),
        (s, other, bucket, own, knownHours) => {
          const [from, to] = [s.base, s.base + 7 * 24 * HOUR_MS];
          const known = from + knownHours * HOUR_MS;
          // Prepared once, used against the plan it was read with and against another one (an upload in between).
          const prepared = loadActualsPrepare({ from, to, actuals: s.actuals, known, ownAfnemer: own });
          const week = 7 * 24 * HOUR_MS;
          const moved = other.windows.map((w) => ({ ...w, id: w.id + 1000, start: w.start - other.base + s.base, end: w.end - other.base + s.base }));
          // The base packs the week before `from` too: windows there announce nothing in the range.
          const before = s.windows.map((w) => ({ ...w, id: w.id + 2000, start: w.start - week, end: w.end - week }));
          for (const windows of [s.windows, [...before, ...moved]]) {
            const base = loadBase({ from, to, windows, maintenance: [], profile: PROFILE });
            expect(loadActualsOf(prepared, base, bucket)).toEqual(loadActuals({ from, to, bucket, windows, actuals: s.actuals, known, ownAfnemer: own }));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
