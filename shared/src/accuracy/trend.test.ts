import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HOUR_MS } from '../time/units.js';
import { accuracyScores } from './accuracy.js';
import { scenarioArb } from './accuracy.arb.js';
import { accuracyScoresBrute } from './accuracy.brute.js';
import { accuracyPeriodStart } from './period.js';
import { TREND_LEVEL_POINTS, accuracyTrends, trendDirection, trendPeriodStarts } from './trend.js';

describe('accuracyTrends', () => {
  it('gives per Afnemer the score each period has on its own, by the brute force period by period', () => {
    fc.assert(
      fc.property(scenarioArb(70), fc.integer({ min: 1, max: 6 }), (s, count) => {
        const end = accuracyPeriodStart(s.base + 60 * 24 * HOUR_MS, s.period);
        const starts = trendPeriodStarts(end, s.period, count);
        const fast = accuracyTrends(accuracyScores(s.windows, s.actuals, s.period, Math.min(s.base, starts[0]!), end), starts);
        // Brute force: each period on its own, its score looked up per Afnemer.
        const afnemers = [...new Set([...s.windows.map((w) => w.afnemer), ...s.actuals.map((a) => a.afnemer)])].sort();
        const expected = afnemers
          .map((afnemer) => {
            const scores = starts.map((start, i) => {
              const next = starts[i + 1] ?? end;
              return accuracyScoresBrute(s.windows, s.actuals, s.period, start, next).find((r) => r.afnemer === afnemer)?.score ?? null;
            });
            return { afnemer, scores };
          })
          .filter((r) => r.scores.some((x) => x !== null));
        expect(fast.map((r) => r.afnemer)).toEqual(expected.map((r) => r.afnemer));
        fast.forEach((r, i) => {
          const want = expected[i]!.scores;
          expect(r.scores.map((x) => x === null)).toEqual(want.map((x) => x === null));
          r.scores.forEach((x, j) => x !== null && expect(Math.abs(x - want[j]!)).toBeLessThanOrEqual(1));
          expect(r.direction).toBe(trendDirection(r.scores));
        });
      }),
      { numRuns: 20 },
    );
  });

  it('takes the periods that end at the given start, oldest first, across DST', () => {
    const april = Date.UTC(2027, 3, 30, 22); // 1 May 00:00 summer time
    expect(trendPeriodStarts(april, 'month', 3)).toEqual([Date.UTC(2027, 0, 31, 23), Date.UTC(2027, 1, 28, 23), Date.UTC(2027, 2, 31, 22)]);
    // A range ending inside a period ends with that period.
    expect(trendPeriodStarts(april, 'quarter', 2)).toEqual([Date.UTC(2026, 11, 31, 23), Date.UTC(2027, 2, 31, 22)]);
  });
});

describe('trendDirection', () => {
  it('compares the last score with the one before, skipping empty periods', () => {
    expect(trendDirection([40, null, 60, null])).toBe('up');
    expect(trendDirection([90, 80])).toBe('down');
    expect(trendDirection([70, 70 + TREND_LEVEL_POINTS - 1])).toBe('level');
    expect(trendDirection([null, 55, null])).toBeNull();
    expect(trendDirection([])).toBeNull();
  });
});
