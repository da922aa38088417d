import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../time/units.js';
import { OIN_A, OIN_B, scenarioArb } from './accuracy.arb.js';
import { accuracyScoresBrute } from './accuracy.brute.js';
import { accuracyMisses, MISS_NEAR_HOURS } from './misses.js';

const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('accuracyMisses', () => {
  it('accounts for every message: the misses add up to the brute-force absolute error, planned, actual and unannounced', () => {
    fc.assert(
      fc.property(scenarioArb(30), fc.constantFrom(OIN_A, OIN_B), fc.integer({ min: 0, max: 30 }), (s, afnemer, cut) => {
        const [from, to] = [s.base + cut * HOUR_MS, s.base + 30 * 24 * HOUR_MS];
        const all = accuracyMisses(s.windows, s.actuals, afnemer, s.period, from, to, Infinity);
        const rows = accuracyScoresBrute(s.windows, s.actuals, s.period, from, to).filter((r) => r.afnemer === afnemer);
        // A window (with its early and late messages) belongs to the period of its first hour, so the misses are
        // held against the brute force over the whole range.
        expect(sum(all.map((m) => m.miss))).toBeCloseTo(sum(rows.map((r) => r.absoluteError)), 3);
        expect(sum(all.map((m) => m.early + m.late)) + sum(all.filter((m) => m.kind === 'unannounced').map((m) => m.actual))).toBeCloseTo(
          sum(rows.map((r) => r.unannounced)),
          3,
        );
        expect(sum(all.map((m) => m.planned))).toBeCloseTo(sum(rows.map((r) => r.planned)), 3);
        expect(sum(all.map((m) => m.actual + m.early + m.late))).toBeCloseTo(sum(rows.map((r) => r.actual)), 3);
        for (const m of all) expect(m.miss).toBeGreaterThan(0);
        for (const m of all) {
          if (m.hours === null) continue;
          expect(sum(m.hours.map((h) => h.planned))).toBeCloseTo(m.planned, 3);
          expect(sum(m.hours.map((h) => h.actual))).toBeCloseTo(m.actual + m.early + m.late, 3);
        }
        // The top per period is the largest of all.
        const top = accuracyMisses(s.windows, s.actuals, afnemer, s.period, from, to, 2);
        for (const p of new Set(all.map((m) => m.periodStart))) {
          const want = all
            .filter((m) => m.periodStart === p)
            .map((m) => m.miss)
            .sort((a, b) => b - a)
            .slice(0, 2);
          expect(top.filter((m) => m.periodStart === p).map((m) => m.miss)).toEqual(want);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('names messages sent after a window late, before the next one early, and far ones an unannounced run', () => {
    const day = Date.UTC(2027, 0, 10, 23); // Monday 11 January 00:00
    const w = (id: number, h: number, volume: number) => ({
      id,
      afnemer: OIN_A,
      kenmerk: `A-${id}`,
      start: day + h * HOUR_MS,
      end: day + (h + 2) * HOUR_MS,
      volume,
      status: 'definitief' as const,
    });
    const windows = [w(1, 9, 2000), w(2, 15, 1000), { ...w(3, 20, 500), afnemer: OIN_B, kenmerk: 'B-3' }];
    const actuals = [
      { afnemer: OIN_A, hour: day + 9 * HOUR_MS, count: 400 }, // the campaign started slow...
      { afnemer: OIN_A, hour: day + 11 * HOUR_MS, count: 1600 }, // ...and ran an hour late
      { afnemer: OIN_A, hour: day + 14 * HOUR_MS, count: 200 }, // early for the 15:00 window
      { afnemer: OIN_A, hour: day + 15 * HOUR_MS, count: 500 },
      { afnemer: OIN_A, hour: day + 16 * HOUR_MS, count: 500 },
      { afnemer: OIN_A, hour: day + (17 + MISS_NEAR_HOURS) * HOUR_MS, count: 300 }, // a day later: nobody's
      { afnemer: OIN_A, hour: day + (18 + MISS_NEAR_HOURS) * HOUR_MS, count: 300 },
    ];
    const misses = accuracyMisses(windows, actuals, OIN_A, 'month', day - 24 * HOUR_MS, day + 72 * HOUR_MS);
    expect(misses.map((m) => [m.kind, m.kenmerk, Math.round(m.planned), Math.round(m.actual), m.early, m.late, Math.round(m.miss)])).toEqual([
      ['window', 'A-1', 2000, 400, 0, 1600, 600 + 1000 + 1600],
      ['unannounced', null, 0, 600, 0, 0, 600],
      ['window', 'A-2', 1000, 1000, 200, 0, 200],
    ]);
    expect(misses[0]!.hours).toEqual([
      { hour: day + 9 * HOUR_MS, planned: 1000, actual: 400 },
      { hour: day + 10 * HOUR_MS, planned: 1000, actual: 0 },
      { hour: day + 11 * HOUR_MS, planned: 0, actual: 1600 },
    ]);
    expect(misses[1]).toMatchObject({ start: day + (17 + MISS_NEAR_HOURS) * HOUR_MS, end: day + (19 + MISS_NEAR_HOURS) * HOUR_MS });
    // Afnemer B's window and its hours are not A's misses, nor the other way round.
    expect(accuracyMisses(windows, actuals, OIN_B, 'month', day, day + 72 * HOUR_MS)).toEqual([
      expect.objectContaining({ kenmerk: 'B-3', planned: 500, actual: 0, miss: 500 }),
    ]);
  });
});
